"""Notebook use: records, DataFrames and graphs, optional extras (HTML: test_display.py)."""

from __future__ import annotations

import importlib.util
import math
import sys
from decimal import Decimal
from typing import Any

import pytest

import eucoop
from eucoop import Provenance, Registry
from eucoop._queries.tables import (
    DATETIME,
    START,
    Table,
    all_tables,
    entities_frame,
    hits_frame,
    table_names,
    timeline_frame,
)

TABLE_NAMES = table_names()


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


needs_pandas = pytest.mark.skipif(
    _missing("pandas"), reason="pandas is an optional extra: pip install 'eucoop[pandas]'"
)
needs_networkx = pytest.mark.skipif(
    _missing("networkx"), reason="networkx is an optional extra: pip install 'eucoop[networkx]'"
)


@pytest.fixture
def reg(valid: dict[str, Any]) -> Registry:
    valid["organisations"][0]["description"] = "<script>alert('x')</script> & more"
    return eucoop.load(valid, include_default=False)


def test_records(reg: Registry) -> None:
    rows = reg.to_records("programmes")
    assert len(rows) == 1
    assert rows[0]["id"] == "prog-one"
    assert rows[0]["countries"] == "LY; TR"


@needs_pandas
def test_dataframe(reg: Registry) -> None:
    frame = reg.to_dataframe(eucoop.Organisation)
    assert list(frame.index) == ["org-child", "org-parent"]
    assert frame.loc["org-parent", "acronym"] == "PO"


@needs_networkx
def test_networkx(reg: Registry) -> None:
    graph = reg.to_networkx()
    assert graph.number_of_nodes() == 5
    edges = {(u, v, d["relation"]) for u, v, d in graph.edges(data=True)}
    assert ("org-parent", "dia-one", "participant") in edges
    assert ("org-child", "org-parent", "parent") in edges
    assert not any(rel == "partnership" for *_, rel in edges)  # no "eu" in this registry


@needs_networkx
def test_networkx_partnerships() -> None:
    graph = eucoop.load().to_networkx()
    standings = {
        v: d["standing"] for u, v, d in graph.edges(data=True) if d["relation"] == "partnership"
    }
    assert standings["unodc"] == "principal"
    assert standings["iom"] == "key"


@pytest.mark.parametrize(
    ("module", "call"),
    [("pandas", "to_dataframe"), ("networkx", "to_networkx")],
)
def test_missing_extra_says_how_to_install(
    reg: Registry, monkeypatch: pytest.MonkeyPatch, module: str, call: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    args = ("programmes",) if call == "to_dataframe" else ()
    with pytest.raises(ModuleNotFoundError, match=rf"pip install 'eucoop\[{module}\]'"):
        getattr(reg, call)(*args)


def test_import_does_not_load_optional_or_heavy_modules() -> None:
    import subprocess

    code = (
        "import sys, eucoop; "
        "print(sorted(m for m in ('pandas', 'networkx', 'eucoop._cli', 'eucoop._export', "
        "'sqlite3', 'csv') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@needs_pandas
def test_dataframe_dtypes_are_nullable() -> None:
    frame = eucoop.load().to_dataframe("programmes")
    assert str(frame["country_count"].dtype) == "Int64"
    assert frame.loc["eu-iom-joint-initiative", "country_count"] == 26
    assert frame["budget_amount"].isna().sum() == len(frame) - 1


NULLABLE = {"string", "Int64", "boolean", "Float64"}


def frame_columns(table: Table) -> list[str]:
    """The columns of a table's DataFrame: each column, and ``<name>_start`` after a dated one."""
    return [n for c in table.columns for n in (c.name, c.name + START)[: 2 if c.dated else 1]]


def assert_missing_is_na(frame: Any) -> None:
    """Every column nullable (amounts: exact Decimals), every missing value ``<NA>`` or ``NaT``."""
    import pandas as pd

    for name in frame.columns:
        column = frame[name]
        dtype = str(column.dtype)
        if dtype == DATETIME:  # the first day of the dates beside it: NaT where missing
            assert name.endswith(START), name
            assert all(v is pd.NaT for v in column[column.isna()]), name
            continue
        if dtype == "object":  # money: Decimal values, pd.NA where missing
            assert name.endswith("amount"), name
            assert all(isinstance(v, Decimal) or v is pd.NA for v in column), name
        else:
            assert dtype in NULLABLE, (name, dtype)
        assert not any(v is None or (isinstance(v, float) and math.isnan(v)) for v in column), name
        assert all(v is pd.NA for v in column[column.isna()]), name


@needs_pandas
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_has_nullable_dtypes(name: str) -> None:
    reg = eucoop.load()
    frame = reg.to_dataframe(name)
    assert len(frame) == len(reg.to_records(name)) > 0
    assert_missing_is_na(frame)
    table = all_tables()[name]
    if table.key == ("id",):
        assert frame.index.name == "id"
        assert list(frame.columns) == frame_columns(table)[1:]
    else:
        assert list(frame.columns) == frame_columns(table)
        assert list(frame.index) == list(range(len(frame)))


@needs_pandas
def test_programmes_frame_has_no_none() -> None:
    import pandas as pd

    frame = eucoop.load().to_dataframe("programmes")
    assert frame.loc["au-eu-un-libya-taskforce", "acronym"] is pd.NA
    assert frame.loc["au-eu-un-libya-taskforce", "budget_amount"] is pd.NA
    assert frame.loc["eu-iom-joint-initiative", "budget_amount"] == Decimal("440000000")
    assert str(frame["acronym"].dtype) == str(frame["ended"].dtype) == "string"
    assert frame[frame["budget_amount"] > 50_000_000].index.tolist() == ["eu-iom-joint-initiative"]


@needs_pandas
def test_participants_frame_keeps_roles(reg: Registry) -> None:
    frame = reg.to_dataframe("participants")
    assert list(frame.columns) == [
        "entity_id",
        "position",
        "organisation_id",
        "role",
        "since",
        "since_start",
        "until",
        "until_start",
        "note",
        "framework_id",
    ]
    programme = frame[frame["entity_id"] == "prog-one"]
    assert programme[["organisation_id", "role"]].values.tolist() == [
        [p.organisation, str(p.role)] for p in reg["prog-one"].participants
    ]
    assert str(frame["position"].dtype) == "Int64"


@needs_pandas
def test_timeline_and_sources_frames(reg: Registry) -> None:
    timeline = reg.to_dataframe("timeline")
    assert timeline["label"].tolist() == [t.label for t in reg.timeline()]
    assert timeline_frame(reg.timeline("2016", "2016"))["date"].tolist() == ["2016-12", "2016-12"]
    sources = reg.to_dataframe("sources")
    assert str(sources["paragraph"].dtype) == "Int64"
    assert set(sources["scope"]) <= {"entity", "partnership"}


@needs_pandas
def test_entities_frame_of_one_kind_mixed_and_none(reg: Registry) -> None:
    import pandas as pd

    orgs = entities_frame(reg.organisations)
    pd.testing.assert_frame_equal(orgs, reg.to_dataframe("organisations"))
    mixed = entities_frame(reg.involving("org-parent"))
    assert list(mixed.index) == [e.id for e in reg.involving("org-parent")]
    assert mixed.columns[0] == "kind"
    assert set(mixed["kind"]) == {e.kind_name for e in reg.involving("org-parent")}
    assert {"name", "acronym", "participants", "policy_areas"} <= set(mixed.columns)
    assert "budget_amount" not in mixed.columns
    assert_missing_is_na(mixed)
    empty = entities_frame(())
    assert len(empty) == 0
    assert list(empty.columns[:3]) == ["kind", "name", "acronym"]
    assert_missing_is_na(empty)


@needs_pandas
def test_hits_frame(reg: Registry) -> None:
    found = reg.search("joint")
    frame = hits_frame(found.hits)
    assert list(frame.index) == list(found.ids)
    assert list(frame.columns) == ["kind", "name", "score", "matched"]
    assert str(frame["score"].dtype) == "Float64"
    assert frame["matched"].iloc[0] == "; ".join(found.hits[0].fields)
    assert_missing_is_na(frame)


@needs_networkx
def test_networkx_adoption_and_formalisation() -> None:
    graph = eucoop.load().to_networkx()
    edges = {(u, v, d["relation"]) for u, v, d in graph.edges(data=True)}
    assert ("un-general-assembly", "gcr", "adopted") in edges
    assert ("eu-unodc-letters-of-exchange", "unodc", "formalises") in edges


@needs_pandas
def test_results_to_dataframe(reg: Registry) -> None:
    import pandas as pd

    pd.testing.assert_frame_equal(
        reg.organisations.to_dataframe(), reg.to_dataframe("organisations")
    )
    pd.testing.assert_frame_equal(reg.documents.to_dataframe(), reg.to_dataframe("documents"))
    mixed = reg.involving("org-parent")
    with_through = mixed.to_dataframe()
    assert with_through["through"].tolist() == ["; ".join(mixed.through[e.id]) for e in mixed]
    pd.testing.assert_frame_equal(with_through.drop(columns="through"), entities_frame(mixed))
    assert mixed.to_dataframe()["kind"].tolist() == [e.kind_name for e in mixed]
    first = reg.organisations[:1].to_dataframe()
    assert list(first.index) == [reg.organisations[0].id]
    assert_missing_is_na(first)


@needs_pandas
def test_mixed_documents_and_entities_frame(reg: Registry) -> None:
    frame = entities_frame([reg.documents[0], reg.organisations[0]])
    assert frame["kind"].tolist() == ["document", "organisation"]
    assert list(frame.columns) == ["kind"]  # a document and an entity share only the id


@needs_pandas
def test_search_results_to_dataframe(reg: Registry) -> None:
    import pandas as pd

    found = reg.search("joint")
    entities = found.to_dataframe()
    assert list(entities.index) == list(found.ids)
    pd.testing.assert_frame_equal(entities, entities_frame(found))
    pd.testing.assert_frame_equal(found.to_dataframe(hits=True), hits_frame(found.hits))
    assert list(found[:1].to_dataframe(hits=True).index) == list(found.ids[:1])


@needs_pandas
def test_timeline_to_dataframe(reg: Registry) -> None:
    import pandas as pd

    timeline = reg.timeline()
    frame = timeline.to_dataframe()  # the exported table, and where each fact was written
    pd.testing.assert_frame_equal(frame.drop(columns="origin"), reg.to_dataframe("timeline"))
    assert set(frame["origin"]) == {reg.origin(t.entity) for t in timeline}
    assert timeline[1:].to_dataframe()["label"].tolist() == [t.label for t in timeline[1:]]


@needs_pandas
def test_roles_to_dataframe(reg: Registry) -> None:
    import pandas as pd

    roles = reg.roles("org-parent")
    frame = roles.to_dataframe()
    assert list(frame.columns) == [
        "entity_id",
        "kind",
        "name",
        "position",
        "organisation_id",
        "role",
        "since",
        "since_start",
        "until",
        "until_start",
        "note",
        "framework_id",
    ]
    assert len(roles) > 1
    assert list(frame.index) == list(range(len(roles)))
    assert frame["entity_id"].tolist() == list(roles.ids)
    assert frame["role"].tolist() == [str(p.role) for _, p in roles]
    for (entity, part), position in zip(roles, frame["position"], strict=True):
        assert entity.participants[position] is part
    since = [None if p.since is None else p.since.isoformat() for _, p in roles]
    assert [None if v is pd.NA else v for v in frame["since"]] == since
    assert "2019-07" in since
    assert_missing_is_na(frame)
    assert len(roles[:0].to_dataframe()) == 0


@needs_pandas
def test_roles_to_dataframe_places_equal_participants_apart(valid: dict[str, Any]) -> None:
    """Two equal participants of one entity are two places, not the first one twice."""
    parts = valid["programmes"][0]["participants"]
    parts.append(dict(parts[1]))  # org-child implementer, again
    reg = eucoop.load(valid, include_default=False)
    roles = reg.roles("org-child")
    frame = roles.to_dataframe()
    mine = frame[frame["entity_id"] == "prog-one"]
    assert mine["position"].tolist() == [1, 2]
    assert mine["role"].tolist() == ["implementer", "implementer"]
    assert len(roles[1:].to_dataframe()) == len(roles) - 1


@needs_pandas
def test_provenance_to_dataframe() -> None:
    import pandas as pd

    sources = eucoop.load().provenance("iom")
    frame = sources.to_dataframe()
    assert list(frame.columns) == [
        "document_id",
        "title",
        "paragraph",
        "fields",
        "url",
        "layer",
        "origin",
    ]
    assert frame["document_id"].tolist() == [s.document for s in sources]
    titles = {d.id: d.title for d in sources.documents}
    assert frame["title"].tolist() == [titles[s.document] for s in sources]
    assert str(frame["paragraph"].dtype) == "Int64"
    assert_missing_is_na(frame)
    bare = Provenance([eucoop.Source(document="nowhere", fields=("name",))], {})
    row = bare.to_dataframe().iloc[0]
    assert row["title"] is pd.NA
    assert row["paragraph"] is pd.NA
    assert row["fields"] == "name"


def test_result_to_dataframe_says_how_to_install_pandas(
    reg: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    for result in (reg.organisations, reg.timeline(), reg.roles("org-parent")):
        with pytest.raises(ModuleNotFoundError, match=r"pip install 'eucoop\[pandas\]'"):
            result.to_dataframe()
