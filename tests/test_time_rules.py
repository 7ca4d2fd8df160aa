"""The time rules as properties: three answers, and never a claim the data cannot date."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Dialogue, Entity, PartialDate, Programme, Registry, Release, _load
from eucoop._model import KINDS, Status, existence

from .strategies import data_files, partial_dates, whole_files

RANK = {False: 0, None: 1, True: 2}


def start_and_end(e: Entity) -> tuple[PartialDate | None, PartialDate | None]:
    return KINDS.of(type(e)).span(e)


@whole_files
@given(data_files(), st.lists(partial_dates(), min_size=2, max_size=6))
def test_existence_never_goes_back(data: dict[str, Any], days: list[PartialDate]) -> None:
    """Without an end, the answers over later days only rise: no, then not known, then yes."""
    reg = eucoop.load(data, include_default=False)
    ordered = sorted({d.start for d in days})
    for e in reg:
        if start_and_end(e)[1] is not None:
            continue
        answers = [RANK[reg.existed(e, day)] for day in ordered]
        assert answers == sorted(answers), (e.id, ordered, answers)


@whole_files
@given(data_files(), partial_dates())
def test_never_existed_before_a_known_start_or_after_a_known_end(
    data: dict[str, Any], day: PartialDate
) -> None:
    reg = eucoop.load(data, include_default=False)
    on = day.start
    for e in reg:
        start, end = start_and_end(e)
        answer = reg.existed(e, on)
        if start is not None and on < start.start:
            assert answer is False
        if end is not None and on > end.end:
            assert answer is False
        if start is None and (end is None or on <= end.end):
            assert answer is not False, "no start: never 'did not exist'"
        if answer is True and start is None:
            assert any(d.end <= on for d in eucoop._model.dates_in(e)), "a dated fact shows it"


@whole_files
@given(data_files(), partial_dates())
def test_as_of_holds_what_existed_and_counts_what_it_cannot_date(
    data: dict[str, Any], day: PartialDate
) -> None:
    reg = eucoop.load(data, include_default=False)
    answers = {e.id: reg.existed(e, day) for e in reg}
    then = reg.as_of(day)
    assert {e.id for e in then} == {i for i, a in answers.items() if a is True}
    assert sum(then.left_out.values()) == sum(a is None for a in answers.values())
    assert then.unsure == frozenset()
    every = reg.as_of(day, include_uncertain=True, include_unknown=True)
    assert {e.id for e in every} == {i for i, a in answers.items() if a is not False}
    assert every.unsure == {i for i, a in answers.items() if a is None}
    assert set(reg.unknown_on(day).ids) | set(reg.uncertain_on(day).ids) == every.unsure
    # a view of a view on the same day keeps what it kept
    assert {e.id for e in then.as_of(day)} == {e.id for e in then}


def test_a_later_session_never_turns_not_known_into_did_not_exist(
    valid: dict[str, Any],
) -> None:
    dialogue = valid["dialogues"][0]
    dialogue.pop("established", None)
    dialogue["sessions"] = [{"start": "2023-02-01"}]
    reg = eucoop.load(valid, include_default=False)
    ident = dialogue["id"]
    assert reg.existed(ident, "2020") is None
    assert reg.existed(ident, "2023-02-01") is True
    assert ident not in reg.as_of("2020")
    assert ident in reg.as_of("2020", include_unknown=True).unsure
    assert reg.as_of("2020").left_out["not known"] >= 1


def test_a_dialogue_begins_when_established_not_at_a_session(valid: dict[str, Any]) -> None:
    dialogue = valid["dialogues"][0]
    dialogue["established"] = "2001-05-02"
    dialogue["sessions"] = [{"start": "2010-03-04"}]
    reg = eucoop.load(valid, include_default=False)
    ident = dialogue["id"]
    assert isinstance(reg[ident], Dialogue)
    assert reg.existed(ident, "2001-05-01") is False
    assert reg.existed(ident, "2005") is True
    assert ident in reg.as_of("2005")
    assert reg.as_of("2005").get(ident, Dialogue).sessions == ()  # the session is to come


def test_the_issue_cases_on_the_packaged_data() -> None:
    reg = eucoop.load()
    then = reg.as_of("1900")
    assert len(then) == 0  # the EU and the African Union are dated now, and came later
    assert then.left_out["not known"] == len(reg.unknown_on("1900"))
    assert "left out" in repr(then)
    programmes = {e.id for e in reg.as_of("2010").programmes}
    assert "unhcr-emergency-transit-mechanism" not in programmes  # launched November 2017
    assert reg.existed("eu", "1993-10-31") is False
    assert reg.existed("eu", "1993-11-01") is True
    assert reg.existed("un-secretariat", "2020") is None


@pytest.mark.parametrize(
    ("start", "end", "day", "expected"),
    [
        (None, None, dt.date(1900, 1, 1), Status.UNKNOWN),
        (PartialDate("2000"), None, dt.date(1999, 12, 31), Status.NO),
        (PartialDate("2000"), None, dt.date(2000, 6, 1), Status.UNCERTAIN),
        (PartialDate("2000"), PartialDate("2001"), dt.date(2001, 6, 1), Status.UNCERTAIN),
        (None, PartialDate("2001"), dt.date(2001, 6, 1), Status.UNKNOWN),
        (None, PartialDate("2001"), dt.date(2002, 1, 1), Status.NO),
    ],
)
def test_existence_by_hand(
    start: PartialDate | None, end: PartialDate | None, day: dt.date, expected: Status
) -> None:
    assert existence(start, end, day) is expected


# -- the data's release ------------------------------------------------------------------


def test_the_release_of_the_packaged_data() -> None:
    reg = eucoop.load()
    release = reg.release
    assert isinstance(release, Release)
    assert release.data_version == "1.0.1"
    assert release.released == PartialDate("2026-12-06")
    accessed = [d.accessed for d in reg.documents if d.accessed is not None]
    assert len(accessed) == len(reg.documents)
    assert (release.retrieved_first, release.retrieved_last) == (min(accessed), max(accessed))
    assert release.facts_until == reg.timeline()[-1].date
    assert str(release).startswith("version 1.0.1, released 2026-12-06; sources read ")


def test_the_release_goes_with_the_packaged_data_only(valid: dict[str, Any]) -> None:
    assert eucoop.load(valid, include_default=False).release is None
    mine = {"documents": [{"id": "my-doc", "title": "Mine", "publisher": "Me"}]}
    assert eucoop.load(mine).release == eucoop.load().release
    reg = eucoop.load()
    assert reg.as_of("2019").release == reg.release  # a view of the same data version
    assert pickle.loads(pickle.dumps(reg)).release == reg.release  # noqa: S301 - our own


def test_the_release_is_worked_out_on_first_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    # A load does not date every fact for a release nobody may ask for (a cold question).
    real = _load._release
    calls: list[int] = []

    def counted() -> Release:
        calls.append(1)
        return real()

    monkeypatch.setattr(_load, "_release", counted)
    reg = eucoop.load({"documents": [{"id": "my-doc", "title": "Mine", "publisher": "Me"}]})
    assert calls == []
    assert reg.release is reg.release
    assert reg.release == real()
    assert calls == [1]


def test_the_summary_shows_the_release(capsys: pytest.CaptureFixture[str]) -> None:
    from eucoop._cli import main

    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert "Data            version 1.0.1, released 2026-12-06; sources read" in out
    assert main(["summary", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["data"]
    assert data["version"] == "1.0.1"
    assert data["released"] == "2026-12-06"
    assert set(data["retrieved"]) == {"first", "last"}
    assert main(["--no-default", "--data", "tests/data/cli/fixture.json", "summary", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data"]["version"] is None


def test_the_changelog_has_a_data_section_for_the_current_version() -> None:
    from pathlib import Path

    changelog = (Path(__file__).parents[1] / "docs" / "changelog.md").read_text(encoding="utf-8")
    version = eucoop.load().release.data_version  # type: ignore[union-attr]
    assert f"### Data {version}" in changelog


def test_a_registry_built_by_hand_has_no_release() -> None:
    reg = Registry([Programme(id="p", name="P")], [])
    assert reg.release is None
    assert reg.existed("p", "2020") is None
