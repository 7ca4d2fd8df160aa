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

from eucoop._converter import SCHEMA_VERSION
from eucoop._entities import KINDS, Agreement, Dialogue, Entity, Organisation, Programme
from eucoop._values import Document, PartialDate, Source

if TYPE_CHECKING:
    import sqlite3

    from eucoop._registry import Registry

__all__ = ["COLUMNS", "SEP", "records", "write_csv", "write_json", "write_sqlite"]

#: How list values are joined into one column.
SEP = "; "

Scalar = str | int | bool | Decimal | None
Row = dict[str, Scalar]

_COMMON = (
    "id",
    "name",
    "acronym",
    "aliases",
    "description",
    "policy_areas",
    "participants",
)

#: The columns of :func:`records`, by collection, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "organisations": (
        *_COMMON,
        "kind",
        "parent",
        "founded",
        "headquarters",
        "country",
        "website",
        "member_count",
        "partnership_standing",
        "partnership_areas",
        "partnership_since",
        "partnership_formalised_by",
        "partnership_summary",
    ),
    "agreements": (
        *_COMMON,
        "kind",
        "legally_binding",
        "adopted",
        "in_force",
        "adopted_by",
    ),
    "dialogues": (
        *_COMMON,
        "frequency",
        "session_count",
        "first_session",
        "last_session",
        "venues",
    ),
    "programmes": (
        *_COMMON,
        "launched",
        "ended",
        "budget_amount",
        "budget_currency",
        "countries",
        "country_count",
        "regions",
        "activities",
    ),
    "documents": (
        "id",
        "title",
        "publisher",
        "url",
        "paragraphs",
        "language",
        "accessed",
        "note",
    ),
}

# The side tables: columns, in order.
_PARTICIPANTS = ("entity_id", "position", "organisation_id", "role", "since", "until", "note")
_SOURCES = ("entity_id", "scope", "position", "document_id", "paragraph", "fields")
_SESSIONS = ("dialogue_id", "position", "start", "end", "place", "note")

_COLLECTION_BY_NAME: dict[str, str] = {"documents": "documents", "document": "documents"}
for _k in KINDS:
    _COLLECTION_BY_NAME[_k.collection] = _k.collection
    _COLLECTION_BY_NAME[_k.__name__.lower()] = _k.collection


def _collection(kind: type[Entity] | type[Document] | str) -> str:
    if isinstance(kind, str):
        name = kind.lower()
    elif kind is Document:
        name = "documents"
    else:
        name = getattr(kind, "collection", "")
    try:
        return _COLLECTION_BY_NAME[name]
    except KeyError:
        msg = (
            f"unknown kind {kind!r}; expected organisations, agreements, dialogues, "
            "programmes or documents"
        )
        raise ValueError(msg) from None


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def _join(values: Iterable[object]) -> str | None:
    text = SEP.join(str(v) for v in values)
    return text or None


def _common(e: Entity) -> Row:
    return {
        "id": e.id,
        "name": e.name,
        "acronym": e.acronym,
        "aliases": _join(e.aliases),
        "description": e.description,
        "policy_areas": _join(sorted(str(a) for a in e.policy_areas)),
        "participants": _join(dict.fromkeys(p.organisation for p in e.participants)),
    }


def _organisation(o: Organisation) -> Row:
    p = o.partnership
    return {
        **_common(o),
        "kind": str(o.kind),
        "parent": o.parent,
        "founded": _date(o.founded),
        "headquarters": o.headquarters,
        "country": o.country,
        "website": o.website,
        "member_count": o.member_count,
        "partnership_standing": None if p is None or p.standing is None else str(p.standing),
        "partnership_areas": None if p is None else _join(sorted(str(a) for a in p.areas)),
        "partnership_since": None if p is None else _date(p.since),
        "partnership_formalised_by": None if p is None else _join(p.formalised_by),
        "partnership_summary": None if p is None else p.summary,
    }


def _agreement(a: Agreement) -> Row:
    return {
        **_common(a),
        "kind": str(a.kind),
        "legally_binding": a.legally_binding,
        "adopted": _date(a.adopted),
        "in_force": _date(a.in_force),
        "adopted_by": a.adopted_by,
    }


def _dialogue(d: Dialogue) -> Row:
    starts = sorted(s.start for s in d.sessions)
    return {
        **_common(d),
        "frequency": None if d.frequency is None else str(d.frequency),
        "session_count": len(d.sessions),
        "first_session": _date(starts[0]) if starts else None,
        "last_session": _date(starts[-1]) if starts else None,
        "venues": _join(d.venues),
    }


def _programme(p: Programme) -> Row:
    return {
        **_common(p),
        "launched": _date(p.launched),
        "ended": _date(p.ended),
        "budget_amount": None if p.budget is None else p.budget.amount,
        "budget_currency": None if p.budget is None else p.budget.currency,
        "countries": _join(p.countries),
        "country_count": p.country_count,
        "regions": _join(p.regions),
        "activities": _join(p.activities),
    }


def _document(d: Document) -> Row:
    return {
        "id": d.id,
        "title": d.title,
        "publisher": d.publisher,
        "url": d.url,
        "paragraphs": d.paragraphs,
        "language": d.language,
        "accessed": _date(d.accessed),
        "note": d.note,
    }


def _row(value: Entity | Document) -> Row:
    if isinstance(value, Organisation):
        return _organisation(value)
    if isinstance(value, Agreement):
        return _agreement(value)
    if isinstance(value, Dialogue):
        return _dialogue(value)
    if isinstance(value, Programme):
        return _programme(value)
    if isinstance(value, Document):
        return _document(value)
    msg = f"cannot make a row of {type(value).__name__}"  # pragma: no cover - four kinds only
    raise TypeError(msg)  # pragma: no cover


def records(reg: Registry, kind: type[Entity] | type[Document] | str) -> list[Row]:
    """Flat rows for one kind: one dict per entity, with the columns of :data:`COLUMNS`.

    *kind* is an entity class or its name, singular or plural
    (``"programme"``, ``"programmes"``, ``eucoop.Programme``); ``"documents"``
    gives the cited documents. Values are scalars: lists joined with ``"; "``,
    dates as ISO strings, a budget as ``budget_amount`` (a
    :class:`~decimal.Decimal`) and ``budget_currency``; missing values are
    ``None``. An unknown kind is a :class:`ValueError`.

    >>> import eucoop
    >>> from eucoop._export import records
    >>> rows = records(eucoop.load(), "programme")
    >>> sorted(rows[0]) == sorted(COLUMNS["programmes"])
    True
    """
    items: Sequence[Entity | Document] = getattr(reg, _collection(kind))
    return [_row(v) for v in items]


def participant_rows(reg: Registry) -> list[Row]:
    """One row per participation: who takes part in which entity, in which role, when."""
    return [
        {
            "entity_id": e.id,
            "position": i,
            "organisation_id": p.organisation,
            "role": str(p.role),
            "since": _date(p.since),
            "until": _date(p.until),
            "note": p.note,
        }
        for e in reg
        for i, p in enumerate(e.participants)
    ]


def _source_row(ident: str, scope: str, position: int, s: Source) -> Row:
    return {
        "entity_id": ident,
        "scope": scope,
        "position": position,
        "document_id": s.document,
        "paragraph": s.paragraph,
        "fields": _join(s.fields),
    }


def source_rows(reg: Registry) -> list[Row]:
    """One row per citation. ``scope`` is ``"entity"`` or ``"partnership"``.

    ``fields`` names the fields the citation supports (empty: the whole).
    """
    rows: list[Row] = []
    for e in reg:
        rows.extend(_source_row(e.id, "entity", i, s) for i, s in enumerate(e.sources))
        if isinstance(e, Organisation) and e.partnership is not None:
            rows.extend(
                _source_row(e.id, "partnership", i, s) for i, s in enumerate(e.partnership.sources)
            )
    return rows


def session_rows(reg: Registry) -> list[Row]:
    """One row per session of a dialogue."""
    return [
        {
            "dialogue_id": d.id,
            "position": i,
            "start": _date(s.start),
            "end": _date(s.end),
            "place": s.place,
            "note": s.note,
        }
        for d in reg.dialogues
        for i, s in enumerate(d.sessions)
    ]


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
def _replacing(path: Path) -> Iterator[Path]:
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
    with _replacing(target) as tmp:
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
        tables[f"{coll}.csv"] = _csv_text(COLUMNS[coll], records(reg, coll))
    tables["participants.csv"] = _csv_text(_PARTICIPANTS, participant_rows(reg))
    tables["sources.csv"] = _csv_text(_SOURCES, source_rows(reg))
    tables["sessions.csv"] = _csv_text(_SESSIONS, session_rows(reg))
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
        with _replacing(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in tables.items():
                zf.writestr(name, text)
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        with _replacing(target / name) as tmp:
            tmp.write_text(text, encoding="utf-8", newline="")
    return target


# -- SQLite -----------------------------------------------------------------------

_INTEGER = {"member_count", "country_count", "session_count", "legally_binding", "paragraphs"}
_REFERENCES = {"parent": "organisations", "adopted_by": "organisations"}
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


def _column_sql(coll: str, column: str) -> str:
    if column == "id":
        if coll == "documents":
            return "id TEXT PRIMARY KEY"
        return f"id TEXT PRIMARY KEY REFERENCES entities(id) {_FK}"
    kind = "INTEGER" if column in _INTEGER else "TEXT"
    null = " NOT NULL" if column in ("name", "title", "publisher") else ""
    ref = f" REFERENCES {_REFERENCES[column]}(id) {_FK}" if column in _REFERENCES else ""
    return f'"{column}" {kind}{null}{ref}'


def _schema() -> str:
    parts = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        "CREATE TABLE entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
        "name TEXT NOT NULL, acronym TEXT);",
    ]
    for coll in ("documents", *(k.collection for k in KINDS)):
        cols = ",\n    ".join(_column_sql(coll, c) for c in COLUMNS[coll])
        parts.append(f"CREATE TABLE {coll} (\n    {cols}\n);")
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
    from eucoop import __version__  # noqa: PLC0415 - avoids an import cycle

    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema_version", str(SCHEMA_VERSION)), ("eucoop_version", __version__)],
    )
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?)",
        [(e.id, e.kind_name, e.name, e.acronym) for e in reg],
    )
    for coll in ("documents", *(k.collection for k in KINDS)):
        _insert(db, coll, COLUMNS[coll], records(reg, coll))
    _insert(db, "participants", _PARTICIPANTS, participant_rows(reg))
    _insert(db, "sources", _SOURCES, source_rows(reg))
    _insert(db, "sessions", _SESSIONS, session_rows(reg))
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
    with _replacing(target) as tmp:
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
