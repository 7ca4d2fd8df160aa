"""The public surface: what __all__ promises exists, is documented, and loads lazily."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import eucoop


def test_all_and_lazy_homes_agree() -> None:
    assert set(eucoop.__all__) - {"__version__"} == set(eucoop._HOME)
    assert len(eucoop.__all__) == len(set(eucoop.__all__))


def test_type_checking_imports_agree() -> None:
    """The imports type checkers see name exactly the lazily loaded names, from the same homes."""
    tree = ast.parse(Path(inspect.getfile(eucoop)).read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eucoop."):
            for alias in node.names:
                seen[alias.name] = node.module
    assert seen == eucoop._HOME


@pytest.mark.parametrize("name", sorted(set(eucoop.__all__) - {"__version__"}))
def test_public_names_exist_and_are_documented(name: str) -> None:
    value = getattr(eucoop, name)
    assert value is getattr(sys.modules[eucoop._HOME[name]], name)
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


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, eucoop; "
        "print(sorted(m for m in sys.modules if m.startswith(('eucoop.', 'attr', 'cattrs'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
