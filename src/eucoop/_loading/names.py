"""Lookup keys across records: no entity's lookups taken over by another's names.

A lookup tries the folded key of what it is asked (case, accents and spacing
aside), then its forgiving key (punctuation and a leading "the" aside too);
see :class:`eucoop._queries.lookup.Names`. The entities' keys come from the
model's :func:`~eucoop._model.key_names` (each name with its field's path), and
their keys from :func:`~eucoop._model.lookup_keys` and
:func:`~eucoop._model.loose_keys`, which these checks read too:

- two entities may not share a folded key: a lookup would find only one;
- two entities of different files may not share a forgiving key either. Any
  spelling of the one would find the other while it was loaded alone: a
  file loaded beside others never takes over, or makes ambiguous, a lookup
  that found an entity without it.

Two entities of one file may share a forgiving key ("U.N. Network" and
"UN-Network"): each is found by its own spelling, and a lookup by another
spelling of both raises :class:`~eucoop.AmbiguousLookupError`.
"""

from __future__ import annotations

from collections.abc import Iterable

from eucoop._exceptions import Problem
from eucoop._loading.converter import Located
from eucoop._model import Document, Entity, key_names, lookup_keys, loose_keys

__all__ = ["key_problems"]


def key_problems(records: Iterable[Located]) -> list[Problem]:
    """Names, acronyms and aliases a lookup would take for another entity's, or cannot find."""
    problems: list[Problem] = []
    owners: dict[str, Located] = {}  # forgiving key -> the first record with it
    shared: dict[str, list[Located]] = {}  # forgiving key -> all records with it, when several
    setdefault = owners.setdefault
    for rec in records:
        ent = rec.value
        if type(ent) is Document:
            continue
        assert isinstance(ent, Entity)  # noqa: S101 - records hold entities and documents
        for i, key in enumerate(loose_keys(ent)):
            if not key.strip("_ "):  # no letter or digit: a forgiving key is words and spaces
                text = key_names(ent)[i][1]
                if text.strip():  # a blank one is its field's rule
                    message = f"{text!r} has no letter or digit to look it up by"
                    problems.append(_problem(rec, i, message))
                continue
            owner = setdefault(key, rec)
            if owner is not rec and owner.value.id != ent.id:  # the rare path
                holders = shared.setdefault(key, [owner])
                problem = _clash(rec, i, key, holders)
                holders.append(rec)
                if problem is not None:
                    problems.append(problem)
    return problems


def _clash(rec: Located, i: int, key: str, holders: list[Located]) -> Problem | None:
    """The *i*-th key of *rec*, whose forgiving key *holders* have already, if refused."""
    ent = rec.value
    assert isinstance(ent, Entity)  # noqa: S101 - only entities have keys
    folded = lookup_keys(ent)[i]
    found: tuple[Located, int] | None = None
    for holder in holders:
        other = holder.value
        assert isinstance(other, Entity)  # noqa: S101
        if other.id == ent.id:
            continue
        same = [j for j, k in enumerate(loose_keys(other)) if k == key]
        exact = [j for j in same if lookup_keys(other)[j] == folded]
        if exact:
            found = holder, next((j for j in exact if j), exact[0])  # a name before the id
            break
        if found is None and holder.file != rec.file:
            found = holder, next((j for j in same if j), same[0])  # a name before the id
    if found is None:
        return None  # shared within one file: an ambiguous lookup, not a silent one
    holder, j = found
    other = holder.value
    assert isinstance(other, Entity)  # noqa: S101
    other_path, other_text = key_names(other)[j]
    message = (
        f"lookup key {key_names(ent)[i][1]!r} is already a name of {other.id!r} "
        f"({holder.at}.{other_path})"
    )
    if lookup_keys(other)[j] != folded:
        message += f", as {other_text!r}: lookups ignore punctuation and a leading 'the'"
    return _problem(rec, i, message)


def _problem(rec: Located, i: int, message: str) -> Problem:
    """A problem at the field of the *i*-th key of *rec*."""
    ent = rec.value
    assert isinstance(ent, Entity)  # noqa: S101 - only entities have keys
    return Problem(rec.file, f"{rec.path}.{key_names(ent)[i][0]}", message)
