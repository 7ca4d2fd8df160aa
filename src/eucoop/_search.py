"""Full-text search: an inverted index of folded words, built once per registry."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs

from eucoop._entities import Dialogue, Entity, Organisation, Programme
from eucoop._text import fold, words

__all__ = ["Hit", "SearchIndex"]

#: How much a word found in each field counts.
WEIGHTS = {
    "id": 8.0,
    "name": 8.0,
    "acronym": 10.0,
    "aliases": 6.0,
    "description": 3.0,
    "activities": 3.0,
    "partnership": 2.0,
    "regions": 2.0,
    "venues": 2.0,
    "sessions": 1.0,
    "headquarters": 1.0,
    "participants": 1.0,
}
#: Extra score when the whole query is exactly a name, acronym or alias.
EXACT_BONUS = 20.0
#: Query words this long or longer also match words that start with them.
PREFIX_MIN = 3


@attrs.frozen
class Hit:
    """One search result: the ``entity``, its ``score`` and the ``fields`` that matched."""

    entity: Entity
    score: float
    fields: tuple[str, ...]

    @property
    def id(self) -> str:
        """The entity's id."""
        return self.entity.id


def text_fields(entity: Entity) -> Iterator[tuple[str, str]]:
    """``(field, text)`` for every piece of text search looks at."""
    yield "id", entity.id.replace("-", " ")
    yield "name", entity.name
    if entity.acronym:
        yield "acronym", entity.acronym
    for alias in entity.aliases:
        yield "aliases", alias
    if entity.description:
        yield "description", entity.description
    for part in entity.participants:
        if part.note:
            yield "participants", part.note
    if isinstance(entity, Organisation):
        if entity.headquarters:
            yield "headquarters", entity.headquarters
        if entity.partnership is not None and entity.partnership.summary:
            yield "partnership", entity.partnership.summary
    elif isinstance(entity, Dialogue):
        for venue in entity.venues:
            yield "venues", venue
        for session in entity.sessions:
            for text in (session.place, session.note):
                if text:
                    yield "sessions", text
    elif isinstance(entity, Programme):
        for activity in entity.activities:
            yield "activities", activity
        for region in entity.regions:
            yield "regions", region


class SearchIndex:
    """Word -> entity -> fields, with a sorted vocabulary for prefix matches."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        postings: defaultdict[str, dict[str, set[str]]] = defaultdict(dict)
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.entities: dict[str, Entity] = {}
        for entity in entities:
            self.entities[entity.id] = entity
            for field, text in text_fields(entity):
                if field in ("name", "acronym", "aliases"):
                    self.exact[fold(text)].add(entity.id)
                for word in words(text):
                    postings[word].setdefault(entity.id, set()).add(field)
        self.postings = dict(postings)
        self.vocabulary = sorted(self.postings)

    def _matches(self, word: str) -> dict[str, set[str]]:
        """Entity id -> fields, for every indexed word *word* matches."""
        if len(word) < PREFIX_MIN:
            return self.postings.get(word, {})
        out: dict[str, set[str]] = {}
        i = bisect.bisect_left(self.vocabulary, word)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(word):
            for ident, fields in self.postings[self.vocabulary[i]].items():
                out.setdefault(ident, set()).update(fields)
            i += 1
        return out

    def search(self, query: str) -> list[Hit]:
        """Entities matching every word of *query*, best first."""
        terms = words(query)
        if not terms:
            msg = "search needs at least one word"
            raise ValueError(msg)
        scores: dict[str, float] | None = None
        matched: dict[str, set[str]] = defaultdict(set)
        for term in dict.fromkeys(terms):
            found = self._matches(term)
            term_scores = {
                ident: max(WEIGHTS[f] for f in fields) + 0.1 * len(fields)
                for ident, fields in found.items()
            }
            for ident, fields in found.items():
                matched[ident].update(fields)
            if scores is None:
                scores = term_scores
            else:
                scores = {k: v + term_scores[k] for k, v in scores.items() if k in term_scores}
            if not scores:
                return []
        assert scores is not None  # noqa: S101 - terms is not empty
        for ident in self.exact.get(fold(query), ()):
            if ident in scores:
                scores[ident] += EXACT_BONUS
        hits = [
            Hit(self.entities[k], round(v, 2), tuple(sorted(matched[k]))) for k, v in scores.items()
        ]
        hits.sort(key=lambda h: (-h.score, h.entity.name))
        return hits
