"""The examples in eucoop's docstrings run, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import eucoop

# Every module, in the rooms (subpackages) too.
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(eucoop.__path__, "eucoop.")
    if m.name not in {"eucoop.__main__"}
)


@pytest.mark.parametrize("name", ["eucoop", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0


def test_docstrings_have_examples() -> None:
    attempted = sum(
        doctest.testmod(importlib.import_module(n), verbose=False).attempted for n in MODULES
    )
    assert attempted >= 40


def test_readme_examples() -> None:
    readme = Path(__file__).parent.parent / "README.md"
    result = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4
    assert result.failed == 0
