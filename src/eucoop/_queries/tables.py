"""Tables and graphs: the tables of the exports, pandas DataFrames, networkx graphs.

Every table the exports write is a :class:`Table` here: its columns (name,
Python type, the table they refer to), its key, and how its rows are made
(from :mod:`~eucoop._queries.rows`). The CSV and SQLite writers,
``to_records`` and ``to_dataframe`` all read these, and the docs' column
reference is generated from them, so they cannot disagree.

pandas and networkx are optional extras, imported only when used.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from eucoop._arguments import wrong_type
from eucoop._model import (
    KINDS,
    Document,
    Entity,
    Kind,
    PartialDate,
    Participant,
    Session,
    Source,
    fields_of,
    kind_of,
)
from eucoop._queries.rows import (
    POSITION,
    SCOPE,
    SEP,
    TIMELINE_COLUMNS,
    Column,
    Row,
    citations,
    cited_records,
    columns,
    items_of,
    owner_column,
    record_columns,
    records,
    rows_of,
    timeline_rows,
)
from eucoop._queries.time import TimelineEntry, timeline_entries

if TYPE_CHECKING:
    from eucoop._queries.search import Hit

__all__ = [
    "DATETIME",
    "DTYPES",
    "START",
    "Table",
    "all_tables",
    "entities_frame",
    "find_table",
    "first_day",
    "frame",
    "hits_frame",
    "optional",
    "provenance_frame",
    "roles_frame",
    "table_frame",
    "table_names",
    "table_records",
    "timeline_frame",
]

#: The pandas dtype of a column, by the Python type of its values. Every one
#: holds ``<NA>`` for a missing value; amounts stay exact Decimals (pandas has
#: no exact decimal dtype of its own), in an ``object`` column, as do values of
#: any type (a diff's old and new values).
DTYPES: dict[type, str] = {
    str: "string",
    int: "Int64",
    bool: "boolean",
    float: "Float64",
    Decimal: "object",
    object: "object",
}


#: The suffix of the datetime column a DataFrame has beside each column of partial dates.
START = "_start"
#: Its dtype: whole seconds, which reach years before 1677 (nanoseconds do not).
DATETIME = "datetime64[s]"


def first_day(iso: str) -> dt.datetime:
    """The first day a partial date in ISO form covers, at midnight (a DataFrame's ``_start``).

    >>> first_day("2016-12")
    datetime.datetime(2016, 12, 1, 0, 0)
    """
    year, month, day = PartialDate.parse(iso).first_day()
    return dt.datetime(year, month, day)  # a calendar day, no time zone


class Table(NamedTuple):
    """A table of the exports: its name, columns, primary key, rows and what a row is.

    ``rows`` makes the rows from the entities and the documents.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rows: Callable[[Sequence[Entity], Sequence[Document]], list[Row]]
    row_is: str


def _kind_table(kind: Kind) -> Table:
    cls = kind.cls
    cols = tuple(
        c._replace(refers_to="entities", required=True) if c.name == "id" else c
        for c in columns(cls)
    )

    def rows(entities: Sequence[Entity], _docs: Sequence[Document]) -> list[Row]:
        return records(e for e in entities if type(e) is cls)

    return Table(kind.collection, cols, ("id",), rows, f"one {kind.noun}")


def _kind_of(item: Entity | Document) -> str:
    return item.kind_name if isinstance(item, Entity) else "document"


#: The ``kind`` column of a table of entities of several kinds.
KIND = Column("kind", str, _kind_of, required=True)


#: The columns of the ``participants`` table: the entity, the position, the participant.
PARTICIPANT_COLUMNS = (
    owner_column("entity_id", "entities"),
    POSITION,
    *record_columns(Participant),
)


def _sessions_table(kinds: Sequence[Kind]) -> Table:
    """One row per session of the kinds that have sessions (a field exported as ``sessions``)."""
    fields = {f.name: k for k in kinds for f in fields_of(k.cls) if f.meta.export == "sessions"}
    owners = list(dict.fromkeys(fields.values()))
    only = owners[0] if len(owners) == 1 else None
    owner = (
        owner_column("entity_id", "entities")
        if only is None
        else owner_column(f"{only.noun}_id", only.collection)
    )
    cols = (owner, POSITION, *record_columns(Session))

    def rows(entities: Sequence[Entity], _docs: Sequence[Document]) -> list[Row]:
        return rows_of(cols, (i for name in fields for i in items_of(entities, name)))

    what = f"one session of {'an entity' if only is None else 'a ' + only.noun}"
    return Table("sessions", cols, (owner.name, "position"), rows, what)


def all_tables() -> dict[str, Table]:
    """Every table of :func:`table_names`, by name (made once for each set of kinds)."""
    return _all_tables(KINDS.snapshot())


@lru_cache(maxsize=4)
def _all_tables(kinds: tuple[Kind, ...]) -> dict[str, Table]:
    doc_cols = tuple(c._replace(required=True) if c.name == "id" else c for c in columns(Document))
    shared = {c.name: c for c in columns(Entity)}
    entity_cols = (
        shared["id"]._replace(required=True),
        KIND._replace(choices=tuple(k.noun for k in kinds)),
        shared["name"],
        shared["acronym"],
    )
    source_cols = (
        owner_column("entity_id", "entities"),
        SCOPE._replace(
            choices=("entity", *dict.fromkeys(n for k in kinds for n in cited_records(k.cls)))
        ),
        POSITION,
        *record_columns(Source),
    )
    found = [
        Table(
            "entities",
            entity_cols,
            ("id",),
            lambda entities, _d: rows_of(entity_cols, entities),
            "one entity of any kind",
        ),
        Table("documents", doc_cols, ("id",), lambda _e, docs: records(docs), "one document"),
        *(_kind_table(k) for k in kinds),
        Table(
            "participants",
            PARTICIPANT_COLUMNS,
            ("entity_id", "position"),
            lambda entities, _d: rows_of(PARTICIPANT_COLUMNS, items_of(entities, "participants")),
            "one organisation taking part in an entity",
        ),
        Table(
            "sources",
            source_cols,
            ("entity_id", "scope", "position"),
            lambda entities, _d: rows_of(source_cols, citations(entities)),
            "one citation",
        ),
        _sessions_table(kinds),
        Table(
            "timeline",
            TIMELINE_COLUMNS,
            ("entity_id", "field"),
            lambda entities, _d: timeline_rows(timeline_entries(entities)),
            "one dated fact, in date order",
        ),
    ]
    return {t.name: t for t in found}


def table_names() -> tuple[str, ...]:
    """Every table ``to_dataframe``, CSV and SQLite give, in the order they are written.

    >>> table_names()[:4]
    ('entities', 'documents', 'organisations', 'agreements')
    """
    return tuple(all_tables())


def find_table(name: type | str) -> Table:
    """The table of a table name, or of a kind as :func:`~eucoop._model.kind_of` reads it.

    >>> find_table("Programme").name, find_table("participants").key
    ('programmes', ('entity_id', 'position'))
    """
    if not isinstance(name, str | type):
        raise wrong_type("kind", "a class, or the name of a kind or a table", name)
    tables = all_tables()
    if isinstance(name, str) and name.strip().lower() in tables:
        return tables[name.strip().lower()]
    try:
        return tables[kind_of(name, documents=True)]
    except ValueError:
        shown = name.__name__ if isinstance(name, type) else repr(name)
        msg = f"unknown kind or table {shown}; expected one of: {', '.join(tables)}"
        raise ValueError(msg) from None


def table_records(
    name: type | str, entities: Sequence[Entity], documents: Sequence[Document]
) -> list[Row]:
    """The rows of one table (see :func:`table`), from the entities and documents."""
    return find_table(name).rows(entities, documents)


# -- DataFrames ------------------------------------------------------------------


def optional(module: str, extra: str, what: str) -> Any:
    """Import an optional extra, or say which one to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"{what} needs {module}, which is not installed: pip install 'eucoop[{extra}]'"
        raise ModuleNotFoundError(msg, name=module) from None


def frame(cols: Sequence[Column], rows: Sequence[Row], index: str | None = None) -> Any:
    """A pandas DataFrame of *rows*, each column of the nullable dtype of its type.

    Missing values are ``<NA>`` in every column (:data:`DTYPES`); *index* names
    the column to index by, if any.
    """
    pd = optional("pandas", "pandas", "to_dataframe")
    data = {}
    for c in cols:
        values = [r[c.name] for r in rows]
        if DTYPES[c.type] == "object":
            data[c.name] = pd.array([pd.NA if v is None else v for v in values], dtype=object)
        else:
            data[c.name] = pd.array(values, dtype=DTYPES[c.type])
        if c.dated:
            data[f"{c.name}{START}"] = pd.array(
                [None if v is None else first_day(str(v)) for v in values], dtype=DATETIME
            )
    out = pd.DataFrame(data)
    return out if index is None else out.set_index(index)


def _frame_of(t: Table, rows: Sequence[Row]) -> Any:
    return frame(t.columns, rows, "id" if t.key == ("id",) else None)


def table_frame(name: type | str, entities: Sequence[Entity], documents: Sequence[Document]) -> Any:
    """A pandas DataFrame of one table: indexed by id when that is its key, else numbered."""
    t = find_table(name)
    return _frame_of(t, t.rows(entities, documents))


def entities_frame(
    entities: Sequence[Entity | Document], through: Sequence[tuple[str, ...]] | None = None
) -> Any:
    """A DataFrame of any entities (or documents), indexed by id, for ``Results.to_dataframe()``.

    Entities of one kind get that kind's columns, documents the documents'.
    A mix gets ``kind`` (the entity's kind) and the columns every kind in it
    shares. *through*, one tuple of ids per entity, adds a ``through`` column
    (``Involvement.to_dataframe()``).
    """
    if through is not None:
        out = entities_frame(entities)
        pd = optional("pandas", "pandas", "to_dataframe")
        out["through"] = pd.array([SEP.join(t) or None for t in through], dtype="string")
        return out
    kinds = list(dict.fromkeys(type(e) for e in entities))
    if len(kinds) == 1:
        return frame(columns(kinds[0]), records(entities), "id")
    shared = [
        c
        for c in columns(kinds[0] if kinds else Entity)
        if c.name != "kind" and all(c.name in {k.name for k in columns(t)} for t in kinds)
    ]
    cols = (shared[0], KIND._replace(required=False), *shared[1:])
    return frame(cols, rows_of(cols, entities), "id")


#: A timeline's frame: the timeline table's columns, then where each fact was written.
TIMELINE_FRAME = (*TIMELINE_COLUMNS, Column("origin", str, lambda t: t.origin or None))


def timeline_frame(entries: Iterable[TimelineEntry]) -> Any:
    """A DataFrame of timeline entries, for ``Timeline.to_dataframe()``: the timeline table.

    With an ``origin`` column (:attr:`~eucoop.TimelineEntry.origin`): the file
    or the change each fact comes from, which the exported table leaves out.
    """
    return frame(TIMELINE_FRAME, rows_of(TIMELINE_FRAME, entries))


#: The columns of a DataFrame of search hits, from one :class:`Hit`.
HIT_COLUMNS = (
    Column("id", str, attrgetter("id")),
    Column("kind", str, lambda h: h.entity.kind_name),
    Column("name", str, lambda h: h.entity.name),
    Column("score", float, attrgetter("score")),
    Column("matched", str, lambda h: SEP.join(h.fields) or None),
)


def hits_frame(hits: Iterable[Hit]) -> Any:
    """A DataFrame of search hits, indexed by id: kind, name, score and the fields matched."""
    return frame(HIT_COLUMNS, rows_of(HIT_COLUMNS, hits), "id")


def roles_frame(roles: Iterable[tuple[Entity, Participant]]) -> Any:
    """A DataFrame of roles, for ``Roles.to_dataframe()``: one numbered row per role.

    The columns are the participants table's, with the entity's kind and
    name after its id; ``position`` is the participant's place in the entity
    (the roles of one entity come in its order: two equal participants are
    two places).
    """
    cols = (
        PARTICIPANT_COLUMNS[0],
        Column("kind", str, lambda r: r[4].kind_name, required=True),
        Column("name", str, lambda r: r[4].name, required=True),
        *PARTICIPANT_COLUMNS[1:],
    )
    return frame(cols, rows_of(cols, _placed(roles)))


def _placed(roles: Iterable[tuple[Entity, Participant]]) -> list[tuple[str, str, int, Any, Entity]]:
    """Each role as an item of the participants table (with its entity after it).

    The roles of one entity come in the order of its participants, each at
    the next place that holds it.
    """
    out = []
    next_place: dict[str, int] = {}
    for e, p in roles:
        start = next_place.get(e.id, 0)
        i = next(
            (i for i, q in enumerate(e.participants) if i >= start and q == p),
            start,
        )
        next_place[e.id] = i + 1
        out.append((e.id, "entity", i, p, e))
    return out


def _of_document(name: str) -> Callable[[tuple[Source, Document | None]], Any]:
    return lambda item: None if item[1] is None else getattr(item[1], name)


#: The columns of a DataFrame of citations, from one ``(source, its document or None)``.
CITATION_COLUMNS = (
    Column("document_id", str, lambda item: item[0].document, "documents", required=True),
    Column("title", str, _of_document("title")),
    Column("paragraph", int, lambda item: item[0].paragraph),
    Column("fields", str, lambda item: SEP.join(item[0].fields) or None),
    Column("url", str, _of_document("url")),
)


_LAYER_COLUMNS = (
    Column("layer", str, lambda item: item[2]),
    Column("origin", str, lambda item: item[3] or None),
)


def provenance_frame(
    sources: Sequence[Source],
    documents: Mapping[str, Document],
    layers: Sequence[str],
    origins: Sequence[str],
) -> Any:
    """A DataFrame of citations, for ``Provenance.to_dataframe()``: one numbered row each.

    Each names its document, the document's title and URL (``<NA>`` where
    *documents* lacks it), the paragraph, the fields it supports, its layer
    and its origin.
    """
    cited = [
        (s, documents.get(s.document), layer, origin)
        for s, layer, origin in zip(sources, layers, origins, strict=True)
    ]
    cols = (*CITATION_COLUMNS, *_LAYER_COLUMNS)
    return frame(cols, rows_of(cols, cited))
