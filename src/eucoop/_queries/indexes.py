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
    Organisation,
    Participant,
    PolicyArea,
    Programme,
)
from eucoop._text import fold

__all__ = [
    "Roles",
    "ancestors",
    "by_area",
    "sorted_by_id",
    "by_country",
    "by_kind",
    "by_region",
    "children",
    "roles",
]


def by_kind(entities: Iterable[Entity]) -> list[tuple[Any, ...]]:
    """The entities of each kind, in the order of :data:`KINDS`, each sorted by id.

    Anything else among them is a :class:`TypeError`.
    """
    lists: dict[type[Entity], list[Entity]] = {k: [] for k in KINDS}
    appenders = {k: v.append for k, v in lists.items()}
    for e in _iterate(entities, "entities"):
        try:
            appenders[type(e)](e)
        except KeyError:
            expected = "an Organisation, an Agreement, a Dialogue or a Programme"
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


def roles(kinds: Iterable[Sequence[Entity]]) -> Roles:
    """Organisation id -> ``(entity, participant)`` pairs, in the order of *kinds*.

    Given the kinds sorted by id, each organisation's pairs come in kind and
    id order, so :meth:`Registry.involving` and :meth:`Registry.roles` need not sort.
    """
    out: defaultdict[str, list[tuple[Entity, Participant]]] = defaultdict(list)
    for items in kinds:
        for e in items:
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


def ancestors(org: Organisation, by_id: Mapping[str, Entity]) -> list[Organisation]:
    """The organisation's parent, its parent's parent... up to the top."""
    out: list[Organisation] = []
    node = by_id.get(org.parent) if org.parent is not None else None
    while isinstance(node, Organisation):
        out.append(node)
        node = by_id.get(node.parent) if node.parent is not None else None
    return out


def by_area(entities: Iterable[Entity]) -> dict[PolicyArea, set[str]]:
    """Policy area -> ids of the entities in it (an organisation's partnership areas too)."""
    out: defaultdict[PolicyArea, set[str]] = defaultdict(set)
    for e in entities:
        areas = e.policy_areas
        if isinstance(e, Organisation) and e.partnership is not None:
            areas = areas | e.partnership.areas
        for area in areas:
            out[area].add(e.id)
    return dict(out)


def by_country(
    organisations: Iterable[Organisation], programmes: Iterable[Programme]
) -> dict[str, set[str]]:
    """ISO country code -> ids: organisations seated there, programmes working there."""
    out: defaultdict[str, set[str]] = defaultdict(set)
    for org in organisations:
        if org.country:
            out[org.country].add(org.id)
    for prog in programmes:
        for c in prog.countries:
            out[c].add(prog.id)
    return dict(out)


def by_region(programmes: Iterable[Programme]) -> dict[str, set[str]]:
    """Folded region name -> ids of the programmes in it."""
    out: defaultdict[str, set[str]] = defaultdict(set)
    for prog in programmes:
        for r in prog.regions:
            out[fold(r)].add(prog.id)
    return dict(out)
