"""Text helpers shared by lookups, search, checks and output.

Folding (case-, accent- and spacing-insensitive keys), words for search, the
one "did you mean" (:func:`suggest`, and :class:`Nearby` for many questions
over many candidates), the one way a name is put in a message
(:func:`shown`) and a little English (:func:`a`, :func:`plural`,
:func:`and_join`).

Whatever a user types passes through here, so nothing here costs more than
linear time in the length of what it is given, and the caches hold only
short texts (at most :data:`NAME_MAX` characters), a bounded number of them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import filterfalse
from typing import ClassVar

__all__ = [
    "CONTROL",
    "STOPWORDS",
    "UNSHOWN",
    "Nearby",
    "a",
    "and_join",
    "did_you_mean",
    "fold",
    "loose",
    "plural",
    "shown",
    "stem",
    "suggest",
    "words",
]

#: The longest text treated as a name: folded texts up to this long are cached, and a
#: "did you mean" spells out the typos only of a word up to this long.
NAME_MAX = 200
#: How many folded texts are cached, each at most NAME_MAX characters long.
FOLDED_CACHED = 4096

#: :func:`loose` for ASCII text: what ``[^\w]`` matches becomes a space (full stops go).
_ASCII_NON_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or c == ord("_")))
_ASCII_LOOSE = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))


@lru_cache(maxsize=8)  # a few patterns, all written in this module
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
    if len(text) <= NAME_MAX:  # names repeat; a long text would only fill the cache
        return _fold_name(text)
    return _fold_unicode(text)


@lru_cache(maxsize=FOLDED_CACHED)
def _fold_name(text: str) -> str:
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(filterfalse(unicodedata.combining, text))  # accents dropped, in C
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


#: Words too common to search for: a query drops them, and so does the search index.
STOPWORDS = frozenset(
    (
        *("a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into"),
        *("is", "it", "its", "of", "on", "or", "the", "to", "with"),
    )
)
#: The shortest stem: a suffix is stripped only if this much of the word is left.
STEM_MIN = 3
#: Words longer than this are their own stem (no English word needs one), so stemming
#: costs at most a few steps over a short word, whatever a user types.
STEM_MAX = 40
#: Suffixes stripped, and what each becomes, tried in this order at each step.
_SUFFIXES = (
    ("ies", "i"),
    ("s", ""),
    ("e", ""),
    ("y", "i"),
    ("ing", ""),
    ("ed", ""),
    ("er", ""),
    ("ation", ""),
)


def stem(word: str) -> str:
    """A light English stem of a folded word, so that forms of one word meet in search.

    Strips plural and verb endings (-s, -es, -ies, -ing, -ed, -er, -ation, a final
    -e; a final -y after a consonant becomes -i) until none is left, keeping at least
    :data:`STEM_MIN` characters: the stem of a stem is itself.

    >>> [stem(w) for w in ("traffickers", "trafficking", "trafficked")]
    ['traffick', 'traffick', 'traffick']
    >>> [stem(w) for w in ("smuggling", "smugglers", "migrants", "policies", "policy")]
    ['smuggl', 'smuggl', 'migrant', 'polici', 'polici']
    """
    if len(word) > STEM_MAX:
        return word
    while True:
        for suffix, becomes in _SUFFIXES:
            if not word.endswith(suffix):
                continue
            base = word[: -len(suffix)]
            if len(base) + len(becomes) < STEM_MIN or len(base) < 2:
                continue
            if suffix == "s" and base.endswith("s"):  # "class", "process" keep theirs
                continue
            if suffix == "y" and base[-1] in "aeiou":  # "day", "key" keep theirs
                continue
            word = base + becomes
            break
        else:
            return word


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
    # Only candidates whose length leaves the two close enough: difflib's own first test
    # (real_quick_ratio), made before difflib reads the word, so that a word far longer
    # than every candidate costs nothing and difflib never compares it.
    size = len(word)
    pool = [
        c
        for c in candidates
        if not (size or c) or 2.0 * min(size, len(c)) / (size + len(c)) >= cutoff
    ]
    if not pool:
        return []
    import difflib  # noqa: PLC0415 - only needed when something is wrong

    return difflib.get_close_matches(word, pool, n=n, cutoff=cutoff)


def did_you_mean(word: str, candidates: Iterable[str] | Nearby, cutoff: float = 0.6) -> str:
    """``" (did you mean 'x'?)"`` for the closest candidate, or nothing.

    >>> did_you_mean("nmae", ["name", "id"])
    " (did you mean 'name'?)"
    """
    if isinstance(candidates, Nearby):
        close = candidates.suggest(word, 1, cutoff)
    else:
        close = suggest(word, candidates, 1, cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


#: The control characters (C0, DEL and C1: Unicode category Cc), as the inside of a
#: character class of a regular expression. Written as escapes, so that the JSON Schema's
#: patterns built from it (:data:`eucoop._model.fields.TEXT_PATTERN`) read the same.
CONTROL = r"\x00-\x1f\x7f-\x9f"

#: A control character or an unpaired surrogate: what no text of a data file may hold,
#: and what a message never shows raw. Control characters move a terminal's cursor or
#: break a line; a lone surrogate is not a Unicode character, and no encoding writes it.
UNSHOWN = rf"[{CONTROL}\ud800-\udfff]"


def shown(text: str) -> str:
    r"""*text* as a message shows it: control characters and lone surrogates as escapes.

    A file name that is not UTF-8 (``os.fsdecode(b"\xff.json")`` holds a lone
    surrogate) or a JSON key with a lone surrogate would make a message that no
    encoding can write, and a newline would break its line: every message
    eucoop builds passes the names in it through here.

    >>> shown("caf\u00e9\udcff.json"), shown("a\tb\n")
    ('café\\udcff.json', 'a\\x09b\\x0a')
    """
    if text.isprintable():  # the common case: nothing to escape
        return text
    return _regex(UNSHOWN).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class Nearby:
    """:func:`suggest` for many questions over many candidates, indexed once.

    Comparing a word with every candidate takes as long as there are
    candidates: a file with a thousand unknown ids among thousands took
    seconds to report. Up to :attr:`WHOLE` candidates are all compared, as
    :func:`suggest` compares them. Past that, a word is compared only with
    those a typo leaves close to it:

    - every candidate one typo away (a character added, dropped or changed,
      or two swapped), looked up by spelling out each such typo;
    - the :attr:`WIDTH` candidates either side of it in alphabetical order
      (typos late in a word keep its start), and the same read backwards
      (typos early in it keep its end).

    So whenever comparing with every candidate would suggest one a single
    typo away, this suggests the same, and a question costs about the same
    however many candidates there are. Spelling out a typo copies the word,
    so the typos are spelt out only for a word of up to :data:`NAME_MAX`
    characters, and only those that could give a candidate's length: a word
    longer than every candidate costs no more than reading it.

    >>> ids = Nearby(f"org-{i}" for i in range(3000))
    >>> ids.suggest("org-x17"), ids.suggest("prg-1234"), ids.suggest("org2345")
    (['org-17'], ['org-1234'], ['org-2345'])
    >>> ids.starting_with("org-299", 3)
    ['org-299', 'org-2990', 'org-2991']
    """

    #: Up to this many candidates, a word is compared with all of them.
    WHOLE: ClassVar[int] = 500
    #: Past that, with this many candidates either side of it in each order.
    WIDTH: ClassVar[int] = 32

    __slots__ = ("backward", "characters", "forward", "known", "lengths")

    def __init__(self, candidates: Iterable[str]) -> None:
        #: The candidates in alphabetical order.
        self.forward = sorted(set(candidates))
        #: Each candidate read from its end, in alphabetical order.
        self.backward = sorted(c[::-1] for c in self.forward)
        self.known = frozenset(self.forward)
        #: Every character of the candidates: what a typo may have replaced.
        self.characters = sorted(set("".join(self.forward)))
        #: The candidates' lengths: a typo leaves a word one shorter, as long or one longer.
        self.lengths = frozenset(map(len, self.forward))

    def __len__(self) -> int:
        return len(self.forward)

    def pool(self, word: str) -> list[str]:
        """The candidates worth comparing with *word*: all of them, or those a typo leaves near."""
        forward = self.forward
        if len(forward) <= self.WHOLE:
            return forward
        width = self.WIDTH
        i = bisect.bisect_left(forward, word)
        near = dict.fromkeys(forward[max(0, i - width) : i + width])
        backward = self.backward
        j = bisect.bisect_left(backward, word[::-1])
        near.update(dict.fromkeys(c[::-1] for c in backward[max(0, j - width) : j + width]))
        near.update(dict.fromkeys(self.one_typo_away(word)))
        return list(near)

    def one_typo_away(self, word: str) -> Iterator[str]:
        """The candidates one typo from *word*: a character added, dropped or changed, two swapped.

        >>> sorted(Nearby(["iom", "ilo", "unhcr", "oim"]).one_typo_away("imo"))
        ['ilo', 'iom']
        """
        size = len(word)
        lengths = self.lengths
        dropped = size + 1 in lengths  # spell out only typos that give a candidate's length
        added = size - 1 in lengths
        changed = size in lengths
        if size > NAME_MAX or not (dropped or added or changed):  # each typo copies the word
            return
        known = self.known
        characters = self.characters
        for k in range(size + 1):
            head, tail = word[:k], word[k:]
            if dropped:
                for c in characters:  # one dropped from the candidate
                    if head + c + tail in known:
                        yield head + c + tail
            if not tail:
                break
            rest = tail[1:]
            if added and head + rest in known:  # one added to it
                yield head + rest
            if changed:
                for c in characters:  # one changed
                    if head + c + rest in known:
                        yield head + c + rest
                if rest and head + rest[0] + tail[0] + rest[1:] in known:  # two swapped
                    yield head + rest[0] + tail[0] + rest[1:]

    def suggest(self, word: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """:func:`suggest` over the candidates near *word* (see :meth:`pool`)."""
        return suggest(word, self.pool(word), n, cutoff)

    def starting_with(self, prefix: str, n: int) -> list[str]:
        """The first *n* candidates, in alphabetical order, that begin with *prefix*."""
        i = bisect.bisect_left(self.forward, prefix)
        return [c for c in self.forward[i : i + n] if c.startswith(prefix)]
