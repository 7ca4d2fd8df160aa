"""Full-text search: an inverted index of folded words, built once per registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache, partial
from operator import attrgetter

import attrs

from eucoop._gc import gc_paused
from eucoop._model import KINDS, Entity, FieldInfo, Kind, fields_of, per_class
from eucoop._render import html
from eucoop._text import STOPWORDS, Nearby, and_join, did_you_mean, fold, stem, words

__all__ = ["Hit", "SearchIndex", "ignored", "terms", "text_fields", "weights"]


def _weight(f: FieldInfo) -> float | None:
    """A field's search weight: its own, else the largest of the fields of its values."""
    if f.meta.search is not None:
        return f.meta.search
    nested = f.nested
    weights = [w for g in fields_of(nested) if (w := g.meta.search) is not None] if nested else []
    return max(weights, default=None)


def weights() -> dict[str, float]:
    """How much a word found in each field of each kind counts, from the fields' metadata.

    The text of a nested value (a participant's note, a session's place)
    counts for the entity's field that holds it.

    >>> weights()["acronym"], weights()["participants"]
    (10.0, 1.0)
    """
    return _weights(KINDS.snapshot())


@lru_cache(maxsize=4)
def _weights(kinds: tuple[Kind, ...]) -> dict[str, float]:
    return {f.name: w for k in kinds for f in fields_of(k.cls) if (w := _weight(f)) is not None}


#: Extra score when the whole query is exactly a name, acronym or alias.
EXACT_BONUS = 20.0
#: How close an indexed word must be to a query word to be offered as "did you mean".
SUGGEST_CUTOFF = 0.75
#: How many words that matched nothing a reason names.
NAMED = 5
#: Query words this long or longer also match words that start with them.
PREFIX_MIN = 3


def terms(text: str) -> list[str]:
    """What search looks for in *text*: the stems of its words, stopwords left out.

    The index holds the same, so forms of a word meet ("trafficking", "traffickers").

    >>> terms("The return of migrants")
    ['return', 'migrant']
    """
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def ignored(text: str) -> list[str]:
    """The words of *text* search leaves out, as too common to look for.

    >>> ignored("the return of migrants")
    ['the', 'of']
    """
    return list(dict.fromkeys(w for w in words(text) if w in STOPWORDS))


@attrs.frozen(repr=False)
class Hit:
    """One search result: the ``entity``, its ``score`` and the ``fields`` that matched.

    >>> from eucoop._model import Organisation
    >>> Hit(Organisation(id="x", name="Ex"), 8.0, ("id", "name"))
    <Hit x 8: matched id, name>
    """

    entity: Entity
    score: float
    fields: tuple[str, ...]

    @property
    def id(self) -> str:
        """The entity's id."""
        return self.entity.id

    def __repr__(self) -> str:
        return f"<Hit {self.entity.id} {self.score:g}: matched {', '.join(self.fields)}>"

    def _repr_html_(self) -> str:
        return html(self)


def text_fields(entity: Entity) -> Iterator[tuple[str, str]]:
    """``(field, text)`` for every piece of text search looks at: the fields declared searched.

    >>> from eucoop._model import Organisation
    >>> list(text_fields(Organisation(id="x-y", name="Ex", headquarters="Geneva")))
    [('id', 'x-y'), ('name', 'Ex'), ('headquarters', 'Geneva')]
    """
    for f in _searched(type(entity)):
        value = getattr(entity, f.name)
        if value is None:
            continue
        for item in value if f.many else (value,):
            if f.nested is None:
                yield f.name, item
            else:
                for g in _searched(f.nested):
                    text = getattr(item, g.name)
                    if text is not None:
                        yield f.name, text


@per_class
def _searched(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of *cls* that search reads: searched themselves, or holding searched values."""
    return tuple(f for f in fields_of(cls) if _weight(f) is not None)


class Found:
    """What a search found: ids best first, each one's score and matched fields.

    :class:`~eucoop.SearchResults` turns it into entities, and into
    :class:`Hit` objects only when someone asks for them.
    """

    __slots__ = ("_reason", "entities", "fields", "ids", "scores")

    def __init__(
        self,
        ids: list[str],
        scores: dict[str, float],
        fields: dict[str, frozenset[str]],
        entities: dict[str, Entity],
        reason: str | Callable[[], str] = "",
    ) -> None:
        self._reason = reason
        self.ids = ids
        self.scores = scores
        self.fields = fields
        self.entities = entities

    @property
    def reason(self) -> str:
        """Why nothing was found, when nothing was: worked out when first asked for."""
        reason = self._reason
        if not isinstance(reason, str):
            reason = self._reason = reason()
        return reason

    def hit(self, ident: str) -> Hit:
        """The :class:`Hit` for one id found."""
        return Hit(
            self.entities[ident], round(self.scores[ident], 2), tuple(sorted(self.fields[ident]))
        )


@lru_cache(maxsize=1024)  # sets of searched fields: a few dozen occur
def _score(fields: frozenset[str]) -> float:
    """How much one query word found in these fields counts (few distinct sets exist)."""
    return max(weights()[f] for f in fields) + 0.1 * len(fields)


def _kept_words(text: str) -> list[str]:
    """The words of *text* that are not stopwords, as written (folded)."""
    return [w for w in words(text) if w not in STOPWORDS]


class SearchIndex:
    """Stem -> entity -> fields, with a sorted vocabulary for prefix matches."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        with gc_paused():
            self._build(entities)

    def _build(self, entities: Iterable[Entity]) -> None:
        postings: defaultdict[str, dict[str, frozenset[str]]] = defaultdict(dict)
        exact: defaultdict[str, set[str]] = defaultdict(set)
        self.entities: dict[str, Entity] = {}
        self.names: dict[str, str] = {}
        # Sets of fields are few and shared: one frozenset object per distinct set.
        interned: dict[frozenset[str], frozenset[str]] = {}
        single = {f: frozenset((f,)) for f in weights()}
        # In name order, so that every posting lists its entities by name and results
        # reach the final sort already ordered by name within each word.
        for entity in sorted(entities, key=attrgetter("name")):
            ident = entity.id
            self.entities[ident] = entity
            self.names[ident] = entity.name
            here: dict[str, frozenset[str]] = {}
            for field, text in text_fields(entity):
                if field in ("name", "acronym", "aliases"):
                    exact[fold(text)].add(ident)
                one = single[field]
                for word in terms(text):
                    seen = here.get(word)
                    if seen is None:
                        here[word] = one
                    elif field not in seen:
                        both = seen | one
                        here[word] = interned.setdefault(both, both)
            for word, fields in here.items():
                postings[word][ident] = fields
        self.exact = dict(exact)
        self.postings: dict[str, dict[str, frozenset[str]]] = dict(postings)
        self.vocabulary = sorted(self.postings)

    def _matches(self, word: str) -> tuple[dict[str, frozenset[str]], bool]:
        """Entity id -> fields, for every indexed word *word* matches (do not modify).

        And whether the ids come in name order, as each word's postings do.
        """
        if len(word) < PREFIX_MIN:
            return self.postings.get(word, {}), True
        import bisect  # noqa: PLC0415 - only searches need it, not import eucoop

        vocabulary = self.vocabulary
        lo = i = bisect.bisect_left(vocabulary, word)
        while i < len(vocabulary) and vocabulary[i].startswith(word):
            i += 1
        if i - lo == 1:
            return self.postings[vocabulary[lo]], True
        out: dict[str, frozenset[str]] = {}
        for w in vocabulary[lo:i]:
            for ident, fields in self.postings[w].items():
                old = out.get(ident)
                out[ident] = fields if old is None else old | fields
        return out, i - lo == 0

    def unmatched(self, query: str) -> str:
        """Why *query* found nothing, in a sentence: its words that match no indexed word.

        With the closest word of the index for each, or, when every word matches
        something, what each finds alone. Costs are bounded: each word is looked up once,
        and a "did you mean" compares it only with the index words near it.
        """
        wanted = dict.fromkeys(zip(terms(query), _kept_words(query), strict=True))
        if not wanted:
            common = and_join([repr(w) for w in ignored(query)])
            return f"ignored {common}: too common to search for"
        missing = [(t, w) for t, w in wanted if not self._matches(t)[0]]
        if missing:
            near = self._nearby
            named = [f"{w!r}{did_you_mean(w, near, SUGGEST_CUTOFF)}" for _, w in missing[:NAMED]]
            if len(missing) > NAMED:
                named.append(f"{len(missing) - NAMED:,} more")
            return f"no entity has the word{'s' if len(missing) > 1 else ''} " + and_join(named)
        alone = [f"{w!r} alone finds {len(self._matches(t)[0])}" for t, w in wanted]
        return "no entity has all these words: " + and_join(alone)

    @cached_property
    def _nearby(self) -> Nearby:
        """The words of the index as written, for a "did you mean" (made on first need)."""
        return Nearby(
            w for e in self.entities.values() for _, t in text_fields(e) for w in _kept_words(t)
        )

    def search(self, query: str) -> Found:
        """Entities matching every word of *query*, best first."""
        wanted = terms(query)
        if not wanted:
            if ignored(query):  # only stopwords: nothing to look for, and nothing found
                return Found([], {}, {}, self.entities, partial(self.unmatched, query))
            msg = "search needs at least one word"
            raise ValueError(msg)
        scores: dict[str, float] | None = None
        matched: dict[str, frozenset[str]] = {}
        in_name_order = True
        for term in dict.fromkeys(wanted):
            found, ordered = self._matches(term)
            if scores is None:
                # Few distinct sets of fields: score each once, then zip in C.
                score_of = {f: _score(f) for f in set(found.values())}
                scores = dict(zip(found, map(score_of.__getitem__, found.values()), strict=True))
                matched = found  # read only
                in_name_order = ordered
            else:  # the first term's order is kept
                scores = {i: v + _score(found[i]) for i, v in scores.items() if i in found}
                matched = {i: matched[i] | found[i] for i in scores}
            if not scores:
                break
        assert scores is not None  # noqa: S101 - terms is not empty
        for ident in self.exact.get(fold(query), ()):
            if ident in scores:
                scores[ident] += EXACT_BONUS
        # Best score first, then by name: two stable sorts with C-level keys (the
        # first is skipped when the ids already come in name order).
        ids = list(scores) if in_name_order else sorted(scores, key=self.names.__getitem__)
        ids.sort(key=scores.__getitem__, reverse=True)
        reason = "" if ids else partial(self.unmatched, query)  # worked out if asked for
        return Found(ids, scores, matched, self.entities, reason)
