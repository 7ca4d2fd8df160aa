"""Finding an entity by any of its names, and suggesting names when none fits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TypeVar, overload

from eucoop._arguments import string, wrong_type
from eucoop._exceptions import AmbiguousLookupError, UnknownEntityError
from eucoop._model import COLLECTIONS, Entity, kind_of, lookup_keys, loose_keys
from eucoop._text import Nearby, fold, loose, suggest

__all__ = ["NAMED", "Names", "find_id", "of_kind", "unknown_id"]

E = TypeVar("E", bound=Entity)
T = TypeVar("T")

#: What an argument naming an entity takes, as a wrong type's message says it.
NAMED = "a name, an id or an Entity"


def unknown_id(ident: object, known: Iterable[str], argument: str = "ident") -> UnknownEntityError:
    """The error of an id none of *known* is, with close ones; a TypeError if not a string."""
    key = string(ident, argument, "an id (a string)")
    return UnknownEntityError(key, suggest(key, known, 3))


def find_id(known: Mapping[str, T], ident: object) -> T:
    """The item of *known* with id *ident*, else :func:`unknown_id`'s error."""
    try:
        return known[ident]  # type: ignore[index] # anything else is the error below
    except (KeyError, TypeError):
        raise unknown_id(ident, known) from None


@overload
def of_kind(entity: Entity, kind: type[E], asked: str | Entity) -> E: ...
@overload
def of_kind(entity: Entity, kind: str, asked: str | Entity) -> Entity: ...
def of_kind(entity: Entity, kind: type[Entity] | str, asked: str | Entity) -> Entity:
    """*entity*, found by what was *asked*, which must be of *kind*.

    *kind* is an entity class (:class:`Entity` itself takes any) or a kind's
    name, as :func:`~eucoop._model.kind_of` reads it. An entity of another
    kind is an :class:`~eucoop.UnknownEntityError`.
    """
    if isinstance(kind, type) and issubclass(kind, Entity):
        cls: type = kind
    else:
        cls = COLLECTIONS[kind_of(kind)]
    if isinstance(entity, cls):
        return entity
    key = asked if isinstance(asked, str) else asked.id
    raise UnknownEntityError.of_kind(key, entity.kind_name, cls.__name__.lower())


class Names:
    """The lookup index of a set of entities: folded names, and forgiving keys on a miss.

    A name is looked up by its folded key (:func:`eucoop._model.lookup_keys`),
    failing that by its forgiving key (:func:`eucoop._model.loose_keys`). The
    checks read the same two functions: in loaded data a folded key names one
    entity, and so does a forgiving key, unless two entities of one file
    share it (then a lookup by it is ambiguous).
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = list(entities)
        keys: dict[str, str] = {}
        setdefault = keys.setdefault
        for e in self.entities:
            ident = e.id
            for key in lookup_keys(e):
                setdefault(key, ident)
        #: folded key -> entity id.
        self.keys = keys

    def find(self, name: str, by_id: Mapping[str, Entity], argument: str = "name") -> Entity:
        """The entity with this id, name, acronym or alias (see :meth:`Registry.lookup`).

        *name* is the *argument* of that name: anything but a string is a :class:`TypeError`.
        """
        if not isinstance(name, str):
            raise wrong_type(argument, NAMED, name)
        key = fold(name)
        ident = self.keys.get(key)
        if ident is not None:
            return by_id[ident]
        found = self._loose.get(loose(name), set())
        if len(found) == 1:
            return by_id[next(iter(found))]
        if found:
            raise AmbiguousLookupError(name, sorted(found))
        raise UnknownEntityError(name, self.suggest(key, by_id))

    @cached_property
    def _loose(self) -> dict[str, set[str]]:
        """Forgiving keys (no punctuation, no leading "the"), built on the first miss."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for e in self.entities:
            ident = e.id
            for key in loose_keys(e):
                if key:
                    out[key].add(ident)
        return dict(out)

    @cached_property
    def _nearby(self) -> Nearby:
        return Nearby(self.keys)

    def suggest(self, key: str, by_id: Mapping[str, Entity]) -> list[str]:
        """Up to three names close to the folded *key*: similar spellings, then names it begins."""
        nearby = self._nearby
        close = nearby.suggest(key, n=3)
        prefixed = nearby.starting_with(key, 3) if len(key) >= 3 else []
        out: list[str] = []
        for k in [*close, *prefixed]:
            e = by_id[self.keys[k]]
            label = e.acronym or e.name
            if label not in out:
                out.append(label)
        return out[:3]
