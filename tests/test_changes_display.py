"""Changes on display: cards, provenance, summary, timeline and diffs (design, sections 5 and 7).

The files are those of ``tests/data/changes`` (their documents are made up for
the tests and say so); the tests run in that folder, so that file names read
as the design writes them (``fix-iom.json: $.changes[0]``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import eucoop
from eucoop._cli import main
from eucoop._display.sections import NOT_REWRITTEN, change_row, entity_plan, marks_of

HERE = Path(__file__).parent / "data" / "changes"


@pytest.fixture(autouse=True)
def _in_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def section(out: str, heading: str) -> list[str]:
    """The lines of a card's section, up to the next heading (a line not indented)."""
    lines = out.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] and lines[i][0] != " "), None)
    return lines[start:end]


# -- cards ------------------------------------------------------------------------------


def test_a4_the_card_shows_the_retraction_under_your_changes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "--data", "retract-country.json", "show", "eu-financial-support-unhcr")
    assert "  Countries       GR, IT, LY\n" in out  # nothing of it comes from a change
    assert section(out, "Your changes") == [
        "  countries       - TR  retracted: Made up for the tests: the table lists this",
        "                  support under another programme.",
        "                  retract-country.json: $.changes[0]",
        "",
    ]
    assert " ".join(NOT_REWRITTEN.split()) in " ".join(out.split())


def test_a2_the_corrected_value_is_marked_and_its_citation_tagged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "--data", "fix-iom.json", "show", "iom")
    assert "  Founded         1951-12-05 *\n" in out
    assert "  Headquarters    Geneva, CH\n" in out  # unchanged: no mark
    assert section(out, "Your changes")[:3] == [
        "  founded         1951 -> 1951-12-05  corrected: The notes date the founding",
        "                  decision to 5 December 1951.",
        "                  fix-iom.json: $.changes[0]",
    ]
    sources = section(out, "Sources")
    assert "                  paragraph 2 (founded) [your data]" in sources
    assert sum("[your data]" in line for line in sources) == 1  # the packaged ones are not
    # The packaged card says none of it.
    plain = run(capsys, "show", "iom")
    for mark in ("*", "Your changes", "your data"):
        assert mark not in plain


def test_added_items_and_set_item_values_are_marked(capsys: pytest.CaptureFixture[str]) -> None:
    both = ("--data", "update-2023.json", "--data", "greco-until.json")
    out = run(capsys, *both, "show", "eu-unhcr-strategic-dialogue")
    assert "  Sessions        1 *\n" in out
    assert section(out, "Sessions")[0] == "  2023-06-14 to 2023-06-15, Brussels *"
    assert section(out, "Your changes")[0].startswith(
        "  sessions        + 2023-06-14 in Brussels  added"
    )
    out = run(capsys, *both, "show", "greco")
    assert "  observer        European Union (EU) (2019-07 to 2023-06) *" in out
    assert section(out, "Your changes")[:2] == [
        "  participants.until",
        "                  eu observer (since 2019-07): 2023-06  set",
    ]
    out = run(capsys, *both, "show", "icmpd")  # what it takes part in, changed elsewhere
    assert "Reintegration [programme] (since 2021) *" in out


def test_the_html_card_is_drawn_from_the_same_plan() -> None:
    reg = eucoop.load("fix-iom.json", "update-2023.json")
    page = reg.card("iom")._repr_html_()
    assert "1951-12-05 <b title='from your changes'>*</b>" in page
    assert "Your changes" in page
    assert "1951 -&gt; 1951-12-05 &middot; corrected: The notes date" in page
    assert "fix-iom.json: $.changes[0]" in page
    assert "paragraph 2 (founded) [your data]" in page
    assert "its prose is not rewritten" in page
    assert "*" not in eucoop.load().card("iom")._repr_html_()
    plan = entity_plan(reg["iom"], reg)
    assert [r.field for r in plan.changes] == ["founded"]
    assert [line.label for line in plan.lines if any(line.marks)] == ["Founded"]
    dialogue = entity_plan(reg["eu-unhcr-strategic-dialogue"], reg)
    assert [s.marks for s in dialogue.sections] == [(True,)]


def test_a_card_without_a_registry_or_in_an_as_of_view() -> None:
    reg = eucoop.load("greco-until.json")
    alone = entity_plan(reg["greco"], None)
    assert (alone.changes, alone.note, alone.tags) == ((), "", {})
    then = reg.as_of("2023-01-01")
    card = str(then.card("greco"))
    assert "European Union (EU) (2019-07 to 2023-06) *" in card
    assert "greco-until.json: $.changes[0]" in card


def test_citations_are_not_tagged_without_packaged_data(capsys: pytest.CaptureFixture[str]) -> None:
    whole = eucoop.load().to_dict()
    Path("whole.json").write_text(json.dumps(whole), encoding="utf-8")
    try:
        out = run(capsys, "--no-default", "--data", "whole.json", "--data", "fix-iom.json",
                  "show", "iom")  # fmt: skip
    finally:
        Path("whole.json").unlink()
    assert "  Founded         1951-12-05 *\n" in out  # still a change
    assert "[your data]" not in out  # but every citation is the user's: nothing to tell apart
    # Nor on a whole entity of the user's, on top of the packaged data.
    mine = Path(__file__).parents[1] / "docs" / "examples" / "mine.json"
    assert "[your data]" not in str(eucoop.load(mine).card("example-data-pilot"))


def test_change_rows_say_what_and_why() -> None:
    reg = eucoop.load("fix-iom.json", "update-2023.json", "retract-country.json")
    rows = [change_row(c) for c in reg.changes()]
    assert [(r.field, r.what, r.why.split(":")[0]) for r in rows] == [
        ("founded", "1951 -> 1951-12-05", "corrected"),
        ("sessions", "+ 2023-06-14 in Brussels", "added"),
        ("participants", "+ icmpd partner (since 2021)", "added"),
        ("countries", "- TR", "retracted"),
    ]
    assert marks_of(reg.changes("eu-financial-support-unhcr")) == frozenset()  # retracted only


def test_a_change_note_shows_under_it() -> None:
    change = {"op": "add", "target": "iom", "field": "aliases", "value": "Example alias",
              "note": "Made up for the tests.",
              "sources": [{"document": "example-test"}]}  # fmt: skip
    doc = {"id": "example-test", "title": "Example (made up for the tests)", "publisher": "T"}
    reg = eucoop.load({"schema_version": 2, "documents": [doc], "changes": [change]})
    card = str(reg.card("iom"))
    assert "Example alias *" in card
    assert "                  note: Made up for the tests." in card
    assert "note: Made up for the tests." in reg.card("iom")._repr_html_()


# -- provenance ---------------------------------------------------------------------------


def test_a2_provenance_says_what_the_correction_replaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "--data", "fix-iom.json", "provenance", "iom", "founded")
    lines = out.splitlines()
    assert lines[1] == "  example-iom-history"
    assert (
        "                  paragraph 2 (founded) [your data: fix-iom.json: $.changes[0]]" in lines
    )
    at = lines.index("Replaces 1951 (packaged), which cited:")
    assert lines[at + 1] == "  iom-intergovernmental-organizations"
    assert lines[-1] == "Reason: The notes date the founding decision to 5 December 1951."
    data = json.loads(
        run(capsys, "--data", "fix-iom.json", "--json", "provenance", "iom", "founded")
    )
    assert [(x["document"], x["layer"], x["origin"]) for x in data] == [
        ("example-iom-history", "user", "fix-iom.json: $.changes[0]")
    ]
    (replaced,) = data[0]["replaces"]
    assert (replaced["op"], replaced["value"], replaced["layer"]) == ("set", "1951", "packaged")
    assert replaced["sources"][0]["document"] == "iom-intergovernmental-organizations"
    packaged = json.loads(run(capsys, "--json", "provenance", "iom", "founded"))
    assert {(x["layer"], "replaces" in x) for x in packaged} == {("packaged", False)}


def test_provenance_of_a_retracted_value(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--data", "retract-country.json", "provenance", "eu-financial-support-unhcr",
              "countries")  # fmt: skip
    assert "Retracts TR (packaged), which cited:" in out
    assert "Reason: Made up for the tests:" in out
    assert "[your data" not in out  # a retraction adds no citation


# -- summary ------------------------------------------------------------------------------


def test_summary_says_what_each_file_adds(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--data", "fix-iom.json", "summary")
    assert "  Your data       fix-iom.json: 1 document, 1 change\n" in out
    out = run(capsys, "--data", "fix-iom.json", "--data", "update-2023.json", "summary")
    assert (
        "  Your data       fix-iom.json: 1 document, 1 change\n"
        "                  update-2023.json: 1 document, 2 changes\n"
    ) in out
    data = json.loads(run(capsys, "--data", "fix-iom.json", "--json", "summary"))["data"]
    assert data["layers"] == [{"file": "fix-iom.json", "entities": 0, "documents": 1, "changes": 1}]
    assert json.loads(run(capsys, "--json", "summary"))["data"]["layers"] == []
    assert "Your data" not in run(capsys, "summary")
    assert "fix-iom.json: 1 document, 1 change" in eucoop.load("fix-iom.json")._repr_html_()


def test_user_files_and_origin() -> None:
    reg = eucoop.load("fix-iom.json", "retract-country.json")
    assert dict(reg.user_files) == {
        "fix-iom.json": {"entities": 0, "documents": 1, "changes": 1},
        "retract-country.json": {"entities": 0, "documents": 1, "changes": 1},
    }
    assert reg.origin("iom") == "eucoop/data/organisations.json"
    assert reg.origin(reg["iom"]) == reg.origin("IOM")
    assert reg.origin("example-iom-history") == "fix-iom.json"
    assert reg.as_of("2020").user_files == reg.user_files
    with pytest.raises(eucoop.UnknownEntityError):
        reg.origin("no-such-thing")
    only_changes = eucoop.load("fix-iom.json", {"schema_version": 2, "changes": [
        {"op": "add", "target": "iom", "field": "aliases", "value": "Example alias",
         "sources": [{"document": "example-iom-history"}]}]})  # fmt: skip
    assert list(only_changes.user_files.values())[-1] == {
        "entities": 0, "documents": 0, "changes": 1
    }  # fmt: skip


# -- timeline -----------------------------------------------------------------------------


def test_a1_timeline_marks_the_user_entries(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--data", "update-2023.json", "timeline", "--from", "2021")
    assert out.splitlines() == [
        "2021        ICMPD becomes partner of EU-IOM Joint Initiative for Migrant",
        "            Protection and Reintegration *",
        "2023-06-14  EU-UNHCR Strategic Dialogue meets in Brussels *",
        "",
        "* from your data: update-2023.json",
    ]
    data = json.loads(
        run(capsys, "--data", "update-2023.json", "--json", "timeline", "--from", "2023")
    )
    assert [(x["label"], x["origin"]) for x in data] == [
        ("EU-UNHCR Strategic Dialogue meets in Brussels", "update-2023.json: $.changes[0]")
    ]
    assert "*" not in run(capsys, "--data", "update-2023.json", "timeline", "--to", "1950")


def test_the_timeline_frame_has_the_origin() -> None:
    pytest.importorskip("pandas")
    df = eucoop.load("update-2023.json").timeline("2023", "2023").to_dataframe()
    assert df.loc[0, ["label", "origin"]].tolist() == [
        "EU-UNHCR Strategic Dialogue meets in Brussels",
        "update-2023.json: $.changes[0]",
    ]
    assert eucoop.load().timeline("1945", "1945").to_dataframe().loc[0, "origin"] == (
        "eucoop/data/organisations.json"
    )


# -- diffs --------------------------------------------------------------------------------


def test_a12_each_row_names_the_change_behind_it() -> None:
    base, mine = eucoop.load(), eucoop.load("fix-iom.json", "retract-country.json")
    d = base.diff(mine)
    assert [(x.change, x.id, x.field, str(x.old), str(x.new), x.by) for x in d][:2] == [
        ("changed", "iom", "founded", "1951", "1951-12-05", "fix-iom.json: $.changes[0]"),
        ("removed", "eu-financial-support-unhcr", "countries", "TR", "None",
         "retract-country.json: $.changes[0]"),
    ]  # fmt: skip
    assert [x.by for x in d][2:] == [None, None]  # whole documents come from files


def test_items_and_citations_are_explained_too() -> None:
    base = eucoop.load()
    mine = eucoop.load("update-2023.json", "greco-until.json")
    rows = [(x.change, x.id, x.field, x.by) for x in base.diff(mine, sources=True) if x.field]
    assert rows == [
        ("changed", "greco", "participants", "greco-until.json: $.changes[0]"),
        ("added", "greco", "sources", "greco-until.json: $.changes[0]"),
        ("added", "eu-unhcr-strategic-dialogue", "sources", "update-2023.json: $.changes[0]"),
        ("added", "eu-unhcr-strategic-dialogue", "sessions", "update-2023.json: $.changes[0]"),
        ("added", "eu-iom-joint-initiative", "participants", "update-2023.json: $.changes[1]"),
        ("added", "eu-iom-joint-initiative", "sources", "update-2023.json: $.changes[1]"),
    ]
    # As-of views keep the ledger, and items are found by their key: the seat the change
    # ended is gone from the view of mine, and still explained.
    day = "2023-07-01"
    trimmed = [(x.change, x.id, x.by) for x in base.as_of(day).diff(mine.as_of(day))]
    assert ("removed", "greco", "greco-until.json: $.changes[0]") in trimmed
    # What the new registry's changes did not make is explained by none of them.
    back = eucoop.load("fix-iom.json", "update-2023.json").diff(eucoop.load("fix-iom.json"))
    assert [(x.change, x.field, x.by) for x in back if x.field] == [
        ("removed", "sessions", None),
        ("removed", "participants", None),
    ]
    assert {x.by for x in mine.diff(base)} == {None}


def test_the_diff_command_shows_the_origin_column(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--data", "fix-iom.json", "--data", "retract-country.json", "diff")
    assert re.search(
        r"^    founded {7}1951 -> 1951-12-05 +fix-iom\.json: \$\.changes\[0\]$", out, re.M
    )
    assert re.search(r"^    countries {5}- TR +retract-country\.json: \$\.changes\[0\]$", out, re.M)
    lines = out.splitlines()
    found = [line.index("fix-iom.json: $") for line in lines if "fix-iom.json: $" in line]
    found += [line.index("retract-country.json: $") for line in lines if "country.json: $" in line]
    assert len(set(found)) == 1  # one column
    assert max(map(len, lines)) <= 80


def test_a_record_set_whole_marks_all_it_holds() -> None:
    doc = {"id": "example-test", "title": "Example (made up for the tests)", "publisher": "T"}
    changes = [
        {"op": "set", "target": "african-union", "field": "partnership",
         "value": {"standing": "close", "areas": ["migration"]},
         "sources": [{"document": "example-test"}]},
        {"op": "add", "target": "african-union", "field": "aliases", "value": "Example AU",
         "sources": [{"document": "example-test"}]},
    ]  # fmt: skip
    reg = eucoop.load({"schema_version": 2, "documents": [doc], "changes": changes})
    card = str(reg.card("african-union"))
    assert "  Standing        close *\n" in card
    assert "  Areas           migration *\n" in card
    rows = [(x.field, x.by) for x in eucoop.load().diff(reg)]
    assert rows == [
        ("aliases", "<data #1>: $.changes[1]"),
        ("partnership", "<data #1>: $.changes[0]"),
        (None, None),
    ]


def test_the_provenance_table_says_where_each_citation_comes_from() -> None:
    """In a notebook, a "from" column once the user's data is among the citations."""
    reg = eucoop.load(HERE / "update-2023.json")
    packaged_only = reg.provenance("iom", "founded")._repr_html_()
    assert ">from</th>" not in packaged_only
    mixed = reg.provenance("eu-iom-joint-initiative", "participants")
    assert set(mixed.layers) == {"packaged", "user"}
    html = mixed._repr_html_()
    assert ">from</th>" in html
    assert html.count(">packaged</td>") == mixed.layers.count("packaged")
    assert "your data: " in html
    assert "update-2023.json: $.changes[1]" in html
