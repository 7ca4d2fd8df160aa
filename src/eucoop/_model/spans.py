"""Whether something held on a day: yes, no, or the data cannot tell.

The time rules, stated once; the model's ``active_on`` and every time query
read them.

- A day is a point; a partial date spans the days it may mean, from its first
  to its last.
- An event dated *d* had certainly happened by a day on or after *d*'s last
  day, certainly not before *d*'s first, and *uncertainly* in between.
- An end date is the last day on which the thing still held.
- Something whose start is not known is :attr:`Status.UNKNOWN` before its
  first dated fact (any date it holds: it existed then), uncertain within
  that fact's date, and certain from its last day: the data never says it
  did not exist, and never that it existed all along.
"""

from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING

from eucoop._model.dates import PartialDate
from eucoop._model.fields import fields_of

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["Status", "dates_in", "existence", "happened_by", "status"]


class Status(Enum):
    """Whether something held (had happened, was going on) on a given day."""

    #: Certainly not.
    NO = 0
    #: Its dates are too coarse to tell: the day falls inside a partial date.
    UNCERTAIN = 1
    #: Its start is not known and the day comes before anything the data dates.
    UNKNOWN = 2
    #: Certainly.
    YES = 3

    @property
    def answer(self) -> bool | None:
        """``True``, ``False``, or ``None`` when the data cannot tell."""
        return True if self is Status.YES else False if self is Status.NO else None


def happened_by(date: PartialDate, day: "dt.date") -> Status:
    """Whether an event dated *date* had certainly, possibly or not happened by *day*."""
    if date.end <= day:
        return Status.YES
    if date.start <= day:
        return Status.UNCERTAIN
    return Status.NO


def status(start: PartialDate | None, end: PartialDate | None, day: "dt.date") -> Status:
    """Whether something of what an entity holds (a participation...) held on *day*.

    It runs from *start* to *end* (its last day); with no *start*, from
    whenever the entity holding it did.

    >>> import datetime as dt
    >>> status(PartialDate("2017"), None, dt.date(2017, 6, 1))
    <Status.UNCERTAIN: 1>
    """
    return _until(Status.YES if start is None else happened_by(start, day), end, day)


def existence(
    start: PartialDate | None,
    end: PartialDate | None,
    day: "dt.date",
    facts: Iterable[PartialDate] = (),
) -> Status:
    """Whether an entity that began at *start* and ended at *end* existed on *day*.

    With no *start*, the earliest of its dated *facts* shows it existed by
    then; before that it is :attr:`Status.UNKNOWN`, never :attr:`Status.NO`.

    >>> import datetime as dt
    >>> existence(None, None, dt.date(1900, 1, 1), [PartialDate("2019")])
    <Status.UNKNOWN: 2>
    >>> existence(None, None, dt.date(2020, 1, 1), [PartialDate("2019")])
    <Status.YES: 3>
    """
    if start is not None:
        begun = happened_by(start, day)
    else:
        first = min(facts, default=None)
        begun = Status.UNKNOWN if first is None else happened_by(first, day)
        if begun is Status.NO:  # before anything it dates: not known, never "did not exist"
            begun = Status.UNKNOWN
    return _until(begun, end, day)


def _until(begun: Status, end: PartialDate | None, day: "dt.date") -> Status:
    """*begun*, with what an *end* (the last day it held) says on *day*."""
    if end is None or begun is Status.NO or day <= end.start:
        return begun
    if day > end.end:
        return Status.NO
    return Status.UNKNOWN if begun is Status.UNKNOWN else Status.UNCERTAIN


def dates_in(value: object) -> Iterator[PartialDate]:
    """Every date a model value holds, its nested values' included, read from its fields.

    >>> from eucoop import Participant, Role
    >>> [str(d) for d in dates_in(Participant(organisation="eu", role=Role.OBSERVER,
    ...                                            since=PartialDate("2019-07")))]
    ['2019-07']
    """
    for f in fields_of(type(value)):
        found = getattr(value, f.name)
        for item in found if f.many else (found,):
            if type(item) is PartialDate:
                yield item
            elif f.nested is not None and item is not None:
                yield from dates_in(item)
