"""Partial dates: built from parts or an ISO string, compared with dates and days."""

import datetime as dt
from typing import TYPE_CHECKING, assert_type

import eucoop
from eucoop import DateLike, PartialDate, Precision

# From its ISO form or from its parts.
assert_type(PartialDate("2012-07"), PartialDate)
assert_type(PartialDate(2012, 7), PartialDate)
assert_type(PartialDate(2012, month=7, day=15), PartialDate)
assert_type(PartialDate.parse("2018-12-17"), PartialDate)
assert_type(PartialDate.coerce(dt.date(2019, 7, 15)), PartialDate)

d = PartialDate("2012-07")
assert_type(d.start, dt.date)
assert_type(d.end, dt.date)
assert_type(d.precision, Precision)
assert_type(d.contains("2012-07-15"), bool)
assert_type(d.month, int | None)

# Ordering takes partial dates and dates (a date is the partial date of its day),
# from either side, so lists mixing them sort.
assert_type(d < dt.date(2012, 8, 1), bool)
assert_type(d >= PartialDate(2012), bool)
assert_type(dt.date(2012, 6, 30) < d, bool)
mixed: list[PartialDate | dt.date] = [d, dt.date(2012, 6, 30)]
assert_type(min(mixed), PartialDate | dt.date)
assert_type(d == PartialDate(2012, 7), bool)
assert_type(PartialDate(2012, 7, 1) == dt.date(2012, 7, 1), bool)

# Every query takes a DateLike.
when: DateLike = "2019-01"
reg = eucoop.load()
assert_type(reg.as_of(when), eucoop.Registry)
assert_type(reg.in_force(dt.date(2019, 1, 1)), eucoop.Results[eucoop.Agreement])
day = dt.date(2019, 1, 1)
adopted = [a.adopted for a in reg.agreements if a.adopted is not None and a.adopted <= day]
assert_type(adopted, list[PartialDate])

# What a type checker must refuse (checked, never run: each would raise).
if TYPE_CHECKING:
    # A string comes alone; parts are ints.
    PartialDate("2012", 7)  # type: ignore[call-overload]
    PartialDate(2012.0)  # type: ignore[call-overload]
    # Only dates order with dates: not a number, not an ISO string (write PartialDate("2012")).
    d < 2012  # type: ignore[operator]
    d <= "2012-07-15"  # type: ignore[operator]
    "2012-07-15" >= d  # type: ignore[operator]
