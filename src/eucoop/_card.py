"""A card: all a registry says about one entity or document, as ``eucoop show`` prints it."""

from __future__ import annotations

from typing import Any

import attrs

from eucoop._model import Document, Entity
from eucoop._render import html, summary

__all__ = ["Card"]


@attrs.frozen(repr=False)
class Card:
    """The full card of an entity or a document, read from the registry that holds it.

    :meth:`Registry.card` makes one. It holds what ``eucoop show`` prints, in
    the same parts and order: an entity's fields and sections, who takes part
    in it, an organisation's bodies and what it takes part in, the sources;
    a document's fields and the entities citing it. In a notebook it shows as
    HTML; its ``repr`` and ``str`` are the command line's text.

    An entity shown alone (``reg["iom"]``) gets a card too, but without what
    only a registry knows (its bodies and roles differ between a registry and
    its :meth:`~Registry.as_of` views); that card names the call that gives
    this one.

    >>> import eucoop
    >>> card = eucoop.load().card("IOM")
    >>> card.item.id
    'iom'
    >>> print(str(card).splitlines()[0])
    International Organization for Migration (IOM)
    >>> "Takes part in" in str(card), "Takes part in" in card._repr_html_()
    (True, True)
    """

    #: The entity or document the card is about.
    item: Entity | Document
    #: The :class:`Registry` it reads names, bodies, roles and citations from.
    registry: Any = attrs.field(eq=False)

    def __repr__(self) -> str:
        return summary(self)

    def __str__(self) -> str:
        return summary(self)

    def _repr_html_(self) -> str:
        return html(self)
