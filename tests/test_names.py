"""Names and suggestions at scale (issue 12).

A "did you mean" costs about the same however many ids there are, and only
the first few unknown ids of each kind get one, so that a file with a
thousand dangling references is reported about as quickly as it would load.
A name, acronym or alias that a lookup would take for another entity's,
punctuation and a leading "the" aside, is refused when the two come from
different files: loading a file never changes what a lookup found without it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from difflib import get_close_matches as compare_with_every  # the real one, never patched
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import (
    AmbiguousLookupError,
    DataError,
    Organisation,
    Problem,
    Registry,
    Source,
    UnknownEntityError,
)
from eucoop._loading.checks import HINTED
from eucoop._model import loose_keys
from eucoop._text import Nearby, fold, loose

Write = Callable[..., Path]

SOURCES = [{"document": "notes"}]
NOTES = {"id": "notes", "title": "Notes", "publisher": "Me"}
IGNORED = ": lookups ignore punctuation and a leading 'the'"


def problems_of(*paths: Any, include_default: bool = False) -> list[Problem]:
    with pytest.raises(DataError) as info:
        eucoop.load(*paths, include_default=include_default)
    return list(info.value.problems)


def dangling(organisations: int, references: list[str]) -> dict[str, Any]:
    """Organisations ``org-0``..., and one programme naming each of *references*."""
    return {
        "documents": [NOTES],
        "organisations": [
            {"id": f"org-{i}", "name": f"Organisation {i}", "sources": SOURCES}
            for i in range(organisations)
        ],
        "programmes": [
            {
                "id": f"prog-{i}",
                "name": f"Programme {i}",
                "participants": [{"organisation": ref, "role": "partner"}],
                "sources": SOURCES,
            }
            for i, ref in enumerate(references)
        ],
    }


# -- 1. suggestions that scale ----------------------------------------------------------


def test_a_thousand_dangling_references_among_three_thousand_organisations(
    write: Write, compared: list[int]
) -> None:
    ids = [f"org-{i}" for i in range(3000)]
    path = write(dangling(3000, [f"org-x{i}" for i in range(1000)]))
    problems = problems_of(path)
    assert len(problems) == 1000
    for i, p in enumerate(problems):
        assert (p.file, p.location) == (
            str(path),
            f"$.programmes[{i}].participants[0].organisation",
        )
        hint = ""
        if i < HINTED:  # the first few, as good as comparing with every id
            assert compare_with_every(f"org-x{i}", ids, 1, 0.75) == [f"org-{i}"]
            hint = f" (did you mean 'org-{i}'?)"
        assert p.message == f"unknown organisation 'org-x{i}'{hint}"
    # The work is bounded: one comparison per hint given, each with a few ids near the
    # unknown one (not 1,000 comparisons with all 3,000 ids, as before).
    assert len(compared) == HINTED
    assert max(compared) <= 4 * Nearby.WIDTH + 10
    assert sum(compared) < 3000


def test_a_repeated_unknown_id_keeps_its_hint_and_each_kind_has_its_own(
    write: Write, compared: list[int]
) -> None:
    refs = [f"org-x{i}" for i in range(HINTED + 5)] + ["org-x0", "org-x24"]
    data = dangling(3000, refs)
    data["programmes"][0]["sources"] = [{"document": "notez"}]
    path = write(data)
    problems = problems_of(path)
    assert len(problems) == len(refs) + 1
    document = problems[1]  # after the participant of the same programme
    assert (document.file, document.location, document.message) == (
        str(path),
        "$.programmes[0].sources[0].document",
        "unknown document 'notez' (did you mean 'notes'?)",  # its kind has hints left
    )
    last, before_last = problems[-1], problems[-2]
    assert (last.file, last.location, last.message) == (
        str(path),
        f"$.programmes[{len(refs) - 1}].participants[0].organisation",
        "unknown organisation 'org-x24'",  # past the first HINTED unknown organisations
    )
    assert (before_last.location, before_last.message) == (
        f"$.programmes[{len(refs) - 2}].participants[0].organisation",
        "unknown organisation 'org-x0' (did you mean 'org-0'?)",  # the hint it had
    )
    assert len(compared) == HINTED + 1  # the document's hint; repeats are not compared again


def _words() -> Iterator[str]:
    """Kebab-case ids of three different words each, in a fixed order."""
    vocabulary = [
        "migration", "refugee", "border", "asylum", "return", "labour", "mobility",
        "protection", "support", "network", "office", "council", "agency", "forum",
        "dialogue", "partnership", "compact", "crime", "drugs", "data",
    ]  # fmt: skip
    for a, b, c in itertools.permutations(vocabulary, 3):
        yield f"{a}-{b}-{c}"


def _one_typo(word: str) -> Iterator[str]:
    """A character added, dropped, changed and two swapped, at the start, middle and end."""
    for k in (0, len(word) // 2, len(word) - 2):
        yield word[:k] + "q" + word[k:]
        yield word[:k] + word[k + 1 :]
        yield word[:k] + ("x" if word[k] != "x" else "y") + word[k + 1 :]
        yield word[:k] + word[k + 1] + word[k] + word[k + 2 :]


def test_one_typo_is_suggested_as_comparing_with_every_id(compared: list[int]) -> None:
    ids = list(itertools.islice(_words(), 1200))
    assert len(ids) > Nearby.WHOLE
    nearby = Nearby(ids)
    cases = 0
    for ident in ids[::50]:
        for typo in _one_typo(ident):
            if typo in nearby.known:
                continue
            cases += 1
            every = compare_with_every(typo, ids, 1, 0.75)
            assert every == [ident], typo  # the data leaves no doubt which was meant
            assert nearby.suggest(typo, 1, 0.75) == every
    assert cases > 250
    assert max(compared) < 200  # never every id


def test_up_to_whole_candidates_are_all_compared() -> None:
    ids = [f"org-{i}" for i in range(Nearby.WHOLE)]
    assert Nearby(ids).pool("zzz") == sorted(ids)
    assert len(Nearby([*ids, "org-x"]).pool("zzz")) < Nearby.WHOLE


def test_lookup_misses_use_the_same_index(compared: list[int]) -> None:
    data = dangling(3000, [])
    reg = eucoop.load(data, include_default=False)
    with pytest.raises(UnknownEntityError) as info:
        reg.lookup("Organisatoin 1234")
    assert info.value.suggestions[0] == "Organisation 1234"
    with pytest.raises(UnknownEntityError) as info:
        reg.lookup("Orgnaisation 2999")  # a typo early in the name
    assert info.value.suggestions[0] == "Organisation 2999"
    assert compared
    assert max(compared) < 200  # of 6,000 keys (ids and names)


# -- 2. lookup keys that fold together -------------------------------------------------------

#: Where the packaged IOM is.
IOM = next(
    i
    for i, o in enumerate(
        json.loads((files("eucoop") / "data" / "organisations.json").read_text("utf-8"))[
            "organisations"
        ]
    )
    if o["id"] == "iom"
)
AT_IOM = f"eucoop/data/organisations.json: $.organisations[{IOM}]"


def mine(**fields: Any) -> dict[str, Any]:
    """A user file with one organisation (``my-body``), citing the packaged source page."""
    org = {"id": "my-body", "name": "Some body of mine", "sources": [{"document": "dg-home-io"}]}
    return {"organisations": [{**org, **fields}]}


def found(reg: Registry, query: str) -> str | None:
    """The id a lookup finds, or None when it finds none or several."""
    try:
        return reg.lookup(query).id
    except (UnknownEntityError, AmbiguousLookupError):
        return None


@pytest.mark.parametrize(
    ("field", "text", "where", "theirs"),
    [
        ("acronym", "I.O.M.", "acronym", "IOM"),
        ("acronym", "IOM\u200b", "acronym", "IOM"),  # an invisible character
        ("acronym", "The IOM", "acronym", "IOM"),
        ("acronym", "iom!", "acronym", "IOM"),
        ("acronym", "(IOM)", "acronym", "IOM"),
        ("name", "International Organization for Migration.", "name", None),
        ("aliases", "The International Organisation for Migration", "aliases[0]", None),
    ],
)
def test_a_user_key_that_a_lookup_takes_for_a_packaged_one_is_refused(
    write: Write, field: str, text: str, where: str, theirs: str | None
) -> None:
    base = eucoop.load()
    entity = base["iom"]
    theirs = theirs or (entity.name if field == "name" else entity.aliases[0])
    assert base.lookup(text).id == "iom"  # what the lookup found before
    path = write(mine(**{field: [text] if field == "aliases" else text}))
    (p,) = problems_of(path, include_default=True)
    assert (p.file, p.location) == (str(path), f"$.organisations[0].{field}" + where[len(field) :])
    assert p.message == (
        f"lookup key {text!r} is already a name of 'iom' ({AT_IOM}.{where}), as {theirs!r}{IGNORED}"
    )


def test_each_field_that_clashes_is_reported(write: Write) -> None:
    """Each at its own field (the name used to be reported twice, for the acronym too)."""
    path = write(mine(name="IOM", acronym="iom", aliases=["I.O.M."]))
    problems = problems_of(path, include_default=True)
    already = f"is already a name of 'iom' ({AT_IOM}.acronym)"
    assert [(p.file, p.location, p.message) for p in problems] == [
        (str(path), "$.organisations[0].name", f"lookup key 'IOM' {already}"),
        (str(path), "$.organisations[0].acronym", f"lookup key 'iom' {already}"),
        (
            str(path),
            "$.organisations[0].aliases[0]",
            f"lookup key 'I.O.M.' {already}, as 'IOM'{IGNORED}",
        ),
    ]


def test_without_the_check_the_user_entity_would_take_the_lookup_over() -> None:
    """The reproduction of the issue: built without validation, "I.O.M." finds the user's."""
    base = eucoop.load()
    sources = (Source(document="dg-home-io"),)
    for acronym, takes in (("I.O.M.", "my-body"), ("IOM\u200b", None)):
        theirs = Organisation(id="my-body", name="Some body", acronym=acronym, sources=sources)
        unchecked = Registry([*base, theirs], base.documents)
        assert found(unchecked, "IOM") == "iom"  # the folded key still wins
        assert found(base, "I.O.M.") == "iom"
        assert found(unchecked, "I.O.M.") == takes  # taken over, or now ambiguous


def test_a_key_lookups_tell_apart_loads_and_changes_no_lookup(write: Write) -> None:
    base = eucoop.load()
    reg = eucoop.load(write(mine(acronym="I-O-M")))  # "i o m": three words, not "iom"
    for query in ("IOM", "I.O.M.", "iom", "International Organization for Migration"):
        assert reg.lookup(query).id == base.lookup(query).id == "iom"
    assert found(base, "I-O-M") is None
    assert reg.lookup("I-O-M").id == "my-body"


def test_keys_shared_across_user_files_are_refused(write: Write) -> None:
    first = dangling(0, [])
    first["organisations"] = [{"id": "body-a", "name": "U.N. body", "sources": SOURCES}]
    second = {"organisations": [{"id": "body-b", "name": "UN Body!", "sources": SOURCES}]}
    a, b = write(first, "a.json"), write(second, "b.json")
    (p,) = problems_of(a, b)
    assert (p.file, p.location, p.message) == (
        str(b),
        "$.organisations[0].name",
        f"lookup key 'UN Body!' is already a name of 'body-a' ({a}: $.organisations[0].name), "
        f"as 'U.N. body'{IGNORED}",
    )
    # In one file, the two are an ambiguity by design: each is found by its own spelling.
    first["organisations"].append(second["organisations"][0])
    reg = eucoop.load(first, include_default=False)
    assert (reg.lookup("U.N. body").id, reg.lookup("UN Body!").id) == ("body-a", "body-b")
    with pytest.raises(AmbiguousLookupError):
        reg.lookup("un body")


def test_the_same_folded_key_is_refused_within_one_file_too(write: Write) -> None:
    data = dangling(0, [])
    data["organisations"] = [
        {"id": "net-a", "name": "U.N. Network", "sources": SOURCES},
        {"id": "net-b", "name": "UN-Network", "sources": SOURCES},
        {"id": "net-c", "name": "Network", "acronym": "un-network", "sources": SOURCES},
    ]
    path = write(data)
    (p,) = problems_of(path)
    assert (p.file, p.location, p.message) == (
        str(path),
        "$.organisations[2].acronym",
        f"lookup key 'un-network' is already a name of 'net-b' ({path}: $.organisations[1].name)",
    )


@given(st.text(st.characters(max_codepoint=127)))
def test_the_quick_forgiving_key_of_ascii_text_is_the_general_one(text: str) -> None:
    """Every entity's forgiving keys are made at load now: ASCII text takes a quicker path."""
    general = re.sub(r"[^\w]+", " ", fold(text).replace(".", "")).strip().removeprefix("the ")
    assert loose(text) == general


def test_no_two_packaged_entities_share_a_forgiving_key() -> None:
    owners: dict[str, str] = {}
    for entity in eucoop.load():
        for key in loose_keys(entity):
            assert owners.setdefault(key, entity.id) == entity.id, key


#: Characters of acronyms that fold, or loosely fold, onto packaged ones.
NEAR_ACRONYMS = "IOMUNHCRiomunhcr.-!() '\u200b\u00a0\u2019"


@given(text=st.text(NEAR_ACRONYMS, min_size=1, max_size=8).filter(str.strip), the=st.booleans())
def test_a_user_file_is_refused_exactly_when_it_would_take_a_lookup_over(
    text: str, the: bool
) -> None:
    acronym = f"The {text}" if the else text
    base = eucoop.load()
    queries = {acronym, fold(acronym), loose(acronym), "IOM", "I.O.M.", "UNHCR", "U.N.H.C.R."}
    before = {q: found(base, q) for q in queries}
    try:
        reg = eucoop.load(mine(acronym=acronym))
    except DataError as exc:
        (p,) = exc.problems
        assert (p.file, p.location) == ("<data #1>", "$.organisations[0].acronym")
        if p.message.endswith(IGNORED):  # the same key once forgiven: a lookup taken over
            sources = (Source(document="dg-home-io"),)
            theirs = Organisation(id="my-body", name="Some body", acronym=acronym, sources=sources)
            unchecked = Registry([*base, theirs], base.documents)
            assert any(
                before[q] is not None and found(unchecked, q) != before[q] for q in queries
            ), p
        else:
            assert p.message.startswith("lookup key ") or p.message.endswith(
                "has no letter or digit to look it up by"
            ), p
        return
    for q, ident in before.items():
        if ident is not None:
            assert found(reg, q) == ident, q
