"""What every entity has, and the names it is looked up by.

:class:`Entity` holds the fields every kind shares; the kinds themselves are
in :mod:`~eucoop._model.entities`, each declared as a kind with
:func:`~eucoop._model.kinds.entity_kind`. :func:`key_names` is the one
answer to "which names find this entity?": each as a ``(field path, text)``
pair, from which the folded keys of a lookup (:func:`lookup_keys`) and its
forgiving keys (:func:`loose_keys`) are made.
"""

from functools import lru_cache
from typing import ClassVar

import attrs

from eucoop._model.enums import PolicyArea
from eucoop._model.fields import meta
from eucoop._model.typecheck import typed
from eucoop._model.values import Participant, Repr, Source
from eucoop._text import fold, loose

__all__ = ["Entity", "KeyName", "key_names", "lookup_keys", "loose_keys"]


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Entity(Repr):
    """Fields every entity has. Not instantiated itself: use one of the kinds."""

    #: The plural key of this kind in a data file (``"organisations"``...), set by
    #: :func:`~eucoop._model.kinds.entity_kind` when the class is declared a kind.
    collection: ClassVar[str] = ""

    id: str = attrs.field(metadata=meta(pattern="id", search=8.0))
    name: str = attrs.field(metadata=meta(nonempty=True, search=8.0))
    acronym: str | None = attrs.field(default=None, metadata=meta(nonempty=True, search=10.0))
    aliases: tuple[str, ...] = attrs.field(
        default=(), metadata=meta(nonempty=True, search=6.0, label="also called")
    )
    description: str | None = attrs.field(default=None, metadata=meta(search=3.0))
    policy_areas: frozenset[PolicyArea] = frozenset()
    participants: tuple[Participant, ...] = attrs.field(
        default=(), metadata=meta(export="organisations")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(),
        metadata=meta(min_items=1, export="skip", empty_message="must cite at least one source"),
    )

    @property
    def kind_name(self) -> str:
        """The class name in lower case: ``"organisation"``, ``"programme"``..."""
        return type(self).__name__.lower()

    @property
    def label(self) -> str:
        """The name, with the acronym when there is one: ``"International ... (IOM)"``."""
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


#: A name an entity is looked up by: the path of its field, and its text. A plain
#: pair: a load makes a few for every entity, and a named tuple costs twice as much.
KeyName = tuple[str, str]


@lru_cache(maxsize=64)
def _alias_paths(n: int) -> tuple[str, ...]:
    return tuple(f"aliases[{i}]" for i in range(n))


def key_names(entity: Entity) -> list[KeyName]:
    """The names an entity is looked up by: its id, name, acronym and aliases, in that order.

    Each with the path of its field, for messages about it.

    >>> key_names(Entity(id="x", name="Ex", aliases=("The Ex",)))
    [('id', 'x'), ('name', 'Ex'), ('aliases[0]', 'The Ex')]
    """
    names = [("id", entity.id), ("name", entity.name)]
    if entity.acronym is not None:
        names.append(("acronym", entity.acronym))
    aliases = entity.aliases
    if aliases:
        names.extend(zip(_alias_paths(len(aliases)), aliases, strict=True))
    return names


def lookup_keys(entity: Entity) -> list[str]:
    """The key of each of :func:`key_names`: the id as it is, names folded as lookups fold them.

    Names, acronyms and aliases are folded with :func:`eucoop._text.fold`
    (case, accents and spacing do not count).

    >>> lookup_keys(Entity(id="x", name="Ex", acronym="EX", aliases=("The  Ex",)))
    ['x', 'ex', 'ex', 'the ex']
    """
    names = key_names(entity)
    return [entity.id, *(fold(text) for _, text in names[1:])]


def loose_keys(entity: Entity) -> list[str]:
    """The forgiving key of each of :func:`key_names`, which a lookup tries when no key fits.

    Made by :func:`eucoop._text.loose` (punctuation and a leading "the" do not
    count either), the function a lookup applies to what it is asked. Two
    texts with the same folded key have the same forgiving key, so two
    entities that share no forgiving key share no key at all, and no lookup
    can take one for the other.

    >>> loose_keys(Entity(id="un-x", name="The U.N. X", acronym="UNX!"))
    ['un x', 'un x', 'unx']
    """
    return [loose(text) for _, text in key_names(entity)]
