"""What goes in a card, part by part: one plan that the text card and the HTML card both render.

The command line's card (``eucoop show``), the notebook's card of
:meth:`Registry.card <eucoop.Registry.card>` and an entity's own
``_repr_html_`` are all drawn from :func:`entity_plan`: the labelled lines,
the sections, who takes part, what an organisation takes part in, its bodies
and the citations, in that order. The renderers decide only how each part
looks (names with ids and links in HTML, names wrapped to the terminal in
text); which parts there are, and in which order, is decided here once.

An entity's own card knows no registry for sure (the same entity may sit in
a registry and in its as-of views, each with other bodies and roles), so it
leaves out what only a registry knows and says how to ask for the full card:
:attr:`EntityPlan.more`.
"""

from __future__ import annotations

from typing import Any

import attrs

from eucoop._display.common import (
    capitalised,
    joined_text,
    line_fields,
    line_items,
    section_fields,
)
from eucoop._model import Document, Entity, FieldInfo, Organisation, Participant, Source
from eucoop._registry import Registry

__all__ = [
    "BODIES",
    "PARTICIPANTS",
    "TAKES_PART_IN",
    "EntityPlan",
    "Line",
    "Section",
    "Taking",
    "cited_by",
    "entity_plan",
    "lines_of",
]

#: The line naming an organisation's bodies (the organisations whose parent it is).
BODIES = "Bodies"
#: The section of who takes part in an entity.
PARTICIPANTS = "Participants"
#: The section of what an organisation takes part in.
TAKES_PART_IN = "Takes part in"


@attrs.frozen
class Line:
    """A labelled line of a card: its items in order, and the text between them.

    *refers*: the items are ids of entities (shown by name); *url*: they are web addresses.
    """

    label: str
    items: tuple[Any, ...]
    between: str = "; "
    refers: bool = False
    url: bool = False


def lines_of(value: object) -> list[Line]:
    """The lines of the fields of *value* that are set, in the order :func:`line_fields` gives.

    >>> from eucoop._model import Money, Programme
    >>> programme = Programme(id="p", name="P", budget=Money.parse(5, "EUR"))
    >>> [(x.label, x.items) for x in lines_of(programme)]
    [('Budget', (Money(amount=Decimal('5'), currency='EUR'),))]
    """
    out: list[Line] = []
    for f in line_fields(type(value)):
        joined = joined_text(f, value)
        if joined is not None:
            items, between = [joined] if joined else [], ""
        else:
            items, between = line_items(f, getattr(value, f.name))
        if items:
            url = f.meta.pattern == "url"
            out.append(
                Line(capitalised(f.label), tuple(items), between, bool(f.meta.refers_to), url)
            )
    return out


@attrs.frozen
class Section:
    """A section of a card under its heading: a field's value that does not fit a line."""

    heading: str
    field: FieldInfo
    value: Any


@attrs.frozen
class Taking:
    """A row of :data:`PARTICIPANTS` or :data:`TAKES_PART_IN`: the entity on the other side.

    *kind* is that entity's kind, said in :data:`TAKES_PART_IN` (there, it can be anything).
    """

    ident: str
    part: Participant
    kind: str = ""


@attrs.frozen
class EntityPlan:
    """The parts of an entity's card, in order; a renderer shows those that are not empty."""

    entity: Entity
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    participants: tuple[Taking, ...]
    takes_part_in: tuple[Taking, ...]
    cited: tuple[tuple[str, Source], ...]
    #: How to get the full card, when this one leaves out what only a registry knows.
    more: str = ""


def entity_plan(e: Entity, reg: Registry | None, *, full: bool = True) -> EntityPlan:
    """The card of *e*: with *full* and a registry, with its bodies and what it takes part in.

    Without them, an organisation's card says in :attr:`EntityPlan.more` how
    to get the full one (``reg.card('iom')``).
    """
    lines = lines_of(e)
    takes: tuple[Taking, ...] = ()
    more = ""
    if isinstance(e, Organisation):
        if full and reg is not None:
            bodies = reg.children(e)
            if bodies:
                lines.append(Line(BODIES, tuple(b.id for b in bodies), refers=True))
            takes = tuple(
                Taking(o.id, p, o.kind_name) for o, p in reg.roles(e, include_bodies=False)
            )
        else:
            more = f"reg.card({e.id!r})"
    sections: list[Section] = []
    cited = [("", s) for s in e.sources]
    for f in section_fields(type(e)):
        value = getattr(e, f.name)
        if value:
            sections.append(Section(capitalised(f.label), f, value))
            cited += [(f"{f.name}: ", s) for s in getattr(value, "sources", ())]
    participants = tuple(Taking(p.organisation, p) for p in e.participants)
    return EntityPlan(e, tuple(lines), tuple(sections), participants, takes, tuple(cited), more)


def cited_by(reg: Registry, doc: Document) -> list[Entity]:
    """The entities of *reg* that cite *doc*, their partnerships' citations included."""
    return [e for e in reg if any(s.document == doc.id for s in reg.provenance(e))]
