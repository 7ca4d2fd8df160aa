"""Sorting by a date that may be missing: :func:`by_date`."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from eucoop._arguments import flag, string
from eucoop._model import KINDS, Document, PartialDate, fields_of
from eucoop._text import and_join, did_you_mean

__all__ = ["DateKey", "by_date", "date_fields"]

#: What :func:`by_date` gives ``sorted`` to compare: missing or not, then the date's parts.
DateKey = tuple[int, int, int, int]


def date_fields() -> tuple[str, ...]:
    """The date fields :func:`by_date` sorts by: of every kind and documents, and of their records.

    A field of a record the entity holds one of is named with a dot
    (``"partnership.since"``).

    >>> "founded" in date_fields(), "partnership.since" in date_fields()
    (True, True)
    """
    return _date_fields(tuple(k.cls for k in KINDS.snapshot()))


@lru_cache(maxsize=4)
def _date_fields(classes: tuple[type, ...]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for cls in (*classes, Document):
        for f in fields_of(cls):
            if f.item is PartialDate and not f.many:
                found[f.name] = None
            elif f.nested is not None and not f.many:
                for g in fields_of(f.nested):
                    if g.item is PartialDate and not g.many:
                        found[f"{f.name}.{g.name}"] = None
    return tuple(found)


def by_date(field: str, *, newest_first: bool = False) -> Callable[[Any], DateKey]:
    """A key for :func:`sorted` that orders entities (or documents) by a date, missing ones last.

    *field* is a date field (``"founded"``, ``"adopted"``, ``"launched"``) or one
    of a record (``"partnership.since"``). Dates come in the order of partial
    dates (by their first day, a coarser date before a finer one that starts
    on it: ``2016`` before ``2016-12``), oldest first, or newest first with
    ``newest_first=True``. An entity without the date, because it is not
    known or because its kind has no such field, comes last either way (do
    not pass ``reverse=True`` to :func:`sorted`: that would put them first).
    A name that is no date field is a :class:`ValueError`.

    >>> import eucoop
    >>> orgs = eucoop.load().organisations
    >>> [o.id for o in sorted(orgs, key=eucoop.by_date("founded"))][:2]
    ['un-general-assembly', 'un']
    >>> newest = sorted(orgs, key=eucoop.by_date("founded", newest_first=True))
    >>> (newest[0].id, str(newest[0].founded)), newest[-1].founded
    (('un-network-on-migration', '2018'), None)
    """
    path = string(field, "field", "a field name (a string)")
    known = date_fields()
    if path not in known:
        msg = f"{path!r} is not a date field{did_you_mean(path, known)}; the date fields: "
        raise ValueError(msg + and_join(list(known)))
    head, _, tail = path.partition(".")
    sign = -1 if flag(newest_first, "newest_first") else 1

    def key(item: Any) -> DateKey:
        value = getattr(item, head, None)
        if tail and value is not None:
            value = getattr(value, tail, None)
        if not isinstance(value, PartialDate):
            return (1, 0, 0, 0)
        return (0, sign * value.year, sign * (value.month or 0), sign * (value.day or 0))

    return key
