"""What both load peers (``peer.py``, pydantic; ``peer_msgspec.py``, msgspec) check per value.

Beyond JSON types, eucoop checks id syntax, ISO date syntax and calendar
validity, codes in the ISO lists, non-negative amounts and counts; the peers
mirror these checks with the patterns and the calendar check here.
"""

from __future__ import annotations

import calendar

from synth import iso_codes

__all__ = ["COUNTRIES", "CURRENCIES", "DATE_PATTERN", "ID_PATTERN", "check_date"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
COUNTRIES, CURRENCIES = (tuple(codes) for codes in iso_codes())


def check_date(text: str) -> str:
    """Reject dates the calendar does not have (the pattern has checked the syntax)."""
    month = int(text[5:7]) if len(text) > 4 else None
    if month is not None and not 1 <= month <= 12:
        msg = f"month {month} is out of range 1..12"
        raise ValueError(msg)
    if len(text) > 7:
        year, day = int(text[:4]), int(text[8:10])
        assert month is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            msg = f"day {day} is out of range for {text[:7]}"
            raise ValueError(msg)
    if int(text[:4]) < 1:
        msg = "year 0 is out of range"
        raise ValueError(msg)
    return text
