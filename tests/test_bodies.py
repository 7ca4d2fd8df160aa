"""What an organisation takes part in through its bodies: involving, roles, the CLI."""

from __future__ import annotations

import json
import pickle
import re
from typing import Any

import pytest
from hypothesis import given

import eucoop
from eucoop import Involvement, Registry
from eucoop._cli import main

from .strategies import data_files, whole_files

PACKAGED = eucoop.load()


def test_the_eu_through_its_institutions() -> None:
    found = PACKAGED.involving("eu")
    alone = PACKAGED.involving("eu", include_bodies=False)
    assert "eu-iom-strategic-partnership" in found.ids
    assert "eu-iom-strategic-partnership" not in alone.ids
    assert found.through["eu-iom-strategic-partnership"] == ("european-commission", "eeas")
    assert found.through["gcr"] == ("eu",)
    assert set(alone.through.values()) == {("eu",)}
    # two levels down: DG DEVCO is part of the Commission, which is part of the EU
    assert found.through["eu-unodc-operational-exchange-meeting"] == ("dg-devco",)
    assert found.organisation == alone.organisation == "eu"


def test_order_and_roles() -> None:
    found = PACKAGED.involving("eu")
    kinds = [e.kind_name for e in found]
    assert kinds == sorted(kinds, key=["organisation", "agreement", "dialogue", "programme"].index)
    leads = PACKAGED.involving("eu", role="lead")
    assert set(leads.ids) <= set(found.ids)
    assert all(
        any(
            p.role.value == "lead" and p.organisation in leads.through[e.id] for p in e.participants
        )
        for e in leads
    )
    pairs = PACKAGED.roles("eu")
    assert {e.id for e, _ in pairs} == set(found.ids)
    assert {p.organisation for _, p in pairs} >= {"eu", "european-commission", "eeas", "dg-devco"}
    assert {p.organisation for _, p in PACKAGED.roles("eu", include_bodies=False)} == {"eu"}


def test_a_body_alone_and_an_organisation_without_bodies() -> None:
    iom = PACKAGED.involving("iom")
    assert iom.ids == PACKAGED.involving("iom", include_bodies=False).ids
    commission = PACKAGED.involving("european-commission")
    assert "eu-iom-strategic-partnership" in commission.ids
    assert "gcr" not in commission.ids  # a body does not take part in what its parent does


def test_results_behave() -> None:
    found = PACKAGED.involving("eu")
    assert found is PACKAGED.involving("eu")  # made once
    assert found is not PACKAGED.involving("eu", include_bodies=False)
    head = found[3:5]
    assert isinstance(head, Involvement)
    assert dict(head.through) == {e.id: found.through[e.id] for e in head}
    again = pickle.loads(pickle.dumps(found))  # noqa: S301 - our own
    assert (again.ids, dict(again.through), again.organisation) == (
        found.ids,
        dict(found.through),
        "eu",
    )
    with pytest.raises(TypeError):
        found.through["gcr"] = ()  # type: ignore[index]
    with pytest.raises(TypeError, match="include_bodies"):
        PACKAGED.involving("eu", include_bodies="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="include_bodies"):
        PACKAGED.roles("eu", include_bodies=None)  # type: ignore[arg-type]
    assert Involvement().through == {}


def test_frame_and_table() -> None:
    found = PACKAGED.involving("eu", role="party")
    df = found.to_dataframe()
    assert df.loc["eu-iom-strategic-partnership", "through"] == "european-commission; eeas"
    assert df.loc["untoc", "through"] == "eu"
    assert str(df["through"].dtype) == "string"
    html = found._repr_html_()
    heads = re.findall(r">([^<>]+)</th>", html)
    assert heads[-1] == "through"
    assert ">european-commission, eeas</td>" in html
    alone = PACKAGED.involving("eu", role="party", include_bodies=False)._repr_html_()
    assert "through" not in re.findall(r">([^<>]+)</th>", alone)  # an empty column goes


def test_table_says_itself_where_the_organisation_takes_part_too(valid: dict[str, Any]) -> None:
    valid["programmes"][0]["participants"].append({"organisation": "org-child", "role": "partner"})
    reg = eucoop.load(valid, include_default=False)
    found = reg.involving("org-parent")
    assert found.through["prog-one"] == ("org-parent", "org-child")
    assert ">itself, org-child</td>" in found._repr_html_()


def test_as_of_views_keep_working() -> None:
    then = PACKAGED.as_of("2016-06-01")
    found = then.involving("eu")
    assert set(found.ids) <= set(PACKAGED.involving("eu").ids)
    assert set(found.ids) <= {e.id for e in then}
    for e in found:
        assert set(found.through[e.id]) <= {p.organisation for p in e.participants}


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["involving", "eu", "--role", "party"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "through eeas" in text
    assert "through european-commission" in text
    assert main(["involving", "eu", "--role", "party", "--no-bodies"]) == 0
    alone = capsys.readouterr().out
    assert "through" not in alone
    assert "EU-IOM framework" not in alone
    assert main(["involving", "eu", "--role", "lead", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["id"], r["through"]) for r in rows} == {
        ("eu-unodc-operational-exchange-meeting", "dg-devco"),
        ("eu-unodc-senior-officials-meeting", "eeas"),
    }
    assert main(["involving", "eu", "--role", "lead", "--json", "--no-bodies"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def _family(reg: Registry, org: str) -> set[str]:
    return {org} | {o.id for o in reg.organisations if org in reg.ancestors(o.id).ids}


@whole_files
@given(data_files())
def test_alone_within_with_bodies_and_every_extra_through_a_body(data: dict[str, Any]) -> None:
    reg = eucoop.load(data, include_default=False)
    for org in reg.organisations:
        family = _family(reg, org.id)
        found = reg.involving(org)
        alone = reg.involving(org, include_bodies=False)
        assert set(alone.ids) <= set(found.ids)
        assert set(alone.ids) == {
            e.id for e in reg if any(p.organisation == org.id for p in e.participants)
        }
        for e in found:
            takers = {p.organisation for p in e.participants}
            assert set(found.through[e.id]) == takers & family
            if e.id not in alone.ids:
                assert found.through[e.id]
                assert org.id not in found.through[e.id]
        assert found.ids == tuple(e.id for e in reg if e.id in set(found.ids))  # registry order
        assert [e.id for e, _ in reg.roles(org)] == [
            e.id for e in found for p in e.participants if p.organisation in family
        ]
