"""Flat rows: entities, documents and what hangs off them as dicts of scalar values.

The columns of each kind come from its fields (see :mod:`eucoop._model.fields`):
a field gives one column unless its ``export`` says otherwise, so a new field
shows up in every table without an edit here. Values are scalars: lists joined
with ``"; "``, dates as ISO strings, enums as their values, money split into an
amount (an exact :class:`~decimal.Decimal`) and a currency; missing values are
``None``. The long rows (participants, sources, sessions, timeline entries)
hold what does not fit one row per entity. :mod:`~eucoop._queries.tables`
makes tables of them.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from typing import Any, NamedTuple

from eucoop._model import (
    COLLECTIONS,
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
from eucoop._queries.time import TimelineEntry

__all__ = [
    "SEP",
    "Column",
    "Row",
    "Scalar",
    "cell",
    "column_names",
    "columns",
    "participant_rows",
    "records",
    "scalar",
    "session_rows",
    "source_rows",
    "timeline_rows",
]

#: How list values are joined into one column.
SEP = "; "

#: One cell: ``float`` only for search scores, never for amounts.
Scalar = str | int | float | bool | Decimal | None
#: One row: column name -> cell.
Row = dict[str, Scalar]


# The module's annotations are evaluated, not postponed: typing.NamedTuple would compile
# each postponed (string) annotation of its fields at import.
class Column(NamedTuple):
    """One column of a table: its name, the Python type of its values, and a getter.

    ``refers_to`` names the table whose ids the column holds, if any;
    ``required`` says it always has a value; ``choices`` lists the only values
    it takes, when they are few and fixed.
    """

    name: str
    type: type
    get: Callable[[Any], Scalar]
    refers_to: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()


def cell(
    name: str,
    kind: type = str,
    refers_to: str | None = None,
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
) -> Column:
    """A column of rows made as dicts: its value is the row's item *name*.

    >>> cell("position", int, required=True).get({"position": 3})
    3
    """
    return Column(name, kind, itemgetter(name), refers_to, required, choices)


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
        Column("session_count", int, lambda d: len(getattr(d, name)), required=True),
        Column("first_session", str, first),
        Column("last_session", str, last),
    ]


def _field_column(f: FieldInfo) -> Column:
    refers = None if f.many else f.meta.refers_to
    required = f.required and not f.many
    return Column(f.name, _cell_type(f), _getter(f.name), refers, required)


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
            out.append(_field_column(f))
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


# -- the long tables ------------------------------------------------------------


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


def session_rows(dialogues: Iterable[Entity]) -> list[Row]:
    """One row per session of a dialogue (other entities give none)."""
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
        if isinstance(d, Dialogue)
        for i, s in enumerate(d.sessions)
    ]


def timeline_rows(entries: Iterable[TimelineEntry]) -> list[Row]:
    """One row per timeline entry, with the first and last day its date may mean."""
    return [
        {
            "date": t.date.isoformat(),
            "first_day": t.date.start.isoformat(),
            "last_day": t.date.end.isoformat(),
            "entity_id": t.entity,
            "field": t.field,
            "label": t.label,
        }
        for t in entries
    ]
