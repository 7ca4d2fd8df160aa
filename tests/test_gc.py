"""Pausing the collector while a build makes many objects that live on."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import eucoop
from eucoop._gc import gc_paused


class Node:
    """A collector-tracked object."""


def test_what_a_pause_built_goes_to_the_oldest_generation() -> None:
    """Unless something is frozen already: CPython 3.12 starts with frozen objects of its own."""
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert not gc.isenabled()
        made = Node()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # nothing thawed, nothing left frozen
    promoted = any(o is made for o in gc.get_objects(generation=2))
    assert promoted is (frozen == 0)


def _fail_while_paused(made: list[Node]) -> None:
    with gc_paused():
        made.append(Node())
        raise KeyError


def test_a_failed_pause_restores_the_collector_and_promotes_nothing() -> None:
    gc.collect()  # so that the few allocations below cannot reach an older generation
    made: list[Node] = []
    with pytest.raises(KeyError):
        _fail_while_paused(made)
    assert gc.isenabled()
    assert not any(o is made[0] for o in gc.get_objects(generation=2))


def test_nested_pauses_and_a_disabled_collector_are_left_alone() -> None:
    gc.disable()
    try:
        with gc_paused():
            with gc_paused():
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_program_froze_stay_frozen() -> None:
    gc.collect()
    mine = Node()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            Node()
        assert gc.get_freeze_count() == frozen
        assert not any(o is mine for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_failing_load_restores_the_collector(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"organisations": [{"id": "x", "name": 5}]}', encoding="utf-8")
    with pytest.raises(eucoop.DataError):
        eucoop.load(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(eucoop.DataError):
            eucoop.load(bad)
        assert not gc.isenabled(), "a program's own choice is left as it was"
    finally:
        gc.enable()


def test_overlapping_pauses_in_threads_resume_only_when_the_last_ends() -> None:
    """The collector is the process's: one thread's load ending must not resume it under another."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_in.wait()
        first_out.set()

    def second() -> None:
        first_in.wait()
        with gc_paused():
            second_in.set()
            first_out.wait()
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [False]
    assert gc.isenabled()
