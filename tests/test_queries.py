"""Queries: filter, search, timeline, as_of; with hypothesis properties on generated data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import (
    Agreement,
    Dialogue,
    Entity,
    Organisation,
    PartialDate,
    PolicyArea,
    Programme,
    Registry,
    Role,
)
from eucoop._queries.filters import country_code, country_name
from eucoop._queries.time import Status, in_force_on, status
from eucoop._text import fold

from .strategies import COUNTRIES, data_files, partial_dates, whole_files


@pytest.fixture
def reg(valid: dict[str, Any]) -> Registry:
    return eucoop.load(valid, include_default=False)


class TestFilter:
    def test_no_condition_is_everything(self, reg: Registry) -> None:
        assert reg.filter() == tuple(reg)

    @pytest.mark.parametrize("kind", [Programme, "programme", "programmes", "PROGRAMME"])
    def test_kind(self, reg: Registry, kind: Any) -> None:
        assert reg.filter(kind=kind).ids == ("prog-one",)

    def test_bad_kind(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match="unknown kind 'widget'"):
            reg.filter(kind="widget")
        with pytest.raises(ValueError, match="unknown kind"):
            reg.filter(kind=Entity)

    def test_policy_area(self, reg: Registry) -> None:
        assert reg.filter(area="asylum").ids == ("org-child",)
        assert reg.filter(area=PolicyArea.RETURN_AND_REINTEGRATION).ids == ("prog-one",)
        assert reg.filter(area="drugs") == ()
        with pytest.raises(ValueError, match="is not a valid PolicyArea"):
            reg.filter(area="nowhere")
        with pytest.raises(ValueError, match=r"'migraton' .*did you mean 'migration'"):
            reg.filter(area="migraton")

    def test_policy_area_keeps_its_old_name(self, reg: Registry) -> None:
        """``policy_area=`` (the contract's spelling) still works, with a DeprecationWarning."""
        with pytest.warns(DeprecationWarning, match=r"use filter\(area=...\)") as caught:
            found = reg.filter(policy_area="asylum")
        assert found.ids == ("org-child",)
        assert caught[0].filename == __file__  # the warning points at the caller
        with pytest.warns(DeprecationWarning, match="policy_area"):
            assert reg.filter(kind="programme", policy_area=PolicyArea.DRUGS) == ()
        with pytest.raises(TypeError, match="not both"):
            reg.filter(area="asylum", policy_area="asylum")

    def test_country_and_region(self, reg: Registry) -> None:
        assert reg.filter(country="ly").ids == ("prog-one",)
        assert reg.filter(country="CH").ids == ("org-parent",)
        assert reg.filter(region="horn of africa").ids == ("prog-one",)
        assert reg.filter(region="  Horn of  AFRICA ").ids == ("prog-one",)

    @pytest.mark.parametrize(
        "country", ["LY", "ly", "Ly", "Libya", "libya", "LIBYA", "Türkiye", "turkiye", "tr"]
    )
    def test_country_by_code_or_name(self, reg: Registry, country: str) -> None:
        assert reg.filter(country=country).ids == ("prog-one",)

    def test_country_names_iso_gives(self, reg: Registry) -> None:
        """ISO's short name, and its common and official names where it has them."""
        assert reg.filter(country="Switzerland").ids == ("org-parent",)
        assert reg.filter(country="Swiss Confederation").ids == ("org-parent",)
        assert reg.filter(country="Syria") == reg.filter(country="Syrian Arab Republic") == ()
        assert reg.filter(country="Côte d'Ivoire") == reg.filter(country="COTE D IVOIRE") == ()

    def test_a_known_country_with_nothing_is_empty(self, reg: Registry) -> None:
        assert reg.filter(country="FR") == ()
        assert reg.filter(country="France") == ()

    @pytest.mark.parametrize(
        ("country", "message"),
        [
            ("Lybia", r"unknown country 'Lybia': .*did you mean .*'Libya'"),
            ("XX", "unknown country 'XX'"),
            ("UK", "unknown country 'UK'"),
            ("", "unknown country ''"),
        ],
    )
    def test_unknown_country_is_an_error(self, reg: Registry, country: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            reg.filter(country=country)

    def test_country_must_be_text(self, reg: Registry) -> None:
        with pytest.raises(TypeError, match="country must be a country's ISO code or name, not an"):
            reg.filter(country=1)  # type: ignore[call-overload]

    def test_unknown_region_is_an_error(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match=r"unknown region 'Horn of Afrika' .*'Horn of Africa'"):
            reg.filter(region="Horn of Afrika")
        with pytest.raises(ValueError, match=r"^unknown region 'Sahel'$"):
            reg.filter(region="Sahel")

    def test_a_region_named_only_later_is_known_to_an_earlier_view(self, reg: Registry) -> None:
        then = reg.as_of("1990")
        assert "prog-one" not in then
        assert then.filter(region="Horn of Africa") == ()
        assert then.as_of("1980").filter(region="horn of africa") == ()
        with pytest.raises(ValueError, match="unknown region 'Sahel'"):
            then.filter(region="Sahel")

    def test_unknown_role_suggests(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match=r"'hots' is not a valid Role .*'host'"):
            reg.filter(role="hots")

    def test_unknown_condition_suggests(self, reg: Registry) -> None:
        with pytest.raises(TypeError, match=r"unexpected keyword argument 'contry'.*'country'"):
            reg.filter(contry="LY")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="unexpected keyword argument 'organisation'"):
            reg.filter(organisation="PO")  # type: ignore[call-overload]

    def test_participant_and_role(self, reg: Registry) -> None:
        assert reg.filter(participant="PO").ids == ("org-child", "dia-one", "prog-one")
        assert reg.filter(participant="org-parent", role="host").ids == ("dia-one",)
        assert reg.filter(role=Role.LEAD).ids == ("agr-one",)
        assert reg.filter(participant="org-child", role="host") == ()

    def test_active_on(self, reg: Registry) -> None:
        assert reg.filter(kind="programme", active_on="2017").ids == ("prog-one",)
        assert reg.filter(kind="programme", active_on=dt.date(2016, 12, 15)) == ()  # uncertain
        assert reg.filter(kind="programme", active_on="2023") == ()  # ended 2022

    def test_conditions_combine(self, reg: Registry) -> None:
        assert reg.filter(kind=Organisation, area="migration", country="CH") == ()
        assert reg.filter(kind=Organisation, country="Switzerland").ids == ("org-parent",)

    def test_bad_date(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match="not an ISO date"):
            reg.filter(active_on="yesterday")


class TestSearch:
    def test_ranked_with_reasons(self, reg: Registry) -> None:
        results = reg.search("joint")
        assert results.ids == ("prog-one",)
        assert results.hits[0].fields == ("name",)
        assert results.hits[0].id == "prog-one"
        assert results.hits[0].score > 0

    def test_exact_name_ranks_first(self, reg: Registry) -> None:
        assert reg.search("PO")[0].id == "org-parent"

    def test_prefix_and_accents(self, reg: Registry) -> None:
        assert reg.search("KÖRP").ids == ("org-child",)
        assert reg.search("reintegr").ids == ("prog-one",)
        assert reg.search("horn africa").ids == ("prog-one",)

    def test_all_words_must_match(self, reg: Registry) -> None:
        assert reg.search("joint dialogue") == ()
        assert reg.search("zzzz") == ()

    def test_kind_and_limit(self, reg: Registry) -> None:
        assert reg.search("name", kind="dialogue") == ()
        assert reg.search("horn").ids == ("prog-one",)  # "Horn of Africa"
        assert reg.search("of") == ()  # a stopword: not searched
        assert reg.search("o") == ()  # short words match whole words only
        assert len(reg.search("organisation")) == 1
        assert len(reg.search("new york")) == 1
        assert len(reg.search("vienna", limit=1)) == 1

    @pytest.mark.parametrize("query", ["", "   ", "!!!"])
    def test_empty_query_is_an_error(self, reg: Registry, query: str) -> None:
        with pytest.raises(ValueError, match="search needs at least one word"):
            reg.search(query)


class TestTimeline:
    def test_entries(self, reg: Registry) -> None:
        labels = [(str(t.date), t.entity, t.field) for t in reg.timeline()]
        assert labels == [
            ("1950-12-14", "org-parent", "founded"),
            ("2005-01", "org-child", "partnership.since"),
            ("2013-10-03", "dia-one", "sessions[0].start"),
            ("2016-12", "prog-one", "launched"),
            ("2016-12", "prog-one", "participants[0].since"),
            ("2018-12-17", "agr-one", "adopted"),
            ("2019", "agr-one", "in_force"),
            ("2019-07", "org-child", "founded"),
            ("2019-07", "org-child", "participants[0].since"),
            ("2020-01-16", "dia-one", "sessions[1].start"),
            ("2021", "prog-one", "participants[0].until"),
            ("2022", "prog-one", "ended"),
        ]

    def test_labels(self, reg: Registry) -> None:
        text = [str(t) for t in reg.timeline("2016", "2016")]
        assert text == [
            "2016-12  Joint Programme launched",
            "2016-12  PO becomes funder of Joint Programme",
        ]
        assert [t.label for t in reg.timeline("2020", "2021")] == [
            "Annual Dialogue meets (forum)",
            "PO ceases to be funder of Joint Programme",
        ]
        assert reg.timeline("2013", "2013")[0].label == "Annual Dialogue meets in New York"
        assert reg.timeline("2018", "2018")[0].label == "FA adopted"
        assert reg.timeline("2005", "2005")[0].label == "EU partnership with Child Body"

    def test_window_uses_first_days(self, reg: Registry) -> None:
        assert [str(t.date) for t in reg.timeline("2019-07-15")][:2] == ["2020-01-16", "2021"]
        assert [str(t.date) for t in reg.timeline(end="2019-01-01")][-1] == "2019"
        assert reg.timeline(PartialDate(2030)) == ()


def test_every_timeline_entry_has_provenance() -> None:
    reg = eucoop.load()
    for entry in reg.timeline():
        assert reg.provenance(entry.entity, entry.field), entry


class TestAsOf:
    def test_keeps_what_existed(self, reg: Registry) -> None:
        then = reg.as_of("2017")
        assert isinstance(then, Registry)
        assert [e.id for e in then] == ["org-parent", "dia-one", "prog-one"]

    def test_trims_by_own_dates(self, reg: Registry) -> None:
        then = reg.as_of(dt.date(2020, 1, 1))
        dialogue = then.get("dia-one", Dialogue)
        assert [str(s.start) for s in dialogue.sessions] == ["2013-10-03"]
        agreement = then.get("agr-one", Agreement)
        assert agreement.in_force is not None
        assert then.get("org-child", Organisation).participants[0].role is Role.OBSERVER

    def test_drops_links_to_what_did_not_exist(self, valid: dict[str, Any]) -> None:
        valid["organisations"][0]["founded"] = "2018"
        reg = eucoop.load(valid, include_default=False)
        then = reg.as_of("2017-06")
        prog = then.get("prog-one", Programme)
        assert [p.organisation for p in prog.participants] == []  # parent not founded yet
        assert "org-parent" not in then

    def test_drops_parent_adopted_by_and_formalised_by(self, valid: dict[str, Any]) -> None:
        valid["organisations"][0]["founded"] = "2021"
        valid["organisations"][1]["founded"] = "2019-07"
        valid["agreements"][0]["adopted"] = "2020-01"
        valid["agreements"][0]["in_force"] = "2022"
        reg = eucoop.load(valid, include_default=False)
        then = reg.as_of("2020-06")
        child = then.get("org-child", Organisation)
        assert child.parent is None
        assert child.partnership is not None
        assert child.partnership.formalised_by == ("agr-one",)
        agr = then.get("agr-one", Agreement)
        assert agr.adopted_by is None
        assert agr.in_force is None
        earlier = reg.as_of("2019-12")
        partnership = earlier.get("org-child", Organisation).partnership
        assert partnership is not None
        assert partnership.formalised_by == ()

    def test_partnership_not_yet_begun(self, valid: dict[str, Any]) -> None:
        valid["organisations"][1]["founded"] = "1990"
        reg = eucoop.load(valid, include_default=False)
        assert reg.as_of("2000").get("org-child", Organisation).partnership is None

    def test_uncertain_cases(self, reg: Registry) -> None:
        day = "2019-07-15"
        assert "org-child" not in reg.as_of(day)
        assert "org-child" in reg.as_of(day, include_uncertain=True)
        assert reg.uncertain_on(day).ids == ("org-child",)
        assert reg.uncertain_on("2019-08-01") == ()

    def test_ended_programme(self, reg: Registry) -> None:
        assert "prog-one" in reg.as_of("2021-12-31")
        assert "prog-one" in reg.as_of("2022-06-01", include_uncertain=True)
        assert "prog-one" not in reg.as_of("2022-06-01")
        assert reg.uncertain_on("2022-06-01").ids == ("prog-one",)
        assert "prog-one" not in reg.as_of("2023")

    def test_status_table(self) -> None:
        day = dt.date(2019, 7, 15)
        july, year = PartialDate(2019, 7), PartialDate(2019)
        assert status(None, None, day) is Status.YES
        assert status(july, None, day) is Status.UNCERTAIN
        assert status(PartialDate(2019, 7, 15), None, day) is Status.YES
        assert status(PartialDate(2019, 7, 16), None, day) is Status.NO
        # an end date is the last day it still held
        assert status(None, PartialDate(2019, 7, 15), day) is Status.YES
        assert status(None, PartialDate(2019, 7, 14), day) is Status.NO
        assert status(None, july, day) is Status.UNCERTAIN
        assert status(None, PartialDate(2019, 7), dt.date(2019, 7, 1)) is Status.YES
        assert status(None, year, day) is Status.UNCERTAIN
        assert status(PartialDate(2018), PartialDate(2020), day) is Status.YES


# -- properties -----------------------------------------------------------------------------

CONDITIONS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["organisation", "agreement", "dialogue", "programme"]),
        "area": st.sampled_from(PolicyArea),
        "country": st.sampled_from(COUNTRIES[:40]).flatmap(
            lambda code: st.sampled_from([code, code.lower(), country_name(code)])
        ),
        "role": st.sampled_from(Role),
        "active_on": partial_dates(),
    },
)


START = {
    Organisation: "founded",
    Agreement: "adopted",
    Dialogue: "established",
    Programme: "launched",
}


def every_date(value: object) -> list[PartialDate]:
    """The dates anywhere in a model value, found by walking its attrs fields."""
    if isinstance(value, PartialDate):
        return [value]
    if isinstance(value, tuple | frozenset):
        return [d for item in value for d in every_date(item)]
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type] # an attrs class, checked
        return [d for f in fields for d in every_date(getattr(value, f.name))]
    return []


def certainly_existed(e: Entity, day: dt.date) -> bool:
    """The time rules, written out: a known start had certainly happened, or (with no start)
    the first dated fact had; and a known end (a programme's) had not certainly passed."""
    start = getattr(e, START[type(e)])
    if start is not None:
        if start.end > day:
            return False
    else:
        dates = every_date(e)
        if not dates or min(d.end for d in dates) > day:
            return False
    ended = getattr(e, "ended", None)
    return ended is None or day <= ended.start


def brute_force(reg: Registry, cond: dict[str, Any]) -> list[str]:
    out = []
    for e in reg:
        if "kind" in cond and e.kind_name != cond["kind"]:
            continue
        areas = set(e.policy_areas)
        if isinstance(e, Organisation) and e.partnership:
            areas |= e.partnership.areas
        if "area" in cond and cond["area"] not in areas:
            continue
        countries = set()
        if isinstance(e, Organisation) and e.country:
            countries.add(e.country)
        if isinstance(e, Programme):
            countries |= set(e.countries)
        if "country" in cond and country_code(cond["country"]) not in countries:
            continue
        regions = {fold(r) for r in e.regions} if isinstance(e, Programme) else set()
        if "region" in cond and fold(cond["region"]) not in regions:
            continue
        if "role" in cond and not any(p.role is cond["role"] for p in e.participants):
            continue
        day = cond["active_on"].start if "active_on" in cond else None
        if day is not None and not certainly_existed(e, day):
            continue
        out.append(e.id)
    return out


@whole_files
@given(data_files(), CONDITIONS, st.data())
def test_filter_equals_brute_force(
    data: dict[str, Any], cond: dict[str, Any], more: st.DataObject
) -> None:
    reg = eucoop.load(data, include_default=False)
    regions = sorted({r for p in reg.programmes for r in p.regions})
    with_region: bool = more.draw(st.booleans())
    if regions and with_region:
        cond = {**cond, "region": more.draw(st.sampled_from(regions))}
    assert list(reg.filter(**cond).ids) == brute_force(reg, cond)


@given(st.sampled_from(COUNTRIES))
def test_every_country_by_its_name(code: str) -> None:
    assert country_code(country_name(code)) == code
    assert country_code(code.lower()) == code


class TestInForce:
    def test_from_entry_into_force(self, reg: Registry) -> None:
        """agr-one: adopted 2018-12-17, in force "2019"."""
        assert reg.in_force("2018-12-31") == ()
        assert reg.in_force("2019-06-01") == ()  # "2019" may not have come yet
        assert reg.in_force("2019-06-01", include_uncertain=True).ids == ("agr-one",)
        assert reg.in_force("2019-12-31").ids == ("agr-one",)
        assert reg.in_force(dt.date(2020, 1, 1)).ids == ("agr-one",)
        assert reg.in_force(PartialDate(2020)).ids == ("agr-one",)

    def test_a_partial_query_date_means_its_first_day(self, reg: Registry) -> None:
        assert reg.in_force("2019") == ()  # 1 January 2019: uncertain
        assert reg.in_force("2020") == reg.in_force("2020-01-01")

    def test_else_from_adoption(self, valid: dict[str, Any]) -> None:
        del valid["agreements"][0]["in_force"]
        reg = eucoop.load(valid, include_default=False)
        assert reg.in_force("2018-12-16") == ()
        assert reg.in_force("2018-12-17").ids == ("agr-one",)

    def test_binding_without_entry_into_force_is_uncertain(self, valid: dict[str, Any]) -> None:
        del valid["agreements"][0]["in_force"]
        valid["agreements"][0]["legally_binding"] = True
        reg = eucoop.load(valid, include_default=False)
        assert reg.in_force("2030") == ()
        assert reg.in_force("2030", include_uncertain=True).ids == ("agr-one",)
        assert reg.in_force("2018-12-16", include_uncertain=True) == ()
        assert "agr-one" in reg.as_of("2030")  # it exists: it was adopted

    def test_no_dates_is_not_known(self, valid: dict[str, Any]) -> None:
        """Never "in force all along": with neither date, the data does not know."""
        del valid["agreements"][0]["in_force"]
        del valid["agreements"][0]["adopted"]
        reg = eucoop.load(valid, include_default=False)
        assert reg.in_force("1900") == ()
        assert reg.in_force("2100", include_uncertain=True) == ()
        agreement = reg.get("agr-one", Agreement)
        assert in_force_on(agreement, dt.date(2000, 1, 1)) is Status.UNKNOWN

    def test_typed(self, reg: Registry) -> None:
        found = reg.in_force("2020")
        assert [a.legally_binding for a in found] == [False]

    def test_packaged_conventions(self) -> None:
        reg = eucoop.load()
        assert "untoc" not in reg.in_force("2003-09-28").ids
        assert "untoc" in reg.in_force("2003-09-29").ids
        assert "uncac" in reg.as_of("2004")  # adopted in 2003...
        assert "uncac" not in reg.in_force("2004").ids  # ...in force only from December 2005
        assert "gcm" in reg.in_force("2018-12-10").ids  # a compact applies once adopted


@whole_files
@given(data_files(), partial_dates(), partial_dates())
def test_in_force_agrees_with_as_of(data: dict[str, Any], a: PartialDate, b: PartialDate) -> None:
    reg = eucoop.load(data, include_default=False)
    certain = set(reg.in_force(a).ids)
    possible = set(reg.in_force(a, include_uncertain=True).ids)
    assert certain <= possible <= {x.id for x in reg.agreements}
    assert certain <= {x.id for x in reg.as_of(a).agreements}
    assert possible <= {x.id for x in reg.as_of(a, include_uncertain=True).agreements}
    early, late = sorted([a, b], key=lambda d: d.start)
    assert set(reg.in_force(early).ids) <= set(reg.in_force(late).ids)  # nothing ends
    for x in reg.agreements:
        status = in_force_on(x, a.start)
        assert (x.id in certain) == (status is Status.YES)
        assert (x.id in possible) == (status in (Status.YES, Status.UNCERTAIN))


@whole_files
@given(data_files(), partial_dates(), partial_dates())
def test_as_of_is_monotone(data: dict[str, Any], a: PartialDate, b: PartialDate) -> None:
    reg = eucoop.load(data, include_default=False)
    early, late = sorted([a, b], key=lambda d: d.start)
    before, after = reg.as_of(early), reg.as_of(late)
    ended = {p.id for p in reg.programmes if p.ended is not None}
    assert {e.id for e in before} - ended <= {e.id for e in after}
    # taking the same view twice changes nothing
    assert before.as_of(early).to_dict() == before.to_dict()


@whole_files
@given(data_files(), partial_dates())
def test_as_of_is_consistent(data: dict[str, Any], day: PartialDate) -> None:
    reg = eucoop.load(data, include_default=False)
    then = reg.as_of(day, include_uncertain=True)
    # an as-of view is itself a valid dataset
    again = eucoop.load(then.to_dict(), include_default=False)
    assert list(again) == list(then)
    assert [then.lookup(e.name) for e in then] == [again.lookup(e.name) for e in again]
    certain = {e.id for e in reg.as_of(day)}
    assert certain <= {e.id for e in then}
    assert {e.id for e in then} - certain == set(reg.uncertain_on(day).ids)


@whole_files
@given(data_files(), st.none() | partial_dates(), st.none() | partial_dates())
def test_timeline_sorted_and_windows_are_subsets(
    data: dict[str, Any], start: PartialDate | None, end: PartialDate | None
) -> None:
    reg = eucoop.load(data, include_default=False)
    everything = reg.timeline()
    keys = [t.date for t in everything]
    assert keys == sorted(keys)
    window = reg.timeline(start, end)
    assert set(window) <= set(everything)
    for t in window:
        assert start is None or t.date.start >= start.start
        assert end is None or t.date.start <= end.end
    for t in everything:
        assert t.entity in reg


@whole_files
@given(data_files(), st.sampled_from(["name", "of", "alias", "acr"]))
def test_search_results_match(data: dict[str, Any], word: str) -> None:
    reg = eucoop.load(data, include_default=False)
    results = reg.search(word)
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(set(results.ids)) == len(results)
