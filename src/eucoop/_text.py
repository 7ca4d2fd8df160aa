"""Text folding for lookups and search: case-, accent- and spacing-insensitive keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["a", "fold", "loose", "words"]

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w+")


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
