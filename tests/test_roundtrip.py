"""The converter round-trip: data file -> registry -> to_dict -> registry, for every kind."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given

import eucoop
from eucoop._loading import unstructure

from .strategies import data_files, whole_files


@whole_files
@given(data_files())
def test_generated_files_load_and_round_trip(data: dict[str, Any]) -> None:
    reg = eucoop.load(data, include_default=False)
    again = eucoop.load(json.loads(json.dumps(reg.to_dict())), include_default=False)
    assert list(again) == list(reg)
    assert again.documents == reg.documents
    assert again.to_dict() == reg.to_dict()


@whole_files
@given(data_files())
def test_every_entity_round_trips_alone(data: dict[str, Any]) -> None:
    reg = eucoop.load(data, include_default=False)
    for entity in reg:
        raw = unstructure(entity)
        assert json.loads(json.dumps(raw)) == raw
        assert raw["id"] == entity.id


def test_packaged_data_round_trips() -> None:
    reg = eucoop.load()
    data = reg.to_dict()
    again = eucoop.load(data, include_default=False)
    assert list(again) == list(reg)
    assert again.documents == reg.documents
    assert set(data) == {
        "schema_version",
        "documents",
        "organisations",
        "agreements",
        "dialogues",
        "programmes",
    }


def test_to_dict_omits_empty_fields() -> None:
    data = eucoop.load().to_dict()
    for org in data["organisations"]:
        assert all(v not in (None, [], {}) for v in org.values()), org["id"]
