"""Exports: the registry as JSON, CSV (a folder or a .zip) or an SQLite database.

Every writer builds its output in a temporary file beside the target and
renames it into place, so a failure never leaves a half-written file.

:func:`records` gives the flat rows the CSV files and the SQLite tables are
made of: one dict per entity, scalar values only. Lists are joined with
``"; "``, dates are ISO strings, money is split into an amount (an exact
:class:`~decimal.Decimal`) and a currency, and booleans stay booleans.
The side tables (participants, sources, sessions...) hold what does not fit
one row per entity.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from eucoop._loading import SCHEMA_VERSION
from eucoop._model import COLLECTIONS, KINDS
from eucoop._queries.tables import (
    column_names,
    columns,
    participant_rows,
    records,
    session_rows,
    source_rows,
)
from eucoop._registry import Registry
from eucoop._resources import version

if TYPE_CHECKING:
    import sqlite3

__all__ = ["csv_tables", "replacing", "write_csv", "write_json", "write_sqlite"]

Scalar = str | int | bool | Decimal | None
Row = dict[str, Scalar]

# The side tables: columns, in order.
_PARTICIPANTS = ("entity_id", "position", "organisation_id", "role", "since", "until", "note")
_SOURCES = ("entity_id", "scope", "position", "document_id", "paragraph", "fields")
_SESSIONS = ("dialogue_id", "position", "start", "end", "place", "note")


# -- writing safely -----------------------------------------------------------


def _file_mode(path: Path) -> int:
    """The mode a new file would get (mkstemp makes private ones), or the old file's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside *path*, renamed onto it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(_file_mode(path))
        tmp_path.replace(path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_json(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write the registry as one data file (``reg.to_dict()``, UTF-8, indented).

    ``eucoop.load(path, include_default=False)`` reads it back. Returns the path.
    """
    target = Path(path)
    text = json.dumps(reg.to_dict(), indent=2, ensure_ascii=False) + "\n"
    with replacing(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


# -- CSV ------------------------------------------------------------------------


def _csv_value(value: Scalar) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row[c]) for c in columns])
    return buf.getvalue()


def csv_tables(reg: Registry) -> dict[str, str]:
    """File name -> CSV text, for every file :func:`write_csv` writes."""
    tables: dict[str, str] = {}
    for coll in (*(k.collection for k in KINDS), "documents"):
        tables[f"{coll}.csv"] = _csv_text(column_names(coll), records(getattr(reg, coll)))
    tables["participants.csv"] = _csv_text(_PARTICIPANTS, participant_rows(reg))
    tables["sources.csv"] = _csv_text(_SOURCES, source_rows(reg))
    tables["sessions.csv"] = _csv_text(_SESSIONS, session_rows(reg.dialogues))
    return tables


def write_csv(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write CSV files: one per kind, plus documents, participants, sources and sessions.

    *path* is a folder (created if need be; files of the same names in it are
    replaced) or, when it ends in ``.zip``, a zip archive of the same files.
    Empty values are empty cells; booleans are ``true``/``false``. Returns the path.
    """
    import zipfile  # noqa: PLC0415 - only this writer needs it

    target = Path(path)
    tables = csv_tables(reg)
    if target.suffix.lower() == ".zip":
        with replacing(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in tables.items():
                zf.writestr(name, text)
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        with replacing(target / name) as tmp:
            tmp.write_text(text, encoding="utf-8", newline="")
    return target


# -- SQLite -----------------------------------------------------------------------

_FK = "DEFERRABLE INITIALLY DEFERRED"

_SIDE_TABLES = f"""
CREATE TABLE participants (
    entity_id TEXT NOT NULL REFERENCES entities(id) {_FK},
    position INTEGER NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) {_FK},
    role TEXT NOT NULL,
    since TEXT,
    until TEXT,
    note TEXT,
    PRIMARY KEY (entity_id, position)
);
CREATE INDEX participants_organisation ON participants(organisation_id);
CREATE TABLE sources (
    entity_id TEXT NOT NULL REFERENCES entities(id) {_FK},
    scope TEXT NOT NULL CHECK (scope IN ('entity', 'partnership')),
    position INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) {_FK},
    paragraph INTEGER,
    fields TEXT,
    PRIMARY KEY (entity_id, scope, position)
);
CREATE INDEX sources_document ON sources(document_id);
CREATE TABLE sessions (
    dialogue_id TEXT NOT NULL REFERENCES dialogues(id) {_FK},
    position INTEGER NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT,
    place TEXT,
    note TEXT,
    PRIMARY KEY (dialogue_id, position)
);
CREATE TABLE entity_policy_areas (
    entity_id TEXT NOT NULL REFERENCES entities(id) {_FK},
    policy_area TEXT NOT NULL,
    PRIMARY KEY (entity_id, policy_area)
);
CREATE TABLE partnership_areas (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) {_FK},
    policy_area TEXT NOT NULL,
    PRIMARY KEY (organisation_id, policy_area)
);
CREATE TABLE partnership_agreements (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) {_FK},
    agreement_id TEXT NOT NULL REFERENCES agreements(id) {_FK},
    PRIMARY KEY (organisation_id, agreement_id)
);
CREATE TABLE programme_countries (
    programme_id TEXT NOT NULL REFERENCES programmes(id) {_FK},
    country TEXT NOT NULL,
    PRIMARY KEY (programme_id, country)
);
"""


def _table_sql(coll: str) -> str:
    """``CREATE TABLE`` for one kind: its columns, typed, with their foreign keys."""
    parts = []
    for c in columns(COLLECTIONS[coll]):
        if c.name == "id":
            ref = "" if coll == "documents" else f" REFERENCES entities(id) {_FK}"
            parts.append(f"id TEXT PRIMARY KEY{ref}")
            continue
        kind = "INTEGER" if c.type in (int, bool) else "TEXT"
        null = " NOT NULL" if c.name in ("name", "title", "publisher") else ""
        ref = f" REFERENCES {c.refers_to}(id) {_FK}" if c.refers_to else ""
        parts.append(f'"{c.name}" {kind}{null}{ref}')
    cols = ",\n    ".join(parts)
    return f"CREATE TABLE {coll} (\n    {cols}\n);"


def _schema() -> str:
    parts = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        "CREATE TABLE entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
        "name TEXT NOT NULL, acronym TEXT);",
    ]
    parts.extend(_table_sql(coll) for coll in ("documents", *(k.collection for k in KINDS)))
    parts.append(_SIDE_TABLES)
    return "\n".join(parts)


def _sql_value(value: Scalar) -> str | int | None:
    if isinstance(value, Decimal):
        return str(value)  # exact: amounts are never binary floats
    if isinstance(value, bool):
        return int(value)
    return value


def _insert(
    db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Row]
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - fixed names
        ([_sql_value(r[c]) for c in columns] for r in rows),
    )


def _pairs(rows: Iterable[tuple[str, str]]) -> list[Row]:
    return [{"a": a, "b": b} for a, b in dict.fromkeys(rows)]


def _fill(db: sqlite3.Connection, reg: Registry) -> None:
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema_version", str(SCHEMA_VERSION)), ("eucoop_version", version())],
    )
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?)",
        [(e.id, e.kind_name, e.name, e.acronym) for e in reg],
    )
    for coll in ("documents", *(k.collection for k in KINDS)):
        _insert(db, coll, column_names(coll), records(getattr(reg, coll)))
    _insert(db, "participants", _PARTICIPANTS, participant_rows(reg))
    _insert(db, "sources", _SOURCES, source_rows(reg))
    _insert(db, "sessions", _SESSIONS, session_rows(reg.dialogues))
    areas = _pairs((e.id, str(a)) for e in reg for a in sorted(e.policy_areas))
    db.executemany("INSERT INTO entity_policy_areas VALUES (:a, :b)", areas)
    partnered = [(o.id, o.partnership) for o in reg.organisations if o.partnership is not None]
    areas = _pairs((ident, str(a)) for ident, p in partnered for a in sorted(p.areas))
    db.executemany("INSERT INTO partnership_areas VALUES (:a, :b)", areas)
    formal = _pairs((ident, a) for ident, p in partnered for a in p.formalised_by)
    db.executemany("INSERT INTO partnership_agreements VALUES (:a, :b)", formal)
    countries = _pairs((p.id, c) for p in reg.programmes for c in p.countries)
    db.executemany("INSERT INTO programme_countries VALUES (:a, :b)", countries)


def write_sqlite(reg: Registry, path: str | os.PathLike[str]) -> Path:
    """Write an SQLite database with primary and foreign keys. Returns the path.

    Tables: ``entities`` (every entity's id, kind, name and acronym),
    ``documents``, ``organisations``, ``agreements``, ``dialogues`` and
    ``programmes`` (the columns of :func:`records`; list columns joined with
    ``"; "``, budget amounts as exact decimal text), and the side tables
    ``participants``, ``sources``, ``sessions``, ``entity_policy_areas``,
    ``partnership_areas``, ``partnership_agreements`` and
    ``programme_countries``. An existing file at *path* is replaced.
    """
    import sqlite3  # noqa: PLC0415 - keeps records() light for to_dataframe

    target = Path(path)
    with replacing(target) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(_schema())
            with db:  # one transaction: deferred foreign keys are checked on commit
                _fill(db, reg)
        except sqlite3.Error as exc:
            msg = f"cannot write {target}: {exc}"
            raise ValueError(msg) from exc
        finally:
            db.close()
    return target
