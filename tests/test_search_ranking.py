"""Search ranks by where a word is found: the order of results, not only the weights table.

Each test builds a small registry in which the query word sits in one known
field of each entity, with names chosen so that ranking by name alone (what
ties fall back to) would give the opposite order: results come out right
only if the fields' weights count.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Registry
from eucoop._queries.search import weights

#: The searched fields, best first: a word found in a field of an earlier tier counts for
#: more than one found in a later tier, and fields of one tier count the same. Written
#: here by hand, as the behaviour expected of search; not read from the code.
TIERS: tuple[tuple[str, ...], ...] = (
    ("acronym",),
    ("id", "name"),
    ("aliases",),
    ("description", "activities"),
    ("partnership", "venues", "regions"),
    ("headquarters", "sessions", "participants"),
)
RANK = {field: i for i, tier in enumerate(TIERS) for field in tier}

#: Which kind of entity has each field that not every entity has.
KIND_OF = {
    "partnership": "organisations",
    "headquarters": "organisations",
    "venues": "dialogues",
    "sessions": "dialogues",
    "activities": "programmes",
    "regions": "programmes",
}

WORD = "quokka"
DOC = {"id": "doc", "title": "A document", "publisher": "Tests"}
#: Someone for participants to be: found by no search for WORD.
BASE = {"id": "base", "name": "Base Body", "sources": [{"document": "doc"}]}


def _entity(field: str, ident: str, name: str) -> tuple[str, dict[str, Any]]:
    """The collection and data of an entity named *name* with WORD in *field* alone."""
    e: dict[str, Any] = {"id": ident, "name": name, "sources": [{"document": "doc"}]}
    text = f"about the {WORD} of {ident}"
    if field == "id":
        e["id"] = f"{WORD}-{ident}"
    elif field == "name":
        e["name"] = f"{name} {WORD}"
    elif field == "acronym":
        e["acronym"] = f"{WORD.upper()} {ident.upper()}"
    elif field in ("aliases", "venues", "regions", "activities"):
        e[field] = [text]
    elif field in ("description", "headquarters"):
        e[field] = text
    elif field == "partnership":
        e["partnership"] = {"summary": text}
    elif field == "sessions":
        e["sessions"] = [{"start": "2020-01-02", "place": text}]
    else:
        assert field == "participants"
        e["participants"] = [{"organisation": "base", "role": "funder", "note": text}]
    return KIND_OF.get(field, "organisations"), e


def _registry(placed: list[tuple[str, str]]) -> Registry:
    """A registry of an entity per ``(field, name)``: WORD in that field, that name."""
    data: dict[str, Any] = {"schema_version": 1, "documents": [DOC], "organisations": [BASE]}
    for i, (field, name) in enumerate(placed):
        collection, e = _entity(field, f"e-{i}", name)
        data.setdefault(collection, []).append(e)
    return eucoop.load(data, include_default=False)


def test_the_tiers_name_every_searched_field() -> None:
    # A field newly searched needs its place here; the weights agree with the tiers.
    assert set(RANK) == set(weights())
    for a, rank_a in RANK.items():
        for b, rank_b in RANK.items():
            if rank_a < rank_b:
                assert weights()[a] > weights()[b], (a, b)
            elif rank_a == rank_b:
                assert weights()[a] == weights()[b], (a, b)


def test_a_name_match_ranks_above_a_description_match() -> None:
    reg = _registry([("description", "Alpha Agency"), ("name", "Zulu Office")])
    found = reg.search(WORD)
    assert [reg[i].name for i in found.ids] == [f"Zulu Office {WORD}", "Alpha Agency"]
    assert [h.fields for h in found.hits] == [("name",), ("description",)]
    assert found.hits[0].score > found.hits[1].score


def test_a_ladder_of_fields_ranks_best_field_first() -> None:
    # One entity per tier, named so that the name order is the reverse of the expected one.
    ladder = ["acronym", "name", "aliases", "description", "partnership", "participants"]
    names = ["Zf", "Ze", "Zd", "Zc", "Zb", "Za"]
    reg = _registry(list(zip(ladder, names, strict=True)))
    found = reg.search(WORD)
    assert [h.fields for h in found.hits] == [(f,) for f in ladder]
    scores = [h.score for h in found.hits]
    assert scores == sorted(set(scores), reverse=True)  # strictly decreasing


def test_every_kind_specific_field_ranks_by_its_weight() -> None:
    # Venues and regions weigh the same: between them the name decides.
    ladder = ["activities", "venues", "regions", "sessions"]
    reg = _registry(list(zip(ladder, ["Zd", "Zb", "Zc", "Za"], strict=True)))
    found = reg.search(WORD)
    assert [h.fields for h in found.hits] == [
        ("activities",),
        ("venues",),
        ("regions",),
        ("sessions",),
    ]
    assert found.hits[0].score > found.hits[1].score == found.hits[2].score > found.hits[3].score


def test_equal_weights_fall_back_to_name_order() -> None:
    reg = _registry([("name", "Zulu"), ("name", "Alpha"), ("id", "Mike")])
    assert [reg[i].name for i in reg.search(WORD).ids] == [
        f"Alpha {WORD}",
        "Mike",
        f"Zulu {WORD}",
    ]


def test_an_exact_name_ranks_above_a_name_containing_it() -> None:
    data: dict[str, Any] = {
        "schema_version": 1,
        "documents": [DOC],
        "organisations": [
            {"id": "a", "name": f"Alpha {WORD}", "sources": [{"document": "doc"}]},
            {"id": "z", "name": WORD.capitalize(), "sources": [{"document": "doc"}]},
        ],
    }
    reg = eucoop.load(data, include_default=False)
    assert reg.search(WORD).ids == ("z", "a")
    assert reg.search(f"alpha {WORD}").ids == ("a",)


def test_more_fields_matched_rank_above_fewer_of_the_same_weight() -> None:
    reg = _registry([("name", "Zulu"), ("name", "Alpha")])
    zulu = next(e for e in reg if e.name.startswith("Zulu"))
    data = reg.to_dict()
    for e in data["organisations"]:
        if e["id"] == zulu.id:
            e["headquarters"] = f"{WORD} town"
    reg = eucoop.load(data, include_default=False)
    found = reg.search(WORD)
    assert found.ids[0] == zulu.id
    assert found.hits[0].fields == ("headquarters", "name")


def test_words_add_up_across_a_query() -> None:
    # Both words in the name beat one word in the name and one in the description.
    data: dict[str, Any] = {
        "schema_version": 1,
        "documents": [DOC],
        "organisations": [
            {
                "id": "a",
                "name": "Alpha Harbour",
                "description": "A wombat.",
                "sources": [{"document": "doc"}],
            },
            {"id": "z", "name": "Zulu Harbour Wombat", "sources": [{"document": "doc"}]},
        ],
    }
    reg = eucoop.load(data, include_default=False)
    assert reg.search("harbour wombat").ids == ("z", "a")


_names = st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=5).map(str.capitalize),
    min_size=1,
    max_size=8,
    unique=True,
)


@given(
    _names.flatmap(
        lambda ns: st.tuples(
            st.just(ns), st.lists(st.sampled_from(sorted(RANK)), min_size=len(ns), max_size=len(ns))
        )
    )
)
def test_results_are_ordered_by_the_tier_of_the_field_then_by_name(
    drawn: tuple[list[str], list[str]],
) -> None:
    names, fields = drawn
    reg = _registry(list(zip(fields, names, strict=True)))
    found = reg.search(WORD)
    assert len(found) == len(names)
    got = [(RANK[h.fields[0]], h.entity.name) for h in found.hits]
    assert all(len(h.fields) == 1 for h in found.hits)
    assert got == sorted(got)
