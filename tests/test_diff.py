"""``Registry.diff`` and ``eucoop diff``: rows, their order and keys, display, the command line.

The data files made here for the tests say so in their titles. Changes on
top of packaged data are not loaded yet, so the changed values below come
from complete datasets edited by hand (``to_dict()``, loaded alone), as two
data versions would be.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Diff, Difference, PartialDate, Registry
from eucoop._cli import main
from eucoop._display.diffs import diff_counts, diff_lines, value_text
from eucoop._display.text import wrapped_at
from eucoop._model import item_key
from eucoop._queries.diff import differences, explained_by

from .strategies import data_files, whole_files

NOTES = {
    "id": "example-notes",
    "title": "Example notes (made up for the diff tests)",
    "publisher": "A. Researcher",
}
PILOT = {
    "id": "example-pilot",
    "name": "Example pilot (made up for the diff tests)",
    "launched": "2021",
    "sources": [{"document": "example-notes"}],
}

DATA = eucoop.load().release.data_version  # type: ignore[union-attr] # packaged: has one


@pytest.fixture(scope="module")
def base() -> Registry:
    return eucoop.load()


def _entity(data: dict[str, Any], collection: str, ident: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in data[collection] if e["id"] == ident)
    return found


@pytest.fixture(scope="module")
def edited(base: Registry) -> Registry:
    """The packaged data with a few values, items and citations edited: another data version."""
    data = base.to_dict()
    iom = _entity(data, "organisations", "iom")
    iom["founded"] = "1951-12-05"
    iom["partnership"]["standing"] = "principal"
    del iom["website"]
    unhcr_support = _entity(data, "programmes", "eu-financial-support-unhcr")
    unhcr_support["countries"] = [c for c in unhcr_support["countries"] if c != "TR"]
    greco = _entity(data, "organisations", "greco")
    greco["participants"][0]["until"] = "2023-06"
    dialogue = _entity(data, "dialogues", "eu-unhcr-strategic-dialogue")
    dialogue["sessions"] = [{"start": "2023-06-14", "place": "Brussels"}]
    dialogue["sources"].append({"document": "example-notes", "paragraph": 2})
    data["documents"].append(NOTES)
    return eucoop.load(data, include_default=False)


def _rows(diff: Diff) -> list[tuple[Any, ...]]:
    return [(x.change, x.id, x.field, str(x.old), str(x.new)) for x in diff]


# -- A12 and the rules of the rows ---------------------------------------------------------


def test_a12_as_of_views(base: Registry) -> None:
    one = base.as_of("2019-01-01").diff(base.as_of("2020-01-01"))
    assert [(x.change, x.id, x.field) for x in one] == [("added", "greco", "participants")]
    assert one[0].new == base["greco"].participants[0]
    assert one[0].old is None
    assert one[0].by is None
    later = base.as_of("2018-01-01").diff(base.as_of("2019-01-01"))
    assert [x.id for x in later] == ["un-network-on-migration", "gcm", "gcr"]
    assert {(x.change, x.field) for x in later} == {("added", None)}
    assert later[1].new is base["gcm"]


def test_a12_python_with_a_user_file(base: Registry, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"documents": [NOTES], "programmes": [PILOT]}), encoding="utf-8")
    mine = eucoop.load(path)
    d = base.diff(mine)
    assert repr(d) == "<Diff: 1 entity and 1 document added>"
    assert [(x.change, x.kind, x.id, x.field, x.old) for x in d] == [
        ("added", "programme", "example-pilot", None, None),
        ("added", "document", "example-notes", None, None),
    ]
    assert d[0].new is mine["example-pilot"]
    assert d[1].new == mine.document("example-notes")
    assert d.counts == {"added": 2, "removed": 0, "changed": 0}
    back = mine.diff(base)
    assert repr(back) == "<Diff: 1 entity and 1 document removed>"
    assert [x.old for x in back] == [x.new for x in d]


def test_nothing_differs(base: Registry) -> None:
    same = base.diff(base)
    assert len(same) == 0
    assert repr(same) == "<Diff: no differences>"
    assert same.counts == {"added": 0, "removed": 0, "changed": 0}
    assert len(base.diff(eucoop.load(base.to_dict(), include_default=False), sources=True)) == 0


def test_values_items_and_records(base: Registry, edited: Registry) -> None:
    d = base.diff(edited)
    assert _rows(d) == [
        (
            "changed",
            "greco",
            "participants",
            *map(str, (base["greco"].participants[0], edited["greco"].participants[0])),
        ),
        ("changed", "iom", "founded", "1951", "1951-12-05"),
        ("removed", "iom", "website", "https://www.iom.int", "None"),
        ("changed", "iom", "partnership.standing", "key", "principal"),
        (
            "added",
            "eu-unhcr-strategic-dialogue",
            "sessions",
            "None",
            str(edited.get("eu-unhcr-strategic-dialogue", eucoop.Dialogue).sessions[0]),
        ),
        ("removed", "eu-financial-support-unhcr", "countries", "TR", "None"),
        ("added", "example-notes", None, "None", str(edited.document("example-notes"))),
    ]
    assert [x.kind for x in d] == [
        "organisation", "organisation", "organisation", "organisation",
        "dialogue", "programme", "document",
    ]  # fmt: skip
    assert repr(d) == "<Diff: 1 document added, 4 entities changed>"
    assert d.ids == ("greco", "iom", "eu-unhcr-strategic-dialogue",
                     "eu-financial-support-unhcr", "example-notes")  # fmt: skip


def test_sources_only_when_asked(base: Registry, edited: Registry) -> None:
    cited = base.diff(edited, sources=True)
    extra = [x for x in cited if x.field == "sources"]
    assert [(x.change, x.id, x.new) for x in extra] == [
        (
            "added",
            "eu-unhcr-strategic-dialogue",
            eucoop.Source(document="example-notes", paragraph=2),
        )
    ]
    assert len(cited) == len(base.diff(edited)) + 1


def test_a_record_present_on_one_side_only_is_one_row() -> None:
    org = eucoop.Organisation(id="o", name="O", sources=(eucoop.Source(document="d"),))
    with_partnership = attrs.evolve(
        org, partnership=eucoop.Partnership(standing=eucoop.Standing.KEY)
    )
    rows = differences([org], [with_partnership])
    assert [(x.change, x.field, x.new) for x in rows] == [
        ("added", "partnership", with_partnership.partnership)
    ]
    assert [(x.change, x.field) for x in differences([with_partnership], [org])] == [
        ("removed", "partnership")
    ]


def _programme(ident: str = "p", **fields: Any) -> eucoop.Programme:
    return eucoop.Programme(id=ident, name="P", sources=(eucoop.Source(document="d"),), **fields)


def _greco(*participants: eucoop.Participant) -> eucoop.Organisation:
    return eucoop.Organisation(
        id="greco", name="GRECO", participants=participants, sources=(eucoop.Source(document="d"),)
    )


def test_items_are_matched_by_their_keys() -> None:
    seat = eucoop.Participant(
        organisation="eu", role=eucoop.Role.OBSERVER, since=PartialDate(2019, 7)
    )
    ended = attrs.evolve(seat, until=PartialDate(2023, 6))
    moved = attrs.evolve(seat, since=PartialDate(2019, 8))
    assert [(x.change, x.old, x.new) for x in differences([_greco(seat)], [_greco(ended)])] == [
        ("changed", seat, ended)
    ]
    assert [(x.change, x.old, x.new) for x in differences([_greco(seat)], [_greco(moved)])] == [
        ("removed", seat, None),
        ("added", None, moved),
    ]
    # Equal items pair first; two items with one key pair in order.
    twice = differences([_greco(seat, seat)], [_greco(seat, ended)])
    assert [(x.change, x.old, x.new) for x in twice] == [("changed", seat, ended)]
    assert item_key(seat) == ("eu", eucoop.Role.OBSERVER, PartialDate(2019, 7))
    assert item_key(eucoop.Source(document="d", paragraph=3)) == ("d", 3)


def test_text_and_set_items_are_their_own_keys() -> None:
    d = differences([_programme(countries=("GR", "IT"))], [_programme(countries=("IT", "LY"))])
    assert [(x.change, x.old, x.new) for x in d] == [("removed", "GR", None), ("added", None, "LY")]
    old = _programme(
        policy_areas=frozenset({eucoop.PolicyArea.ASYLUM, eucoop.PolicyArea.MIGRATION})
    )
    new = _programme(policy_areas=frozenset({eucoop.PolicyArea.MIGRATION, eucoop.PolicyArea.DRUGS}))
    assert [(x.change, str(x.old), str(x.new)) for x in differences([old], [new])] == [
        ("removed", "asylum", "None"),
        ("added", "None", "drugs"),
    ]
    # The order of a list is not a difference.
    assert (
        differences([_programme(countries=("GR", "IT"))], [_programme(countries=("IT", "GR"))])
        == ()
    )


def test_an_id_that_changes_kind(base: Registry) -> None:
    org = eucoop.Organisation(id="x", name="X", sources=(eucoop.Source(document="d"),))
    prog = eucoop.Programme(id="x", name="X", sources=(eucoop.Source(document="d"),))
    rows = differences([org], [prog])
    assert [(x.change, x.kind) for x in rows] == [
        ("removed", "organisation"),
        ("added", "programme"),
    ]


def test_by_comes_from_the_new_registrys_ledger() -> None:
    asked: list[tuple[str, str, object]] = []

    def ledger(ident: str, field: str, item: object) -> str | None:
        asked.append((ident, field, item))
        return "fix.json: $.changes[0]" if field == "countries" else None

    old = [_programme(countries=("GR", "TR")), _programme("q")]
    new = [_programme(countries=("GR",), launched=PartialDate(2020))]
    rows = differences(old, new, explain=ledger)
    assert [(x.change, x.id, x.field, x.by) for x in rows] == [
        ("added", "p", "launched", None),
        ("removed", "p", "countries", "fix.json: $.changes[0]"),
        ("removed", "q", None, None),
    ]
    assert asked == [("p", "launched", None), ("p", "countries", "TR")]
    assert explained_by(None, "p", "countries", "TR") is None


def test_wrong_arguments(base: Registry) -> None:
    with pytest.raises(TypeError, match="other must be a Registry, not a str"):
        base.diff("mine.json")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sources must be True or False, not a str"):
        base.diff(base, sources="no")  # type: ignore[arg-type]


# -- the result: display, slices, pickles, frames ---------------------------------------------


def test_display(base: Registry, edited: Registry) -> None:
    d = base.diff(edited)
    page = d._repr_html_()
    assert "<table" in page
    assert "1951-12-05" in page
    assert "1 document added, 4 entities changed" in page
    assert "a difference (changed)" in d[0]._repr_html_()
    assert "1 entity changed" in d[:1]._repr_html_()
    assert isinstance(d[:2], Diff)
    assert d[:2].label("organisation", "iom") == base["iom"].label
    assert d.label("organisation", "nope") == "nope"
    again = pickle.loads(pickle.dumps(d))  # noqa: S301 - our own
    assert again == d
    assert again.label("document", "example-notes") == NOTES["title"]
    with wrapped_at(100):
        lines = diff_lines(d)
    assert lines[:4] == [
        "~ organisation  greco  Group of States against Corruption (GRECO)",
        "    participants  eu observer since 2019-07: until (none) -> 2023-06",
        "~ organisation  iom  International Organization for Migration (IOM)",
        "    founded       1951 -> 1951-12-05",
    ]
    assert "    website       - https://www.iom.int" in lines
    assert "    partnership.standing key -> principal" in lines
    assert "    countries     - TR" in lines
    assert lines[-1] == f"+ document      example-notes  {NOTES['title']}"


def test_lines_with_by_fit_the_width() -> None:
    row = Difference("removed", "programme", "p", "countries", "TR", None, "fix.json: $.changes[0]")
    d = Diff([row], {("programme", "p"): "P"})
    assert diff_lines(d)[1] == f"    countries     - TR{' ' * 35}fix.json: $.changes[0]"
    with wrapped_at(60):  # the column moves left, so that the change still fits on the line
        assert diff_lines(d)[1:] == [f"    countries     - TR{' ' * 16}fix.json: $.changes[0]"]
    with wrapped_at(40):  # no room left: under the value
        assert diff_lines(d)[1:] == ["    countries     - TR", " " * 18 + "fix.json: $.changes[0]"]


def test_changed_items_name_what_changed() -> None:
    day = PartialDate(2023, 6, 14)
    old = eucoop.Dialogue(
        id="x",
        name="X",
        sessions=(eucoop.Session(start=day),),
        sources=(eucoop.Source(document="d", paragraph=2),),
    )
    new = attrs.evolve(
        old,
        sessions=(eucoop.Session(start=day, place="Brussels"),),
        sources=(eucoop.Source(document="d", paragraph=2, fields=("sessions",)),),
    )
    d = differences([old], [new], sources=True)
    assert diff_lines(d)[1:] == [
        "    sources       d, paragraph 2: fields (none) -> sessions",
        "    sessions      session of 2023-06-14: place (none) -> Brussels",
    ]  # in the order of the fields: an entity's own first


def test_value_text() -> None:
    assert value_text(None) == ""
    assert value_text(
        eucoop.Partnership(standing=eucoop.Standing.KEY, since=PartialDate(2016))
    ) == ("standing key; since 2016")
    assert value_text(("a", "b")) == "a; b"
    assert diff_counts([]) == "no differences"


def test_to_dataframe(base: Registry, edited: Registry) -> None:
    df = base.diff(edited).to_dataframe()
    assert list(df.columns) == ["change", "kind", "id", "field", "old", "new", "by"]
    assert df.loc[1, "old"] == PartialDate(1951)
    assert str(df.loc[6, "field"]) == "<NA>"


# -- properties ---------------------------------------------------------------------------------


def _mirrored(row: Difference) -> Difference:
    change = {"added": "removed", "removed": "added"}.get(row.change, row.change)
    return attrs.evolve(row, change=change, old=row.new, new=row.old)


def _at(value: object, path: str) -> Any:
    for name in path.split("."):
        value = getattr(value, name)
    return value


def _side(reg: Registry, kind: str, ident: str) -> Any:
    return reg.document(ident) if kind == "document" else reg.get(ident)


@whole_files
@given(data_files(), data_files(), st.booleans())
def test_diff_properties(a_data: dict[str, Any], b_data: dict[str, Any], sources: bool) -> None:
    a = eucoop.load(a_data, include_default=False)
    b = eucoop.load(b_data, include_default=False)
    assert a.diff(a, sources=sources) == ()
    forth, back = a.diff(b, sources=sources), b.diff(a, sources=sources)
    # b against a mirrors a against b: added and removed swap, and so do old and new.
    assert Counter(map(_mirrored, forth)) == Counter(back)
    assert forth.counts == {"added": back.counts["removed"], "removed": back.counts["added"],
                            "changed": back.counts["changed"]}  # fmt: skip
    by_field: dict[tuple[str, str, str], list[Difference]] = {}
    for row in forth:
        if row.field is None:
            assert (row.old is None) == (row.change == "added")
            assert (row.new is None) == (row.change == "removed")
        else:
            by_field.setdefault((row.kind, row.id, row.field), []).append(row)
    for (kind, ident, field), rows in by_field.items():
        before, after = _at(_side(a, kind, ident), field), _at(_side(b, kind, ident), field)
        if not isinstance(before, tuple | frozenset):  # a single value: one row, old -> new
            assert [(r.old, r.new) for r in rows] == [(before, after)]
            continue
        # Items: a changed row keeps its key; no key is both lost and gained.
        assert all(item_key(r.old) == item_key(r.new) for r in rows if r.change == "changed")
        lost = {item_key(r.old) for r in rows if r.change == "removed"}
        assert not lost & {item_key(r.new) for r in rows if r.change == "added"}
        # The rows turn a's items into b's (as multisets: the order is not compared).
        items = Counter(before)
        items.subtract(r.old for r in rows if r.old is not None)
        items.update(r.new for r in rows if r.new is not None)
        assert +items == Counter(after)


# -- the command line -------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a12_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "120")
    assert _run(capsys, "export", "--format", "json", "-o", "now.json")[0] == 0
    assert _run(capsys, "diff", "now.json") == (
        0,
        f"now.json -> packaged data {DATA}: no differences\n",
        "",
    )
    data = json.loads(Path("now.json").read_text(encoding="utf-8"))
    _entity(data, "organisations", "iom")["founded"] = "1951-12-05"
    history = {
        "id": "example-iom-history",
        "title": "Example history of IOM (made up for the acceptance tests)",
        "publisher": "A. Researcher",
    }
    data["documents"].append(history)
    Path("fixed.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run(capsys, "diff", "now.json", "fixed.json")
    assert (code, err) == (0, "")
    assert out == (
        "now.json -> fixed.json: 1 document added, 1 entity changed\n"
        "\n"
        "~ organisation  iom  International Organization for Migration (IOM)\n"
        "    founded       1951 -> 1951-12-05\n"
        "+ document      example-iom-history  Example history of IOM (made up for the "
        "acceptance tests)\n"
    )
    code, out, _ = _run(capsys, "diff", "now.json", "fixed.json", "--json")
    found = json.loads(out)
    assert code == 0
    assert found["counts"] == {"added": 1, "removed": 0, "changed": 1}
    assert (found["old"], found["new"]) == ("now.json", "fixed.json")
    assert found["differences"][0] == {
        "change": "changed",
        "kind": "organisation",
        "id": "iom",
        "field": "founded",
        "old": "1951",
        "new": "1951-12-05",
        "by": None,
    }
    assert found["differences"][1]["new"] == history


def test_command_line_with_data_files(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    base: Registry,
) -> None:
    packaged = len(base) + len(base.documents)  # entities and documents
    monkeypatch.chdir(tmp_path)
    Path("mine.json").write_text(
        json.dumps({"documents": [NOTES], "programmes": [PILOT]}), encoding="utf-8"
    )
    code, out, err = _run(capsys, "--data", "mine.json", "diff")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"packaged data {DATA} -> with mine.json: 1 entity and 1 document added"
    assert lines[2:] == [
        f"+ programme     example-pilot  {PILOT['name']}",
        f"+ document      example-notes  {NOTES['title']}",
    ]
    code, out, _ = _run(capsys, "--no-default", "--data", "mine.json", "diff", "--json")
    found = json.loads(out)
    assert (code, found["new"], found["counts"]["removed"]) == (0, "mine.json", packaged)
    # The old dataset, alone, against the data this command loads.
    code, out, _ = _run(capsys, "--data", "mine.json", "diff", "mine.json", "--json")
    assert json.loads(out)["counts"] == {"added": packaged, "removed": 0, "changed": 0}
    # A narrow terminal: the lines are wrapped to it.
    monkeypatch.setenv("COLUMNS", "50")
    out = _run(capsys, "--data", "mine.json", "diff")[1]
    assert all(len(line) <= 50 for line in out.splitlines())
    assert out.splitlines()[:2] == [
        f"packaged data {DATA} -> with mine.json: 1 entity",
        "and 1 document added",
    ]


def test_sources_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    base: Registry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    data = base.to_dict()
    old = copy.deepcopy(data)
    _entity(data, "organisations", "iom")["sources"].append({"document": "dg-home-io"})
    Path("old.json").write_text(json.dumps(old), encoding="utf-8")
    Path("new.json").write_text(json.dumps(data), encoding="utf-8")
    assert (
        _run(capsys, "diff", "old.json", "new.json")[1] == "old.json -> new.json: no differences\n"
    )
    code, out, _ = _run(capsys, "diff", "old.json", "new.json", "--sources")
    assert code == 0
    assert out.splitlines()[0] == "old.json -> new.json: 1 entity changed"
    assert out.splitlines()[-1] == "    sources       + dg-home-io, whole document"


def test_command_line_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, "diff", str(tmp_path / "none.json"))
    assert (code, out) == (1, "")
    assert "none.json: $: cannot read" in err
    assert "Traceback" not in err
    code, _, err = _run(capsys, "--data", str(tmp_path / "x.json"), "diff", "a.json", "b.json")
    assert code == 2
    assert err.count("\n") == 1
    assert "--data and --no-default do not apply" in err
    code, _, err = _run(capsys, "diff", "a", "b", "c")
    assert code == 2
    assert "unrecognized arguments: c" in err
