"""Pausing the cyclic garbage collector while building many small objects."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_pauses = 0  # blocks inside gc_paused now, in every thread
_found_enabled = False  # the collector's state when the first of them began


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the collector for the block, and restore it afterwards, on errors too.

    Building a registry allocates millions of small objects that all live on;
    left running, the collector would scan them again and again while they
    are made. The collector is the process's, so pauses are counted: loads
    that nest or overlap in several threads keep it paused until the last
    one ends, which puts it back as the first found it (a program that runs
    with the collector disabled keeps it disabled).

    When the last block succeeds, what was built is also moved straight to
    the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``, two
    constant time list splices) rather than being scanned by the youngest
    generation's next collection, then the middle one's, only to survive
    both: a full collection later still sees every object, as it sees any
    long-lived one. This is skipped when anything is frozen already (a
    pre-fork server's objects, say, or those CPython 3.12 freezes at start),
    so as not to thaw them; the build is then left to the collector as usual.
    """
    global _pauses, _found_enabled  # noqa: PLW0603 - one collector for the process
    with _lock:
        if _pauses == 0:
            _found_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    ok = False
    try:
        yield
        ok = True
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _found_enabled:
                if ok and not gc.get_freeze_count():
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
