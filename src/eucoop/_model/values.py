"""Value types: money, citations, documents, participation, sessions.

Partial dates are in :mod:`eucoop._model.dates`; ``PartialDate`` and
``DateLike`` are named here too, for the classes that use them.

Everything here is immutable and hashable. What each field is beyond its type
(a reference, a pattern, a label...) is declared on the field with
:func:`~eucoop._model.fields.meta`.
"""

import re
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation

import attrs

from eucoop._arguments import string, wrong_type
from eucoop._exceptions import CurrencyMismatchError
from eucoop._model.dates import DateLike, PartialDate, query_date
from eucoop._model.enums import PolicyArea, PublisherKind, Role, Standing
from eucoop._model.fields import PATTERNS, meta
from eucoop._model.spans import Status, status
from eucoop._model.typecheck import int_problem, loader_checked, typed
from eucoop._render import html, summary

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
    "amount_of",
    "amount_problem",
]


#: The largest exponent an amount may have either way: the bounds of Python's default
#: decimal context, so that writing an amount out in digits (``format(a, "f")``: exports,
#: ``to_dict``) never makes a string much longer than the amount as given.
EXPONENT_MAX = 999_999


def amount_problem(amount: Decimal, shown: str | None = None) -> str | None:
    """Why *amount* cannot be an amount of money, or None: the one rule of every amount.

    An amount is finite and not negative: no minus sign, not even on zero
    (``Decimal("-0")``, as ``"-0"`` in a data file), and its exponent is
    within ``±EXPONENT_MAX``. *shown* is how to quote it (default ``str(amount)``).

    >>> amount_problem(Decimal("12.50")) is None
    True
    >>> amount_problem(Decimal("-0"))
    'amount must not be negative: -0'
    """
    if shown is None:
        shown = str(amount)
    if not amount.is_finite():
        return f"amount must be finite, not {shown}"
    if amount.is_signed():
        return f"amount must not be negative: {shown}"
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and not -EXPONENT_MAX <= exponent <= EXPONENT_MAX:
        return f"amount is out of range: {shown} (its exponent must be within ±{EXPONENT_MAX})"
    return None


def _check_amount(_inst: object, _attr: object, value: Decimal) -> None:
    if loader_checked():
        return
    if not isinstance(value, Decimal):
        raise wrong_type("amount", "a Decimal", value)
    problem = amount_problem(value)
    if problem is not None:
        raise ValueError(problem)


_AMOUNT_RE = re.compile(f"-?{PATTERNS['amount']}")


def amount_of(value: str | int) -> Decimal:
    """The :class:`~decimal.Decimal` an amount of a data file means, by the files' grammar.

    Digits with an optional decimal point and digits (``"1000"``, ``"12.50"``),
    or an integer within 64 bits; nothing else: no exponent, underscore, plus
    sign or space. A minus sign is read only to say that an amount must not be
    negative (``"-0"`` included), by the rule of every amount,
    :func:`amount_problem`. The loader reads amounts with it too, so a data
    file and :meth:`Money.parse` take and refuse the same amounts, with the
    same message.

    >>> amount_of("12.50"), amount_of(1000)
    (Decimal('12.50'), Decimal('1000'))
    >>> amount_of("1e3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: '1e3' is not written as an amount: digits, with an optional decimal point...
    >>> amount_of("-0")
    Traceback (most recent call last):
    ...
    ValueError: amount must not be negative: '-0'
    """
    if type(value) is int:
        problem = int_problem(value)
        if problem is not None:
            raise ValueError(problem)
        amount = Decimal(value)
    elif type(value) is not str:
        raise wrong_type("amount", "a decimal string or an integer", value)
    elif _AMOUNT_RE.fullmatch(value) is not None:
        amount = Decimal(value)
    else:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            msg = f"{value!r} is not a decimal number"
            raise ValueError(msg) from None
        if amount.is_finite():
            msg = (
                f"{value!r} is not written as an amount: digits, with an optional decimal "
                'point and digits (like "1000" or "12.50"), nothing else'
            )
            raise ValueError(msg)
    problem = amount_problem(amount, repr(value))
    if problem is not None:
        raise ValueError(problem)
    return amount


_CURRENCY = re.compile(PATTERNS["currency"]).fullmatch


def _check_currency(_inst: object, _attr: object, value: str) -> None:
    """The shape of a currency code; the loader checks it against the ISO 4217 list too."""
    if loader_checked():
        return
    if not isinstance(value, str) or not _CURRENCY(value):
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


@attrs.frozen(repr=False, field_transformer=typed)
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
        """Build from an amount as data files write it: a decimal string or an integer.

        The grammar is the data files' own (see ``amount_of``): ``"1e3"``,
        ``"1_000"``, ``" 12 "`` or ``"-0"`` are refused here as they are in a
        file, with the same message.
        """
        return cls(amount=amount_of(amount), currency=currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,f}"  # digits, never an exponent (1E+3)

    def __add__(self, other: object) -> "Money":
        """The sum of two amounts in one currency, exact to the last digit.

        Two currencies are a :class:`~eucoop.CurrencyMismatchError` (a
        :class:`ValueError`): eucoop knows no exchange rates. ``sum()`` works on
        amounts of one currency (its start, ``0``, is taken as no amount).

        >>> Money.parse("12.50", "EUR") + Money.parse("1000", "EUR")
        Money(amount=Decimal('1012.50'), currency='EUR')
        >>> sum([Money.parse("1", "EUR"), Money.parse("2", "EUR")])
        Money(amount=Decimal('3'), currency='EUR')
        >>> try:
        ...     Money.parse("1", "EUR") + Money.parse("1", "USD")
        ... except ValueError as error:
        ...     print(type(error).__name__, error.currencies)
        CurrencyMismatchError ('EUR', 'USD')
        """
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency)
        return Money(amount=_exact_sum(self.amount, other.amount), currency=self.currency)

    def __radd__(self, other: object) -> "Money":
        if type(other) is int and other == 0:  # sum()'s start
            return self
        return NotImplemented


def _exact_sum(a: Decimal, b: Decimal) -> Decimal:
    """``a + b`` with every digit kept, whatever the thread's decimal context says.

    A context of its own, precise enough for both amounts (the default one
    rounds to 28 digits), not the thread's.
    """
    low = min(int(a.as_tuple().exponent), int(b.as_tuple().exponent))
    high = max(a.adjusted(), b.adjusted()) + 2
    context = Context(prec=max(high - low, 1), Emax=MAX_EMAX, Emin=MIN_EMIN)
    return context.add(a, b)


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
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
        string(field, "field", "a field name")
        return any(field == f or field.startswith((f + ".", f + "[")) for f in self.fields)


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
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


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
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
    #: The agreement or policy framework under which it takes part, where a source says so.
    framework: str | None = attrs.field(
        default=None, metadata=meta(refers_to="agreements", label="under")
    )

    def active_on(self, date: DateLike) -> bool:
        """Whether the participation had certainly begun, and certainly not ended, on *date*.

        ``until`` is the last day it still held (inclusive); a partial *date*
        means its first day. Coarse dates make the days they span uncertain,
        and uncertain is not active: see :meth:`Registry.as_of`.
        """
        return status(self.since, self.until, query_date(date, "date").start) is Status.YES


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Session(Repr):
    """One meeting of a :class:`~eucoop.Dialogue`."""

    start: PartialDate
    end: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="start"))
    place: str | None = attrs.field(default=None, metadata=meta(search=1.0))
    note: str | None = attrs.field(default=None, metadata=meta(search=1.0))


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Partnership(Repr):
    """The EU's relationship with an organisation, as the EU describes it."""

    standing: Standing | None = None
    areas: frozenset[PolicyArea] = frozenset()
    since: PartialDate | None = None
    formalised_by: tuple[str, ...] = attrs.field(default=(), metadata=meta(refers_to="agreements"))
    summary: str | None = attrs.field(default=None, metadata=meta(search=2.0))
    sources: tuple[Source, ...] = attrs.field(default=(), metadata=meta(export="skip"))
