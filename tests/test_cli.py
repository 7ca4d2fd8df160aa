"""The ``eucoop`` command line, run in-process through ``main`` and as subprocesses."""

from __future__ import annotations

import io
import json
import os
import re
import runpy
import signal
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eucoop
from eucoop._cli import context as cli_context
from eucoop._cli import main
from eucoop._cli import parser as cli_parser
from eucoop._cli import run as cli_run
from eucoop._display import text as display_text
from eucoop._loading import unstructure

DATA = Path(__file__).parent / "data" / "cli"
FIXTURE = DATA / "fixture.json"
USER = DATA / "user.json"
BAD = DATA / "bad.json"
BASE = ["--no-default", "--data", str(FIXTURE)]
URL_LINE = re.compile(r"\s*(URL\s+)?https?://\S+")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI on the fixture (unless ``base=False``): (status, stdout, stderr)."""

    def call(*args: str, base: bool = True) -> tuple[int, str, str]:
        code = main([*BASE, *args] if base else list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture(scope="module")
def reg() -> eucoop.Registry:
    return eucoop.load(FIXTURE, include_default=False)


def fits(text: str) -> bool:
    """Every line fits 80 columns, bar a line that is only a URL."""
    return all(len(line) <= 80 or URL_LINE.fullmatch(line) for line in text.splitlines())


def flat(text: str) -> str:
    """The text with its wrapping undone."""
    return " ".join(text.split())


def one_line_error(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


# -- summary --


def test_summary_is_the_default(run: Run) -> None:
    code, out, err = run()
    assert code == 0
    assert err == ""
    assert out == run("summary")[1]
    assert "12: 7 organisations, 2 agreements, 1 dialogue, 2 programmes" in out
    assert "principal: UNHCR" in out
    assert "key: IOM" in out
    assert "1945-10-24 to 2020 (15 dated facts)" in out
    assert fits(out)


def test_summary_json(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("--json")
    data = json.loads(out)
    assert code == 0
    assert data["entities"] == len(reg)
    assert data["organisations"] == len(reg.organisations)
    assert data["documents"] == 2
    assert data["partners"] == {"principal": ["unhcr"], "key": ["iom"]}
    assert data["timeline"] == {"entries": 15, "first": "1945-10-24", "last": "2020"}


def test_summary_of_nothing(run: Run) -> None:
    code, out, _ = run("--no-default", base=False)
    assert code == 0
    assert "Entities        none" in out
    assert "EU partners     none" in out
    assert "no dated facts" in out
    data = json.loads(run("--no-default", "--json", base=False)[1])
    assert data["timeline"] == {"entries": 0, "first": None, "last": None}


def test_unranked_partners(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    org = {
        "id": "plain-partner",
        "name": "Plain Partner",
        "partnership": {"areas": ["drugs"]},
        "sources": [{"document": "dg-home-io"}],
    }
    bare = {
        "id": "bare-partner",
        "name": "Bare Partner",
        "partnership": {"standing": "regular"},
        "sources": [{"document": "dg-home-io"}],
    }
    extra.write_text(json.dumps({"organisations": [org, bare]}), encoding="utf-8")
    out = run("--data", str(extra))[1]
    assert "unranked: Plain Partner" in out
    out = run("--data", str(extra), "partners", "--area", "drugs")[1]
    assert out == "unranked  Plain Partner\n            drugs\n"
    out = run("--data", str(extra), "partners", "--standing", "regular")[1]
    assert out == "regular   Bare Partner\n"
    out = run("--data", str(extra), "show", "bare-partner")[1]
    assert "EU partnership\n  Standing        regular\n\nSources" in out


def test_spans() -> None:
    since, until = eucoop.PartialDate(2010), eucoop.PartialDate(2011, 5)
    assert display_text.span(since, until) == "2010 to 2011-05"
    assert display_text.span(None, until) == "until 2011-05"
    assert display_text.span(None, None) == ""


# -- list --


@pytest.mark.parametrize("kind", ["organisations", "organisation", "Organisations", "org", "orga"])
def test_list_kind_names(run: Run, reg: eucoop.Registry, kind: str) -> None:
    code, out, _ = run("list", kind)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [o.id for o in reg.organisations]


def test_list_wraps_long_ids_and_names(run: Run) -> None:
    out = run("list", "agreements")[1]
    assert out.splitlines()[0].startswith("criminal-law-convention  Criminal Law Convention")
    assert fits(out)
    out = run("list", "programmes")[1]
    assert "eu-iom-joint-initiative  EU-IOM Joint Initiative" in out
    assert "\n                         Reintegration\n" in out


def test_list_very_long_id_gets_its_own_line(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "long.json"
    ident = "a-programme-with-a-really-remarkably-long-identifier"
    prog = {"id": ident, "name": "Long", "sources": [{"document": "dg-home-io"}]}
    extra.write_text(json.dumps({"programmes": [prog]}), encoding="utf-8")
    out = run("--data", str(extra), "list", "programme")[1]
    lines = out.splitlines()
    assert lines[0] == ident
    assert lines[1].strip() == "Long"
    assert fits(out)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "ly"], ["eu-iom-joint-initiative"]),
        (["--area", "Return and reintegration"], ["eu-iom-joint-initiative"]),
        (["--region", "north africa"], ["eu-iom-joint-initiative"]),
        (["--participant", "IOM", "--role", "implementer"], ["eu-iom-joint-initiative"]),
        (["--active-on", "2011"], ["old-pilot"]),
        (["--active-on", "2017"], ["eu-iom-joint-initiative"]),
    ],
)
def test_list_filters(run: Run, args: list[str], expected: list[str]) -> None:
    code, out, _ = run("list", "programmes", *args)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines() if not line.startswith(" ")] == expected


def test_list_json(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("list", "dialogue", "--json")
    assert code == 0
    assert json.loads(out) == [unstructure(d) for d in reg.dialogues]


def test_list_empty_result(run: Run) -> None:
    code, out, err = run("list", "programmes", "--country", "FR")
    assert (code, out) == (0, "")
    assert err == "eucoop: no programmes match\n"
    code, out, _ = run("list", "programmes", "--country", "FR", "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["list", "widgets"], "unknown kind 'widgets'"),
        (["list", "pro", "--area", "drugz"], "did you mean 'drugs'?"),
        (["list", "org", "--area", "zzzz"], "'zzzz' is not a policy area"),
        (["list", "org", "--role", "boss"], "'boss' is not a role"),
        (["list", "org", "--country", "LBY"], "unknown country 'LBY'"),
        (["list", "org", "--active-on", "2019-02-30"], "day 30 is out of range"),
        (["list", "org", "--active-on", "yesterday"], "'yesterday' is not an ISO date"),
        (["list"], "required: KIND"),
        (["timeline", "--from", "2019-13"], "invalid date '2019-13': month 13"),
        (["as-of", "20190"], "not an ISO date"),
        (["search", "x", "--limit", "0"], "positive whole number"),
        (["search", "x", "--limit", "many"], "positive whole number"),
        (["partners", "--standing", "best"], "'best' is not a standing"),
        (["export", "-o", "out.db", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_values_exit_2_with_one_line(run: Run, args: list[str], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert one_line_error(err)
    assert needle in err


def test_unknown_participant_exits_1(run: Run) -> None:
    code, _, err = run("list", "programmes", "--participant", "iomm")
    assert code == 1
    assert err == "eucoop: no entity is called 'iomm'; did you mean 'IOM'?\n"


# -- show --


def test_show_card(run: Run) -> None:
    code, out, err = run("show", "iom")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "International Organization for Migration (IOM)"
    assert lines[1] == "Organisation (intergovernmental organisation); id: iom"
    for needle in [
        "The intergovernmental organisation for migration",
        "Also called     UN Migration",
        "Policy areas    migration, return and reintegration",
        "Founded         1951-12",
        "Headquarters    Geneva, CH",
        "Part of         United Nations (UN)",
        "EU partnership",
        "Standing        key",
        "Since           2012",
        "Formalised by   Global Compact for Safe, Orderly and Regular Migration (GCM)",
        "Takes part in",
        "secretariat     Global Compact",
        "implementer     EU-IOM Joint Initiative",
        "(since 2016-12)",
        "Sources",
        "dg-home-io      Collaboration with international organisations",
        "European Commission, DG Migration and Home Affairs [official]",
        "https://home-affairs.ec.europa.eu/policies/",
        "paragraph 5\n                  partnership: paragraph 5\n",
    ]:
        assert needle in out, needle
    assert fits(out)


def test_show_programme_card(run: Run) -> None:
    out = run("show", "EU-IOM Joint Initiative")[1]
    for needle in [
        "Programme; id: eu-iom-joint-initiative",
        "Budget          EUR 440,000,000",
        "Countries       LY, NE, ML (26 in all)",
        "Regions         Sahel and Lake Chad; North Africa",
        "Activities\n  - protection of stranded migrants",
        "funder          European Union (EU)",
        "paragraph 10 (budget, country_count); paragraph 9",
    ]:
        assert needle in out, needle


def test_show_other_cards(run: Run) -> None:
    out = run("show", "old-pilot")[1]
    assert "Ended           2012-06" in out
    assert "Budget          USD 1.5" in out
    assert "GRECO members\n                  Council of Europe\n" in out
    assert "whole document" in out
    out = run("show", "gcm")[1]
    assert "Agreement (compact); id: gcm" in out
    assert "Legally binding no" in out
    assert "Adopted by      United Nations (UN)" in out
    out = run("show", "criminal-law-convention")[1]
    assert "Legally binding yes" in out
    assert "In force        2002-07" in out
    out = run("show", "eu-unodc-som")[1]
    assert "Meets           annual" in out
    assert "Sessions\n  2019-06-03 to 2019-06-04, Vienna\n  2020, held online" in out
    out = run("show", "un")[1]
    assert "Members         193" in out
    assert "Bodies          International Organization for Migration (IOM); United" in out
    out = run("show", "greco")[1]
    assert "observer        European Union (EU) (since 2019-07; observer seat)" in out
    out = run("show", "unhcr")[1]
    assert "Website         https://www.unhcr.org" in out
    assert "partnership: paragraph 2 (standing)" in out


def test_show_multiword_and_accents(run: Run) -> None:
    code, out, _ = run("show", "groupe", "d'etats", "contre", "la", "corruption")
    assert code == 0
    assert out.startswith("Group of States against Corruption (GRECO)\n")


def test_show_document(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("show", "dg-home-io")
    assert code == 0
    assert out.startswith(
        "Collaboration with international organisations\nDocument; id: dg-home-io"
    )
    assert "Paragraphs      34" in out
    assert "Accessed        2024-05" in out
    assert "Cited by        European Union (EU);" in out
    out = run("show", "greco-page")[1]
    assert "URL" not in out
    assert "Kind of publisher" not in out  # optional in a data file
    out = run("show", "dg-home-io")[1]
    assert "  Kind of publisher\n                  official\n" in out
    assert fits(out)
    code, out, _ = run("show", "greco-page", "--json")
    assert json.loads(out) == unstructure(reg.document("greco-page"))


def test_show_document_cited_by_nothing(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "doc.json"
    doc = {"id": "lonely-doc", "title": "Lonely", "publisher": "Me", "note": "unused"}
    extra.write_text(json.dumps({"documents": [doc]}), encoding="utf-8")
    out = run("--data", str(extra), "show", "lonely-doc")[1]
    assert "Cited by        nothing" in out
    assert "Note            unused" in out


def test_show_cited_document_missing_from_registry(reg: eucoop.Registry) -> None:
    # Registries built by hand may cite documents they do not hold.
    bare = eucoop.Registry(list(reg))
    lines = display_text.entity_card(bare, reg["greco"])
    assert "  greco-page      whole document" in lines


def test_show_json_is_the_data_file_form(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("show", "iom", "--json")
    assert code == 0
    assert json.loads(out) == unstructure(reg["iom"])
    assert json.loads(run("--json", "show", "IOM")[1]) == unstructure(reg["iom"])


@pytest.mark.parametrize(
    "ident",
    [
        e["id"]
        for k in ("organisations", "agreements", "dialogues", "programmes")
        for e in json.loads(FIXTURE.read_text(encoding="utf-8")).get(k, [])
    ],
)
def test_every_card_fits_80_columns(run: Run, ident: str) -> None:
    code, out, _ = run("show", ident)
    assert code == 0
    assert fits(out)


def test_unknown_name(run: Run) -> None:
    code, out, err = run("show", "iomm")
    assert (code, out) == (1, "")
    assert err == "eucoop: no entity is called 'iomm'; did you mean 'IOM'?\n"
    code, _, err = run("show", "xyzzy")
    assert code == 1
    assert err == "eucoop: no entity is called 'xyzzy'\n"


def test_ambiguous_name(run: Run) -> None:
    code, out, err = run("show", "un network")
    assert (code, out) == (1, "")
    assert err == "eucoop: 'un network' could mean any of: un-network-a, un-network-b\n"


# -- search, involving, partners --


def test_search(run: Run) -> None:
    code, out, _ = run("search", "joint", "initiative")
    assert code == 0
    lines = out.splitlines()
    assert re.fullmatch(r"\s+\d+\.\d  EU-IOM Joint Initiative.*", lines[0])
    assert lines[-1].strip().startswith("matched ")
    assert "aliases" in lines[-1]
    assert fits(out)


def test_search_json_kind_and_limit(run: Run, reg: eucoop.Registry) -> None:
    hits = json.loads(run("search", "migration", "--json")[1])
    expected = reg.search("migration").hits
    assert [h["id"] for h in hits] == [h.id for h in expected]
    assert hits[0]["score"] == expected[0].score
    assert hits[0]["fields"] == list(expected[0].fields)
    out = run("search", "migration", "--kind", "agreement", "--json")[1]
    assert [h["id"] for h in json.loads(out)] == ["gcm"]
    out = run("search", "migration", "--limit", "1", "--json")[1]
    assert len(json.loads(out)) == 1


def test_search_nothing(run: Run) -> None:
    code, out, err = run("search", "platypus")
    assert (code, out, err) == (
        0,
        "",
        "eucoop: nothing matches 'platypus': no entity has the word 'platypus'\n",
    )
    assert json.loads(run("search", "platypus", "--json")[1]) == []


def test_search_of_stopwords_only_names_them(run: Run) -> None:
    code, out, err = run("search", "the", "and", "the")
    assert (code, out) == (0, "")
    assert err == (
        "eucoop: nothing matches 'the and the': ignored 'the' and 'and': too common to search for\n"
    )


def test_search_names_the_word_that_matched_nothing(run: Run) -> None:
    code, _, err = run("search", "refugess", "migrants")
    assert code == 0
    assert err == (
        "eucoop: nothing matches 'refugess migrants': "
        "no entity has the word 'refugess' (did you mean 'refugees'?)\n"
    )


def test_search_without_words_exits_2(run: Run) -> None:
    code, _, err = run("search", "...")
    assert code == 2
    assert err == "eucoop: search needs at least one word\n"


def test_involving(run: Run) -> None:
    code, out, _ = run("involving", "European", "Union")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["observer", "organisation", "Group"]
    assert "(since" in lines[0]
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == [
        "observer",
        "lead",
        "funder",
    ]
    out = run("involving", "eu", "--role", "lead")[1]
    assert out == "lead         dialogue     EU-UNODC Senior Officials Meeting\n"


def test_involving_json(run: Run) -> None:
    data = json.loads(run("involving", "iom", "--json")[1])
    assert data == [
        {
            "id": "gcm",
            "kind": "agreement",
            "name": "Global Compact for Safe, Orderly and Regular Migration",
            "acronym": "GCM",
            "through": "iom",
            "role": "secretariat",
        },
        {
            "id": "eu-iom-joint-initiative",
            "kind": "programme",
            "name": "EU-IOM Joint Initiative for Migrant Protection and Reintegration",
            "acronym": None,
            "through": "iom",
            "role": "implementer",
            "since": "2016-12",
        },
    ]


def test_involving_nothing_and_non_organisations(run: Run) -> None:
    code, out, err = run("involving", "unhcr")
    assert (code, out, err) == (0, "", "eucoop: UNHCR takes part in nothing here\n")
    err = run("involving", "iom", "--role", "host")[2]
    assert err == "eucoop: IOM takes part in nothing as host here\n"
    code, _, err = run("involving", "gcm")
    assert code == 1
    assert err.startswith("eucoop: 'gcm' is an agreement (Global Compact")
    assert one_line_error(err)
    err = run("involving", "old-pilot")[2]
    assert "is a programme" in err
    assert run("involving", "nobody")[0] == 1


def test_partners(run: Run) -> None:
    code, out, _ = run("partners")
    assert code == 0
    assert out.splitlines()[0] == "principal United Nations High Commissioner for Refugees (UNHCR)"
    assert "            migration; since 2012" in out
    out = run("partners", "--standing", "KEY")[1]
    assert out.splitlines()[0].startswith("key       International Organization for Migration")
    data = json.loads(run("partners", "--area", "asylum", "--json")[1])
    assert [p["id"] for p in data] == ["unhcr"]
    assert data[0]["standing"] == "principal"
    code, out, err = run("partners", "--area", "drugs")
    assert (code, out, err) == (0, "", "eucoop: no partner matches\n")


# -- time --


def test_timeline(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("timeline")
    assert code == 0
    assert out.splitlines()[0] == "1945-10-24  UN founded"
    assert fits(out)
    out = run("timeline", "--from", "2018", "--to", "2019-06")[1]
    assert out.splitlines() == [
        "2018-12-10  GCM adopted",
        "2019-06-03  EU-UNODC Senior Officials Meeting meets in Vienna",
    ]
    data = json.loads(run("timeline", "--json", "--to", "1950")[1])
    origin = str(FIXTURE)  # the file each fact was written in
    assert data == [
        {"date": "1945-10-24", "entity": "un", "label": "UN founded", "field": "founded",
         "origin": origin},
        {"date": "1950-12-14", "entity": "unhcr", "label": "UNHCR founded", "field": "founded",
         "origin": origin},
    ]  # fmt: skip
    assert len(json.loads(run("timeline", "--json")[1])) == len(reg.timeline())


def test_timeline_empty_window(run: Run) -> None:
    code, out, err = run("timeline", "--from", "1900", "--to", "1901")
    assert (code, out, err) == (0, "", "eucoop: no dated facts in that window\n")


def test_as_of(run: Run, reg: eucoop.Registry) -> None:
    code, out, _ = run("as-of", "2011-06")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("As of 2011-06: 4 organisations, 1 agreement, 1 programme.")
    assert "programme    old-pilot" in out
    assert "gcm" not in out
    assert fits(out)
    out = run("as-of", "1900")[1]  # never "existed all along": what has no start is left out
    assert out.startswith("As of 1900: nothing.\n\nLeft out, no known start, nothing dated")
    out = run("as-of", "1900", "--include-unknown")[1]
    assert out.startswith("As of 1900: 3 organisations, 1 dialogue.\n")
    assert "organisation eu" in out
    assert "* the data cannot tell whether it existed on that day" in out
    assert run("--no-default", "as-of", "1900", base=False)[1] == "As of 1900: nothing.\n"


def test_as_of_uncertain(run: Run) -> None:
    out = run("as-of", "1951-12-15")[1]
    assert "Left out, dated too coarsely to tell (1; see --include-uncertain): iom" in out
    assert "organisation iom" not in out
    out = run("as-of", "1951-12-15", "--include-uncertain")[1]
    assert "organisation iom" in out
    assert "coarsely" not in out


def test_as_of_json_is_loadable(run: Run, reg: eucoop.Registry) -> None:
    data = json.loads(run("as-of", "2017", "--json")[1])
    then = eucoop.load(data, include_default=False)
    assert then.to_dict() == reg.as_of("2017").to_dict()


def test_provenance(run: Run) -> None:
    code, out, _ = run("provenance", "eu-iom-joint-initiative", "budget")
    assert code == 0
    assert flat(out).startswith(
        "Sources for budget of EU-IOM Joint Initiative for Migrant Protection and Reintegration:"
    )
    assert "paragraph 10 (budget, country_count)" in out
    assert "paragraph 9" not in out
    out = run("provenance", "unhcr")[1]
    assert "paragraph 2; partnership: paragraph 2 (standing)" not in out
    assert "Sources for United Nations High Commissioner for Refugees (UNHCR):" in out
    data = json.loads(run("provenance", "IOM", "partnership", "--json")[1])
    assert data == [
        {
            "document": "dg-home-io",
            "paragraph": 5,
            "title": "Collaboration with international organisations",
            "url": "https://home-affairs.ec.europa.eu/policies/international-affairs/"
            "collaboration-international-organisations_en",
            "layer": "user",  # the fixture is loaded alone: its facts are the user's
            "origin": str(FIXTURE),
        }
    ]


def test_provenance_of_an_unknown_field_exits_2(run: Run) -> None:
    code, _, err = run("provenance", "iom", "budget")
    assert code == 2
    assert err == "eucoop: 'budget' is not a field of Organisation\n"


# -- data files --


def test_data_adds_a_users_entity(run: Run) -> None:
    code, out, _ = run("--data", str(USER), "show", "ZMO")
    assert code == 0
    assert out.startswith("Zeta Migration Observatory (ZMO)\nOrganisation (network)")
    assert "implementer     Zeta Data Project [programme]" in out
    # the same with --data after the subcommand, and both places at once
    assert run("show", "zmo", "--data", str(USER))[1] == out
    code, out, _ = run(
        "--no-default",
        "--data",
        str(FIXTURE),
        "list",
        "programmes",
        "--data",
        str(USER),
        base=False,
    )
    assert "zeta-data-project" in out
    assert "eu-iom-joint-initiative" in out


def test_data_folder(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.json").write_text(USER.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("--no-default", "--data", str(tmp_path), "--json", base=False)
    assert code == 0
    assert json.loads(out)["entities"] == 14


def test_user_data_on_top_of_the_packaged_data(run: Run) -> None:
    assert "iom" in eucoop.load()  # the user's file refers to it
    code, out, _ = run("--data", str(USER), "--json", "show", "zeta-data-project", base=False)
    assert code == 0
    assert json.loads(out)["id"] == "zeta-data-project"


def test_a_bad_data_file_lists_every_problem(run: Run) -> None:
    with pytest.raises(eucoop.DataError) as info:
        eucoop.load(FIXTURE, BAD, include_default=False)
    code, out, err = run("--data", str(BAD), "list", "organisations")
    assert (code, out) == (1, "")
    assert err.splitlines() == [str(p) for p in info.value.problems]
    assert len(err.splitlines()) >= 3
    assert "Traceback" not in err
    assert "acronymm" in err


def test_a_missing_data_file(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--data", str(tmp_path / "nope.json"))
    assert code == 1
    assert "nope.json: $: cannot read" in err


@pytest.mark.parametrize(
    ("path", "shown", "message"),
    [
        ("a\0b.json", "a\\x00b.json", "not a usable path: it contains a NUL character"),
        ("x" * 5000, "x" * 5000, "not a usable path: name too long"),
    ],
    ids=["nul", "long"],
)
@pytest.mark.parametrize(
    "args",
    [["validate", "PATH"], ["--data", "PATH", "summary"], ["--data", "PATH", "validate", "PATH"]],
    ids=["validate", "data", "both"],
)
def test_a_path_no_file_can_have_is_one_line_and_exit_1(
    run: Run, args: list[str], path: str, shown: str, message: str
) -> None:
    # A NUL used to exit 2 ("embedded null byte"), a long name 1 with "File name too long".
    code, out, err = run(*(path if a == "PATH" else a for a in args), base=False)
    assert (code, out, err) == (1, "", f"{shown}: $: {message}\n")


def test_validate_a_link_loop(run: Run, tmp_path: Path) -> None:
    # It used to be an "unexpected error (RuntimeError: Symlink loop ...)".
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    code, out, err = run("validate", str(loop), base=False)
    assert (code, out) == (1, "")
    assert err.startswith(f"{loop}: $: cannot read: Too many levels of symbolic links")
    assert one_line_error(err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_long_name_as_a_process(tmp_path: Path) -> None:
    # As a real process, so that a FIFO opened for reading would show as a timeout, not a hang.
    fifo = tmp_path / "x.json"
    os.mkfifo(fifo)
    cp = _proc("--data", str(fifo), "summary")
    assert (cp.returncode, cp.stdout) == (1, "")
    assert cp.stderr == f"{fifo}: $: not a regular file (a FIFO)\n"
    cp = _proc("validate", "x" * 5000)
    assert (cp.returncode, cp.stdout) == (1, "")
    assert cp.stderr == f"{'x' * 5000}: $: not a usable path: name too long\n"


def test_validate_good(run: Run) -> None:
    code, out, err = run("validate", str(USER))
    assert (code, err) == (0, "")
    assert flat(out) == (
        f"ok: {USER} adds 1 organisation and 1 programme (14 entities and 2 documents in all)"
    )
    data = json.loads(run("validate", str(USER), "--json")[1])
    assert data == {
        "ok": True,
        "files": [str(USER)],
        "adds": {
            "organisations": 1,
            "agreements": 0,
            "dialogues": 0,
            "programmes": 1,
            "documents": 0,
        },
        "entities": 14,
        "changes": [],
    }


def test_validate_alone_and_several_files(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("--no-default", "validate", str(FIXTURE), base=False)
    assert code == 0
    assert "adds 7 organisations, 2 agreements, 1 dialogue, 2 programmes and 2 documents" in flat(
        out
    )
    # a file given both with --data and to validate counts once
    code, out, _ = run("validate", str(FIXTURE), str(USER))
    assert code == 0
    assert out.startswith("ok: 2 files add 8 organisations")
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    assert "adds nothing new" in flat(run("validate", str(empty))[1])


@pytest.mark.parametrize("pad", [1, 9, 18, 27, 36, 45, 54])
def test_paths_are_never_broken_across_lines(run: Run, tmp_path: Path, pad: int) -> None:
    # wherever the line wraps, a path (spaces and all) stays whole on one line
    folder = tmp_path / f"my data {'x' * pad} files"
    folder.mkdir()
    empty = folder / "empty file.json"
    empty.write_text("{}", encoding="utf-8")
    out = run("validate", str(empty))[1]
    assert any(str(empty) in line for line in out.splitlines())
    assert flat(out) == f"ok: {empty} adds nothing new (12 entities and 2 documents in all)"
    target = folder / "out file.json"
    out = run("export", "-o", str(target))[1]
    assert any(str(target) in line for line in out.splitlines())
    assert flat(out) == f"wrote 12 entities and 2 documents to {target} (json)"


def test_validate_bad(run: Run) -> None:
    code, out, err = run("validate", str(BAD))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "$.organisations[0].founded",
        "$.organisations[1].acronymm",
        # the item is malformed, and every field rule is still checked, in the fields' order
        "$.programmes[0].participants[0].organisation",
        "$.programmes[0].sources[0].paragraph",
        "$.programmes[0].budget.currency",
    ]
    assert all(line.startswith(f"{BAD}: $.") for line in lines)
    code, out, err = run("validate", str(BAD), "--json")
    assert (code, err) == (1, "")  # with --json, the problems are on stdout only
    data = json.loads(out)
    assert data["ok"] is False
    assert [f"{p['file']}: {p['location']}: {p['message']}" for p in data["problems"]] == lines


def test_validate_semantic_problems(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "dangling.json"
    prog = {
        "id": "dangling",
        "name": "Dangling",
        "participants": [{"organisation": "nobody", "role": "funder"}],
        "sources": [{"document": "dg-home-io", "paragraph": 99}],
    }
    bad.write_text(json.dumps({"programmes": [prog]}), encoding="utf-8")
    code, _, err = run("validate", str(bad))
    assert code == 1
    assert "$.programmes[0].participants[0].organisation: unknown organisation 'nobody'" in err
    assert "$.programmes[0].sources[0].paragraph: paragraph 99 is outside" in err


def test_validate_not_json(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{nope", encoding="utf-8")
    code, out, err = run("validate", str(bad))
    assert (code, out) == (1, "")
    assert err.startswith(f"{bad}: $: not JSON")


# -- export --


def test_export_json(run: Run, reg: eucoop.Registry, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run("export", "--format", "json", "-o", str(target))
    assert code == 0
    assert flat(out) == f"wrote 12 entities and 2 documents to {target} (json)"
    assert eucoop.load(target, include_default=False).to_dict() == reg.to_dict()


def test_export_csv_sqlite_and_inferred_formats(
    run: Run, reg: eucoop.Registry, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    assert run("export", "--format", "csv", "-o", str(folder))[0] == 0
    assert (folder / "programmes.csv").is_file()
    archive = tmp_path / "out.zip"
    assert run("export", "-o", str(archive))[0] == 0
    assert archive.is_file()
    db = tmp_path / "out.sqlite"
    code, out, _ = run("export", "--output", str(db), "--json")
    assert code == 0
    assert json.loads(out) == {
        "path": str(db),
        "format": "sqlite",
        "entities": 12,
        "documents": 2,
        "matched": None,
    }
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM entities").fetchone() == (len(reg),)
    con.close()


def test_export_needs_a_format(run: Run, tmp_path: Path) -> None:
    code, _, err = run("export", "-o", str(tmp_path / "out.txt"))
    assert code == 2
    assert err.startswith("eucoop: cannot tell the format from")
    assert one_line_error(err)


def test_export_to_an_unwritable_place(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = run("export", "--format", "sqlite", "-o", str(blocker / "out.db"))
    assert (code, out) == (1, "")
    assert one_line_error(err)
    assert str(blocker) in err


# -- "-" is standard output (issue 17) --


def test_export_dash_writes_json_to_standard_output(
    run: Run, reg: eucoop.Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out.json"
    assert run("export", "-o", str(target))[0] == 0
    for args in (["-o", "-"], ["--format", "json", "--output", "-"], ["-o", "-", "--json"]):
        code, out, err = run("export", *args)
        assert (code, err) == (0, ""), args
        assert out == target.read_text(encoding="utf-8")  # the data, and nothing else
    assert json.loads(out) == reg.to_dict()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no file called "-"


@pytest.mark.parametrize("fmt", ["csv", "sqlite"])
def test_export_dash_refuses_formats_that_are_no_stream(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--format", fmt, "-o", "-")
    assert (code, out) == (2, "")
    assert err.startswith(f"eucoop: cannot write {fmt} to standard output (-): ")
    assert one_line_error(err)
    assert list(tmp_path.iterdir()) == []


def test_schema_dash_is_standard_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0
    plain = capsys.readouterr()
    assert main(["schema", "-o", "-"]) == 0
    assert capsys.readouterr() == plain
    assert list(tmp_path.iterdir()) == []
    assert main(["schema", "-o", "./-"]) == 0  # a file called "-", the usual way
    assert (tmp_path / "-").read_text(encoding="utf-8") == plain.out


def test_dash_writes_to_a_text_only_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stdout with no bytes underneath (an IDE's, a test's StringIO) gets the text."""
    from eucoop._loading.schema import json_schema

    sink = io.StringIO()
    monkeypatch.setattr(sys, "stdout", sink)
    assert main(["schema", "-o", "-"]) == 0
    assert json.loads(sink.getvalue()) == json_schema()


@pytest.mark.parametrize("command", [["schema"], ["export"], ["export", "--format", "json"]])
def test_an_empty_output_path_is_refused(run: Run, command: list[str]) -> None:
    code, out, err = run(*command, "-o", "")
    assert (code, out) == (2, "")
    assert err == "eucoop: the output path is empty: give a file name, or - for standard output\n"


def test_export_dash_writes_utf8_whatever_the_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    target = tmp_path / "out.json"
    args = [sys.executable, "-m", "eucoop", "export"]  # the packaged data: accents
    subprocess.run([*args, "-o", str(target)], check=True, env=env, timeout=120)
    cp = subprocess.run([*args, "-o", "-"], capture_output=True, env=env, timeout=120, check=False)
    assert (cp.returncode, cp.stderr) == (0, b"")
    assert cp.stdout == target.read_bytes()
    assert "Groupe d'États contre la corruption".encode() in cp.stdout  # not "d'?tats"


# -- robustness --


def test_help_and_version(run: Run) -> None:
    code, out, _ = run("--help", base=False)
    assert code == 0
    assert "Exit status" in out
    assert fits(out)
    code, out, _ = run("--version", base=False)
    assert (code, out) == (0, f"eucoop {eucoop.__version__}\n")
    code, out, _ = run("show", "--help", base=False)
    assert code == 0
    assert "--json" in out


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["eucoop", *BASE, "--json"])
    monkeypatch.delitem(sys.modules, "eucoop.__main__", raising=False)
    with pytest.raises(SystemExit) as info:
        runpy.run_module("eucoop", run_name="__main__")
    assert info.value.code == 0
    assert json.loads(capsys.readouterr().out)["entities"] == 12


def test_system_exit_with_a_message_maps_to_2(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Any, args: Any = None, namespace: Any = None) -> Any:
        raise SystemExit("bad")

    monkeypatch.setattr(cli_parser.Parser, "parse_args", boom)
    assert main([]) == 2


class _BrokenPipe(io.StringIO):
    def __init__(self, fd: int | None = None) -> None:
        super().__init__()
        self.fd = fd

    def write(self, s: str) -> int:
        raise BrokenPipeError

    def fileno(self) -> int:
        if self.fd is None:
            raise io.UnsupportedOperation("fileno")
        return self.fd


def test_broken_pipe_is_quiet(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _BrokenPipe())
    assert main([*BASE, "timeline"]) == 1
    assert capsys.readouterr().err == ""


def test_broken_pipe_points_stdout_at_devnull(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with (tmp_path / "sink").open("w", encoding="utf-8") as sink:
        monkeypatch.setattr(sys, "stdout", _BrokenPipe(sink.fileno()))
        assert main([*BASE, "timeline"]) == 1


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (KeyboardInterrupt(), 130, ""),
        (OSError("disk on fire"), 1, "eucoop: disk on fire\n"),
        (PermissionError(13, "Permission denied", "/x"), 1, "eucoop: Permission denied: /x\n"),
        (
            RuntimeError("oops"),
            1,
            "eucoop: unexpected error (RuntimeError: oops); please report it\n",
        ),
    ],
)
def test_errors_never_show_a_traceback(
    run: Run, monkeypatch: pytest.MonkeyPatch, exc: BaseException, code: int, message: str
) -> None:
    def fail(ctx: Any) -> int:
        raise exc

    monkeypatch.setitem(cli_run.COMMANDS, "summary", fail)
    assert run() == (code, "", message)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(min_size=1, max_size=30).filter(lambda s: not s.startswith("-")))
def test_show_never_crashes(run: Run, name: str) -> None:
    code, out, err = run("show", name)
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code:
        assert out == ""
        assert err.count("\n") >= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(date=st.text(alphabet="0123456789-", min_size=1, max_size=12))
def test_dates_are_checked(run: Run, date: str) -> None:
    code, _, err = run("timeline", f"--from={date}")
    try:
        eucoop.PartialDate.parse(date)
    except ValueError:
        assert code == 2
        assert one_line_error(err)
    else:
        assert code == 0


# -- as real processes --


def _proc(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "eucoop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_subprocess_show_json(reg: eucoop.Registry) -> None:
    cp = _proc(*BASE, "show", "iom", "--json")
    assert cp.returncode == 0, cp.stderr
    assert json.loads(cp.stdout) == unstructure(reg["iom"])


def test_subprocess_errors() -> None:
    cp = _proc(*BASE, "show", "iomm")
    assert cp.returncode == 1
    assert cp.stdout == ""
    assert cp.stderr == "eucoop: no entity is called 'iomm'; did you mean 'IOM'?\n"
    cp = _proc(*BASE, "timeline", "--to", "2019-00")
    assert cp.returncode == 2
    assert cp.stderr.count("\n") == 1
    cp = _proc("--no-default", "validate", str(BAD))
    assert cp.returncode == 1
    assert "Traceback" not in cp.stderr
    # without the packaged data, the citations of dg-home-io dangle too
    assert len(cp.stderr.splitlines()) == 6


def test_subprocess_summary_and_pipe() -> None:
    cp = _proc(*BASE)
    assert cp.returncode == 0
    assert "dated facts" in cp.stdout
    proc = subprocess.Popen(
        [sys.executable, "-m", "eucoop", *BASE, "--data", str(USER), "timeline"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the writer is done
    err = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err


def test_importing_eucoop_leaves_the_cli_alone() -> None:
    code = (
        "import sys, eucoop; eucoop.load(); a = 'eucoop._cli' in sys.modules; "
        "import eucoop._cli, eucoop._export; print(a, 'sqlite3' in sys.modules)"
    )
    cp = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert cp.stdout.split() == ["False", "False"], cp.stderr


# -- the packaged dataset, once it is there --


@pytest.fixture(scope="module")
def packaged() -> eucoop.Registry:
    reg = eucoop.load()
    assert "iom" in reg
    return reg


@pytest.mark.parametrize(
    "args",
    [
        ["summary"],
        ["list", "organisations"],
        ["list", "programmes", "--country", "LY"],
        ["show", "IOM"],
        ["search", "refugee"],
        ["involving", "iom"],
        ["partners"],
        ["timeline"],
        ["as-of", "2019-01-01"],
        ["provenance", "eu-iom-joint-initiative", "budget"],
    ],
)
def test_packaged_data(run: Run, packaged: eucoop.Registry, args: list[str]) -> None:
    code, out, err = run(*args, base=False)
    assert code == 0, err
    assert out.strip()
    assert fits(out)


def test_packaged_cards_fit(run: Run, packaged: eucoop.Registry) -> None:
    for entity in packaged:
        code, out, _ = run("show", entity.id, base=False)
        assert code == 0
        assert fits(out), entity.id
    assert json.loads(run("show", "iom", "--json", base=False)[1]) == unstructure(packaged["iom"])


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from eucoop._loading.schema import json_schema

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()
    assert "wrote the data-file schema" in capsys.readouterr().out


# -- hostile output paths and poor terminals (issue 12) --


def test_export_to_stdout_is_refused(tmp_path: Path) -> None:
    # /dev/stdout is a link to /proc/self/fd/1; a link of our own to it behaves the same,
    # and were the refusal to fail, it is our link that gets replaced, not the system's.
    link = tmp_path / "stdout.json"
    link.symlink_to("/dev/stdout")
    cp = subprocess.run(
        [sys.executable, "-m", "eucoop", *BASE, "export", "-o", str(link)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (cp.returncode, cp.stdout) == (1, "")
    assert cp.stderr.startswith(f"eucoop: cannot write {link}: it is a named pipe (FIFO)")
    assert "not to standard output" in cp.stderr
    assert one_line_error(cp.stderr)
    assert link.is_symlink()


def test_export_through_a_symlink_and_to_a_fifo(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(real)
    assert run("export", "-o", str(tmp_path / "link.json"))[0] == 0
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == 2
    assert (tmp_path / "link.json").is_symlink()
    os.mkfifo(tmp_path / "fifo.db")
    code, out, err = run("export", "-o", str(tmp_path / "fifo.db"))
    assert (code, out) == (1, "")
    assert "named pipe (FIFO), not a regular file" in err
    assert one_line_error(err)
    code, _, err = run("schema", "-o", str(tmp_path / "fifo.db"))
    assert code == 1
    assert "named pipe" in err


def test_an_ascii_terminal_gets_replacement_characters() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    cp = subprocess.run(
        [sys.executable, "-m", "eucoop", "show", "greco"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert cp.returncode == 0, cp.stderr
    assert cp.stderr == b""
    assert b"Groupe d'?tats contre la corruption" in cp.stdout
    assert all(b < 128 for b in cp.stdout)


def test_main_gives_the_callers_streams_back_as_they_were(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """main() called inside a program replaces unencodable characters while it runs, only."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    seen: list[str] = []
    real_run = cli_run._run

    def spying(argv: list[str] | None) -> int:
        seen.append(str(sys.stdout.errors))
        return real_run(argv)

    monkeypatch.setattr(cli_run, "_run", spying)
    assert main(["show", "greco"]) == 0
    assert seen == ["replace"]
    assert out.errors == "strict"
    out.flush()
    assert b"Groupe d'?tats" in out.buffer.getvalue()


#: Starts ``python -c CODE ARGS...`` with Ctrl-C's default disposition, as a terminal would:
#: a suite started with SIGINT ignored (``nohup``, ``&`` in a shell without job control)
#: passes SIG_IGN on to its children, whose Python then installs no KeyboardInterrupt
#: handler. The wrapper resets SIGINT and execs a fresh Python, which installs its own.
_DEFAULT_SIGINT = (
    "import os, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])\n"
)


def _interrupted(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run *code* in a fresh Python that Ctrl-C interrupts, however the suite was started."""
    return subprocess.run(
        [sys.executable, "-c", _DEFAULT_SIGINT, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_interrupted_children_get_ctrl_c_even_when_the_suite_ignores_it() -> None:
    # Started in the background, the suite ignores SIGINT and its children inherit that;
    # the children of _interrupted must still turn Ctrl-C into KeyboardInterrupt.
    probe = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        cp = _interrupted(probe)
    finally:
        signal.signal(signal.SIGINT, old)
    assert (cp.returncode, cp.stdout, cp.stderr) == (0, "True\n", "")


def test_ctrl_c_while_loading_exits_130_quietly() -> None:
    # A real SIGINT, sent while the data loads, then `python -m eucoop summary`.
    cp = _interrupted(
        "import os, runpy, signal, sys, time\n"
        "from eucoop._cli import context\n"
        "def load(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(10)\n"
        "context.load = load\n"
        "sys.argv = ['eucoop', 'summary']\n"
        "runpy.run_module('eucoop', run_name='__main__', alter_sys=True)\n"
    )
    assert cp.returncode == 130
    assert (cp.stdout, cp.stderr) == ("", "")


def test_ctrl_c_while_starting_up_exits_130_quietly() -> None:
    # Interrupted while `python -m eucoop` imports the command line.
    cp = _interrupted(
        "import runpy, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'eucoop._cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['eucoop', 'summary']\n"
        "runpy.run_module('eucoop', run_name='__main__', alter_sys=True)\n"
    )
    assert cp.returncode == 130
    assert "Traceback" not in cp.stderr
    assert (cp.stdout, cp.stderr) == ("", "")


def console_script() -> str:
    """The ``eucoop`` script pip writes for the entry point pyproject.toml names."""
    with (Path(__file__).parents[1] / "pyproject.toml").open("rb") as f:
        entry = tomllib.load(f)["project"]["scripts"]["eucoop"]
    module, _, name = entry.partition(":")
    return (
        "import re\n"
        "import sys\n"
        f"from {module} import {name}\n"
        "if __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        f"    sys.exit({name}())\n"
    )


@pytest.mark.parametrize("module", ["eucoop", "eucoop._load", "eucoop._cli", None])
def test_ctrl_c_while_the_console_script_starts_up_exits_130_quietly(module: str | None) -> None:
    # A real SIGINT while the `eucoop` script imports the package (its first import), a module
    # deep inside it, or the command line; raise_signal runs the handler before it returns.
    cp = _interrupted(
        "import signal, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            signal.raise_signal(signal.SIGINT)\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['eucoop', '--no-default', '--data', sys.argv[1], 'summary']\n"
        + console_script(),
        str(FIXTURE),
    )
    if module is None:  # not interrupted: the same script runs the command
        assert (cp.returncode, cp.stderr) == (0, "")
        assert "dated facts" in cp.stdout
    else:
        assert (cp.returncode, cp.stdout, cp.stderr) == (130, "", "")


def test_ctrl_c_while_parsing(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_run, "build_parser", interrupt)
    assert run() == (130, "", "")


def test_escape_sequences_never_reach_the_terminal(run: Run) -> None:
    code, out, err = run("show", "evil\x1b[2J\x9b31m\x07")
    assert code == 1
    assert out == ""
    assert "\x1b" not in err
    assert "\x9b" not in err
    assert "\x07" not in err
    assert "evil\\x1b[2J\\x9b31m\\x07" in err
    assert one_line_error(err)
    # A data file's name, quoted in a DataError's message, is escaped too.
    bad = f"{os.sep}nowhere{os.sep}evil\x1b[2J\x9b.json"
    code, out, err = run("--data", bad, base=False)
    assert (code, out) == (1, "")
    assert err.startswith("/nowhere/evil\\x1b[2J\\x9b.json: $: cannot read")


def test_text_and_json_output_escape_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_context.out(["name\x1b]0;owned\x07 \x9b2J\ttab", "next"])
    assert capsys.readouterr().out == "name\\x1b]0;owned\\x07 \\x9b2J\\x09tab\nnext\n"
    cli_context.out_json({"name": "a\x1b[2J\x9b\x7fb é"})
    out = capsys.readouterr().out
    assert out == '{\n  "name": "a\\u001b[2J\\u009b\\u007fb é"\n}\n'
    assert json.loads(out) == {"name": "a\x1b[2J\x9b\x7fb é"}
