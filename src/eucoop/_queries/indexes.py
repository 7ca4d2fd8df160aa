"""Indexes over a set of entities: who takes part in what, and what filters look up.

Each is built from the entities alone, once, when the registry first needs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

from eucoop._arguments import wrong_type
from eucoop._model import (
    KINDS,
    Document,
    Entity,
    Kind,
    Organisation,
    Participant,
    PolicyArea,
    fields_of,
    per_class,
)
from eucoop._text import a, fold

__all__ = [
    "Roles",
    "ancestors",
    "by_kind",
    "by_values",
    "children",
    "descendants",
    "family_roles",
    "roles",
    "sorted_by_id",
    "values_of",
]


def by_kind(entities: Iterable[Entity], kinds: Sequence[Kind]) -> list[tuple[Any, ...]]:
    """The entities of each of *kinds*, in that order, each sorted by id.

    Anything else among them is a :class:`TypeError`: an entity of a class
    that is not a kind says so.
    """
    lists: dict[type[Entity], list[Entity]] = {k.cls: [] for k in kinds}
    appenders = {k: v.append for k, v in lists.items()}
    for e in _iterate(entities, "entities"):
        try:
            appenders[type(e)](e)
        except KeyError:
            if isinstance(e, Entity):
                KINDS.of(type(e))  # a class that is not a kind: a TypeError that says so
            *most, last = [a(k.cls.__name__) for k in kinds]
            expected = f"{', '.join(most)} or {last}" if most else last
            raise wrong_type("every entity", expected, e) from None
    by_ident = attrgetter("id")
    return [tuple(sorted(items, key=by_ident)) for items in lists.values()]


def sorted_by_id(documents: Iterable[Document]) -> list[Document]:
    """The documents sorted by id; anything else among them is a :class:`TypeError`."""
    docs = list(_iterate(documents, "documents"))
    if set(map(type, docs)) - {Document}:  # one pass in C, not a check per document
        bad = next(d for d in docs if type(d) is not Document)
        raise wrong_type("every document", "a Document", bad)
    return sorted(docs, key=attrgetter("id"))


def _iterate(items: Iterable[Any], argument: str) -> Iterator[Any]:
    """An iterator over *items*, the *argument* of that name, which must be iterable."""
    try:
        return iter(items)
    except TypeError:
        raise wrong_type(argument, f"an iterable of {argument}", items) from None


#: Organisation id -> ``(entity, participant)`` pairs.
Roles = dict[str, list[tuple[Entity, Participant]]]


def roles(entities: Iterable[Entity]) -> Roles:
    """Organisation id -> ``(entity, participant)`` pairs, in the order of *entities*.

    Given the entities in registry order (by kind, then id), each
    organisation's pairs come in that order, so :meth:`Registry.involving` and
    :meth:`Registry.roles` need not sort.
    """
    out: defaultdict[str, list[tuple[Entity, Participant]]] = defaultdict(list)
    for e in entities:
        for p in e.participants:
            out[p.organisation].append((e, p))
    return dict(out)


def children(organisations: Iterable[Organisation]) -> dict[str, list[Organisation]]:
    """Parent id -> the organisations whose ``parent`` it is."""
    out: defaultdict[str, list[Organisation]] = defaultdict(list)
    for org in organisations:
        if org.parent is not None:
            out[org.parent].append(org)
    return dict(out)


def descendants(org: str, children: Mapping[str, Sequence[Organisation]]) -> list[str]:
    """The ids of the organisation's bodies: its children, their children... nearest first.

    Each once, even if the parents loop (a registry built without loading is not checked).
    """
    found: dict[str, None] = {org: None}
    queue = [org]
    for parent in queue:
        for child in children.get(parent, ()):
            if child.id not in found:
                found[child.id] = None
                queue.append(child.id)
    return queue[1:]


def family_roles(family: Sequence[str], by_org: Roles) -> list[tuple[Entity, Participant]]:
    """The ``(entity, participant)`` pairs of every organisation of *family*, in registry order.

    Entities come by kind, then id; the pairs of one entity in the order of its
    participants. For one organisation, they are its pairs in *by_org* as they are.
    """
    if len(family) == 1:
        return list(by_org.get(family[0], ()))
    members = frozenset(family)
    entities = {e.id: e for o in family for e, _ in by_org.get(o, ())}
    ordered = sorted(entities.values(), key=lambda e: (KINDS.position(type(e)), e.id))
    return [(e, p) for e in ordered for p in e.participants if p.organisation in members]


def ancestors(org: Organisation, by_id: Mapping[str, Entity]) -> list[Organisation]:
    """The organisation's parent, its parent's parent... up to the top."""
    out: list[Organisation] = []
    node = by_id.get(org.parent) if org.parent is not None else None
    while isinstance(node, Organisation):
        out.append(node)
        node = by_id.get(node.parent) if node.parent is not None else None
    return out


#: Where a filter finds values in an entity: ``(field, field of its record or "", many)``.
Path = tuple[str, str, bool]


@per_class
def _paths(cls: type) -> dict[str, tuple[Path, ...]]:
    """Where filters find values in an entity of *cls*, by condition.

    Read from the model: ``area`` in the policy areas of the entity and of its
    records (an organisation's partnership), ``country`` in the fields of
    country codes, ``region`` in the ``regions``.
    """
    out: dict[str, list[Path]] = {"area": [], "country": [], "region": []}
    for f in fields_of(cls):
        if f.item is PolicyArea:
            out["area"].append((f.name, "", f.many))
        elif f.meta.codes == "countries":
            out["country"].append((f.name, "", f.many))
        elif f.name == "regions":
            out["region"].append((f.name, "", f.many))
        elif f.nested is not None and not f.many:
            out["area"] += (
                (f.name, g.name, g.many) for g in fields_of(f.nested) if g.item is PolicyArea
            )
    return {k: tuple(v) for k, v in out.items()}


def values_of(entity: Entity, condition: str) -> list[Any]:
    """The values of *entity* a filter *condition* (``area``, ``country``, ``region``) matches."""
    return list(_by_values([entity], condition))


def by_values(entities: Iterable[Entity], condition: str) -> dict[Any, set[str]]:
    """What a filter *condition* matches -> ids of the entities with it (see :func:`values_of`).

    Regions are folded (case and accents aside).
    """
    out = _by_values(entities, condition)
    if condition != "region":
        return dict(out)
    folded: defaultdict[str, set[str]] = defaultdict(set)
    for region, ids in out.items():
        folded[fold(region)] |= ids
    return dict(folded)


def _by_values(entities: Iterable[Entity], condition: str) -> defaultdict[Any, set[str]]:
    """Each value at the paths of *condition* -> the ids of the entities with it."""
    out: defaultdict[Any, set[str]] = defaultdict(set)
    plans: dict[type, tuple[Path, ...]] = {}
    for e in entities:
        paths = plans.get(type(e))
        if paths is None:
            paths = plans[type(e)] = _paths(type(e))[condition]
        for head, tail, many in paths:
            value = getattr(e, head)
            if tail:
                if value is None:
                    continue
                value = getattr(value, tail)
            if many:
                for v in value:
                    out[v].add(e.id)
            elif value is not None:
                out[value].add(e.id)
    return out
