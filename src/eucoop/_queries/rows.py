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

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from eucoop._model import (
    COLLECTIONS,
    Document,
    Entity,
    FieldInfo,
    PartialDate,
    field_names,
    fields_of,
    per_class,
)
from eucoop._queries.time import TimelineEntry

__all__ = [
    "POSITION",
    "SCOPE",
    "SEP",
    "TIMELINE_COLUMNS",
    "Column",
    "Item",
    "Row",
    "Scalar",
    "cell",
    "citations",
    "cited_records",
    "column_names",
    "columns",
    "items_of",
    "owner_column",
    "record_columns",
    "records",
    "rows_of",
    "scalar",
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
    it takes, when they are few and fixed; ``dated`` says it holds partial
    dates (ISO text), which a DataFrame gives a ``<name>_start`` column beside.
    """

    name: str
    type: type
    get: Callable[[Any], Scalar]
    refers_to: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    dated: bool = False


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


def _dated(f: FieldInfo) -> bool:
    """Whether the column of *f* holds one partial date."""
    return f.item is PartialDate and not f.many


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
    def starts(d: Any) -> list[PartialDate]:
        return sorted(s.start for s in getattr(d, name))

    def first(d: Any) -> Scalar:
        found = starts(d)
        return found[0].isoformat() if found else None

    def last(d: Any) -> Scalar:
        found = starts(d)
        return found[-1].isoformat() if found else None

    return [
        Column("session_count", int, lambda d: len(getattr(d, name)), required=True),
        Column("first_session", str, first, dated=True),
        Column("last_session", str, last, dated=True),
    ]


def _field_column(f: FieldInfo) -> Column:
    refers = None if f.many else f.meta.refers_to
    required = f.required and not f.many
    return Column(f.name, _cell_type(f), _getter(f.name), refers, required, dated=_dated(f))


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
                    dated=_dated(g),
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
#
# Each long table holds one row per item of a collection of records (participants,
# citations, sessions) or per timeline entry. Its columns are declared once, each
# with how its value is computed from one item, and its rows are made from them:
# a record's columns come from the record's own fields.


def rows_of(cols: Sequence[Column], items: Iterable[Any]) -> list[Row]:
    """One row per item: each column's value computed from it.

    >>> rows_of([Column("n", int, len)], ["ab", "c"])
    [{'n': 2}, {'n': 1}]
    """
    getters = [(c.name, c.get) for c in cols]
    return [{name: get(x) for name, get in getters} for x in items]


#: One item of a collection of records: the owner's id, its scope (``"entity"``, or
#: the record field a citation is in), the item's position, and the item.
Item = tuple[str, str, int, Any]


def _part(name: str) -> Callable[[Item], Scalar]:
    return lambda item: scalar(getattr(item[3], name))


def record_columns(cls: type) -> tuple[Column, ...]:
    """The columns of one item of a collection of records of *cls*, one per field.

    A field that holds an id is named ``<field>_id`` (``organisation_id``,
    ``document_id``) and refers to its collection; a list is joined.
    """
    return tuple(
        Column(
            f"{f.name}_id" if f.meta.refers_to and not f.many else f.name,
            _cell_type(f),
            _part(f.name),
            None if f.many else f.meta.refers_to,
            f.required and not f.many,
            dated=_dated(f),
        )
        for f in fields_of(cls)
        if f.meta.export != "skip"
    )


def owner_column(name: str, refers_to: str) -> Column:
    """The column of the id of an item's owner: ``entity_id``, ``dialogue_id``..."""
    return Column(name, str, itemgetter(0), refers_to, required=True)


POSITION = Column("position", int, itemgetter(2), required=True)
SCOPE = Column("scope", str, itemgetter(1), required=True)


def items_of(entities: Iterable[Entity], field: str) -> Iterator[Item]:
    """Every item of the collection *field* of each of *entities* that has it."""
    for e in entities:
        values = getattr(e, field, ())
        for i, v in enumerate(values):
            yield e.id, "entity", i, v


@per_class
def cited_records(cls: type) -> tuple[str, ...]:
    """The fields of *cls* holding one record with citations of its own (``partnership``)."""
    return tuple(
        f.name
        for f in fields_of(cls)
        if f.nested is not None and not f.many and "sources" in field_names(f.nested)
    )


def citations(entities: Iterable[Entity]) -> Iterator[Item]:
    """Every citation: an entity's own (scope ``"entity"``), then its records' (``partnership``)."""
    for e in entities:
        for i, s in enumerate(e.sources):
            yield e.id, "entity", i, s
        for name in cited_records(type(e)):
            record = getattr(e, name)
            if record is not None:
                for i, s in enumerate(record.sources):
                    yield e.id, name, i, s


#: The columns of the ``timeline`` table, from one :class:`TimelineEntry`.
TIMELINE_COLUMNS = (
    Column("date", str, lambda t: t.date.isoformat(), required=True),
    Column("first_day", str, lambda t: t.date.start.isoformat(), required=True),
    Column("last_day", str, lambda t: t.date.end.isoformat(), required=True),
    Column("entity_id", str, attrgetter("entity"), "entities", required=True),
    Column("field", str, attrgetter("field"), required=True),
    Column("label", str, attrgetter("label"), required=True),
)


def timeline_rows(entries: Iterable[TimelineEntry]) -> list[Row]:
    """One row per timeline entry, with the first and last day its date may mean."""
    return rows_of(TIMELINE_COLUMNS, entries)
