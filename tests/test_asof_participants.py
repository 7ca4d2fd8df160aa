"""``as_of`` trims each entity's participants by their own ``since`` and ``until``.

An entity that existed on the day keeps only the participations going on that
day (docs/data-model.md, the time rules 2, 3 and 5): begun for certain (no
``since``, or its last day on or before the day) and not over for certain (no
``until``, or the day on or before its first day); with
``include_uncertain=True``, also those that may have begun or may be over.
The expectations here are written from those rules on the dates' first and
last days, not with the time module's own functions, so that a mistake there
shows too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Organisation, PartialDate, Participant, Programme, Registry, Role

from .strategies import data_files, partial_dates, whole_files

PACKAGED = eucoop.load()


def _going_on(p: Participant, day: dt.date, include_uncertain: bool) -> bool:
    """Whether *p* held on *day* by the time rules: certainly, or possibly if asked."""
    if include_uncertain:
        begun = p.since is None or p.since.start <= day
        not_over = p.until is None or day <= p.until.end
    else:
        begun = p.since is None or p.since.end <= day
        not_over = p.until is None or day <= p.until.start
    return begun and not_over


def _check_participants(reg: Registry, day: dt.date, include_uncertain: bool) -> None:
    """Every entity of ``reg.as_of(day)`` keeps exactly its participations going on *day*."""
    view = reg.as_of(day, include_uncertain=include_uncertain)
    for e in view:
        expected = tuple(
            # a link to a framework not yet there goes, as every link to what did not exist
            attrs.evolve(p, framework=None) if p.framework and p.framework not in view else p
            for p in reg[e.id].participants
            if p.organisation in view and _going_on(p, day, include_uncertain)
        )
        assert e.participants == expected, (e.id, day, include_uncertain)
        for p in e.participants:  # the rule itself, said once more plainly
            assert p.since is None or p.since.start <= day
            assert p.until is None or day <= p.until.end


# -- examples ---------------------------------------------------------------------------


@pytest.fixture
def joins_later(valid: dict[str, Any]) -> Registry:
    """The test file with the programme's funder (founded 1950) joining only on 2018-03-01."""
    funder = valid["programmes"][0]["participants"][0]
    assert funder["organisation"] == "org-parent"
    funder["since"] = "2018-03-01"
    return eucoop.load(valid, include_default=False)


def test_a_participant_who_joined_after_the_day_is_dropped(joins_later: Registry) -> None:
    then = joins_later.as_of("2017-06-01")
    assert "org-parent" in then  # the organisation existed...
    assert "prog-one" in then  # ...and so did the programme (launched 2016-12)...
    assert then.get("prog-one", Programme).participants == ()  # ...but it had not joined yet
    assert joins_later.as_of("2018-02-28").get("prog-one", Programme).participants == ()
    joined = joins_later.as_of("2018-03-01").get("prog-one", Programme).participants
    assert [(p.organisation, p.role) for p in joined] == [("org-parent", Role.FUNDER)]


def test_joining_in_a_month_is_uncertain_within_it(valid: dict[str, Any]) -> None:
    valid["programmes"][0]["participants"][0]["since"] = "2018-03"
    reg = eucoop.load(valid, include_default=False)
    assert reg.as_of("2018-03-15").get("prog-one", Programme).participants == ()
    maybe = reg.as_of("2018-03-15", include_uncertain=True).get("prog-one", Programme)
    assert [p.organisation for p in maybe.participants] == ["org-parent"]
    assert reg.as_of("2018-02-28", include_uncertain=True).get("prog-one").participants == ()
    assert [p.organisation for p in reg.as_of("2018-03-31").get("prog-one").participants] == [
        "org-parent"
    ]


def test_a_participant_whose_until_has_passed_is_dropped(valid: dict[str, Any]) -> None:
    # The funder held 2016-12 to 2021: on 2021-01-01 for certain, perhaps in June, not in 2022.
    reg = eucoop.load(valid, include_default=False)
    assert [p.organisation for p in reg.as_of("2021-01-01").get("prog-one").participants] == [
        "org-parent",
        "org-child",
    ]
    assert [p.organisation for p in reg.as_of("2021-06-01").get("prog-one").participants] == [
        "org-child"
    ]
    maybe = reg.as_of("2021-06-01", include_uncertain=True).get("prog-one")
    assert [p.organisation for p in maybe.participants] == ["org-parent", "org-child"]
    assert [p.organisation for p in reg.as_of("2021-12-31").get("prog-one").participants] == [
        "org-child"
    ]


def test_an_organisation_keeps_its_members_only_once_they_joined(valid: dict[str, Any]) -> None:
    # The child body, founded 1990 here, took its observer only in 2019-07.
    valid["organisations"][1]["founded"] = "1990"
    reg = eucoop.load(valid, include_default=False)
    assert reg.as_of("2010").get("org-child", Organisation).participants == ()
    assert reg.as_of("2019-08").get("org-child", Organisation).participants != ()


def test_packaged_greco_had_no_eu_observer_before_2019() -> None:
    # GRECO was founded in 1999; the EU has been an observer since July 2019.
    assert "eu" in PACKAGED.as_of("2010")
    assert PACKAGED.as_of("2010").get("greco", Organisation).participants == ()
    assert PACKAGED.as_of("2019-07-15").get("greco", Organisation).participants == ()
    assert [p.organisation for p in PACKAGED.as_of("2019-08").get("greco").participants] == ["eu"]


def test_packaged_untoc_before_the_eu_signed() -> None:
    # Adopted on 2000-11-15; the EU signed on 2000-12-12 (it is a party, undated, all along).
    before = PACKAGED.as_of("2000-12-11").get("untoc")
    assert [p.role for p in before.participants] == [Role.PARTY]
    after = PACKAGED.as_of("2000-12-12").get("untoc")
    assert [p.role for p in after.participants] == [Role.PARTY, Role.SIGNATORY]


def test_packaged_dialogue_participation_over_after_its_session() -> None:
    # The EU took part in the second High-level Dialogue, 3 to 4 October 2013, only.
    ident = "un-high-level-dialogue-migration-development"
    taking_part = [
        [p.organisation for p in PACKAGED.as_of(day).get(ident).participants]
        for day in ("2013-10-02", "2013-10-03", "2013-10-04", "2013-10-05")
    ]
    assert [("eu" in who) for who in taking_part] == [False, True, True, False]


# -- properties -------------------------------------------------------------------------


def _boundaries(reg: Registry) -> list[dt.date]:
    """The days around every participant's dates, where a mistake would show."""
    days: set[dt.date] = set()
    for e in reg:
        for p in e.participants:
            for d in (p.since, p.until):
                if d is not None:
                    days |= {d.start, d.end, d.start - dt.timedelta(1), d.end + dt.timedelta(1)}
    return sorted(days)


def test_packaged_participants_on_every_boundary_day() -> None:
    days = _boundaries(PACKAGED)
    assert days
    for day in days:
        for include_uncertain in (False, True):
            _check_participants(PACKAGED, day, include_uncertain)


@given(
    st.sampled_from(_boundaries(PACKAGED)) | st.dates(dt.date(1900, 1, 1), dt.date(2035, 12, 31)),
    st.booleans(),
)
def test_packaged_participants_on_any_day(day: dt.date, include_uncertain: bool) -> None:
    _check_participants(PACKAGED, day, include_uncertain)


@whole_files
@given(data_files(), partial_dates(), st.booleans(), st.data())
def test_generated_participants_on_any_day(
    data: dict[str, Any], date: PartialDate, include_uncertain: bool, more: st.DataObject
) -> None:
    reg = eucoop.load(data, include_default=False)
    days = _boundaries(reg)
    day = date.start
    if more.draw(st.booleans(), label="on a boundary") and days:
        day = more.draw(st.sampled_from(days), label="day")
    _check_participants(reg, day, include_uncertain)
