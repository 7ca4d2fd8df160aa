"""Bounded worst cases (issue 17): what a user types costs at most linear time in its length.

A "did you mean" spells out the typos only of a word some candidate could be
one typo from, and of no word longer than ``NAME_MAX``; difflib never
compares a word far longer than every candidate; the caches hold short texts
only, a bounded number of them. These tests count the work (the typos spelt
out, the candidates difflib is given, the bytes still allocated); how fast it
is, is measured in ``benchmarks/run.py``.
"""

from __future__ import annotations

import difflib
import gc
import importlib
import inspect
import itertools
import pkgutil
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import DataError, UnknownEntityError
from eucoop._queries import filters
from eucoop._text import NAME_MAX, Nearby, fold, loose, suggest

from .test_names import dangling

Write = Callable[..., Path]

LONG = 50_000


class Probed(frozenset[str]):
    """A :class:`Nearby`'s known candidates, noting the length of every text looked up."""

    lengths: list[int]

    def __contains__(self, item: object) -> bool:
        self.lengths.append(len(item) if isinstance(item, str) else 0)
        return super().__contains__(item)


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each typo a :class:`Nearby` spells out and looks up (each one a copy)."""
    lengths: list[int] = []
    init = Nearby.__init__

    def counting(self: Nearby, candidates: Any) -> None:
        init(self, candidates)
        known = Probed(self.known)
        known.lengths = lengths
        self.known = known

    monkeypatch.setattr(Nearby, "__init__", counting)
    return lengths


def organisations(n: int, references: Sequence[str] = ()) -> dict[str, Any]:
    """A data file of *n* organisations, and a programme naming each of *references*."""
    return dangling(n, list(references))


@pytest.fixture
def thousand() -> eucoop.Registry:
    """1,000 organisations: 2,000 lookup keys, past what is compared whole.

    A fresh one for each test: its suggestions' index is made on its first miss,
    and counts what that test's fixtures count.
    """
    reg = eucoop.load(organisations(1000), include_default=False)
    assert len(reg) == 1000
    return reg


# -- "did you mean" on long input ------------------------------------------------------------


@pytest.mark.parametrize("name", ["x" * LONG, "Organisation 12" * (LONG // 15), "é" * LONG])
def test_a_long_unknown_name_is_not_spelt_out_typo_by_typo(
    thousand: eucoop.Registry, probes: list[int], compared: list[int], name: str
) -> None:
    # Each typo tried used to be a copy of the whole name: 50,000 characters times
    # 50,000 places times every character of the keys, over a minute.
    with pytest.raises(UnknownEntityError) as info:
        thousand.lookup(name)
    assert info.value.suggestions == ()
    assert probes == []  # no key is within one typo of its length
    assert compared == []  # nor close enough in length for difflib to be asked
    assert str(info.value) == f"no entity is called {name!r}"


def test_a_long_dangling_reference_among_600_organisations_is_reported_at_once(
    write: Write, probes: list[int], compared: list[int]
) -> None:
    target = "y" * LONG
    path = write(organisations(600, [target]))
    with pytest.raises(DataError) as info:
        eucoop.load(path, include_default=False)
    (problem,) = info.value.problems
    assert (problem.file, problem.location) == (
        str(path),
        "$.programmes[0].participants[0].organisation",
    )
    assert problem.message == f"unknown organisation {target!r}"  # no "did you mean"
    assert probes == []
    assert compared == []


def _candidates(length: int) -> list[str]:
    """600 texts of *length* characters, alike but for three words in the middle."""
    vocabulary = [
        "migration", "refugee", "border", "asylum", "return", "labour", "mobility",
        "protection", "support", "network", "office", "council", "agency", "forum",
    ]  # fmt: skip
    middles = itertools.islice(itertools.permutations(vocabulary, 3), 600)
    return [f"{'a' * 80}{'-'.join(m)}".ljust(length, "b") for m in middles]


def test_typos_are_spelt_out_up_to_name_max_characters(probes: list[int]) -> None:
    ids = _candidates(NAME_MAX)
    nearby = Nearby(ids)
    assert len(nearby) > Nearby.WHOLE
    word = ids[123][:90] + "x" + ids[123][91:]  # a letter of its first word changed
    assert difflib.get_close_matches(word, ids, 1, 0.75) == [ids[123]]  # comparing with all
    assert nearby.suggest(word, 1, 0.75) == [ids[123]]  # the same
    # Every candidate is as long as the word: only a character changed, or two swapped, can
    # give one, a character for each place in it and a swap. Never more than NAME_MAX places.
    assert 0 < len(probes) <= NAME_MAX * (len(nearby.characters) + 1)
    assert set(probes) == {NAME_MAX}
    assert ids[123] in nearby.one_typo_away(word)


def test_no_typo_is_spelt_out_past_name_max_characters(probes: list[int]) -> None:
    ids = _candidates(NAME_MAX + 1)
    word = ids[123][:90] + "x" + ids[123][91:]
    assert list(Nearby(ids).one_typo_away(word)) == []
    assert probes == []


def test_only_typos_that_give_a_candidate_length_are_spelt_out(probes: list[int]) -> None:
    nearby = Nearby(["iom", "ilo", "oim", "unhcr"])
    assert sorted(nearby.one_typo_away("imo")) == ["ilo", "iom"]
    assert all(n in (3, 4) for n in probes)  # changed or swapped (3), one dropped (4)
    probes.clear()
    assert list(nearby.one_typo_away("unhcrxyz")) == []  # no candidate of 7, 8 or 9
    assert probes == []


def test_a_word_far_longer_than_every_candidate_is_never_given_to_difflib(
    compared: list[int],
) -> None:
    assert suggest("obsrever" * 1000, ["observer", "member"]) == []
    assert compared == []
    many = ["observer", "member", "eu-unodc-senior-officials-meeting"]
    assert suggest("obsrever", many) == ["observer"]
    assert compared == [2]  # the last is too long to be close: difflib is not given it


@given(
    st.text("abcé ", max_size=12),
    st.lists(st.text("abcé ", max_size=12), max_size=8),
    st.integers(1, 3),
    st.sampled_from([0.0, 0.5, 0.6, 0.75, 1.0]),
)
def test_suggest_answers_as_difflib_does(
    word: str, candidates: list[str], n: int, cutoff: float
) -> None:
    assert suggest(word, candidates, n, cutoff) == difflib.get_close_matches(
        word, candidates, n, cutoff
    )


def test_an_unknown_country_sorts_its_letters_only_to_compare_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Looking for its letters swapped ("Lybia") used to sort the long name again for
    # each of the thousand country names, whatever their length: only a name as long
    # can have the same letters.
    sorted_lengths: list[int] = []

    def counting(items: Any, **kwargs: Any) -> list[Any]:
        items = list(items)
        sorted_lengths.append(len(items))
        return sorted(items, **kwargs)

    monkeypatch.setattr(filters, "sorted", counting, raising=False)
    with pytest.raises(ValueError, match="unknown country"):
        filters.country_code("q" * LONG)
    assert LONG not in sorted_lengths
    with pytest.raises(ValueError, match="did you mean 'Libya'"):
        filters.country_code("Lybia")
    assert sorted_lengths.count(5) > 1  # "lybia", then each name of five letters


# -- caches ---------------------------------------------------------------------------------


def _modules() -> Iterator[Any]:
    yield eucoop
    for info in pkgutil.walk_packages(eucoop.__path__, "eucoop."):
        if info.name != "eucoop.__main__":  # importing it runs the command line
            yield importlib.import_module(info.name)


def test_every_cache_of_eucoop_is_bounded() -> None:
    """A functools cache takes no argument (one value), or keeps at most maxsize."""
    caches = {}
    for module in _modules():
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_parameters", None)):
                caches[f"{module.__name__}.{name}"] = value
    assert "eucoop._text._fold_name" in caches
    unbounded = [
        name
        for name, fn in caches.items()
        if fn.cache_parameters()["maxsize"] is None and inspect.signature(fn.__wrapped__).parameters
    ]
    assert unbounded == []


def _allocated_after(*rounds: Callable[[], object]) -> list[int]:
    """Bytes allocated since the start, once garbage is collected, after each of *rounds*."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        out = []
        for work in rounds:
            work()
            gc.collect()
            out.append(tracemalloc.get_traced_memory()[0] - before)
        return out
    finally:
        tracemalloc.stop()


def test_long_texts_folded_are_not_kept() -> None:
    # 44 lookups of distinct 2 MB names used to leave 180 MB in the folding cache.
    reg = eucoop.load()

    def queries(start: int) -> Callable[[], None]:
        def run() -> None:
            for i in range(start, start + 20):
                text = f"{i} " + "\u00f8" * 200_000  # not ASCII: folded the slow way
                fold(text)
                loose(text)
                reg.search(text)
                with pytest.raises(UnknownEntityError):
                    reg.lookup(text)
                with pytest.raises(ValueError, match="unknown region"):
                    reg.filter(region=text)

        return run

    queries(0)()  # the first ones build the registry's indexes, which stay
    (kept,) = _allocated_after(queries(100))
    assert kept < 1_000_000  # the texts were 8 MB


def test_the_names_folded_and_kept_are_few() -> None:
    # Short texts are kept, but only so many: another round of distinct ones
    # takes the places of the last, rather than adding to them.
    def names(start: int) -> Callable[[], object]:
        return lambda: [fold(f"Organisation n\u00b0 {i}") for i in range(start, start + 10_000)]

    first, second, third = _allocated_after(names(0), names(10_000), names(20_000))
    assert first < 3_000_000  # 4,096 short names
    assert abs(third - first) < 100_000
    assert abs(second - first) < 100_000
