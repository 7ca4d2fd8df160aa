"""Exports: the registry as JSON, CSV (a folder or a .zip) or an SQLite database.

Every writer builds its output in a temporary file beside the target and
renames it into place, so a failure never leaves a half-written file; a CSV
folder gets its whole set of files or none (:mod:`eucoop._writing`, which
also refuses what is not a regular file and writes through symbolic links).

The CSV files and the SQLite tables are the tables of
:mod:`eucoop._queries.tables` (one per kind, documents, entities and the long
tables), written from the same rows ``to_records`` gives; SQLite adds a
``meta`` table and four tables of pairs (:func:`sqlite_tables`). Numbers stay
numbers: integers as integers, booleans as ``true``/``false`` in CSV and 0/1
in SQLite, and money amounts exact (decimal text in CSV; in SQLite a NUMERIC
column holding an INTEGER, or a REAL only when it reads back as the same
decimal: see :func:`sql_number`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eucoop._loading import SCHEMA_VERSION
from eucoop._model import KINDS, Document, Entity, Kind, Partnership, fields_of
from eucoop._model.fields import INT_MAX, INT_MIN
from eucoop._queries.rows import Column, Row, Scalar, cell
from eucoop._queries.tables import Table, all_tables
from eucoop._registry import Registry
from eucoop._resources import version
from eucoop._text import a, shown
from eucoop._writing import replacing, write_folder

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "SQL_TYPES",
    "csv_tables",
    "json_text",
    "replacing",
    "schema",
    "sql_number",
    "sqlite_tables",
    "write_csv",
    "write_json",
    "write_sqlite",
]


def json_text(reg: Registry) -> str:
    """The registry as the text of one data file: ``reg.to_dict()`` as indented JSON."""
    return json.dumps(reg.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_json(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write the registry as one data file (:func:`json_text`, in UTF-8).

    ``eucoop.load(path, include_default=False)`` reads it back. Returns the path.
    """
    target = Path(path)
    text = json_text(reg)
    with replacing(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


# -- CSV ------------------------------------------------------------------------


def _csv_value(value: Scalar) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # positional: 100, never 1E+2
    return str(value)


def _csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row[c]) for c in columns])
    return buf.getvalue()


def _contents(reg: Registry) -> tuple[tuple[Entity, ...], tuple[Document, ...]]:
    return tuple(reg), reg.documents


def csv_tables(reg: Registry) -> dict[str, str]:
    """File name -> CSV text, for every file :func:`write_csv` writes: one per table."""
    entities, documents = _contents(reg)
    tables = all_tables()
    return {
        f"{name}.csv": _csv_text(
            [c.name for c in tables[name].columns], tables[name].rows(entities, documents)
        )
        for name in tables
    }


def write_csv(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write CSV files: one per kind, plus entities, documents and the long tables.

    *path* is a folder (created if need be; files of the same names in it are
    replaced) or, when it ends in ``.zip``, a zip archive of the same files.
    Empty values are empty cells; booleans are ``true``/``false``; amounts are
    exact decimal text. Returns the path.
    """
    import zipfile  # noqa: PLC0415 - only this writer needs it

    target = Path(path)
    tables = csv_tables(reg)
    if target.suffix.lower() == ".zip":
        with replacing(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in tables.items():
                zf.writestr(name, text)
        return target
    write_folder(target, tables)
    return target


# -- SQLite -----------------------------------------------------------------------

#: The SQLite type of a column, by the Python type of its values.
SQL_TYPES: dict[type, str] = {
    str: "TEXT",
    int: "INTEGER",
    bool: "INTEGER",
    float: "REAL",
    Decimal: "NUMERIC",
}
_FK = "DEFERRABLE INITIALLY DEFERRED"


def sql_number(amount: Decimal) -> int | float:
    """An amount as SQLite stores it exactly: an INTEGER when it is whole, else a REAL.

    A REAL is written only when the amount has at most 15 significant digits,
    which a REAL always gives back (Python's ``Decimal(str(x))``, SQL's
    ``CAST(x AS TEXT)``); any other amount is a :class:`ValueError`, never rounded.

    >>> sql_number(Decimal("440000000")), sql_number(Decimal("1.50"))
    (440000000, 1.5)
    """
    # SQLite's INTEGER holds the 64-bit integers a data file may hold
    if amount == amount.to_integral_value() and INT_MIN <= amount <= INT_MAX:
        return int(amount)
    if len(amount.normalize().as_tuple().digits) <= 15:
        return float(amount)
    msg = f"the amount {amount} has more than 15 significant digits: SQLite cannot keep it exact"
    raise ValueError(msg)


Pairs = Callable[[Sequence[Entity]], Iterable[tuple[str, str]]]


def _pairs(name: str, a: Column, b: Column, pairs: Pairs, row_is: str) -> Table:
    def rows(entities: Sequence[Entity], _docs: Sequence[Document]) -> list[Row]:
        return [{a.name: x, b.name: y} for x, y in dict.fromkeys(pairs(entities))]

    return Table(name, (a, b), (a.name, b.name), rows, row_is)


def _partnerships(entities: Sequence[Entity]) -> Iterator[tuple[str, Partnership]]:
    for e in entities:
        p = getattr(e, "partnership", None)
        if p is not None:
            yield e.id, p


def _entity_areas(entities: Sequence[Entity]) -> Iterator[tuple[str, str]]:
    return ((e.id, str(a)) for e in entities for a in sorted(e.policy_areas))


def _partnership_areas(entities: Sequence[Entity]) -> Iterator[tuple[str, str]]:
    return ((i, str(a)) for i, p in _partnerships(entities) for a in sorted(p.areas))


def _partnership_agreements(entities: Sequence[Entity]) -> Iterator[tuple[str, str]]:
    return ((i, a) for i, p in _partnerships(entities) for a in p.formalised_by)


def _countries(kind: Kind, field: str) -> Pairs:
    """The pairs of the entities of *kind* and the countries in their *field*."""
    cls = kind.cls

    def pairs(entities: Sequence[Entity]) -> Iterator[tuple[str, str]]:
        return ((e.id, c) for e in entities if type(e) is cls for c in getattr(e, field))

    return pairs


def _owner(field: str) -> Kind:
    """The kind with the field *field* (``partnership``)."""
    return next(k for k in KINDS if any(f.name == field for f in fields_of(k.cls)))


def _refers(cls: type, field: str) -> str:
    """The collection the field *field* of *cls* refers to."""
    return next(f.meta.refers_to or "" for f in fields_of(cls) if f.name == field)


def _meta(_e: Sequence[Entity], _d: Sequence[Document]) -> list[Row]:
    return [
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "eucoop_version", "value": version()},
    ]


def sqlite_tables() -> dict[str, Table]:
    """Every table of the SQLite export, in order: the tables of every export, ``meta``, pairs."""
    return _sqlite_tables(KINDS.snapshot())


@lru_cache(maxsize=4)
def _sqlite_tables(kinds: tuple[Kind, ...]) -> dict[str, Table]:
    partner = _owner("partnership")
    org = cell(f"{partner.noun}_id", refers_to=partner.collection, required=True)
    formal = KINDS.named(_refers(Partnership, "formalised_by"))
    area = cell("policy_area", required=True)
    meta = Table(
        "meta",
        (cell("key", required=True), cell("value", required=True)),
        ("key",),
        _meta,
        "one fact about the export: schema_version, eucoop_version",
    )
    pairs = (
        _pairs(
            "entity_policy_areas",
            cell("entity_id", refers_to="entities", required=True),
            area,
            _entity_areas,
            "one policy area of an entity",
        ),
        _pairs("partnership_areas", org, area, _partnership_areas, "one area of a partnership"),
        _pairs(
            "partnership_agreements",
            org,
            cell(f"{formal.noun}_id", refers_to=formal.collection, required=True),
            _partnership_agreements,
            f"one {formal.noun} formalising a partnership",
        ),
        *(
            _pairs(
                f"{k.noun}_countries",
                cell(f"{k.noun}_id", refers_to=k.collection, required=True),
                cell("country", required=True),
                _countries(k, f.name),
                f"one country {a(k.noun)} names",
            )
            for k in kinds
            for f in fields_of(k.cls)
            if f.many and f.meta.codes == "countries"
        ),
    )
    return {t.name: t for t in (*all_tables().values(), meta, *pairs)}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(c: Column) -> str:
    name = f'"{c.name}"'
    parts = [name, SQL_TYPES[c.type]]
    if c.required:
        parts.append("NOT NULL")
    if c.type is bool:
        parts.append(f"CHECK ({name} IN (0, 1))")
    elif c.type is Decimal:
        parts.append(f"CHECK (typeof({name}) IN ('integer', 'real', 'null'))")
    if c.choices:
        parts.append(f"CHECK ({name} IN ({', '.join(map(_quote, c.choices))}))")
    if c.refers_to:
        parts.append(f"REFERENCES {c.refers_to}(id) {_FK}")
    return " ".join(parts)


def _table_sql(t: Table) -> str:
    """``CREATE TABLE`` for one table, typed, with its keys, and an index per reference."""
    lines = [_column_sql(c) for c in t.columns]
    key = ", ".join(f'"{k}"' for k in t.key)
    lines.append(f"PRIMARY KEY ({key})")
    body = ",\n    ".join(lines)
    out = [f"CREATE TABLE {t.name} (\n    {body}\n);"]
    out.extend(
        f'CREATE INDEX {t.name}_{c.name} ON {t.name}("{c.name}");'
        for c in t.columns
        if c.refers_to and c.name != t.key[0]
    )
    return "\n".join(out)


def schema() -> str:
    """The SQL that makes the export's tables (before any row is written)."""
    return "\n".join(_table_sql(t) for t in sqlite_tables().values())


def _sql_value(value: Scalar) -> str | int | float | None:
    if isinstance(value, Decimal):
        return sql_number(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _fill(db: sqlite3.Connection, reg: Registry) -> None:
    entities, documents = _contents(reg)
    for t in sqlite_tables().values():
        names = [c.name for c in t.columns]
        marks = ", ".join("?" for _ in names)
        quoted = ", ".join(f'"{n}"' for n in names)
        db.executemany(
            f"INSERT INTO {t.name} ({quoted}) VALUES ({marks})",  # noqa: S608 - fixed names
            ([_sql_value(r[n]) for n in names] for r in t.rows(entities, documents)),
        )


def write_sqlite(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write an SQLite database with primary and foreign keys. Returns the path.

    Tables: ``meta``, ``entities`` (every entity's id, kind, name and acronym),
    ``documents``, ``organisations``, ``agreements``, ``dialogues`` and
    ``programmes`` (the columns of ``to_records``), the long tables
    ``participants``, ``sources``, ``sessions`` and ``timeline``, and the pairs
    ``entity_policy_areas``, ``partnership_areas``, ``partnership_agreements``
    and ``programme_countries``. Integers and flags are INTEGER, amounts NUMERIC
    (see :func:`sql_number`). An existing file at *path* is replaced.
    """
    import sqlite3  # noqa: PLC0415 - keeps the rows light for to_dataframe

    target = Path(path)
    with replacing(target) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(schema())
            with db:  # one transaction: deferred foreign keys are checked on commit
                _fill(db, reg)
        except (sqlite3.Error, ValueError) as exc:
            msg = shown(f"cannot write {target}: {exc}")
            raise ValueError(msg) from exc
        finally:
            db.close()
    return target
