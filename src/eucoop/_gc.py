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
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
