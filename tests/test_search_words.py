"""Search's words: stopwords ignored, forms of a word meeting in a stem, why nothing matched."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Registry
from eucoop._queries.search import SearchIndex, terms
from eucoop._text import STEM_MAX, STOPWORDS, stem

DOC = {"id": "doc", "title": "A document", "publisher": "Tests"}


def _org(ident: str, name: str, description: str) -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "description": description,
        "sources": [{"document": "doc"}],
    }


@pytest.fixture(scope="module")
def packaged() -> Registry:
    return eucoop.load()


@pytest.fixture(scope="module")
def small() -> Registry:
    data = {
        "schema_version": 1,
        "documents": [DOC],
        "organisations": [
            _org("a", "Alpha", "Works in the Sahel and Lake Chad."),
            _org("b", "Bravo", "Return and reintegration of migrants."),
            _org("c", "Charlie", "Fights human trafficking and works with police on traffickers."),
        ],
    }
    return eucoop.load(data, include_default=False)


# -- stopwords --


def test_the_finds_nothing_and_says_why(packaged: Registry) -> None:
    # It used to find all 47 entities: every description has a "the".
    found = packaged.search("the")
    assert len(found) == 0
    assert found.reason == "ignored 'the': too common to search for"


def test_a_stopword_does_not_join_words(small: Registry) -> None:
    # "and" used to match the "and" of "Sahel and Lake Chad".
    assert small.search("return and reintegration").ids == ("b",)
    assert small.search("sahel and reintegration") == ()
    assert small.search("Sahel AND Lake Chad").ids == ("a",)


def test_stopwords_are_ignored_in_any_position(small: Registry) -> None:
    assert small.search("the return of the migrants").ids == small.search("return migrants").ids


@pytest.mark.parametrize("query", sorted(STOPWORDS))
def test_a_query_of_one_stopword_finds_nothing(small: Registry, query: str) -> None:
    found = small.search(query)
    assert len(found) == 0
    assert found.reason == f"ignored {query!r}: too common to search for"


def test_the_empty_query_is_still_an_error(small: Registry) -> None:
    with pytest.raises(ValueError, match="at least one word"):
        small.search(" ... ")


def test_stopwords_are_not_indexed(small: Registry) -> None:
    index = SearchIndex(small)
    assert not STOPWORDS & set(index.postings)


# -- stems --


@pytest.mark.parametrize(
    ("words", "common"),
    [
        (("traffickers", "trafficking", "trafficked", "trafficker"), "traffick"),
        (("smuggling", "smugglers", "smuggled", "smuggler"), "smuggl"),
        (("migrants", "migrant"), "migrant"),
        (("policies", "policy"), "polici"),
        (("matches", "match"), "match"),
        (("meetings", "meeting"), "meet"),
    ],
)
def test_forms_of_a_word_meet_in_one_stem(words: tuple[str, ...], common: str) -> None:
    assert {stem(w) for w in words} == {common}


@pytest.mark.parametrize("word", ["class", "day", "un", "eu", "iom", "x" * (STEM_MAX + 1)])
def test_short_and_guarded_words_keep_their_ending(word: str) -> None:
    assert stem(word) == word


def test_stems_apply_to_the_index_and_the_query(small: Registry) -> None:
    for query in ("traffickers", "trafficking", "trafficked", "human traffickers"):
        assert small.search(query).ids == ("c",), query
    assert small.search("migrant").ids == ("b",)
    assert small.search("reintegr").ids == ("b",)  # prefixes still match


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=60)


@given(_word)
def test_stemming_is_idempotent(word: str) -> None:
    assert stem(stem(word)) == stem(word)


def _plural(word: str) -> str:
    """The English plural of a regular noun."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=STEM_MAX - 2))
def test_a_word_and_its_plural_have_one_stem(word: str) -> None:
    assert stem(_plural(word)) == stem(word)


@pytest.fixture(scope="module")
def vocabulary(packaged: Registry) -> list[str]:
    return sorted(
        {w for w in SearchIndex(packaged)._nearby.forward if w.isalpha() and len(w) >= 3}
        - STOPWORDS
    )


@given(st.data())
def test_a_query_and_its_plural_find_the_same_entities(
    packaged: Registry, vocabulary: list[str], data: st.DataObject
) -> None:
    word = data.draw(st.sampled_from(vocabulary))
    assert set(packaged.search(word).ids) == set(packaged.search(_plural(word)).ids)


def test_terms_are_stems_without_stopwords() -> None:
    assert terms("The Traffickers of the Sahel") == ["traffick", "sahel"]


# -- the queries on the packaged data --


def test_traffickers_finds_unodc(packaged: Registry) -> None:
    # "traffickers" found nothing: the data says "drug trafficking" (UNODC's partnership).
    assert "unodc" in packaged.search("traffickers").ids
    assert packaged.search("trafficked").ids == packaged.search("trafficking").ids


def test_human_trafficking_says_what_each_word_finds(packaged: Registry) -> None:
    # No entity of the packaged data speaks of human trafficking.
    found = packaged.search("human trafficking")
    assert len(found) == 0
    assert found.reason.startswith("no entity has all these words: 'human' alone finds ")
    assert found.reason.endswith("'trafficking' alone finds 1")


def test_migrant_smuggling_names_the_word_that_matched_nothing(packaged: Registry) -> None:
    # The packaged data never says "smuggling": the search says so.
    found = packaged.search("migrant smuggling")
    assert len(found) == 0
    assert found.reason == "no entity has the word 'smuggling'"


def test_a_misspelt_word_gets_a_did_you_mean(packaged: Registry) -> None:
    found = packaged.search("refugess")
    assert found.reason == "no entity has the word 'refugess' (did you mean 'refugees'?)"
    assert packaged.search("refugee").reason == ""


def test_a_stopword_is_never_offered_as_did_you_mean(small: Registry) -> None:
    # "withh" is one typo from "with", which the data holds but search never looks for.
    assert small.search("withh").reason == "no entity has the word 'withh'"


def test_the_reason_survives_a_pickle(packaged: Registry) -> None:
    found = packaged.search("smuggling")
    assert pickle.loads(pickle.dumps(found)).reason == found.reason  # noqa: S301 - our own


def test_a_long_query_that_matches_nothing_is_answered_quickly(packaged: Registry) -> None:
    # One long word and many distinct ones: each word is looked up once, typos of a word
    # past eucoop._text.NAME_MAX are not spelt out (no timing asserted: the test would hang).
    long_word = "q" * 200_000
    assert packaged.search(long_word).reason == f"no entity has the word {long_word!r}"
    many = " ".join(f"zz{i}" for i in range(2_000))
    reason = packaged.search(many).reason
    assert reason.startswith("no entity has the words 'zz0', 'zz1', 'zz2', 'zz3', 'zz4'")
    assert reason.endswith(" and 1,995 more")
