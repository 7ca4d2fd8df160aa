"""Value types: partial dates, money, citations, documents, participation, sessions.

Everything here is immutable and hashable. What each field is beyond its type
(a reference, a pattern, a label...) is declared on the field with
:func:`~eucoop._model.fields.meta`.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Union, overload

import attrs

from eucoop._model.enums import PolicyArea, Precision, PublisherKind, Role, Standing
from eucoop._model.fields import meta
from eucoop._render import html, summary

if TYPE_CHECKING:
    import datetime

__all__ = [
    "DateLike",
    "Document",
    "Money",
    "PartialDate",
    "Participant",
    "Partnership",
    "Repr",
    "Session",
    "Source",
]


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


def _check_amount(_inst: object, _attr: object, value: Decimal) -> None:
    if not isinstance(value, Decimal):
        msg = f"amount must be a Decimal, not {type(value).__name__}"
        raise TypeError(msg)
    if not value.is_finite():
        msg = f"amount must be finite, not {value}"
        raise ValueError(msg)
    if value < 0:
        msg = f"amount must not be negative: {value}"
        raise ValueError(msg)


_CURRENCY_RE = re.compile(r"[A-Z]{3}")


def _check_currency(_inst: object, _attr: object, value: str) -> None:
    if not isinstance(value, str) or not _CURRENCY_RE.fullmatch(value):
        msg = f"currency must be a three-letter upper-case ISO 4217 code, not {value!r}"
        raise ValueError(msg)


class Repr:
    """A ``repr`` shared by the model's attrs classes, and their HTML.

    The ``repr`` is attrs' own format, which pastes back, unless the display
    room registers a one-line summary of the type with
    :func:`eucoop._render.summary` (entities, documents and partnerships:
    ``<Organisation iom: International Organization for Migration (IOM)>``).
    ``_repr_html_`` asks :func:`eucoop._render.html`, where the display room
    registers a renderer per type.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        if summary.dispatch(type(self)) is not summary.dispatch(object):
            return summary(self)
        fields = attrs.fields(type(self))  # type: ignore[arg-type] # subclasses are attrs classes
        values = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in fields)
        return f"{type(self).__qualname__}({values})"

    def _repr_html_(self) -> str:
        return html(self)


@attrs.frozen(repr=False)
class Money(Repr):
    """An amount of money in an ISO 4217 currency.

    Amounts are :class:`~decimal.Decimal`, never binary floats, and never negative.

    >>> Money.parse("440000000", "EUR")
    Money(amount=Decimal('440000000'), currency='EUR')
    >>> str(Money.parse("440000000", "EUR"))
    'EUR 440,000,000'
    """

    amount: Decimal = attrs.field(validator=_check_amount)
    currency: str = attrs.field(
        validator=_check_currency, metadata=meta(pattern="currency", codes="currencies")
    )

    @classmethod
    def parse(cls, amount: str | int, currency: str) -> "Money":
        """Build from a decimal string or an integer (never a float)."""
        if isinstance(amount, bool) or not isinstance(amount, str | int):
            msg = f"amount must be a decimal string or an integer, not {type(amount).__name__}"
            raise TypeError(msg)
        try:
            value = Decimal(amount)
        except InvalidOperation:
            msg = f"{amount!r} is not a decimal number"
            raise ValueError(msg) from None
        return cls(amount=value, currency=currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


@attrs.frozen(kw_only=True, repr=False)
class Source(Repr):
    """A citation: a paragraph of a :class:`Document` (or the whole document).

    ``fields`` names the entity fields the citation supports; empty means the
    entity as a whole.

    >>> Source(document="dg-home-io", paragraph=10, fields=("budget",))
    Source(document='dg-home-io', paragraph=10, fields=('budget',))
    """

    document: str = attrs.field(metadata=meta(refers_to="documents"))
    paragraph: int | None = attrs.field(default=None, metadata=meta(minimum=1))
    fields: tuple[str, ...] = ()

    def supports(self, field: str) -> bool:
        """Whether this citation names *field* or a part of it.

        ``"budget"``, ``"partnership.since"``, ``"participants[0].since"``: a
        citation naming ``"participants"`` supports the last.
        """
        return any(field == f or field.startswith((f + ".", f + "[")) for f in self.fields)


@attrs.frozen(kw_only=True, repr=False)
class Document(Repr):
    """A public document that the dataset cites.

    The source page itself is the document with id ``dg-home-io``.
    ``publisher_kind`` says who stands behind it (see :class:`~eucoop.PublisherKind`);
    it is optional in a data file, and every packaged document has one.
    """

    id: str = attrs.field(metadata=meta(pattern="id"))
    title: str = attrs.field(metadata=meta(nonempty=True))
    publisher: str
    publisher_kind: PublisherKind | None = attrs.field(
        default=None, metadata=meta(label="kind of publisher")
    )
    url: str | None = attrs.field(default=None, metadata=meta(pattern="url", label="URL"))
    paragraphs: int | None = attrs.field(default=None, metadata=meta(minimum=1))
    language: str | None = None
    accessed: PartialDate | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Participant(Repr):
    """An organisation taking part in something, in one role, possibly for a time.

    >>> seat = Participant(organisation="eu", role=Role.OBSERVER, since=PartialDate(2019, 7))
    >>> seat.role, seat.since
    (<Role.OBSERVER: 'observer'>, PartialDate('2019-07'))
    """

    organisation: str = attrs.field(metadata=meta(refers_to="organisations"))
    role: Role
    since: PartialDate | None = None
    until: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="since"))
    note: str | None = attrs.field(default=None, metadata=meta(search=1.0))

    def active_on(self, date: DateLike) -> bool:
        """Whether the participation had certainly begun, and certainly not ended, on *date*.

        ``until`` is the last day it still held (inclusive); a partial *date*
        means its first day. Coarse dates make the days they span uncertain,
        and uncertain is not active: see :meth:`Registry.as_of`.
        """
        day = PartialDate.coerce(date).start
        if self.since is not None and self.since.end > day:
            return False
        return self.until is None or day <= self.until.start


@attrs.frozen(kw_only=True, repr=False)
class Session(Repr):
    """One meeting of a :class:`~eucoop.Dialogue`."""

    start: PartialDate
    end: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="start"))
    place: str | None = attrs.field(default=None, metadata=meta(search=1.0))
    note: str | None = attrs.field(default=None, metadata=meta(search=1.0))


@attrs.frozen(kw_only=True, repr=False)
class Partnership(Repr):
    """The EU's relationship with an organisation, as the EU describes it."""

    standing: Standing | None = None
    areas: frozenset[PolicyArea] = frozenset()
    since: PartialDate | None = None
    formalised_by: tuple[str, ...] = attrs.field(default=(), metadata=meta(refers_to="agreements"))
    summary: str | None = attrs.field(default=None, metadata=meta(search=2.0))
    sources: tuple[Source, ...] = attrs.field(default=(), metadata=meta(export="skip"))
