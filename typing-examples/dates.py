"""Partial dates: built from parts or an ISO string, compared with days."""

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

# Ordering takes partial dates, ISO strings and dates, from either side.
assert_type(d <= "2012-07-15", bool)
assert_type(d < dt.date(2012, 8, 1), bool)
assert_type(d >= PartialDate(2012), bool)
assert_type(dt.date(2012, 6, 30) < d, bool)
assert_type("2012-07-15" >= d, bool)

# Equality is between partial dates only: comparing with a string is flagged.
assert_type(d == PartialDate(2012, 7), bool)
d == "2012-07"  # type: ignore[comparison-overlap]

# Every query takes a DateLike.
when: DateLike = "2019-01"
reg = eucoop.load()
assert_type(reg.as_of(when), eucoop.Registry)
assert_type(reg.in_force(dt.date(2019, 1, 1)), eucoop.Results[eucoop.Agreement])
adopted = [a.adopted for a in reg.agreements if a.adopted is not None and a.adopted <= "2019-01-01"]
assert_type(adopted, list[PartialDate])

# What a type checker must refuse (checked, never run: each would raise).
if TYPE_CHECKING:
    # A string comes alone; parts are ints.
    PartialDate("2012", 7)  # type: ignore[call-overload]
    PartialDate(2012.0)  # type: ignore[call-overload]
    # Only dates order with dates.
    d < 2012  # type: ignore[operator]
