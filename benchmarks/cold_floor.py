"""What each room of eucoop adds to a cold question, in fresh processes, room by room.

    python benchmarks/cold_floor.py             # 15 interleaved rounds, on a quiet machine
    python benchmarks/cold_floor.py --runs 1    # every step once, in seconds (the tests run this)

``eucoop/__init__.py`` imports every room, as the house rules ask, so no room
can be imported alone from the installed package. This copies the package to
a temporary folder with a package ``__init__`` that imports nothing, and times
fresh processes that each import one more room (the model, the loader, the
queries, the registry and ``load()``), then load the packaged data and look a
name up, and last the whole package answering the same question. Each row is
the least wall time of interleaved runs, as ``benchmarks/run.py`` times its
fresh processes, against ``import attrs, cattrs``.

The rows answer one question: what a cold question costs that no arrangement
of imports can save. A row that loads the packaged data needs the model, the
loader and the registry whatever else is imported later or never.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import eucoop

#: Each step imports what the one before did, and one more part: ``(label, modules)``.
ROOMS: tuple[tuple[str, str], ...] = (
    ("`import attrs, cattrs` (the baseline)", "attrs, cattrs"),
    # what eucoop needs of the standard library that attrs and cattrs do not import
    ("+ the stdlib modules eucoop needs", "json, decimal, datetime, pathlib, contextvars, bisect"),
    ("+ the model (`eucoop._model`)", "eucoop._model"),
    ("+ the loader (`eucoop._loading`)", "eucoop._loading"),
    ("+ the queries (`eucoop._queries`)", "eucoop._queries"),
    ("+ the registry and `load()` (`eucoop._load`)", "eucoop._load"),
)
QUESTION = "load().lookup('IOM')"


def steps() -> list[tuple[str, str]]:
    """``(label, code)`` of every step on the copy of the rooms alone, bare start first."""
    out = [("bare `python -c pass`", "pass")]
    modules: list[str] = []
    for label, more in ROOMS:
        modules.append(more)
        out.append((label, f"import {', '.join(modules)}"))
    out.append(
        ("+ the packaged data loaded, a name looked up", f"{out[-1][1]}; eucoop._load.{QUESTION}")
    )
    return out


#: The last row: the whole package, from the copy with its own ``__init__``.
WHOLE = ("the whole package: the cold question", f"import eucoop; eucoop.{QUESTION}")


def copies(into: Path) -> tuple[Path, Path]:
    """Two copies of the installed package under *into*: with its rooms alone, and whole."""
    package = Path(eucoop.__file__).parent
    ignore = shutil.ignore_patterns("__pycache__")
    rooms, whole = into / "rooms", into / "whole"
    shutil.copytree(package, rooms / "eucoop", ignore=ignore)
    shutil.copytree(package, whole / "eucoop", ignore=ignore)
    (rooms / "eucoop" / "__init__.py").write_text(f"__version__ = {eucoop.__version__!r}\n")
    return rooms, whole


def times(commands: list[tuple[str, str, Path]], runs: int) -> list[float]:
    """The least wall time of each ``python -c CODE`` with *path* first on ``sys.path``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(code: str, path: Path) -> float:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], check=True, env={**env, "PYTHONPATH": str(path)}
        )
        return time.perf_counter() - t0

    for _, code, path in commands:  # write the .pyc files, as an installed package has them
        run(code, path)
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for i, (_, code, path) in enumerate(commands):
            best[i] = min(best[i], run(code, path))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (default 15)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eucoop-floor-") as tmp:
        rooms, whole = copies(Path(tmp))
        commands = [(label, code, rooms) for label, code in steps()] + [(*WHOLE, whole)]
        best = times(commands, max(1, args.runs))
    base = best[1]
    print(
        f"Fresh processes, least of {max(1, args.runs)} interleaved runs ({sys.version.split()[0]})"
    )
    print(f"{'step':<50} {'time':>9} {'added':>9} {'ratio':>7}")
    for i, ((label, _, _), t) in enumerate(zip(commands, best, strict=True)):
        added = "" if i in (0, len(commands) - 1) else f"{(t - best[i - 1]) * 1e3:+8.1f}ms"
        ratio = "" if i == 0 else f"{t / base:6.2f}x"
        print(f"{label:<50} {t * 1e3:7.1f}ms {added:>9} {ratio:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
