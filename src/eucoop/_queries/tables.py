"""Tables and graphs: flat rows, long-form side tables, pandas DataFrames, networkx graphs.

The columns of each kind come from its fields (see :mod:`eucoop._model.fields`):
a field gives one column unless its ``export`` says otherwise, so a new field
shows up in every table without an edit here. Values are scalars: lists joined
with ``"; "``, dates as ISO strings, enums as their values, money split into an
amount (an exact :class:`~decimal.Decimal`) and a currency; missing values are
``None``. The side tables (participants, sources, sessions) hold what does not
fit one row per entity.

pandas and networkx are optional extras, imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple

from eucoop._model import (
    COLLECTIONS,
    Agreement,
    Dialogue,
    Document,
    Entity,
    FieldInfo,
    Organisation,
    PartialDate,
    Source,
    fields_of,
    per_class,
)

__all__ = [
    "SEP",
    "Column",
    "column_names",
    "columns",
    "participant_rows",
    "records",
    "session_rows",
    "source_rows",
    "to_dataframe",
    "to_networkx",
]

#: How list values are joined into one column.
SEP = "; "

Scalar = str | int | bool | Decimal | None
Row = dict[str, Scalar]


class Column(NamedTuple):
    """One column of a kind's table: its name, the Python type of its values, and a getter.

    ``refers_to`` names the collection whose ids the column holds, if any.
    """

    name: str
    type: type
    get: Callable[[Any], Scalar]
    refers_to: str | None = None


def scalar(value: object) -> Scalar:
    """A field value as one cell: lists joined, dates and enums as text, empty as None.

    >>> scalar(frozenset({"b", "a"})), scalar(()), scalar(PartialDate(2019, 7))
    ('a; b', None, '2019-07')
    """
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or isinstance(value, str | int | Decimal):  # bool is an int
        return value
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, frozenset):
        return SEP.join(sorted(str(scalar(v)) for v in value)) or None
    if isinstance(value, tuple):
        return SEP.join(str(scalar(v)) for v in value) or None
    return str(value)


def _cell_type(f: FieldInfo) -> type:
    return f.item if not f.many and f.item in (int, bool, Decimal) else str


def _getter(name: str) -> Callable[[Any], Scalar]:
    return lambda v: scalar(getattr(v, name))


def _nested_getter(outer: str, inner: str) -> Callable[[Any], Scalar]:
    def get(v: Any) -> Scalar:
        nested = getattr(v, outer)
        return None if nested is None else scalar(getattr(nested, inner))

    return get


def _organisations(e: Entity) -> Scalar:
    return SEP.join(dict.fromkeys(p.organisation for p in e.participants)) or None


def _session_columns(name: str) -> list[Column]:
    def starts(d: Dialogue) -> list[PartialDate]:
        return sorted(s.start for s in getattr(d, name))

    def first(d: Dialogue) -> Scalar:
        found = starts(d)
        return found[0].isoformat() if found else None

    def last(d: Dialogue) -> Scalar:
        found = starts(d)
        return found[-1].isoformat() if found else None

    return [
        Column("session_count", int, lambda d: len(getattr(d, name))),
        Column("first_session", str, first),
        Column("last_session", str, last),
    ]


@per_class
def columns(cls: type) -> tuple[Column, ...]:
    """The columns of the table of one kind (or of documents), in field order."""
    out: list[Column] = []
    for f in fields_of(cls):
        how = f.meta.export
        if how == "skip":
            continue
        if how == "organisations":
            out.append(Column(f.name, str, _organisations))
        elif how == "sessions":
            out.extend(_session_columns(f.name))
        elif how == "flatten" and f.nested is not None:
            out.extend(
                Column(
                    f"{f.name}_{g.name}",
                    _cell_type(g),
                    _nested_getter(f.name, g.name),
                    None if g.many else g.meta.refers_to,
                )
                for g in fields_of(f.nested)
                if g.meta.export != "skip"
            )
        else:
            refers = None if f.many else f.meta.refers_to
            out.append(Column(f.name, _cell_type(f), _getter(f.name), refers))
    return tuple(out)


def column_names(collection: str) -> tuple[str, ...]:
    """The columns of :func:`records` for one collection, in order.

    >>> column_names("documents")[:3]
    ('id', 'title', 'publisher')
    """
    return tuple(c.name for c in columns(COLLECTIONS[collection]))


def records(items: Iterable[Entity | Document]) -> list[Row]:
    """Flat rows, one dict per entity or document, with the columns of its kind.

    >>> from eucoop._model import Programme
    >>> row = records([Programme(id="p", name="P", countries=("LY", "NE"))])[0]
    >>> row["countries"], row["budget_amount"]
    ('LY; NE', None)
    """
    return [{c.name: c.get(v) for c in columns(type(v))} for v in items]


def participant_rows(entities: Iterable[Entity]) -> list[Row]:
    """One row per participation: who takes part in which entity, in which role, when."""
    return [
        {
            "entity_id": e.id,
            "position": i,
            "organisation_id": p.organisation,
            "role": str(p.role),
            "since": scalar(p.since),
            "until": scalar(p.until),
            "note": p.note,
        }
        for e in entities
        for i, p in enumerate(e.participants)
    ]


def _source_row(ident: str, scope: str, position: int, s: Source) -> Row:
    return {
        "entity_id": ident,
        "scope": scope,
        "position": position,
        "document_id": s.document,
        "paragraph": s.paragraph,
        "fields": scalar(s.fields),
    }


def source_rows(entities: Iterable[Entity]) -> list[Row]:
    """One row per citation. ``scope`` is ``"entity"`` or ``"partnership"``.

    ``fields`` names the fields the citation supports (empty: the whole).
    """
    rows: list[Row] = []
    for e in entities:
        rows.extend(_source_row(e.id, "entity", i, s) for i, s in enumerate(e.sources))
        if isinstance(e, Organisation) and e.partnership is not None:
            rows.extend(
                _source_row(e.id, "partnership", i, s) for i, s in enumerate(e.partnership.sources)
            )
    return rows


def session_rows(dialogues: Iterable[Dialogue]) -> list[Row]:
    """One row per session of a dialogue."""
    return [
        {
            "dialogue_id": d.id,
            "position": i,
            "start": scalar(s.start),
            "end": scalar(s.end),
            "place": s.place,
            "note": s.note,
        }
        for d in dialogues
        for i, s in enumerate(d.sessions)
    ]


def optional(module: str, extra: str, what: str) -> Any:
    """Import an optional extra, or say which one to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"{what} needs {module}, which is not installed: pip install 'eucoop[{extra}]'"
        raise ModuleNotFoundError(msg, name=module) from None


def to_dataframe(items: Sequence[Entity | Document]) -> Any:
    """A pandas DataFrame of :func:`records`, indexed by id.

    Columns get pandas' nullable dtypes (``string``, ``Int64``, ``boolean``), so a
    missing value is always ``<NA>`` and counts stay integers.
    """
    pd = optional("pandas", "pandas", "to_dataframe")
    frame = pd.DataFrame.from_records(records(items)).convert_dtypes()
    return frame.set_index("id") if "id" in frame.columns else frame


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
