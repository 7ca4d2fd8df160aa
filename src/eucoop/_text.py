"""Text helpers shared by lookups, search, checks and output.

Folding (case-, accent- and spacing-insensitive keys), words for search, the
one "did you mean" (:func:`suggest`) and a little English (:func:`a`,
:func:`plural`, :func:`and_join`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

__all__ = ["a", "and_join", "did_you_mean", "fold", "loose", "plural", "suggest", "words"]


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """*pattern* compiled on first use: only searches and forgiving lookups need these."""
    return re.compile(pattern)


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes and collapse white space.

    >>> fold("  Organisation  Internationale pour les Migrations ")
    'organisation internationale pour les migrations'
    >>> fold("Groupe d\u2019\u00c9tats contre la corruption")
    "groupe d'etats contre la corruption"
    """
    if text.isascii():  # the common case, and ten times quicker
        return " ".join(text.lower().split())
    return _fold_unicode(text)


@lru_cache(maxsize=4096)
def _fold_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def loose(text: str) -> str:
    """:func:`fold`, then drop punctuation and a leading "the": a forgiving key.

    >>> loose("The U.N. Migration-Network")
    'un migration network'
    """
    key = fold(text).replace(".", "")
    key = _regex(r"[^\w]+").sub(" ", key).strip()  # one space for each run
    return key.removeprefix("the ")


def a(noun: str) -> str:
    """The noun with its indefinite article.

    >>> a("organisation"), a("programme"), a("OrganisationKind"), a("URL")
    ('an organisation', 'a programme', 'an OrganisationKind', 'a URL')
    """
    return f"{'an' if noun[:1] in 'aeiouAEIO' else 'a'} {noun}"


def words(text: str) -> list[str]:
    """The folded words of *text*, for full-text search.

    >>> words("EU-IOM Joint Initiative")
    ['eu', 'iom', 'joint', 'initiative']
    """
    return _regex(r"\w+").findall(fold(text))


def plural(n: int, noun: str) -> str:
    """*n* and the noun, in the plural unless *n* is one.

    >>> plural(1, "entity"), plural(3, "entity"), plural(0, "programme")
    ('1 entity', '3 entities', '0 programmes')
    """
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def and_join(items: Sequence[str]) -> str:
    """A list in prose.

    >>> and_join(["a"]), and_join(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def suggest(word: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The candidates closest to *word*, best first: the one "did you mean" of eucoop.

    >>> suggest("obsrever", ["observer", "member"])
    ['observer']
    """
    import difflib  # noqa: PLC0415 - only needed when something is wrong

    pool = candidates if isinstance(candidates, list) else list(candidates)
    return difflib.get_close_matches(word, pool, n=n, cutoff=cutoff)


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """``" (did you mean 'x'?)"`` for the closest candidate, or nothing.

    >>> did_you_mean("nmae", ["name", "id"])
    " (did you mean 'name'?)"
    """
    close = suggest(word, candidates, 1, cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""
