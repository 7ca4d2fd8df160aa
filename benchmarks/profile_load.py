"""Where the time of ``eucoop.load(path, include_default=False)`` goes, by cProfile.

    python benchmarks/profile_load.py            # 100k entities
    python benchmarks/profile_load.py 10000 30   # size, and how many functions to list

Prints the top functions by cumulative and by own (total) time, and how much
of the load the garbage collector took (cProfile cannot see that).
"""

from __future__ import annotations

import cProfile
import gc
import io
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from run import clear_caches  # noqa: E402

import eucoop  # noqa: E402


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    top = int(argv[1]) if len(argv) > 1 else 15
    gc.disable()
    data = json.dumps(synth.make_dataset(n), ensure_ascii=False).encode()
    gc.enable()
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="eucoop-profile-") as tmp:
        path = Path(tmp) / "synth.json"
        path.write_bytes(data)
        del data
        in_gc = [0.0, 0.0]

        def callback(phase: str, _info: dict[str, int]) -> None:
            if phase == "start":
                in_gc[1] = time.perf_counter()
            else:
                in_gc[0] += time.perf_counter() - in_gc[1]

        gc.callbacks.append(callback)
        clear_caches()
        t0 = time.perf_counter()
        eucoop.load(path, include_default=False)
        plain = time.perf_counter() - t0
        gc.callbacks.remove(callback)
        gc.collect()
        clear_caches()
        profile = cProfile.Profile()
        profile.enable()
        eucoop.load(path, include_default=False)
        profile.disable()
    print(f"load of {n:,} entities: {plain:.2f} s unprofiled, {in_gc[0]:.2f} s of it in gc")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n--- top {top} by {order}")
        text = out.getvalue()
        print(text[text.index("   ncalls") :].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
