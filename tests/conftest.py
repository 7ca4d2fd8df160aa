"""Shared fixtures: hypothesis profiles and a small, complete, valid data file."""

from __future__ import annotations

import copy
import difflib
import importlib.util
import json
import os
from collections.abc import Callable
from difflib import get_close_matches as compare_with_every  # the real one, never patched
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def bench_module(name: str) -> ModuleType:
    """A module of ``benchmarks/`` (not a package), such as ``synth``, the data generator."""
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VALID: dict[str, Any] = {
    "schema_version": 1,
    "documents": [
        {
            "id": "doc-a",
            "title": "A test document",
            "publisher": "Tests",
            "url": "https://example.org/a",
            "paragraphs": 5,
        }
    ],
    "organisations": [
        {
            "id": "org-parent",
            "name": "Parent Organisation",
            "acronym": "PO",
            "kind": "intergovernmental_organisation",
            "founded": "1950-12-14",
            "headquarters": "Geneva",
            "country": "CH",
            "website": "https://example.org",
            "sources": [{"document": "doc-a", "paragraph": 1}],
        },
        {
            "id": "org-child",
            "name": "Child Body",
            "aliases": ["The Child", "Kind Körper"],
            "kind": "un_body",
            "parent": "org-parent",
            "founded": "2019-07",
            "member_count": 38,
            "policy_areas": ["migration", "asylum"],
            "participants": [
                {"organisation": "org-parent", "role": "observer", "since": "2019-07"}
            ],
            "partnership": {
                "standing": "key",
                "areas": ["migration"],
                "since": "2005-01",
                "formalised_by": ["agr-one"],
                "summary": "A key partner.",
                "sources": [{"document": "doc-a", "paragraph": 2, "fields": ["standing"]}],
            },
            "sources": [{"document": "doc-a", "paragraph": 2, "fields": ["member_count"]}],
        },
    ],
    "agreements": [
        {
            "id": "agr-one",
            "name": "First Agreement",
            "acronym": "FA",
            "kind": "compact",
            "legally_binding": False,
            "adopted": "2018-12-17",
            "in_force": "2019",
            "adopted_by": "org-parent",
            "participants": [{"organisation": "org-child", "role": "lead"}],
            "sources": [{"document": "doc-a", "paragraph": 3}],
        }
    ],
    "dialogues": [
        {
            "id": "dia-one",
            "name": "Annual Dialogue",
            "frequency": "annual",
            "sessions": [
                {"start": "2013-10-03", "end": "2013-10-04", "place": "New York"},
                {"start": "2020-01-16", "note": "forum"},
            ],
            "venues": ["Brussels", "Vienna"],
            "participants": [{"organisation": "org-parent", "role": "host"}],
            "sources": [{"document": "doc-a", "paragraph": 4}],
        }
    ],
    "programmes": [
        {
            "id": "prog-one",
            "name": "Joint Programme",
            "launched": "2016-12",
            "ended": "2022",
            "budget": {"amount": "440000000", "currency": "EUR"},
            "countries": ["LY", "TR"],
            "country_count": 26,
            "regions": ["Horn of Africa"],
            "activities": ["protecting migrants", "supporting reintegration"],
            "policy_areas": ["return_and_reintegration"],
            "participants": [
                {
                    "organisation": "org-parent",
                    "role": "funder",
                    "since": "2016-12",
                    "until": "2021",
                },
                {"organisation": "org-child", "role": "implementer"},
            ],
            "sources": [
                {"document": "doc-a", "paragraph": 5, "fields": ["budget", "country_count"]},
                {"document": "doc-a", "paragraph": 4},
            ],
        }
    ],
}


@pytest.fixture
def valid() -> dict[str, Any]:
    """A fresh copy of a small data file that uses every field."""
    return copy.deepcopy(VALID)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write JSON (or raw text/bytes) to a file in tmp_path and return its path."""

    def _write(data: object, name: str = "mine.json") -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many candidates each call of difflib's matcher compares a word with."""
    sizes: list[int] = []

    def counting(word: str, possibilities: Any, n: int = 3, cutoff: float = 0.6) -> list[str]:
        pool = list(possibilities)
        sizes.append(len(pool))
        return compare_with_every(word, pool, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return sizes
