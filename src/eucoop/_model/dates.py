"""Partial dates: calendar dates known to the year, the month or the day."""

import re
import sys
from typing import TYPE_CHECKING, Union, overload

import attrs

from eucoop._arguments import string, wrong_type
from eucoop._model.enums import Precision
from eucoop._render import html

if TYPE_CHECKING:
    import datetime

__all__ = ["DateLike", "PartialDate", "query_date"]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _parse_parts(text: str) -> tuple[int, int | None, int | None]:
    m = _DATE_RE.fullmatch(text)
    if m is None:
        msg = f"{text!r} is not an ISO date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        raise ValueError(msg)
    y, mo, d = m.groups()
    return int(y), None if mo is None else int(mo), None if d is None else int(d)


def _key_of(value: object) -> tuple[int, int, int] | None:
    """Where a :class:`datetime.date` sits among partial dates, or None for anything else.

    A date is its day, so it sits exactly where the partial date of that day
    does. A :class:`datetime.datetime` is a moment, not a day: it compares
    with a partial date no more than with a ``date`` (compare ``moment.date()``).
    """
    # No date exists before datetime is imported, and loading data never imports it
    # (exports compare dates with None, which must not import it either).
    dt = sys.modules.get("datetime")
    if dt is not None and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return (value.year, value.month, value.day)
    return None


def _check_date_parts(year: int, month: int | None, day: int | None) -> None:
    if type(year) is not int:
        raise wrong_type("year", "an integer or an ISO date string", year)
    for name, value in (("month", month), ("day", day)):
        if value is not None and type(value) is not int:
            raise wrong_type(name, "an integer or None", value)
    if not 1 <= year <= 9999:
        msg = f"year {year} is out of range 1..9999"
        raise ValueError(msg)
    if month is None:
        if day is not None:
            msg = "a day needs a month"
            raise ValueError(msg)
        return
    if not 1 <= month <= 12:
        msg = f"month {month} is out of range 1..12"
        raise ValueError(msg)
    if day is not None:
        last = _days_in(year, month)
        if not 1 <= day <= last:
            msg = f"day {day} is out of range for {year:04d}-{month:02d} (1..{last})"
            raise ValueError(msg)


@attrs.frozen(eq=False, order=False, init=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Build one from its parts or from its ISO form; the ``repr`` pastes back:

    >>> d = PartialDate("2012-07")
    >>> d == PartialDate(2012, 7) == PartialDate.parse("2012-07"), d
    (True, PartialDate('2012-07'))
    >>> d.precision, d.start, d.end
    (<Precision.MONTH: 'month'>, datetime.date(2012, 7, 1), datetime.date(2012, 7, 31))
    >>> str(d), d.contains("2012-07-15"), d.contains("2012")
    ('2012-07', True, False)

    Partial dates are totally ordered by their first day, a coarser date before
    a finer one that starts on the same day: ``2019 < 2019-01 < 2019-01-01 <
    2019-01-02``.

    A :class:`datetime.date` is a day, and compares exactly as the partial
    date of that day does: equal to it (with the same hash), after the
    coarser dates that start on it, so lists mixing both sort, and ``min``
    and ``max`` work on them, in the order of partial dates.

    >>> import datetime as dt
    >>> day, first = dt.date(2012, 7, 1), PartialDate("2012-07-01")
    >>> d < day, d == day, first == day, hash(first) == hash(day)
    (True, False, True, True)
    >>> sorted([PartialDate("2019-01-01"), dt.date(2019, 1, 1), PartialDate("2019")])
    [PartialDate('2019'), PartialDate('2019-01-01'), datetime.date(2019, 1, 1)]

    Anything else is no date here: an ISO string (``"2019"`` could mean the
    year or its first day) or a :class:`datetime.datetime` (a moment) is a
    ``TypeError`` to order against, and never equal. Write the partial date,
    ``d < PartialDate("2019")``, or the day, ``d < dt.date(2019, 1, 1)``.
    """

    year: int
    month: int | None
    day: int | None

    @overload
    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None: ...
    @overload
    def __init__(self, year: str, /) -> None: ...
    def __init__(self, year: int | str, month: int | None = None, day: int | None = None) -> None:
        """From its parts, ``PartialDate(2012, 7)``, or its ISO form, ``PartialDate("2012-07")``."""
        if isinstance(year, str):
            if month is not None or day is not None:
                msg = "a date string comes alone: PartialDate('2012-07') or PartialDate(2012, 7)"
                raise TypeError(msg)
            year, month, day = _parse_parts(year)
        _check_date_parts(year, month, day)
        self.__attrs_init__(year, month, day)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        >>> PartialDate.parse("2018-12-17")
        PartialDate('2018-12-17')
        >>> PartialDate.parse("2019-02-30")
        Traceback (most recent call last):
        ...
        ValueError: day 30 is out of range for 2019-02 (1..28)
        """
        return cls(*_parse_parts(string(text, "text", "an ISO date string")))

    @classmethod
    def coerce(cls, value: "DateLike") -> "PartialDate":
        """Turn a :class:`datetime.date`, a :class:`PartialDate` or an ISO string into one.

        >>> import datetime as dt
        >>> PartialDate.coerce(dt.date(2019, 7, 15))
        PartialDate('2019-07-15')
        """
        return query_date(value, "value")

    @property
    def precision(self) -> Precision:
        """``year``, ``month`` or ``day``."""
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def start(self) -> "datetime.date":
        """The first day this date can mean."""
        import datetime as dt  # noqa: PLC0415 - loading data never needs datetime

        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> "datetime.date":
        """The last day this date can mean."""
        import datetime as dt  # noqa: PLC0415 - loading data never needs datetime

        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, _days_in(self.year, self.month))
        return dt.date(self.year, self.month, self.day)

    def contains(self, other: "DateLike") -> bool:
        """Whether every day of *other* falls within this date.

        >>> import datetime as dt
        >>> PartialDate(2019).contains(dt.date(2019, 6, 1))
        True
        """
        o = query_date(other, "other")
        return self.start <= o.start and o.end <= self.end

    def isoformat(self) -> str:
        """The ISO form, as :func:`str` gives it."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def first_day(self) -> tuple[int, int, int]:
        """:attr:`start` as ``(year, month, day)``, without building a date."""
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        """:attr:`end` as ``(year, month, day)``, without building a date."""
        month = self.month or 12
        return (self.year, month, self.day or _days_in(self.year, month))

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def _repr_html_(self) -> str:
        return html(self)

    # The total order of partial dates; a datetime.date is the partial date of its day.
    # Equality and the hash agree with it: the partial date of a day is equal to the
    # date, so it hashes as the date does (a dict or set finds one by the other).

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PartialDate):
            return self._key() == other._key()
        key = _key_of(other)
        return NotImplemented if key is None else self._key() == key

    def __hash__(self) -> int:
        if self.day is None:
            return hash((self.year, self.month))
        return hash(self.start)

    def __lt__(self, other: "PartialDate | datetime.date") -> bool:
        if isinstance(other, PartialDate):
            return self._key() < other._key()
        key = _key_of(other)
        return NotImplemented if key is None else self._key() < key

    def __le__(self, other: "PartialDate | datetime.date") -> bool:
        if isinstance(other, PartialDate):
            return self._key() <= other._key()
        key = _key_of(other)
        return NotImplemented if key is None else self._key() <= key

    def __gt__(self, other: "PartialDate | datetime.date") -> bool:
        if isinstance(other, PartialDate):
            return self._key() > other._key()
        key = _key_of(other)
        return NotImplemented if key is None else self._key() > key

    def __ge__(self, other: "PartialDate | datetime.date") -> bool:
        if isinstance(other, PartialDate):
            return self._key() >= other._key()
        key = _key_of(other)
        return NotImplemented if key is None else self._key() >= key


DateLike = Union["datetime.date", PartialDate, str]
"""What a query accepts wherever it takes a date."""


def query_date(value: DateLike, argument: str) -> PartialDate:
    """A query's date *argument* as a partial date: :meth:`PartialDate.coerce`, naming it.

    >>> query_date(None, "active_on")
    Traceback (most recent call last):
    ...
    TypeError: active_on must be a date, a PartialDate or an ISO date string, not None
    """
    import datetime as dt  # noqa: PLC0415 - loading data never needs datetime

    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.parse(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    raise wrong_type(argument, "a date, a PartialDate or an ISO date string", value)
