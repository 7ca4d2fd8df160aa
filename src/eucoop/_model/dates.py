"""Partial dates: calendar dates known to the year, the month or the day."""

import re
from typing import TYPE_CHECKING, Union, overload

import attrs

from eucoop._model.enums import Precision

if TYPE_CHECKING:
    import datetime

__all__ = ["DateLike", "PartialDate"]


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


def _first_day_of(value: object) -> tuple[int, int, int] | None:
    """The first day of a query date (an ISO string or a date), or None for anything else."""
    if isinstance(value, str):
        return PartialDate.parse(value).first_day()
    import datetime as dt  # noqa: PLC0415 - loading data never needs datetime

    if isinstance(value, dt.date):
        return (value.year, value.month, value.day)
    return None


def _check_date_parts(year: int, month: int | None, day: int | None) -> None:
    for name, value in (("year", year), ("month", month), ("day", day)):
        if value is not None and (type(value) is not int):
            msg = f"{name} must be an int, not {type(value).__name__}"
            raise TypeError(msg)
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


@attrs.frozen(order=False, init=False)
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

    A partial date also compares with a :class:`datetime.date` or an ISO
    string, the way queries read them: the string or date is a *query date*,
    which means its first day, and the partial date is placed on its first
    day, as a timeline places it. So ``PartialDate("2012-07") <= "2012-07-15"``
    is true: July 2012 begins on or before 15 July 2012. It does not say
    that something dated July 2012 had certainly happened by the 15th (that
    is ``d.end <= day``, the rule of :meth:`Registry.as_of`).

    >>> import datetime as dt
    >>> d <= "2012-07-15", d >= "2012-07-15", d >= dt.date(2012, 7, 1), d < "2012-08"
    (True, False, True, True)

    Such comparisons agree with the order of partial dates (whatever is before
    a date that is on or before a day is itself before that day), but they
    compare days, not dates: ``PartialDate("2012-07")`` is both ``<=`` and
    ``>=`` ``"2012-07-01"``, yet equal only to another ``PartialDate("2012-07")``,
    never to a string or a :class:`datetime.date`.
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
        if not isinstance(text, str):
            msg = f"expected an ISO date string, not {type(text).__name__}"
            raise TypeError(msg)
        return cls(*_parse_parts(text))

    @classmethod
    def coerce(cls, value: "DateLike") -> "PartialDate":
        """Turn a :class:`datetime.date`, a :class:`PartialDate` or an ISO string into one.

        >>> import datetime as dt
        >>> PartialDate.coerce(dt.date(2019, 7, 15))
        PartialDate('2019-07-15')
        """
        import datetime as dt  # noqa: PLC0415 - loading data never needs datetime

        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return cls.parse(value)
        msg = f"expected a date, a PartialDate or an ISO string, not {type(value).__name__}"
        raise TypeError(msg)

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
        o = PartialDate.coerce(other)
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

    # Against another partial date, the total order; against an ISO string or a
    # datetime.date (a query date: its first day), this date's first day.

    def __lt__(self, other: "DateLike") -> bool:
        if isinstance(other, PartialDate):
            return self._key() < other._key()
        day = _first_day_of(other)
        return NotImplemented if day is None else self.first_day() < day

    def __le__(self, other: "DateLike") -> bool:
        if isinstance(other, PartialDate):
            return self._key() <= other._key()
        day = _first_day_of(other)
        return NotImplemented if day is None else self.first_day() <= day

    def __gt__(self, other: "DateLike") -> bool:
        if isinstance(other, PartialDate):
            return self._key() > other._key()
        day = _first_day_of(other)
        return NotImplemented if day is None else self.first_day() > day

    def __ge__(self, other: "DateLike") -> bool:
        if isinstance(other, PartialDate):
            return self._key() >= other._key()
        day = _first_day_of(other)
        return NotImplemented if day is None else self.first_day() >= day


DateLike = Union["datetime.date", PartialDate, str]
"""What a query accepts wherever it takes a date."""
