"""Exports: JSON, CSV (folder and zip) and SQLite, each read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eucoop
from eucoop import _export
from eucoop._export import write_csv, write_json, write_sqlite
from eucoop._queries.tables import column_names

FIXTURE = Path(__file__).parent / "data" / "cli" / "fixture.json"
KINDS = ("organisations", "agreements", "dialogues", "programmes")


@pytest.fixture(scope="module")
def reg() -> eucoop.Registry:
    return eucoop.load(FIXTURE, include_default=False)


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
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


def test_new_files_follow_the_umask(reg: eucoop.Registry, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_json(reg, tmp_path / "a.json")
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o640


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
        ).fetchone() == ("1.5", "USD")
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
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
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
            "INSERT INTO participants VALUES ('gcm', 9, 'nobody', 'party', NULL, NULL, NULL)"
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
