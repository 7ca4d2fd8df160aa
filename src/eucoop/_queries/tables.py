"""Tables and graphs: the tables of the exports, pandas DataFrames, networkx graphs.

Every table the exports write is a :class:`Table` here: its columns (name,
Python type, the table they refer to), its key, and how its rows are made
(from :mod:`~eucoop._queries.rows`). The CSV and SQLite writers,
``to_records`` and ``to_dataframe`` all read these, and the docs' column
reference is generated from them, so they cannot disagree.

pandas and networkx are optional extras, imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from eucoop._arguments import wrong_type
from eucoop._model import (
    KINDS,
    Agreement,
    Document,
    Entity,
    Organisation,
    Participant,
    Source,
    kind_of,
)
from eucoop._queries.rows import (
    SEP,
    Column,
    Row,
    cell,
    columns,
    participant_rows,
    records,
    scalar,
    session_rows,
    source_rows,
    timeline_rows,
)
from eucoop._queries.time import TimelineEntry, timeline_entries

if TYPE_CHECKING:
    from eucoop._queries.search import Hit

__all__ = [
    "DTYPES",
    "TABLE_NAMES",
    "Table",
    "all_tables",
    "entities_frame",
    "frame",
    "hits_frame",
    "optional",
    "provenance_frame",
    "roles_frame",
    "table",
    "table_frame",
    "table_records",
    "timeline_frame",
    "to_networkx",
]

#: The pandas dtype of a column, by the Python type of its values. Every one
#: holds ``<NA>`` for a missing value; amounts stay exact Decimals (pandas has
#: no exact decimal dtype of its own), in an ``object`` column.
DTYPES: dict[type, str] = {
    str: "string",
    int: "Int64",
    bool: "boolean",
    float: "Float64",
    Decimal: "object",
}


class Table(NamedTuple):
    """A table of the exports: its name, columns, primary key, rows and what a row is.

    ``rows`` makes the rows from the entities and the documents.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rows: Callable[[Sequence[Entity], Sequence[Document]], list[Row]]
    row_is: str


def _timeline(entities: Sequence[Entity]) -> list[TimelineEntry]:
    return timeline_entries(entities, [e for e in entities if isinstance(e, Organisation)])


def _kind_table(cls: type[Entity]) -> Table:
    cols = tuple(
        c._replace(refers_to="entities", required=True) if c.name == "id" else c
        for c in columns(cls)
    )

    def rows(entities: Sequence[Entity], _docs: Sequence[Document]) -> list[Row]:
        return records(e for e in entities if type(e) is cls)

    return Table(cls.collection, cols, ("id",), rows, f"one {cls.__name__.lower()}")


def _entity_rows(entities: Sequence[Entity], _docs: Sequence[Document]) -> list[Row]:
    return [
        {"id": e.id, "kind": e.kind_name, "name": e.name, "acronym": e.acronym} for e in entities
    ]


_KIND_CHOICES = tuple(k.__name__.lower() for k in KINDS)


@cache
def all_tables() -> dict[str, Table]:
    """Every table of :data:`TABLE_NAMES`, by name (made once)."""
    doc_cols = tuple(c._replace(required=True) if c.name == "id" else c for c in columns(Document))
    found = [
        Table(
            "entities",
            (
                cell("id", required=True),
                cell("kind", required=True, choices=_KIND_CHOICES),
                cell("name", required=True),
                cell("acronym"),
            ),
            ("id",),
            _entity_rows,
            "one entity of any kind",
        ),
        Table("documents", doc_cols, ("id",), lambda _e, docs: records(docs), "one document"),
        *(_kind_table(k) for k in KINDS),
        Table(
            "participants",
            (
                cell("entity_id", refers_to="entities", required=True),
                cell("position", int, required=True),
                cell("organisation_id", refers_to="organisations", required=True),
                cell("role", required=True),
                cell("since"),
                cell("until"),
                cell("note"),
            ),
            ("entity_id", "position"),
            lambda entities, _d: participant_rows(entities),
            "one organisation taking part in an entity",
        ),
        Table(
            "sources",
            (
                cell("entity_id", refers_to="entities", required=True),
                cell("scope", required=True, choices=("entity", "partnership")),
                cell("position", int, required=True),
                cell("document_id", refers_to="documents", required=True),
                cell("paragraph", int),
                cell("fields"),
            ),
            ("entity_id", "scope", "position"),
            lambda entities, _d: source_rows(entities),
            "one citation",
        ),
        Table(
            "sessions",
            (
                cell("dialogue_id", refers_to="dialogues", required=True),
                cell("position", int, required=True),
                cell("start", required=True),
                cell("end"),
                cell("place"),
                cell("note"),
            ),
            ("dialogue_id", "position"),
            lambda entities, _d: session_rows(entities),
            "one session of a dialogue",
        ),
        Table(
            "timeline",
            (
                cell("date", required=True),
                cell("first_day", required=True),
                cell("last_day", required=True),
                cell("entity_id", refers_to="entities", required=True),
                cell("field", required=True),
                cell("label", required=True),
            ),
            ("entity_id", "field"),
            lambda entities, _d: timeline_rows(_timeline(entities)),
            "one dated fact, in date order",
        ),
    ]
    return {t.name: t for t in found}


#: Every table ``to_dataframe``, CSV and SQLite give, in the order they are written.
TABLE_NAMES = (
    "entities",
    "documents",
    *(k.collection for k in KINDS),
    "participants",
    "sources",
    "sessions",
    "timeline",
)


def table(name: type | str) -> Table:
    """The table of a table name, or of a kind as :func:`~eucoop._model.kind_of` reads it.

    >>> table("Programme").name, table("participants").key
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
        msg = f"unknown kind or table {shown}; expected one of: {', '.join(TABLE_NAMES)}"
        raise ValueError(msg) from None


def table_records(
    name: type | str, entities: Sequence[Entity], documents: Sequence[Document]
) -> list[Row]:
    """The rows of one table (see :func:`table`), from the entities and documents."""
    return table(name).rows(entities, documents)


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
        if c.type is Decimal:
            data[c.name] = pd.array([pd.NA if v is None else v for v in values], dtype=object)
        else:
            data[c.name] = pd.array(values, dtype=DTYPES[c.type])
    out = pd.DataFrame(data)
    return out if index is None else out.set_index(index)


def _frame_of(t: Table, rows: Sequence[Row]) -> Any:
    return frame(t.columns, rows, "id" if t.key == ("id",) else None)


def table_frame(name: type | str, entities: Sequence[Entity], documents: Sequence[Document]) -> Any:
    """A pandas DataFrame of one table: indexed by id when that is its key, else numbered."""
    t = table(name)
    return _frame_of(t, t.rows(entities, documents))


def entities_frame(entities: Sequence[Entity | Document]) -> Any:
    """A DataFrame of any entities (or documents), indexed by id, for ``Results.to_dataframe()``.

    Entities of one kind get that kind's columns, documents the documents'.
    A mix gets ``kind`` (the entity's kind) and the columns every kind in it
    shares.
    """
    kinds = list(dict.fromkeys(type(e) for e in entities))
    if len(kinds) == 1:
        return frame(columns(kinds[0]), records(entities), "id")
    shared = [
        c
        for c in columns(kinds[0] if kinds else Entity)
        if c.name != "kind" and all(c.name in {k.name for k in columns(t)} for t in kinds)
    ]
    cols = (shared[0], cell("kind"), *shared[1:])
    rows = [
        {
            "kind": e.kind_name if isinstance(e, Entity) else "document",
            **{c.name: c.get(e) for c in shared},
        }
        for e in entities
    ]
    return frame(cols, rows, "id")


def timeline_frame(entries: Iterable[TimelineEntry]) -> Any:
    """A DataFrame of timeline entries, for ``Timeline.to_dataframe()``: the timeline table."""
    return _frame_of(all_tables()["timeline"], timeline_rows(entries))


def hits_frame(hits: Iterable[Hit]) -> Any:
    """A DataFrame of search hits, indexed by id: kind, name, score and the fields matched."""
    cols = (cell("id"), cell("kind"), cell("name"), cell("score", float), cell("matched"))
    rows: list[Row] = [
        {
            "id": h.id,
            "kind": h.entity.kind_name,
            "name": h.entity.name,
            "score": h.score,
            "matched": SEP.join(h.fields) or None,
        }
        for h in hits
    ]
    return frame(cols, rows, "id")


def roles_frame(roles: Iterable[tuple[Entity, Participant]]) -> Any:
    """A DataFrame of roles, for ``Roles.to_dataframe()``: one numbered row per role.

    The columns are the participants table's, with the entity's kind and
    name after its id; ``position`` is the participant's place in the entity.
    """
    t = all_tables()["participants"]
    cols = (t.columns[0], cell("kind", required=True), cell("name", required=True), *t.columns[1:])
    rows = [
        {
            "entity_id": e.id,
            "kind": e.kind_name,
            "name": e.name,
            "position": e.participants.index(p),
            "organisation_id": p.organisation,
            "role": str(p.role),
            "since": scalar(p.since),
            "until": scalar(p.until),
            "note": p.note,
        }
        for e, p in roles
    ]
    return frame(cols, rows)


def provenance_frame(sources: Iterable[Source], documents: Mapping[str, Document]) -> Any:
    """A DataFrame of citations, for ``Provenance.to_dataframe()``: one numbered row each.

    Each names its document, the document's title and URL (``<NA>`` where
    *documents* lacks it), the paragraph and the fields it supports.
    """
    cols = (
        cell("document_id", refers_to="documents", required=True),
        cell("title"),
        cell("paragraph", int),
        cell("fields"),
        cell("url"),
    )
    rows: list[Row] = []
    for s in sources:
        doc = documents.get(s.document)
        rows.append(
            {
                "document_id": s.document,
                "title": None if doc is None else doc.title,
                "paragraph": s.paragraph,
                "fields": SEP.join(s.fields) or None,
                "url": None if doc is None else doc.url,
            }
        )
    return frame(cols, rows)


# -- graphs -----------------------------------------------------------------------


def to_networkx(entities: Sequence[Entity]) -> Any:
    """A ``networkx.MultiDiGraph`` of who cooperates with whom.

    Nodes are entity ids (attributes ``kind``, ``name``, ``label``). Edges:
    organisation -> entity for each participation (``relation="participant"``,
    ``role``), child -> parent organisation (``relation="parent"``),
    organisation -> agreement it adopted (``relation="adopted"``), agreement ->
    the organisation whose partnership it formalises (``relation="formalises"``),
    and ``eu`` -> partner (``relation="partnership"``, ``standing``) where the
    EU has a partnership with an organisation.
    """
    nx = optional("networkx", "networkx", "to_networkx")
    graph = nx.MultiDiGraph()
    ids = {e.id for e in entities}
    for e in entities:
        graph.add_node(e.id, kind=e.kind_name, name=e.name, label=e.acronym or e.name)
    for e in entities:
        for p in e.participants:
            graph.add_edge(p.organisation, e.id, relation="participant", role=str(p.role))
        if isinstance(e, Agreement) and e.adopted_by is not None:
            graph.add_edge(e.adopted_by, e.id, relation="adopted")
        if isinstance(e, Organisation):
            if e.parent is not None:
                graph.add_edge(e.id, e.parent, relation="parent")
            if e.partnership is not None:
                for agreement in e.partnership.formalised_by:
                    graph.add_edge(agreement, e.id, relation="formalises")
                if "eu" in ids and e.id != "eu":
                    standing = str(e.partnership.standing) if e.partnership.standing else None
                    graph.add_edge("eu", e.id, relation="partnership", standing=standing)
    return graph
