"""Pausing the cyclic garbage collector while building many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the collector for the block, and restore it afterwards, on errors too.

    Building a registry allocates millions of small objects that all live on;
    left running, the collector would scan them again and again while they
    are made. Nested pauses leave the collector as the outermost found it.

    When the block succeeds, what it built is also moved straight to the
    oldest generation (``gc.freeze()`` then ``gc.unfreeze()``, two constant
    time list splices) rather than being scanned by the youngest generation's
    next collection, then the middle one's, only to survive both: a full
    collection later still sees every object, as it sees any long-lived one.
    This is skipped when anything is frozen already (a pre-fork server's
    objects, say, or those CPython 3.12 freezes at start), so as not to thaw
    them; the build is then left to the collector as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        if was_enabled:
            gc.enable()
        raise
    if was_enabled:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()
