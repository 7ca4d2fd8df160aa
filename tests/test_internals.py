"""Corners of the loading machinery that ordinary files do not reach."""

from __future__ import annotations

from typing import Any

import pytest

import eucoop
from eucoop import DataError, _resources
from eucoop._loading import converter


def test_packaged_files_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    """The path a zip install takes: the same names and bytes as on disk."""
    on_disk = {n: _resources.read(n) for n in [*_resources.data_files(), "_iso.json"]}
    monkeypatch.setattr(_resources, "_on_disk", lambda: False)
    assert _resources.data_files() == sorted(n for n in on_disk if not n.startswith("_"))
    assert {n: _resources.read(n) for n in on_disk} == on_disk


def test_schema_version_in_a_file_with_a_malformed_item(valid: dict[str, Any]) -> None:
    valid["schema_version"] = 3
    valid["dialogues"][0]["name"] = 5
    with pytest.raises(DataError) as info:
        eucoop.load(valid, include_default=False)
    assert [(p.location, p.message.split(";")[0]) for p in info.value.problems] == [
        ("$.schema_version", "unknown schema_version 3"),
        ("$.dialogues[0].name", "expected a string, got an integer"),
    ]


def test_integer_amount_in_a_file_that_takes_the_detailed_path(valid: dict[str, Any]) -> None:
    valid["programmes"][0]["budget"]["amount"] = 1250
    valid["agreements"][0]["name"] = None  # the detailed converter converts the rest
    with pytest.raises(DataError) as info:
        eucoop.load(valid, include_default=False)
    assert [p.location for p in info.value.problems] == ["$.agreements[0].name"]


@pytest.mark.parametrize("detailed", [False, True])
def test_strict_leaf_hooks_the_model_reaches_only_through_optionals(detailed: bool) -> None:
    """cattrs would turn "7" into 7; the converter refuses, in both modes."""
    conv = converter.converter(detailed)
    assert conv.structure(7, int) == 7
    with pytest.raises(TypeError, match="expected an integer, got a string"):
        conv.structure("7", int)


def test_the_data_file_holds_the_collections_the_model_names() -> None:
    """``DataFile`` (for cattrs) and ``COLLECTIONS`` (for everything else) list the same keys."""
    import typing

    import attrs

    from eucoop._loading import data_file
    from eucoop._model import COLLECTIONS, RawChange

    names = [f.name for f in attrs.fields(data_file())]
    assert names == ["schema_version", *COLLECTIONS, "changes"]
    for f in attrs.fields(data_file())[1:-1]:
        assert typing.get_args(f.type) == (COLLECTIONS[f.name], ...)
    assert typing.get_args(attrs.fields(data_file())[-1].type) == (RawChange, ...)
