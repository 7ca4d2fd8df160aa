"""Text helpers shared by lookups, search, checks and output.

Folding (case-, accent- and spacing-insensitive keys), words for search, the
one "did you mean" (:func:`suggest`) and a little English (:func:`a`,
:func:`plural`, :func:`and_join`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["a", "and_join", "did_you_mean", "fold", "loose", "plural", "suggest", "words"]

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w+")
#: :func:`loose` for ASCII text: what ``[^\w]`` matches becomes a space (full stops go).
_ASCII_NON_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or c == ord("_")))
_ASCII_LOOSE = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))


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
    if text.isascii():  # the common case: the same key, three times quicker
        raw = text.encode().lower().translate(_ASCII_LOOSE, b".")
        return " ".join(raw.decode().split()).removeprefix("the ")
    key = fold(text).replace(".", "")
    key = _SPACE.sub(" ", _NON_WORD.sub(" ", key)).strip()
    return key.removeprefix("the ")


def a(noun: str) -> str:
    """The noun with its indefinite article.

    >>> a("organisation"), a("programme")
    ('an organisation', 'a programme')
    """
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def words(text: str) -> list[str]:
    """The folded words of *text*, for full-text search.

    >>> words("EU-IOM Joint Initiative")
    ['eu', 'iom', 'joint', 'initiative']
    """
    return _WORD.findall(fold(text))


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
