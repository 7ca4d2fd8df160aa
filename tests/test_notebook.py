"""Notebook use: records, DataFrames and graphs, optional extras (HTML: test_display.py)."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest

import eucoop
from eucoop import Registry


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


@needs_networkx
def test_networkx_adoption_and_formalisation() -> None:
    graph = eucoop.load().to_networkx()
    edges = {(u, v, d["relation"]) for u, v, d in graph.edges(data=True)}
    assert ("un-general-assembly", "gcr", "adopted") in edges
    assert ("eu-unodc-letters-of-exchange", "unodc", "formalises") in edges
