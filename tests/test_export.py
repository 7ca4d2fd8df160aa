"""Exports: JSON, CSV (folder and zip) and SQLite, each read back."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import os
import socket
import sqlite3
import stat
import tempfile
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eucoop
from eucoop import _export, _writing
from eucoop._export import SQL_TYPES, sql_number, sqlite_tables, write_csv, write_json, write_sqlite
from eucoop._queries.rows import column_names
from eucoop._queries.tables import DTYPES, START, all_tables, table_names

FIXTURE = Path(__file__).parent / "data" / "cli" / "fixture.json"
KINDS = ("organisations", "agreements", "dialogues", "programmes")
TABLE_NAMES = table_names()


@pytest.fixture(scope="module")
def reg() -> eucoop.Registry:
    return eucoop.load(FIXTURE, include_default=False)


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fk_problems(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return list(con.execute("PRAGMA foreign_key_check"))
    finally:
        con.close()


# -- records --


@pytest.mark.parametrize("kind", [*KINDS, "documents"])
def test_records_have_the_documented_columns(reg: eucoop.Registry, kind: str) -> None:
    rows = reg.to_records(kind)
    assert len(rows) == len(getattr(reg, kind))
    assert all(tuple(r) == column_names(kind) for r in rows)
    assert [r["id"] for r in rows] == [e.id for e in getattr(reg, kind)]
    scalar = (str, int, bool, Decimal, type(None))
    assert all(isinstance(v, scalar) for r in rows for v in r.values())


def test_records_values(reg: eucoop.Registry) -> None:
    prog = {r["id"]: r for r in reg.to_records(eucoop.Programme)}["eu-iom-joint-initiative"]
    assert prog["budget_amount"] == Decimal("440000000")
    assert prog["budget_currency"] == "EUR"
    assert prog["launched"] == "2016-12"
    assert prog["ended"] is None
    assert prog["countries"] == "LY; NE; ML"
    assert prog["country_count"] == 26
    assert prog["participants"] == "eu; iom"
    assert prog["policy_areas"] == "migrant_protection; return_and_reintegration"
    orgs = {r["id"]: r for r in reg.to_records("organisation")}
    assert orgs["iom"]["partnership_standing"] == "key"
    assert orgs["iom"]["partnership_formalised_by"] == "gcm"
    assert orgs["iom"]["partnership_since"] == "2012"
    assert orgs["iom"]["aliases"] == "UN Migration"
    assert orgs["unhcr"]["partnership_since"] is None
    assert orgs["eu"]["partnership_standing"] is None
    assert orgs["eu"]["partnership_areas"] is None
    assert orgs["un"]["member_count"] == 193
    agreements = {r["id"]: r for r in reg.to_records("Agreement")}
    assert agreements["gcm"]["legally_binding"] is False
    assert agreements["gcm"]["kind"] == "compact"
    dialogue = reg.to_records(eucoop.Dialogue)[0]
    assert dialogue["session_count"] == 2
    assert (dialogue["first_session"], dialogue["last_session"]) == ("2019-06-03", "2020")
    assert dialogue["venues"] == "Brussels; Vienna"
    docs = {r["id"]: r for r in reg.to_records(eucoop.Document)}
    assert docs["dg-home-io"]["accessed"] == "2024-05"
    assert docs["greco-page"]["url"] is None


def test_records_of_a_dialogue_without_sessions(tmp_path: Path) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["dialogues"][0]["sessions"] = []
    data["dialogues"][0].pop("frequency")
    row = eucoop.load(data, include_default=False).to_records("dialogues")[0]
    assert row["session_count"] == 0
    assert row["first_session"] is None
    assert row["frequency"] is None


@pytest.mark.parametrize("kind", ["widgets", eucoop.Registry, ""])
def test_records_of_an_unknown_kind(reg: eucoop.Registry, kind: object) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        reg.to_records(kind)  # type: ignore[arg-type]


# -- JSON --


def test_json_round_trip(reg: eucoop.Registry, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.json"
    assert write_json(reg, target) == target
    again = eucoop.load(target, include_default=False)
    assert again.to_dict() == reg.to_dict()
    assert target.read_text(encoding="utf-8").endswith("}\n")


def test_json_replaces_and_keeps_the_mode(reg: eucoop.Registry, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_json(reg, target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 2


def test_new_files_follow_the_umask(reg: eucoop.Registry, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_json(reg, tmp_path / "a.json")
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("proc", [True, False], ids=["proc", "elsewhere"])
def test_the_umask_is_read_never_set(
    reg: eucoop.Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proc: bool
) -> None:
    """Setting the process's umask and back would give other threads' files a wrong mode."""
    old = os.umask(0o027)
    try:

        def refuse(_mask: int) -> int:
            raise AssertionError("eucoop set the process's umask")

        monkeypatch.setattr(os, "umask", refuse)
        if not proc:  # a system without /proc: a folder made in private tells the mask
            monkeypatch.setattr(_writing, "PROC_STATUS", str(tmp_path / "no-proc"))
        write_json(reg, tmp_path / "a.json")
        write_csv(reg, tmp_path / "csv")
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "csv").stat().st_mode & 0o777 == 0o750


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")

    def half_write() -> None:
        with _export.replacing(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        half_write()
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# -- CSV --


def test_csv_folder(reg: eucoop.Registry, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    assert write_csv(reg, folder) == folder
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [f"{k}.csv" for k in KINDS]
        + ["documents.csv", "participants.csv", "sources.csv", "sessions.csv"]
        + ["entities.csv", "timeline.csv"]
    )
    for kind in (*KINDS, "documents"):
        rows = read_csv(folder / f"{kind}.csv")
        assert len(rows) == len(getattr(reg, kind))
        assert tuple(rows[0]) == column_names(kind)
    participants = read_csv(folder / "participants.csv")
    assert len(participants) == sum(len(e.participants) for e in reg)
    assert {
        "entity_id": "greco",
        "position": "0",
        "organisation_id": "eu",
        "role": "observer",
        "since": "2019-07",
        "until": "",
        "note": "observer seat",
        "framework_id": "",
    } in participants
    sources = read_csv(folder / "sources.csv")
    partnership = sum(len(o.partnership.sources) for o in reg.organisations if o.partnership)
    assert len(sources) == sum(len(e.sources) for e in reg) + partnership
    assert {
        "entity_id": "eu-iom-joint-initiative",
        "scope": "entity",
        "position": "0",
        "document_id": "dg-home-io",
        "paragraph": "10",
        "fields": "budget; country_count",
    } in sources
    assert any(r["scope"] == "partnership" and r["entity_id"] == "unhcr" for r in sources)
    sessions = read_csv(folder / "sessions.csv")
    assert [s["start"] for s in sessions] == ["2019-06-03", "2020"]
    agreements = {r["id"]: r for r in read_csv(folder / "agreements.csv")}
    assert agreements["gcm"]["legally_binding"] == "false"
    assert agreements["criminal-law-convention"]["legally_binding"] == "true"
    assert agreements["gcm"]["in_force"] == ""
    programmes = {r["id"]: r for r in read_csv(folder / "programmes.csv")}
    assert programmes["old-pilot"]["budget_amount"] == "1.5"
    documents = {r["id"]: r for r in read_csv(folder / "documents.csv")}
    assert documents["dg-home-io"]["publisher_kind"] == "official"
    assert documents["greco-page"]["publisher_kind"] == ""


def test_csv_zip_holds_the_same_files(reg: eucoop.Registry, tmp_path: Path) -> None:
    write_csv(reg, tmp_path / "folder")
    archive = tmp_path / "out.ZIP"
    assert write_csv(reg, archive) == archive
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == sorted(p.name for p in (tmp_path / "folder").iterdir())
        for name in zf.namelist():
            text = zf.read(name).decode("utf-8")
            assert text == (tmp_path / "folder" / name).read_text(encoding="utf-8")
            rows = list(csv.DictReader(io.StringIO(text)))
            if name.removesuffix(".csv") in KINDS:
                assert len(rows) == len(getattr(reg, name.removesuffix(".csv")))
    assert not (tmp_path / "out").exists()


def test_csv_into_a_file_fails(reg: eucoop.Registry, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError, match="exists"):
        write_csv(reg, blocker)


# -- SQLite --


def test_sqlite(reg: eucoop.Registry, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    assert write_sqlite(reg, target) == target
    assert fk_problems(target) == []
    con = sqlite3.connect(target)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables >= {
            "documents",
            *KINDS,
            "participants",
            "sources",
            "sessions",
            "entities",
            "entity_policy_areas",
            "programme_countries",
            "partnership_areas",
            "partnership_agreements",
            "meta",
            "timeline",
        }
        for kind in (*KINDS, "documents"):
            (count,) = con.execute(f"SELECT count(*) FROM {kind}").fetchone()  # noqa: S608
            assert count == len(getattr(reg, kind))
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({kind})")]
            assert tuple(cols) == column_names(kind)
        # who takes part in the joint initiative, and in which role
        rows = con.execute(
            """SELECT o.acronym, p.role FROM participants p
               JOIN organisations o ON o.id = p.organisation_id
               WHERE p.entity_id = 'eu-iom-joint-initiative' ORDER BY p.position"""
        ).fetchall()
        expected = [
            (reg[p.organisation].acronym, str(p.role))
            for p in reg["eu-iom-joint-initiative"].participants
        ]
        assert rows == expected
        # organisations taking part in anything, with what
        rows = con.execute(
            """SELECT DISTINCT o.id FROM organisations o
               JOIN participants p ON p.organisation_id = o.id
               JOIN entities e ON e.id = p.entity_id ORDER BY o.id"""
        ).fetchall()
        assert [r[0] for r in rows] == sorted({p.organisation for e in reg for p in e.participants})
        rows = con.execute(
            """SELECT pr.name FROM programmes pr
               JOIN programme_countries c ON c.programme_id = pr.id WHERE c.country = 'LY'"""
        ).fetchall()
        assert rows == [("EU-IOM Joint Initiative for Migrant Protection and Reintegration",)]
        assert con.execute(
            "SELECT budget_amount, budget_currency FROM programmes WHERE id='old-pilot'"
        ).fetchone() == (1.5, "USD")
        assert con.execute(
            "SELECT id FROM programmes WHERE budget_amount > 50000000"
        ).fetchall() == [("eu-iom-joint-initiative",)]
        assert con.execute("SELECT legally_binding FROM agreements WHERE id='gcm'").fetchone() == (
            0,
        )
        assert con.execute(
            "SELECT paragraph, fields FROM sources WHERE entity_id='unhcr' AND scope='partnership'"
        ).fetchall() == [(2, "standing")]
        assert con.execute(
            "SELECT agreement_id FROM partnership_agreements WHERE organisation_id='iom'"
        ).fetchall() == [("gcm",)]
        assert con.execute(
            "SELECT count(*) FROM entity_policy_areas WHERE entity_id='unhcr'"
        ).fetchone() == (2,)
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
        # the kind of publisher behind each document
        assert con.execute("SELECT id, publisher_kind FROM documents ORDER BY id").fetchall() == [
            ("dg-home-io", "official"),
            ("greco-page", None),
        ]
        assert con.execute("SELECT count(*) FROM sessions").fetchone() == (2,)
    finally:
        con.close()


def test_sqlite_foreign_keys_are_enforced(reg: eucoop.Registry, tmp_path: Path) -> None:
    target = write_sqlite(reg, tmp_path / "out.db")
    con = sqlite3.connect(target)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(
            "INSERT INTO participants VALUES ('gcm', 9, 'nobody', 'party', NULL, NULL, NULL, NULL)"
        )
        with pytest.raises(sqlite3.IntegrityError):
            con.commit()
    finally:
        con.close()


def test_sqlite_replaces_an_old_file(reg: eucoop.Registry, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    target.write_bytes(b"not a database")
    write_sqlite(reg, target)
    assert fk_problems(target) == []


def test_sqlite_failure_leaves_no_half_file(reg: eucoop.Registry, tmp_path: Path) -> None:
    # A hand-made registry with a dangling reference cannot be written.
    bare = eucoop.Registry(list(reg))  # no documents: every source dangles
    target = tmp_path / "out.db"
    with pytest.raises(ValueError, match="cannot write"):
        write_sqlite(bare, target)
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=25, deadline=None)
@given(day=st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2025, 12, 31)))
def test_exports_of_any_as_of_view_are_consistent(day: dt.date) -> None:
    reg = eucoop.load(FIXTURE, include_default=False).as_of(day, include_uncertain=True)
    with tempfile.TemporaryDirectory() as d:
        db = write_sqlite(reg, Path(d, "then.db"))
        assert fk_problems(db) == []
        con = sqlite3.connect(db)
        try:
            assert con.execute("SELECT count(*) FROM entities").fetchone() == (len(reg),)
        finally:
            con.close()
        folder = write_csv(reg, Path(d, "csv"))
        for kind in KINDS:
            assert len(read_csv(folder / f"{kind}.csv")) == len(getattr(reg, kind))
        again = eucoop.load(write_json(reg, Path(d, "then.json")), include_default=False)
        assert again.to_dict() == reg.to_dict()


# -- the packaged dataset --


def test_packaged_data_exports(tmp_path: Path) -> None:
    reg = eucoop.load()
    assert len(reg) > 0
    assert fk_problems(write_sqlite(reg, tmp_path / "all.db")) == []
    assert eucoop.load(write_json(reg, tmp_path / "all.json"), include_default=False).to_dict() == (
        reg.to_dict()
    )
    folder = write_csv(reg, tmp_path / "csv")
    for kind in (*KINDS, "documents"):
        assert len(read_csv(folder / f"{kind}.csv")) == len(getattr(reg, kind))


# -- one set of tables, in every format --


def sqlite_columns(con: sqlite3.Connection, table: str) -> list[tuple[str, str, bool, int]]:
    """``(name, declared type, not null, position in the primary key)`` per column."""
    info = con.execute(f"PRAGMA table_info({table})").fetchall()
    return [(name, kind, bool(notnull), pk) for _, name, kind, notnull, _, pk in info]


def test_every_table_is_in_every_format(reg: eucoop.Registry, tmp_path: Path) -> None:
    folder = write_csv(reg, tmp_path / "csv")
    con = sqlite3.connect(write_sqlite(reg, tmp_path / "out.db"))
    try:
        in_db = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tuple(all_tables()) == TABLE_NAMES
        assert set(TABLE_NAMES) < in_db
        assert in_db == set(sqlite_tables())
        for name in TABLE_NAMES:
            t = all_tables()[name]
            names = tuple(c.name for c in t.columns)
            rows = reg.to_records(name)
            assert all(tuple(r) == names for r in rows)
            header = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
            assert tuple(header.split(",")) == names
            assert len(read_csv(folder / f"{name}.csv")) == len(rows)
            (count,) = con.execute(f"SELECT count(*) FROM {name}").fetchone()  # noqa: S608
            assert count == len(rows), name
        for t in sqlite_tables().values():
            expected = [
                (
                    c.name,
                    SQL_TYPES[c.type],
                    c.required,
                    t.key.index(c.name) + 1 if c.name in t.key else 0,
                )
                for c in t.columns
            ]
            assert sqlite_columns(con, t.name) == expected, t.name
            refs = {(r[3], r[2]) for r in con.execute(f"PRAGMA foreign_key_list({t.name})")}
            assert refs == {(c.name, c.refers_to) for c in t.columns if c.refers_to}, t.name
    finally:
        con.close()


def test_kind_tables_and_long_tables_have_keys(reg: eucoop.Registry) -> None:
    for name in TABLE_NAMES:
        rows = reg.to_records(name)
        key = all_tables()[name].key
        keys = [tuple(r[k] for k in key) for r in rows]
        assert len(set(keys)) == len(keys), name
        assert all(v is not None for k in keys for v in k)


def test_long_tables_by_name(reg: eucoop.Registry) -> None:
    roles = [
        (r["organisation_id"], r["role"])
        for r in reg.to_records("participants")
        if r["entity_id"] == "eu-iom-joint-initiative"
    ]
    assert roles == [("eu", "funder"), ("iom", "implementer")]
    assert reg.to_records(" Timeline ")[0] == {
        "date": "1945-10-24",
        "first_day": "1945-10-24",
        "last_day": "1945-10-24",
        "entity_id": "un",
        "field": "founded",
        "label": "UN founded",
    }
    timeline = reg.to_records("timeline")
    assert [(r["date"], r["entity_id"], r["label"]) for r in timeline] == [
        (str(t.date), t.entity, t.label) for t in reg.timeline()
    ]
    partial = {r["date"]: r for r in timeline}["1951-12"]
    assert (partial["first_day"], partial["last_day"]) == ("1951-12-01", "1951-12-31")
    assert [r["start"] for r in reg.to_records("sessions")] == ["2019-06-03", "2020"]
    assert {r["scope"] for r in reg.to_records("sources")} == {"entity", "partnership"}
    entities = reg.to_records("entities")
    assert [r["id"] for r in entities] == [e.id for e in reg]
    assert {r["kind"] for r in entities} == {"organisation", "agreement", "dialogue", "programme"}


def test_the_exports_page_describes_every_table() -> None:
    page = (Path(__file__).parents[1] / "docs" / "exports.md").read_text(encoding="utf-8")
    described = {line.split()[-1] for line in page.splitlines() if "{eucoop-columns}" in line}
    assert described == set(sqlite_tables())


def test_unknown_table_lists_every_table(reg: eucoop.Registry) -> None:
    with pytest.raises(ValueError, match="unknown kind or table 'participant'") as err:
        reg.to_records("participant")
    assert str(err.value).endswith(", ".join(TABLE_NAMES))


# -- numbers stay numbers --


def with_budgets(*amounts: str) -> eucoop.Registry:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    template = data["programmes"][1]
    # Data files write amounts in plain digits ("1E+20" is refused): the same numbers.
    data["programmes"] = data["programmes"][:1] + [
        {
            **template,
            "id": f"p{i}",
            "name": f"P{i}",
            "budget": {"amount": format(Decimal(a), "f"), "currency": "EUR"},
        }
        for i, a in enumerate(amounts)
    ]
    return eucoop.load(data, include_default=False)


AMOUNTS = ("0.1", "1.50", "12345678.90", "1234567890123.45", "9007199254740993", "1E+20", "0")


def test_sqlite_keeps_numbers_as_numbers(tmp_path: Path) -> None:
    reg = with_budgets(*AMOUNTS)
    con = sqlite3.connect(write_sqlite(reg, tmp_path / "out.db"))
    try:
        kinds = dict(con.execute("SELECT id, typeof(budget_amount) FROM programmes"))
        assert kinds["eu-iom-joint-initiative"] == "integer"
        assert kinds["p0"] == kinds["p1"] == kinds["p3"] == "real"
        assert kinds["p4"] == "integer"  # above 2**53: exact only as an INTEGER
        assert con.execute(
            "SELECT id FROM programmes WHERE budget_amount > 50000000 ORDER BY budget_amount"
        ).fetchall() == [("eu-iom-joint-initiative",), ("p3",), ("p4",), ("p5",)]
        assert con.execute(
            "SELECT id FROM programmes WHERE budget_amount BETWEEN 0.1 AND 1.5 ORDER BY id"
        ).fetchall() == [("p0",), ("p1",)]
        # exact, read back either way the docs say
        back = {
            i: Decimal(str(v)) for i, v in con.execute("SELECT id, budget_amount FROM programmes")
        }
        as_text = dict(con.execute("SELECT id, CAST(budget_amount AS TEXT) FROM programmes"))
        for i, amount in enumerate(AMOUNTS):
            assert back[f"p{i}"] == Decimal(amount)
            assert Decimal(as_text[f"p{i}"]) == Decimal(amount)
        for table in ("documents", "organisations", "dialogues", "programmes", "sources"):
            for name, kind, *_ in sqlite_columns(con, table):
                if kind == "INTEGER":
                    found = con.execute(
                        f'SELECT DISTINCT typeof("{name}") FROM {table}'  # noqa: S608
                    ).fetchall()
                    assert set(found) <= {("integer",), ("null",)}, (table, name)
        assert con.execute("SELECT member_count FROM organisations WHERE id='un'").fetchone() == (
            193,
        )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute("UPDATE programmes SET budget_amount = 'lots' WHERE id = 'p0'")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute("UPDATE agreements SET legally_binding = 2")
    finally:
        con.close()


def test_sqlite_amounts_read_back_as_decimals(tmp_path: Path) -> None:
    db = write_sqlite(with_budgets(*AMOUNTS), tmp_path / "out.db")
    sqlite3.register_converter("NUMERIC", lambda b: Decimal(b.decode()))
    try:
        con = sqlite3.connect(db, detect_types=sqlite3.PARSE_DECLTYPES)
        try:
            back = dict(con.execute("SELECT id, budget_amount FROM programmes"))
        finally:
            con.close()
    finally:
        sqlite3.converters.pop("NUMERIC")
    assert back == {
        "eu-iom-joint-initiative": Decimal(440000000),
        **{f"p{i}": Decimal(a) for i, a in enumerate(AMOUNTS)},
    }
    assert all(isinstance(v, Decimal) for v in back.values())


def test_an_amount_sqlite_cannot_keep_exact_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"cannot write .*out\.db: the amount 0\.1234567890123456 .*15 significant"
    ):
        write_sqlite(with_budgets("0.1234567890123456"), tmp_path / "out.db")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        ("440000000", 440000000),
        ("440000000.00", 440000000),
        ("0.5", 0.5),
        ("123456789012345.6", None),
        ("1E+19", 1e19),
        (str(2**63), None),
        (str(2**63 + 1), None),
        (str(2**63 - 1), 2**63 - 1),
    ],
)
def test_sql_number(amount: str, stored: float | None) -> None:
    if stored is None:
        with pytest.raises(ValueError, match="15 significant digits"):
            sql_number(Decimal(amount))
    else:
        value = sql_number(Decimal(amount))
        assert (value, type(value)) == (stored, type(stored))


def test_csv_numbers_are_plain(tmp_path: Path) -> None:
    folder = write_csv(with_budgets("1E+2", "0.000001", "1.50"), tmp_path / "csv")
    budgets = {r["id"]: r["budget_amount"] for r in read_csv(folder / "programmes.csv")}
    assert budgets == {
        "eu-iom-joint-initiative": "440000000",
        "p0": "100",
        "p1": "0.000001",
        "p2": "1.50",
    }
    counts = [r["country_count"] for r in read_csv(folder / "programmes.csv")]
    assert counts == ["26", "", "", ""]
    assert [r["position"] for r in read_csv(folder / "sessions.csv")] == ["0", "1"]


@pytest.mark.skipif(_missing("pandas"), reason="pandas is an optional extra")
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_csv_reads_back_into_pandas_as_to_dataframe(name: str, tmp_path: Path) -> None:
    import pandas as pd

    reg = with_budgets("0.1", "1E+2")
    folder = write_csv(reg, tmp_path / "csv")
    t = all_tables()[name]
    # the recipe of docs/exports.md: text as strings, the numbers' columns typed
    types = defaultdict(
        lambda: "string", {c.name: DTYPES[c.type] for c in t.columns if c.type in (int, bool)}
    )
    back = pd.read_csv(
        folder / f"{name}.csv",
        dtype=types,
        keep_default_na=False,
        na_values=[""],
        index_col="id" if t.key == ("id",) else None,
    )
    for c in t.columns:
        if c.type is Decimal:
            back[c.name] = back[c.name].map(Decimal, na_action="ignore").astype(object)
    # a DataFrame has a datetime column beside each column of dates, which files do not
    starts = [c.name + START for c in t.columns if c.dated]
    pd.testing.assert_frame_equal(back, reg.to_dataframe(name).drop(columns=starts))
    for c in t.columns:
        if c.type is int:
            assert str(back[c.name].dtype) == "Int64"


# -- output paths that are not ours (issue 12) --


def test_a_symlink_is_written_through(reg: eucoop.Registry, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_json(reg, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == 2
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_dangling_symlink_is_refused(reg: eucoop.Registry, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "nowhere.db")
    for writer in (write_json, write_sqlite, write_csv):
        with pytest.raises(OSError, match="symbolic link to nothing"):
            writer(reg, link)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db"]


def test_a_fifo_is_refused(reg: eucoop.Registry, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match=r"named pipe \(FIFO\), not a regular file"):
        write_json(reg, fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


def test_a_device_and_a_socket_are_refused(reg: eucoop.Registry, tmp_path: Path) -> None:
    # Through a link of our own: were the refusal to fail, the link is what gets replaced,
    # never the system's device (run as root, the old code replaced /dev/null itself).
    device = tmp_path / "null.db"
    device.symlink_to(os.devnull)
    with pytest.raises(OSError, match="character device, not a regular file"):
        write_sqlite(reg, device)
    assert device.is_symlink()
    assert stat.S_ISCHR(device.stat().st_mode)
    here = Path.cwd()
    os.chdir(tmp_path)  # a short path: socket names are limited to about 100 bytes
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("s.json")
            with pytest.raises(OSError, match="socket"):
                write_json(reg, Path("s.json"))
            assert stat.S_ISSOCK(Path("s.json").lstat().st_mode)
    finally:
        os.chdir(here)


def test_a_folder_is_refused_as_a_file(reg: eucoop.Registry, tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    with pytest.raises(OSError, match="it is a folder, not a regular file"):
        write_json(reg, tmp_path / "out.json")


def test_missing_folders_are_removed_when_the_export_fails(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.json"

    def fail() -> None:
        with _export.replacing(target) as tmp:
            assert tmp.parent == target.parent
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    assert list(tmp_path.iterdir()) == []


def test_a_new_csv_folder_appears_whole_or_not_at_all(
    reg: eucoop.Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new" / "csv"

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "rename", fail)
    with pytest.raises(OSError, match="disk full"):
        write_csv(reg, folder)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    old = os.umask(0o022)
    try:
        write_csv(reg, folder)
    finally:
        os.umask(old)
    assert folder.stat().st_mode & 0o777 == 0o755
    assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {0o644}


def _old_csv_folder(reg: eucoop.Registry, folder: Path) -> dict[str, str]:
    folder.mkdir()
    old = {name: f"old {name}\n" for name in _export.csv_tables(reg)}
    for name, text in old.items():
        (folder / name).write_text(text, encoding="utf-8")
    del old["timeline.csv"]  # a name of the set that was not there before
    (folder / "timeline.csv").unlink()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    return {**old, "notes.txt": "mine"}


def _contents_of(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_a_csv_set_is_replaced_all_at_once_or_not_at_all(
    reg: eucoop.Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "csv"
    old = _old_csv_folder(reg, folder)
    real_replace = os.replace
    calls = []

    def fail_on_the_third(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent == folder:
            calls.append(dst)
            if len(calls) == 3:
                raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_the_third)
    with pytest.raises(PermissionError):
        write_csv(reg, folder)
    assert len(calls) > 3  # two renamed in, one failed, two put back
    assert _contents_of(folder) == old
    monkeypatch.undo()
    write_csv(reg, folder)
    new = _contents_of(folder)
    assert new.pop("notes.txt") == "mine"
    assert new == _export.csv_tables(reg)


@pytest.mark.parametrize("member", ["folder", "fifo", "symlink"])
def test_a_csv_set_over_what_is_not_a_file_changes_nothing(
    reg: eucoop.Registry, tmp_path: Path, member: str
) -> None:
    folder = tmp_path / "csv"
    old = _old_csv_folder(reg, folder)
    odd = folder / "timeline.csv"
    if member == "folder":
        odd.mkdir()
    elif member == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to(folder / "notes.txt")
    with pytest.raises(OSError, match=f"cannot write {odd}: it is a"):
        write_csv(reg, folder)
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p != odd} == old
    assert sorted(p.name for p in folder.iterdir()) == sorted([*old, "timeline.csv"])


def test_a_csv_set_is_put_back_without_hard_links(
    reg: eucoop.Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    first, second, *_ = _export.csv_tables(reg)
    (folder / second).write_text("old", encoding="utf-8")
    real_replace = os.replace
    renamed: list[Path] = []

    def no_link(*_: object) -> None:
        raise OSError("no hard links here")

    def fail_on_the_third(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent == folder and Path(src).parent.name != "old":
            renamed.append(Path(dst))
            if len(renamed) == 3:
                raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "replace", fail_on_the_third)
    with pytest.raises(OSError, match="disk full"):
        write_csv(reg, folder)
    assert renamed[:2] == [folder / first, folder / second]
    assert _contents_of(folder) == {second: "old"}
