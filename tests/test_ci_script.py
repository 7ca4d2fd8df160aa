"""The CI script runs the same on every machine: no step whose result depends on timing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: A pipe into a reader that may stop before the writer ends: under ``pipefail`` the writer
#: then dies of a broken pipe, and whether the step fails depends on who was quicker.
EARLY_EXIT = re.compile(r"\|\s*(grep\s+(-\w*[qlm]\w*|--quiet|--max-count)|head\b|sed\s+-n\s+\S*q)")


def _shell_lines() -> list[tuple[str, int, str]]:
    scripts = [ROOT / ".ci" / "run", *ROOT.glob("**/*.sh")]
    return [
        (path.name, number, line)
        for path in scripts
        if ".venv" not in path.parts and ".ci-venv" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if not line.lstrip().startswith("#")
    ]


def test_the_ci_script_sets_pipefail() -> None:
    assert "set -euo pipefail" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_no_pipe_ends_in_a_reader_that_exits_early() -> None:
    found = [
        f"{name}:{n}: {line.strip()}" for name, n, line in _shell_lines() if EARLY_EXIT.search(line)
    ]
    assert found == []


def test_the_pattern_finds_the_failures_it_is_for() -> None:
    """The check can fail: the wheel check that failed on a fresh clone is caught."""
    caught = [
        '"$ve/python" -m zipfile -l "$wheel" | grep -q "eucoop/data"',
        "ls dist | head -1",
        "cat log | grep --quiet done",
        "cat log | grep -m1 done",
    ]
    assert all(EARLY_EXIT.search(line) for line in caught)
    assert not EARLY_EXIT.search("wheel=$(ls dist/eucoop-*.whl)")
    assert not EARLY_EXIT.search("ruff check . | tee out")
