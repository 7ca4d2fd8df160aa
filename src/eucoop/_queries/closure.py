"""What a set of entities refers to, transitively: a data file that loads on its own.

A result's entities name other records by id: an organisation its parent,
an entity its participants and the documents its sources cite, a
participant the framework it takes part under, a partnership the agreements
that formalise it. Which fields hold ids is read from the model (``refers_to``
in each field's metadata), so a new reference field is followed without an
edit here.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eucoop._loading import SCHEMA_VERSION, data_file, unstructure
from eucoop._model import KINDS, Document, Entity, fields_of, per_class
from eucoop._queries import indexes
from eucoop._text import and_join

__all__ = ["closure", "data_of", "joined", "portable", "references"]

#: One field of a class as the walk reads it: its name, whether it holds ids, many or one,
#: and the class of its records if it holds records.
_Step = tuple[str, bool, bool, type | None]


@per_class
def _steps(cls: type) -> tuple[_Step, ...]:
    out: list[_Step] = []
    for f in fields_of(cls):
        if f.meta.refers_to is not None:
            out.append((f.name, True, f.many, None))
        elif f.nested is not None:
            out.append((f.name, False, f.many, f.nested))
    return tuple(out)


def references(value: object) -> Iterator[str]:
    """Every id *value* (an entity, a document or a record) refers to, its records' included.

    >>> import eucoop
    >>> sorted(set(references(eucoop.load()["eeas"])))  # its parent, the documents it cites
    ['dg-home-io', 'ec-newsroom-eeas', 'eeas-establishing', 'eu', 'loc-eeas']
    """
    for name, ids, many, nested in _steps(type(value)):
        held = getattr(value, name)
        if held is None:
            continue
        items = held if many else (held,)
        if ids:
            yield from items
        elif nested is not None:
            for item in items:
                yield from references(item)


def closure(
    items: Iterable[Entity | Document], source: Mapping[str, Entity | Document] | None
) -> tuple[list[Entity], list[Document]]:
    """*items* and everything they refer to, transitively: entities, then documents.

    References are looked up among *items*, then in *source* (a registry's
    entities and documents by id). One found in neither is a
    :class:`ValueError` naming it: the result would not load on its own.
    """
    given = list(items)
    own = {x.id: x for x in given}
    lookup = source if source is not None else {}
    entities: dict[str, Entity] = {}
    documents: dict[str, Document] = {}
    missing: dict[str, None] = {}
    pending: list[Any] = given
    while pending:
        x = pending.pop()
        held: dict[str, Any] = documents if isinstance(x, Document) else entities
        if x.id in held:
            continue
        held[x.id] = x
        for ident in references(x):
            if ident in entities or ident in documents:
                continue
            found = own.get(ident) or lookup.get(ident)
            if found is None:
                missing[ident] = None
            else:
                pending.append(found)
    if missing:
        ids = and_join([repr(i) for i in missing])
        msg = (
            f"these results refer to what they do not hold and cannot find: {ids}"
            " (results made by a registry's queries know where to look)"
        )
        raise ValueError(msg)
    return list(entities.values()), list(documents.values())


def portable(
    items: Iterable[Entity | Document], source: Mapping[str, Entity | Document] | None
) -> dict[str, Entity | Document] | None:
    """The part of *source* a pickle of *items* keeps: what they reach, by id (None: no source).

    A pickled result so holds what it holds and what that refers to, never the
    whole registry, and its ``to_dict`` still works.
    """
    if source is None:
        return None
    try:
        entities, documents = closure(items, source)
    except ValueError:  # pragma: no cover - a registry's results reach only what it holds
        return None
    kept: dict[str, Entity | Document] = {e.id: e for e in entities}
    kept.update((d.id, d) for d in documents)
    return kept


def data_of(
    items: Iterable[Entity | Document], source: Mapping[str, Entity | Document] | None
) -> dict[str, Any]:
    """The data-file dict of the :func:`closure` of *items*, each kind sorted by id."""
    entities, documents = closure(items, source)
    kinds = KINDS.snapshot()
    by_kind = indexes.by_kind(entities, kinds)
    collections = {k.collection: items for k, items in zip(kinds, by_kind, strict=True)}
    data = data_file()(
        schema_version=SCHEMA_VERSION,
        documents=indexes.sorted_by_id(documents),
        **collections,
    )
    return unstructure(data)  # type: ignore[no-any-return] # a dict for a DataFile


def joined(*parts: object) -> Mapping[str, Entity | Document] | None:
    """Where the entities of results added up come from: each one's source, the first's first."""
    sources: list[Mapping[str, Entity | Document]] = []
    for part in parts:
        source = getattr(part, "_source", None)
        if source is not None and all(source is not s for s in sources):
            sources.append(source)
    if len(sources) < 2:
        return sources[0] if sources else None
    return ChainMap(*sources)  # type: ignore[arg-type] # read-only use
