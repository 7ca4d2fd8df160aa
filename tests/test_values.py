"""The value types: PartialDate above all, then Money, Source, Participant and the enums."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eucoop import (
    Money,
    PartialDate,
    Participant,
    PolicyArea,
    Precision,
    Role,
    Session,
    Source,
    Standing,
)

from .strategies import partial_dates as dates_between


def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Any partial date, from year 1 to 9999, at any precision."""
    return dates_between(1, 9999)


class TestPartialDate:
    @pytest.mark.parametrize(
        ("text", "precision", "start", "end"),
        [
            ("2018", Precision.YEAR, dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
            ("2012-07", Precision.MONTH, dt.date(2012, 7, 1), dt.date(2012, 7, 31)),
            ("2012-02", Precision.MONTH, dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
            ("2013-02", Precision.MONTH, dt.date(2013, 2, 1), dt.date(2013, 2, 28)),
            ("2018-12-17", Precision.DAY, dt.date(2018, 12, 17), dt.date(2018, 12, 17)),
        ],
    )
    def test_parse(self, text: str, precision: Precision, start: dt.date, end: dt.date) -> None:
        d = PartialDate.parse(text)
        assert (d.precision, d.start, d.end, str(d)) == (precision, start, end, text)
        assert repr(d) == f"PartialDate({text!r})"

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2019-02-30", "day 30 is out of range"),
            ("2019-13", "month 13 is out of range"),
            ("2019-00", "month 0 is out of range"),
            ("0000", "year 0 is out of range"),
            ("2019-1", "is not an ISO date"),
            ("19", "is not an ISO date"),
            ("2019/07", "is not an ISO date"),
            ("2019-07-15T00:00", "is not an ISO date"),
            ("", "is not an ISO date"),
            (" 2019", "is not an ISO date"),
            ("\uff12\uff10\uff11\uff19", "is not an ISO date"),  # full-width digits
        ],
    )
    def test_parse_rejects(self, text: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            PartialDate.parse(text)

    def test_day_without_month(self) -> None:
        with pytest.raises(ValueError, match="a day needs a month"):
            PartialDate(2019, None, 5)

    @pytest.mark.parametrize("bad", [2019.0, True, b"2019"])
    def test_parts_must_be_ints(self, bad: object) -> None:
        with pytest.raises(TypeError, match="year must be an integer or an ISO date string, not"):
            PartialDate(bad)  # type: ignore[call-overload]

    @pytest.mark.parametrize("text", ["2018", "2012-07", "2018-12-17"])
    def test_from_its_iso_form(self, text: str) -> None:
        assert PartialDate(text) == PartialDate.parse(text)
        assert str(PartialDate(text)) == text

    def test_the_readme_example(self) -> None:
        d = PartialDate("2012-07")
        assert (d.year, d.month, d.day) == (2012, 7, None)
        assert d == PartialDate(2012, 7)

    def test_a_string_comes_alone(self) -> None:
        with pytest.raises(TypeError, match="a date string comes alone"):
            PartialDate("2012", 7)  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="a date string comes alone"):
            PartialDate("2012", day=7)  # type: ignore[call-overload]

    @pytest.mark.parametrize(
        ("text", "message"),
        [("2019-02-30", "day 30 is out of range"), ("2019-7", "is not an ISO date")],
    )
    def test_a_bad_string_is_refused_as_parse_refuses_it(self, text: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            PartialDate(text)

    def test_parse_needs_a_string(self) -> None:
        with pytest.raises(TypeError, match="text must be an ISO date string, not an int"):
            PartialDate.parse(2019)  # type: ignore[arg-type]

    def test_coerce(self) -> None:
        d = PartialDate(2019, 7)
        assert PartialDate.coerce(d) is d
        assert PartialDate.coerce(dt.date(2019, 7, 15)) == PartialDate(2019, 7, 15)
        assert PartialDate.coerce(dt.datetime(2019, 7, 15, 10, 30)) == PartialDate(2019, 7, 15)
        assert PartialDate.coerce("2019-07") == d
        with pytest.raises(TypeError, match="value must be a date, a PartialDate or an ISO date"):
            PartialDate.coerce(2019)  # type: ignore[arg-type]

    def test_contains(self) -> None:
        year = PartialDate.parse("2019")
        assert year.contains(dt.date(2019, 6, 1))
        assert year.contains("2019-07")
        assert year.contains(year)
        assert not PartialDate.parse("2019-07").contains(dt.date(2019, 6, 1))
        assert not PartialDate.parse("2019-07").contains("2019")

    def test_known_order(self) -> None:
        dates = [PartialDate.parse(s) for s in ("2019-07", "2018", "2019-01-05", "2019", "2019-01")]
        assert [str(d) for d in sorted(dates)] == [
            "2018",
            "2019",
            "2019-01",
            "2019-01-05",
            "2019-07",
        ]

    def test_comparison_with_other_types(self) -> None:
        """Partial dates and dates compare; anything else is left to the other side."""
        d = PartialDate(2019)
        assert d != PartialDate(2019, 1)
        assert d.__eq__("2019") is NotImplemented
        assert d != "2019"
        assert d != dt.date(2019, 1, 1)
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(d, op)(2019) is NotImplemented
            assert getattr(d, op)(None) is NotImplemented
            assert getattr(d, op)("2019") is NotImplemented
        with pytest.raises(TypeError):
            _ = d < 2019  # type: ignore[operator]

    def test_frozen_and_hashable(self) -> None:
        d = PartialDate(2019, 7)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            d.year = 2020  # type: ignore[misc]
        assert {d, PartialDate.parse("2019-07")} == {d}

    @given(partial_dates())
    def test_round_trip(self, d: PartialDate) -> None:
        assert PartialDate.parse(str(d)) == d
        assert PartialDate.parse(d.isoformat()).precision is d.precision
        assert PartialDate(str(d)) == d

    @given(partial_dates())
    def test_repr_pastes_back(self, d: PartialDate) -> None:
        assert eval(repr(d)) == d  # noqa: S307 - the point of the test

    @given(partial_dates())
    def test_span(self, d: PartialDate) -> None:
        assert d.start <= d.end
        assert d.contains(d.start)
        assert d.contains(d.end)
        assert d.contains(d)

    @given(partial_dates())
    def test_day_tuples_agree_with_dates(self, d: PartialDate) -> None:
        assert d.first_day() == (d.start.year, d.start.month, d.start.day)
        assert d.last_day() == (d.end.year, d.end.month, d.end.day)

    @given(partial_dates(), partial_dates())
    def test_order_agrees_with_first_days(self, a: PartialDate, b: PartialDate) -> None:
        if a < b:
            assert a.start <= b.start
        if a.start < b.start:
            assert a < b
        assert (a < b) + (a == b) + (a > b) == 1
        assert (a <= b) == (a < b or a == b)
        assert (a >= b) == (a > b or a == b)

    @given(partial_dates(), partial_dates())
    def test_containment_is_span_inclusion(self, a: PartialDate, b: PartialDate) -> None:
        assert a.contains(b) == (a.start <= b.start and b.end <= a.end)
        if a.contains(b) and b.contains(a):
            assert a == b

    @given(partial_dates(), partial_dates(), partial_dates())
    def test_order_is_transitive(self, a: PartialDate, b: PartialDate, c: PartialDate) -> None:
        if a <= b <= c:
            assert a <= c


def key(value: PartialDate | dt.date) -> tuple[int, int, int]:
    """Where a partial date or a date sorts: a date as the partial date of its day."""
    if isinstance(value, PartialDate):
        return (value.year, value.month or 0, value.day or 0)
    return (value.year, value.month, value.day)


def mixed() -> st.SearchStrategy[PartialDate | dt.date]:
    """A partial date or a datetime.date, often on the same day as another one."""
    days = st.dates(min_value=dt.date(2018, 12, 30), max_value=dt.date(2019, 1, 2))
    return st.one_of(partial_dates(), st.dates(), dates_between(2018, 2019), days)


class TestDatesAmongPartialDates:
    """A datetime.date compares exactly as the partial date of its day (issue 17)."""

    def test_a_mixed_list_sorts_in_the_order_of_partial_dates(self) -> None:
        day = dt.date(2019, 1, 1)
        dates: list[PartialDate | dt.date] = [PartialDate("2019-01-01"), day, PartialDate("2019")]
        assert sorted(dates) == [PartialDate("2019"), PartialDate("2019-01-01"), day]
        assert min(dates) is dates[2]
        assert max(dates) is dates[0]  # the first of the two that are equal
        pair: list[PartialDate | dt.date] = [day, PartialDate("2019")]
        assert max(pair) is day

    def test_a_date_is_the_partial_date_of_its_day(self) -> None:
        d = PartialDate("2012-07")
        day = dt.date(2012, 7, 1)
        assert d < day  # the month sorts before its first day, as before PartialDate(2012, 7, 1)
        assert not d >= day
        assert day > d
        assert d <= dt.date(2012, 7, 15) < PartialDate("2012-08")
        assert d != day
        assert PartialDate(2012, 7, 1) == day
        assert day == PartialDate(2012, 7, 1)
        assert PartialDate(2012, 7, 1) <= day <= PartialDate(2012, 7, 1)

    def test_equal_means_equal_hashes(self) -> None:
        day = dt.date(2019, 7, 15)
        assert hash(PartialDate("2019-07-15")) == hash(day)
        assert len({PartialDate("2019-07-15"), day}) == 1
        found: dict[PartialDate | dt.date, str] = {day: "found"}
        assert found[PartialDate("2019-07-15")] == "found"
        assert len({PartialDate("2019"), PartialDate(2019), PartialDate("2019-01")}) == 2

    @pytest.mark.parametrize(
        "other",
        [
            "2019",
            "2019-01-01",
            dt.datetime(2019, 1, 1),
            2019,
            2019.0,
            Decimal(2019),
            None,
            (2019, 1, 1),
        ],
        ids=repr,
    )
    def test_anything_else_is_no_date(self, other: object) -> None:
        """An ISO string is ambiguous ("2019": the year or its first day?), a datetime a moment."""
        d = PartialDate("2019-01-01")
        for op in ("<", "<=", ">", ">="):
            with pytest.raises(TypeError, match="not supported between instances of"):
                eval(f"d {op} other")  # noqa: S307 - every operator, from both sides
            with pytest.raises(TypeError, match="not supported between instances of"):
                eval(f"other {op} d")  # noqa: S307
        assert d != other
        assert other != d

    def test_sorting_and_filtering(self) -> None:
        dates = sorted(PartialDate(s) for s in ("2019-07", "2018", "2019", "2019-01-05"))
        assert [str(d) for d in dates if d >= PartialDate("2019")] == [
            "2019",
            "2019-01-05",
            "2019-07",
        ]
        assert [str(d) for d in dates if d < dt.date(2019, 1, 5)] == ["2018", "2019"]
        assert [str(d) for d in dates if d >= dt.date(2019, 1, 1)] == ["2019-01-05", "2019-07"]

    @given(mixed(), mixed())
    def test_a_total_order(self, a: PartialDate | dt.date, b: PartialDate | dt.date) -> None:
        assert (a < b) + (a == b) + (a > b) == 1
        assert (a == b) == (key(a) == key(b))
        assert (a < b) == (key(a) < key(b))
        assert (a <= b) == (a < b or a == b)
        assert (a >= b) == (a > b or a == b)
        assert (b > a) == (a < b)
        if a <= b <= a:
            assert a == b  # antisymmetric
            assert hash(a) == hash(b)

    @given(mixed(), mixed(), mixed())
    def test_transitive(
        self, a: PartialDate | dt.date, b: PartialDate | dt.date, c: PartialDate | dt.date
    ) -> None:
        if a <= b <= c:
            assert a <= c
        if a < b <= c:
            assert a < c
        if a == b == c:
            assert a == c

    @given(st.lists(mixed(), min_size=1, max_size=12))
    def test_sorted_min_and_max_of_a_mixed_list(self, dates: list[PartialDate | dt.date]) -> None:
        ordered = sorted(dates)
        by_key = sorted(dates, key=key)
        assert all(x is y for x, y in zip(ordered, by_key, strict=True))
        assert all(x <= y for x, y in itertools.pairwise(ordered))
        assert min(dates) is ordered[0]
        assert max(dates) == ordered[-1]
        assert key(max(dates)) == max(map(key, dates))
        assert sorted(dates, reverse=True) == ordered[::-1]

    @given(st.lists(partial_dates(), max_size=8), st.dates())
    def test_a_day_splits_sorted_dates(self, dates: list[PartialDate], day: dt.date) -> None:
        ordered = sorted(dates)
        before = [d < day for d in ordered]
        on_or_before = [d <= day for d in ordered]
        assert before == sorted(before, reverse=True)  # all True, then all False
        assert on_or_before == sorted(on_or_before, reverse=True)

    @given(partial_dates(), st.dates())
    def test_a_date_is_its_day_however_given(self, d: PartialDate, day: dt.date) -> None:
        for op in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__"):
            assert getattr(d, op)(day) == getattr(d, op)(PartialDate.coerce(day))
        # and on either side of the first day, the day compares as the first day does
        if d.start != day:
            assert (d < day) == (d.start < day)


class TestMoney:
    def test_str_and_parse(self) -> None:
        m = Money.parse("440000000", "EUR")
        assert m == Money(amount=Decimal(440000000), currency="EUR")
        assert str(m) == "EUR 440,000,000"
        assert Money.parse(12, "USD").amount == Decimal(12)

    def test_str_writes_digits_never_an_exponent(self) -> None:
        assert str(Money(Decimal("1E+3"), "EUR")) == "EUR 1,000"
        assert str(Money(Decimal("12.50"), "EUR")) == "EUR 12.50"

    @pytest.mark.parametrize(("text", "amount"), [("0.00", "0.00"), ("00", "0"), ("007", "7")])
    def test_parse_reads_the_grammar_of_data_files(self, text: str, amount: str) -> None:
        assert Money.parse(text, "EUR").amount.as_tuple() == Decimal(amount).as_tuple()

    @pytest.mark.parametrize(
        ("amount", "error", "message"),
        [
            (1.5, TypeError, "amount must be a decimal string or an integer, not a float"),
            (True, TypeError, "amount must be a decimal string or an integer, not a bool"),
            ("abc", ValueError, "not a decimal number"),
            ("-0", ValueError, "^amount must not be negative: '-0'$"),
            ("-0.0", ValueError, "^amount must not be negative: '-0.0'$"),
            ("-00", ValueError, "must not be negative"),
            ("-", ValueError, "'-' is not a decimal number"),
            (".5", ValueError, "'.5' is not written as an amount"),
            ("-NaN", ValueError, "must be finite"),
            ("-Infinity", ValueError, "must be finite"),
            (-1, ValueError, "^amount must not be negative: -1$"),
        ],
    )
    def test_parse_rejects(self, amount: object, error: type[Exception], message: str) -> None:
        with pytest.raises(error, match=message):
            Money.parse(amount, "EUR")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("amount", "currency", "message"),
        [
            (Decimal(-1), "EUR", "must not be negative"),
            (Decimal("-0"), "EUR", "^amount must not be negative: -0$"),
            (Decimal("-0.00"), "EUR", "must not be negative: -0.00"),
            (Decimal("NaN"), "EUR", "must be finite"),
            (Decimal("sNaN"), "EUR", "must be finite"),
            (Decimal("Infinity"), "EUR", "must be finite"),
            (Decimal("-Infinity"), "EUR", "must be finite"),
            (Decimal("1E+1000000"), "EUR", "out of range: 1E\\+1000000"),
            (Decimal("1E-1000000"), "EUR", "out of range"),
            (Decimal("0E+1000000000"), "EUR", "out of range"),
            (Decimal(1), "eur", "three-letter upper-case"),
            (Decimal(1), "EURO", "three-letter upper-case"),
        ],
    )
    def test_rejects(self, amount: Decimal, currency: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            Money(amount=amount, currency=currency)

    def test_amount_must_be_decimal(self) -> None:
        with pytest.raises(TypeError, match="must be a Decimal"):
            Money(amount=1.5, currency="EUR")  # type: ignore[arg-type]

    @given(st.decimals(min_value=0, allow_nan=False, allow_infinity=False, places=2))
    def test_any_non_negative_decimal(self, amount: Decimal) -> None:
        assert Money(amount=amount, currency="EUR").amount == amount


class TestSmallValues:
    def test_source_supports(self) -> None:
        s = Source(document="dg-home-io", paragraph=10, fields=("budget", "partnership"))
        assert s.supports("budget")
        assert s.supports("partnership.standing")
        assert Source(document="d", fields=("participants",)).supports("participants[0].since")
        assert not Source(document="d", fields=("participants",)).supports("participantsx")
        assert not s.supports("budget_line")
        assert not Source(document="d").supports("budget")

    def test_participant_active_on(self) -> None:
        p = Participant(
            organisation="eu",
            role=Role.OBSERVER,
            since=PartialDate(2019, 7),
            until=PartialDate(2021),
        )
        assert not p.active_on("2019-07-15")  # July 2019 is not over: not certain yet
        assert p.active_on("2019-08-01")
        assert p.active_on("2021-01-01")  # "until 2021": it held at least until 1 January
        assert not p.active_on("2021-06-01")  # uncertain
        assert not p.active_on("2022-01-01")
        exact = Participant(organisation="eu", role=Role.PARTY, until=PartialDate(2021, 6, 30))
        assert exact.active_on("2021-06-30")
        assert not exact.active_on("2021-07-01")
        assert Participant(organisation="eu", role=Role.PARTY).active_on(dt.date(1900, 1, 1))

    def test_enums_are_their_values(self) -> None:
        assert str(PolicyArea.REFUGEE_PROTECTION) == "refugee_protection"
        assert Role("observer") is Role.OBSERVER
        assert [s.value for s in Standing][:3] == ["principal", "key", "close"]
        with pytest.raises(ValueError, match="'boss' is not a valid Role"):
            Role("boss")


def test_small_values_keep_a_repr_that_pastes_back() -> None:
    """Entities, documents and partnerships get one-line reprs; these stay constructor-style."""
    values = [
        Money.parse("440000000", "EUR"),
        Source(document="dg-home-io", paragraph=10, fields=("budget",)),
        Participant(organisation="eu", role=Role.OBSERVER, since=PartialDate(2019, 7)),
        Session(start=PartialDate(2019, 7), place="Brussels"),
    ]
    names = {c.__name__: c for c in (Money, Decimal, Source, Participant, PartialDate, Session)}
    for value in values:
        text = repr(value).replace("<Role.OBSERVER: 'observer'>", "Role.OBSERVER")
        assert text.startswith(f"{type(value).__name__}(")
        assert eval(text, {**names, "Role": Role}) == value  # noqa: S307 - the point of the test
