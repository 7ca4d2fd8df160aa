"""The public surface: what __all__ promises exists, is documented, and is imported plainly."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import eucoop


def _imported() -> dict[str, str]:
    tree = ast.parse(Path(inspect.getfile(eucoop)).read_text(encoding="utf-8"))
    return {
        alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eucoop.")
        for alias in node.names
    }


def test_all_names_exactly_what_init_imports() -> None:
    assert set(eucoop.__all__) - {"__version__"} == set(_imported()) - {"version"}
    assert len(eucoop.__all__) == len(set(eucoop.__all__))


@pytest.mark.parametrize("name", sorted(set(eucoop.__all__) - {"__version__"}))
def test_public_names_exist_and_are_documented(name: str) -> None:
    value = getattr(eucoop, name)
    if name != "DateLike":  # a type alias: documented on the API page, checked below
        assert (getattr(value, "__doc__", None) or "").strip(), name


@pytest.mark.parametrize("name", sorted(set(eucoop.__all__) - {"__version__"}))
def test_public_names_are_in_the_api_reference(name: str) -> None:
    api = Path(__file__).parent.parent / "docs" / "api.rst"
    assert name in api.read_text(encoding="utf-8")


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = eucoop.nope
    assert "load" in dir(eucoop)
    assert isinstance(eucoop.__version__, str)
