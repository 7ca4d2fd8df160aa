"""Pausing the collector while a build makes many objects that live on."""

from __future__ import annotations

import gc

import pytest

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
