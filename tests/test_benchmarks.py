"""The benchmarks' synthetic data is valid, and the benchmark script runs end to end."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import eucoop

from .conftest import BENCHMARKS, bench_module

KINDS = ("organisations", "agreements", "dialogues", "programmes")
_module = bench_module


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return _module("synth")


def _count(data: dict[str, Any]) -> int:
    return sum(len(data[k]) for k in KINDS)


@pytest.mark.parametrize("n", [1, 2, 7, 60, 500])
def test_synthetic_data_loads(synth: ModuleType, n: int) -> None:
    data = synth.make_dataset(n)
    assert _count(data) == n
    reg = eucoop.load(data, include_default=False)
    assert len(reg) == n
    assert len(reg.documents) == len(data["documents"]) >= 1
    # the data-file form survives a trip through JSON and back
    assert len(eucoop.load(json.loads(json.dumps(data)), include_default=False)) == n


def test_synthetic_data_is_deterministic(synth: ModuleType) -> None:
    assert synth.make_dataset(300, seed=3) == synth.make_dataset(300, seed=3)
    assert synth.make_dataset(300, seed=3) != synth.make_dataset(300, seed=4)


def test_synthetic_data_is_realistic(synth: ModuleType) -> None:
    data = synth.make_dataset(2000, seed=1)
    orgs = data["organisations"]
    assert {k: len(data[k]) for k in KINDS} == dict(
        zip(KINDS, synth.kind_counts(2000), strict=True)
    )
    assert all(len(data[k]) > 0 for k in KINDS)
    # parents form a forest (each points to an earlier organisation), about half filled
    index = {o["id"]: i for i, o in enumerate(orgs)}
    assert all(index[o["parent"]] < i for i, o in enumerate(orgs) if "parent" in o)
    for key in ("parent", "partnership", "founded", "country"):
        share = sum(key in o for o in orgs) / len(orgs)
        assert 0.2 < share < 0.8, key
    programmes = data["programmes"]
    budgets = [p["budget"] for p in programmes if "budget" in p]
    assert budgets
    assert all(isinstance(b["amount"], str) for b in budgets)
    assert any("countries" in p for p in programmes)
    assert any("regions" in p for p in programmes)
    assert any("activities" in p for p in programmes)
    assert any("sessions" in d for d in data["dialogues"])
    assert any(p.get("paragraph") for e in programmes for p in e["sources"])
    # lookup keys are unique: every name, acronym and alias finds its own entity
    reg = eucoop.load(data, include_default=False)
    for e in data["programmes"][:200]:
        for key in (e["name"], e.get("acronym"), *e.get("aliases", ())):
            if key:
                assert reg.lookup(key.upper()).id == e["id"]


def test_too_small_a_dataset_is_refused(synth: ModuleType) -> None:
    with pytest.raises(ValueError, match="at least one entity"):
        synth.make_dataset(0)


def test_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "| Measure |" in done.stdout
    figures = json.loads(out.read_text())
    assert figures["smoke"] is True
    stages = {row["stage"] for row in figures["rows"]}
    assert stages == {
        "import", "question", "load", "query", "fast path", "diff", "memory", "figures"
    }  # fmt: skip
    assert all(row["met"] is None for row in figures["rows"])
    # Long inputs (issue 17): each against the same question with a short one, with a target.
    targets = {row["measure"]: row["target"] for row in figures["rows"]}
    assert targets["`lookup` of an unknown 50,000-character name, 1,000 entities"] == "<= 2x"
    long_reference = "`load` reporting one 50 kB dangling reference among 600 organisations"
    assert targets[long_reference] == "<= 2x"
    # Diffs (issue 20): two registries of the largest size against loading one.
    assert targets["`old.diff(new)`, two registries of 200 entities"] == "<= 2x"


@pytest.mark.parametrize("library", ["pydantic", "msgspec"])
def test_smoke_run_without_a_peer(tmp_path: Path, library: str) -> None:
    """The peers are optional: without one the run still works and says so."""
    script = BENCHMARKS / "run.py"
    code = (
        "import runpy, sys\n"
        f"sys.modules[{library!r}] = None  # importing it now fails\n"
        f"sys.argv = [{str(script)!r}, '--smoke']\n"
        f"runpy.run_path({str(script)!r}, run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert f"{library} is not installed: the peer is unavailable" in done.stdout
    table = done.stdout[done.stdout.index("| Measure |") :]
    rows = [line for line in table.splitlines() if f"{library} is not installed" in line]
    assert len(rows) == 2  # one row per size
    assert all("peer unavailable" in row for row in rows)


def test_cold_floor_runs_every_step_on_copies_of_the_package() -> None:
    """benchmarks/cold_floor.py: each room imported alone, then the whole package."""
    floor = _module("cold_floor")
    codes = [code for _, code in floor.steps()]
    # each step imports what the one before did, and more; the last asks the question
    assert all(b.startswith(a) for a, b in itertools.pairwise(codes[1:]))
    assert codes[-1].endswith("eucoop._load.load().lookup('IOM')")
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "cold_floor.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    lines = done.stdout.splitlines()
    labels = [label for label, _ in floor.steps()] + [floor.WHOLE[0]]
    assert [line[:50].rstrip() for line in lines[2:]] == labels
    assert lines[3].rstrip().endswith("1.00x")  # the baseline against itself
