"""A result exports on its own: to_dict carries what its entities refer to; export filters."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Registry, Results
from eucoop._cli import main
from eucoop._queries.closure import references

from .strategies import data_files, whole_files

PACKAGED = eucoop.load()


def _reachable(reg: Registry, start: list[str]) -> set[str]:
    """The ids *start* reaches in *reg* by references (entities and documents)."""
    seen, queue = set(start), list(start)
    held = {**{e.id: e for e in reg}, **{d.id: d for d in reg.documents}}
    while queue:
        for ident in references(held[queue.pop()]):
            if ident not in seen:
                seen.add(ident)
                queue.append(ident)
    return seen


def _check(result: Results[Any], whole: Registry) -> Registry:
    """*result*'s data loads alone, holds it, and holds nothing it does not reach."""
    data = result.to_dict()
    json.dumps(data)  # plain JSON values
    alone = eucoop.load(data, include_default=False)
    for x in result:
        assert (alone.document(x.id) if x.id not in alone else alone[x.id]) == x
    held = {e.id for e in alone} | {d.id for d in alone.documents}
    assert held == _reachable(whole, [x.id for x in result])
    return alone


def test_the_eu_as_a_party() -> None:
    found = PACKAGED.involving("eu", role="party")
    alone = _check(found, PACKAGED)
    assert {"eu", "european-commission", "eeas", "iom"} <= {o.id for o in alone.organisations}
    assert "dg-home-io" in alone.documents.ids
    assert alone.involving("eu", role="party").ids == found.ids


def test_results_of_every_query_carry_their_source() -> None:
    queries: list[Results[Any]] = [
        PACKAGED.filter(kind="programme", country="Libya"),
        PACKAGED.partners(area="migration"),
        PACKAGED.search("refugee"),
        PACKAGED.search("refugee")[:2],
        PACKAGED.children("un"),
        PACKAGED.ancestors("unhcr"),
        PACKAGED.in_force("2010"),
        PACKAGED.organisations[:3],
        PACKAGED.involving("un")[1:4],
        PACKAGED.documents[:2],
        Results(),
    ]
    for result in queries:
        _check(result, PACKAGED)
    then = PACKAGED.as_of("2012")
    _check(then.organisations, then)
    _check(then.filter(kind="agreement"), then)


def test_pickled_results_keep_their_source() -> None:
    for result in (
        PACKAGED.filter(kind="programme"),
        PACKAGED.search("refugee"),
        PACKAGED.involving("eu"),
    ):
        again = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own
        assert again.to_dict() == result.to_dict()


def test_results_made_by_hand() -> None:
    assert Results([PACKAGED.document("dg-home-io")]).to_dict()["documents"][0]["id"] == (
        "dg-home-io"
    )
    with pytest.raises(ValueError, match="'dg-home-io'") as info:
        Results([PACKAGED["eeas"]]).to_dict()
    assert "'eu'" in str(info.value)
    with pytest.raises(ValueError, match="results made by a registry's queries know where"):
        Results(PACKAGED.organisations).to_dict()  # a copy by hand: no source
    whole = Results([*PACKAGED, *PACKAGED.documents]).to_dict()
    assert eucoop.load(whole, include_default=False).to_dict() == PACKAGED.to_dict()


@whole_files
@given(data_files(), st.data())
def test_any_query_result_exports_on_its_own(data: dict[str, Any], more: st.DataObject) -> None:
    reg = eucoop.load(data, include_default=False)
    kind = more.draw(st.sampled_from(["organisation", "agreement", "dialogue", "programme"]))
    found = reg.filter(kind=kind)
    start = more.draw(st.integers(0, len(found)))
    _check(found[start : start + more.draw(st.integers(0, 3))], reg)
    if reg.organisations:
        org = more.draw(st.sampled_from(reg.organisations))
        _check(reg.involving(org), reg)
        _check(reg.children(org), reg)


# -- the command line ---------------------------------------------------------------


def test_export_takes_the_filters_of_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "libya.json"
    assert main(["export", "programmes", "--country", "Libya", "-o", str(path)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    found = PACKAGED.filter(kind="programme", country="Libya")
    assert f"{len(found)} matching, and what they refer to" in said
    alone = eucoop.load(path, include_default=False)
    assert alone.programmes.ids == found.ids
    assert alone.to_dict() == eucoop.load(found.to_dict(), include_default=False).to_dict()
    assert main(["list", "programmes", "--country", "Libya", "--json"]) == 0
    listed = [e["id"] for e in json.loads(capsys.readouterr().out)]
    assert listed == list(alone.programmes.ids)


def test_export_filters_without_a_kind_and_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--participant", "eu", "--role", "party", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = PACKAGED.filter(participant="eu", role="party").to_dict()
    assert data == expected
    folder = tmp_path / "drugs.zip"
    assert main(["--json", "export", "--area", "drugs", "-o", str(folder)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["matched"] == len(PACKAGED.filter(area="drugs"))
    assert main(["--json", "export", "-o", str(tmp_path / "all.json")]) == 0
    assert json.loads(capsys.readouterr().out)["matched"] is None


def test_export_refuses_what_list_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--area", "migrtion", "-o", "-"]) == 2
    assert "did you mean 'migration'" in capsys.readouterr().err
    assert main(["export", "nonsense", "-o", "-"]) == 2
    assert "unknown kind 'nonsense'" in capsys.readouterr().err
    assert main(["export", "--participant", "nobody", "-o", "-"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_results_added_up_still_export_on_their_own() -> None:
    """``a + b`` keeps where its entities come from, so ``to_dict`` still loads alone."""
    reg = eucoop.load()
    orgs, programmes = reg.filter(kind="organisation")[:3], reg.filter(kind="programme")[:2]
    both = orgs + programmes
    assert isinstance(both, Results)
    again = eucoop.load(both.to_dict(), include_default=False)
    assert set(both.ids) <= {e.id for e in again}
    searched = reg.search("refugee") + reg.search("migration")
    assert isinstance(searched, Results)
    assert set(searched.ids) <= {
        e.id for e in eucoop.load(searched.to_dict(), include_default=False)
    }
    involved = reg.involving("eu") + reg.involving("eu", role="party")
    assert isinstance(involved, eucoop.Involvement)
    assert involved.through["eu-iom-strategic-partnership"] == ("european-commission", "eeas")
    assert set(involved.ids) <= {
        e.id for e in eucoop.load(involved.to_dict(), include_default=False)
    }
    mixed = reg.involving("eu") + reg.involving("iom")
    assert type(mixed) is Results
    assert mixed.to_dict()["schema_version"]
