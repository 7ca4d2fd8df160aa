"""Dates meet pandas and sorting; amounts of money add up."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Context, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import CurrencyMismatchError, Money, Organisation, PartialDate, Source, by_date
from eucoop._queries.tables import START, all_tables, first_day

from .strategies import partial_dates

PACKAGED = eucoop.load()

amounts = st.decimals(min_value=0, max_value=10**30, places=4, allow_nan=False)
exact = Context(prec=200)


# -- money --------------------------------------------------------------------------


@given(amounts, amounts, amounts)
def test_money_adds_exactly(a: Decimal, b: Decimal, c: Decimal) -> None:
    x, y, z = (Money(amount=v, currency="EUR") for v in (a, b, c))
    assert (x + y).amount == exact.add(a, b)
    assert (x + y).currency == "EUR"
    assert x + y == y + x
    assert (x + y) + z == x + (y + z)
    assert sum([x, y, z]) == x + y + z


def test_money_sum_keeps_every_digit() -> None:
    big = Money.parse("1" + "0" * 40, "EUR")
    tiny = Money.parse("0." + "0" * 30 + "1", "EUR")
    assert str((big + tiny).amount) == "1" + "0" * 40 + ".0" + "0" * 29 + "1"


def test_money_of_two_currencies_does_not_add() -> None:
    eur, usd = Money.parse("1", "EUR"), Money.parse("2", "USD")
    with pytest.raises(CurrencyMismatchError) as info:
        eur + usd
    assert isinstance(info.value, ValueError)
    assert info.value.currencies == ("EUR", "USD")
    assert "cannot add EUR and USD amounts" in str(info.value)
    again = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own
    assert (again.currencies, str(again)) == (info.value.currencies, str(info.value))
    with pytest.raises(CurrencyMismatchError):
        sum([eur, eur, usd])


def test_money_adds_only_money() -> None:
    eur = Money.parse("1", "EUR")
    with pytest.raises(TypeError):
        eur + 1
    with pytest.raises(TypeError):
        1 + eur
    with pytest.raises(TypeError):
        Decimal(1) + eur
    assert 0 + eur is eur
    assert sum([], Money.parse("0", "EUR")) == Money.parse("0", "EUR")


# -- sorting by a date --------------------------------------------------------------


def _org(ident: str, founded: PartialDate | None) -> Organisation:
    return Organisation(
        id=ident, name=ident, founded=founded, sources=(Source(document="dg-home-io"),)
    )


@given(st.lists(st.none() | partial_dates(), max_size=12), st.booleans())
def test_by_date_puts_missing_last(dates: list[PartialDate | None], newest: bool) -> None:
    orgs = [_org(f"o{i}", d) for i, d in enumerate(dates)]
    ordered = sorted(orgs, key=by_date("founded", newest_first=newest))
    present = [o.founded for o in ordered if o.founded is not None]
    assert present == sorted(present, reverse=newest)
    missing = [o for o in ordered if o.founded is None]
    assert ordered[len(present) :] == missing
    assert [o.id for o in missing] == [o.id for o in orgs if o.founded is None]  # stable


def test_by_date_on_mixed_kinds_and_records() -> None:
    everything = sorted(PACKAGED, key=by_date("founded"))
    founded = [e for e in everything if getattr(e, "founded", None) is not None]
    assert everything[: len(founded)] == founded  # other kinds have no founding: last
    partnership = eucoop.Partnership(since=PartialDate("2016-05"))
    orgs = [
        _org("a", None),
        attrs.evolve(_org("b", None), partnership=partnership),
        attrs.evolve(_org("c", None), partnership=eucoop.Partnership()),
        attrs.evolve(
            _org("d", None), partnership=attrs.evolve(partnership, since=PartialDate(2016))
        ),
    ]
    ordered = sorted(orgs, key=by_date("partnership.since"))
    assert [o.id for o in ordered] == ["d", "b", "a", "c"]
    docs = sorted(PACKAGED.documents, key=by_date("accessed", newest_first=True))
    assert docs[0].accessed == max(d.accessed for d in PACKAGED.documents if d.accessed)


def test_by_date_refuses_what_is_no_date_field() -> None:
    with pytest.raises(ValueError, match=r"'fonded' is not a date field \(did you mean 'founded'"):
        by_date("fonded")
    with pytest.raises(ValueError, match=r"the date fields: founded, partnership\.since"):
        by_date("name")
    with pytest.raises(TypeError, match="field"):
        by_date(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="newest_first"):
        by_date("founded", newest_first="yes")  # type: ignore[arg-type]


# -- datetime columns ---------------------------------------------------------------


@given(partial_dates(lo=1, hi=9999))
def test_first_day_is_the_start(date: PartialDate) -> None:
    assert first_day(date.isoformat()).date() == date.start


@pytest.mark.parametrize("name", list(all_tables()))
def test_every_dated_column_has_a_datetime_beside_it(name: str) -> None:
    import pandas as pd

    df = PACKAGED.to_dataframe(name)
    dated = [c.name for c in all_tables()[name].columns if c.dated]
    for column in dated:
        start = df[column + START]
        assert str(start.dtype) == "datetime64[s]"
        assert list(df.columns).index(column + START) == list(df.columns).index(column) + 1
        for text, day in zip(df[column], start, strict=True):
            if pd.isna(text):
                assert pd.isna(day)
            else:
                assert day.date() == PartialDate(str(text)).start
    extra = [c for c in df.columns if c.endswith(START)]
    assert extra == [c + START for c in dated]


def test_dates_of_the_tables() -> None:
    orgs = PACKAGED.to_dataframe("organisations")
    assert orgs.loc["ccpcj", "founded"] == "1992"
    assert orgs.loc["ccpcj", "founded_start"] == dt.datetime(1992, 1, 1)
    assert orgs["founded_start"].isna().sum() == orgs["founded"].isna().sum()
    assert orgs.sort_values("founded_start").index[0] == "un-general-assembly"
    programmes = PACKAGED.partners()[:3].to_dataframe()
    assert "partnership_since_start" in programmes.columns
    assert "first_day" in PACKAGED.timeline().to_dataframe().columns
    assert not [c for c in PACKAGED.timeline().to_dataframe().columns if c.endswith(START)]
    old = PartialDate(1500)
    frame = eucoop.Results([_org("old", old)]).to_dataframe()
    assert frame.loc["old", "founded_start"] == dt.datetime(1500, 1, 1)
