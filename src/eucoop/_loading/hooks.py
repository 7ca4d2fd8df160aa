"""Strict structuring hooks for the value types: JSON in, model values out, or a plain error.

cattrs is lenient out of the box (``42`` becomes ``"42"``, ``"abc"`` becomes
``("a", "b", "c")``, ``1`` becomes ``True``); each hook here accepts exactly
one JSON type and says "expected ..., got ..." otherwise. The converter
(:mod:`eucoop._loading.converter`) registers them.
"""

import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from itertools import repeat
from typing import Any

import cattrs
from cattrs.cols import list_structure_factory

from eucoop._model import PartialDate
from eucoop._model.fields import INT_MAX, INT_MIN
from eucoop._model.typecheck import int_problem, text_problem
from eucoop._model.values import amount_of
from eucoop._text import did_you_mean

__all__ = [
    "DATES",
    "EXACT",
    "BigInt",
    "Invalid",
    "NonFinite",
    "WrongType",
    "enum_hook",
    "optional_factory",
    "sequence_factory",
    "structure_bool",
    "structure_date",
    "structure_decimal",
    "structure_int",
    "structure_str",
    "text_problem",
    "wrong",
]


class NonFinite:
    """What the JSON reader makes of ``NaN``, ``Infinity`` and ``-Infinity``.

    They are not JSON; keeping them as this marker lets the converter report
    them at their location rather than failing the whole file.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class BigInt:
    """What the JSON reader makes of an integer too long for any integer field.

    Python refuses to convert an integer of more than 4,300 digits, and no
    field holds one of more than 19: such integers stay this marker, reported
    at their location as out of range.
    """

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))

    def __repr__(self) -> str:
        return f"<an integer of {self.digits} digits>"


def parse_int(text: str) -> int | BigInt:
    """``json.loads``' ``parse_int``: integers of up to 20 characters, else :class:`BigInt`."""
    return int(text) if len(text) <= 20 else BigInt(text)


class Invalid(ValueError):
    """A value of the right JSON type but not a valid one; ``str()`` is the plain message."""


class WrongType(TypeError):
    """A value of the wrong JSON type; ``str()`` is the plain message."""


_JSON_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def json_type(value: object) -> str:
    if isinstance(value, BigInt):
        return "an integer"
    if isinstance(value, NonFinite):
        return f"{value.name} (not valid JSON)"
    return _JSON_NAMES.get(type(value), type(value).__name__)


def wrong(expected: str, value: object) -> WrongType:
    return WrongType(f"expected {expected}, got {json_type(value)}")


def valid_texts(values: Sequence[str]) -> bool:
    """Whether no text of *values* has a bad character (see :func:`text_problem`)."""
    return all(map(str.isprintable, values)) or not any(map(text_problem, values))


def _too_big(value: BigInt) -> Invalid:
    return Invalid(
        f"integer out of range: {value.digits} digits (must be from {INT_MIN} to {INT_MAX})"
    )


def structure_str(value: object, _t: object) -> str:
    if type(value) is not str:
        raise wrong("a string", value)
    if not value.isprintable():
        problem = text_problem(value)
        if problem is not None:
            raise Invalid(problem)
    return value


def structure_int(value: object, _t: object) -> int:
    if type(value) is not int:
        if type(value) is BigInt:
            raise _too_big(value)
        raise wrong("an integer", value)
    problem = int_problem(value)
    if problem is not None:
        raise Invalid(problem)
    return value


def valid_ints(values: Sequence[int]) -> bool:
    """Whether every integer of *values* is in range (see :func:`int_problem`)."""
    return not any(map(int_problem, values))


def structure_bool(value: object, _t: object) -> bool:
    if type(value) is not bool:
        raise wrong("true or false", value)
    return value


def _true(_values: Sequence[Any]) -> bool:
    return True


#: The hooks that accept exactly one Python type and return the value as it
#: is, with a check of a whole list of values of that type at once.
EXACT: dict[Callable[[Any, Any], Any], tuple[type, Callable[[Sequence[Any]], bool]]] = {
    structure_str: (str, valid_texts),
    structure_int: (int, valid_ints),
    structure_bool: (bool, _true),
}


def structure_decimal(value: object, _t: object) -> Decimal:
    if isinstance(value, NonFinite):
        msg = f"amount must be a finite number, not {value.name}"
        raise Invalid(msg)
    if type(value) is float:
        msg = 'amounts must be written as a string or an integer, not a binary float (write "1.5")'
        raise WrongType(msg)
    if type(value) is BigInt:
        raise _too_big(value)
    if type(value) is not str and type(value) is not int:
        raise wrong("a decimal string or an integer", value)
    try:
        return amount_of(value)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


#: Dates repeat: each is parsed once and the (immutable) result shared.
DATES: dict[str, PartialDate] = {}
DATES_MAX = 1 << 16


def structure_date(value: object, _t: object) -> PartialDate:
    date = DATES.get(value) if type(value) is str else None
    if date is not None:
        return date
    if type(value) is not str:
        raise wrong("an ISO date string (YYYY, YYYY-MM or YYYY-MM-DD)", value)
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        raise Invalid(f"invalid date: {exc}") from None
    if len(DATES) >= DATES_MAX:
        DATES.clear()
    DATES[value] = date
    return date


def optional_str(value: object, _t: object) -> str | None:
    if value is None or (type(value) is str and value.isprintable()):
        return value
    return structure_str(value, _t)


def optional_date(value: object, _t: object) -> PartialDate | None:
    return None if value is None else structure_date(value, _t)


def optional_int(value: object, _t: object) -> int | None:
    return None if value is None else structure_int(value, _t)


def optional_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``X | None`` with the hook for X looked up once, not on every value."""
    inner_t = next(a for a in typing.get_args(t) if a is not type(None))
    inner = conv.get_structure_hook(inner_t)

    quick = {str: optional_str, PartialDate: optional_date, int: optional_int}.get(inner_t)
    if quick is not None:
        return quick

    def structure(value: Any, _t: Any) -> Any:
        return None if value is None else inner(value, inner_t)

    return structure


def enum_hook(cls: type[Enum]) -> Callable[[object, object], Enum]:
    values = {m.value: m for m in cls}
    choices = sorted(values)

    def structure(value: object, _t: object) -> Enum:
        if type(value) is not str:
            raise wrong(f"one of the {cls.__name__} values", value)
        try:
            return values[value]
        except KeyError:
            hint = did_you_mean(value, choices)
            msg = f"{value!r} is not a {cls.__name__}{hint}; expected one of: {', '.join(choices)}"
            raise Invalid(msg) from None

    structure.members = values  # type: ignore[attr-defined] # for sequences of the enum
    return structure


def sequence_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Tuples and frozensets from JSON lists (only).

    Items whose hook only checks their exact type (strings, integers) are
    checked all at once, and enum items looked up all at once; anything else
    goes through its hook item by item. In detailed mode, a list that fails
    goes through cattrs' own list hook, which locates each bad item.
    """
    origin = typing.get_origin(t)
    inner_t = typing.get_args(t)[0]
    inner = conv.get_structure_hook(inner_t)
    exact, valid = ({EXACT[inner][0]}, EXACT[inner][1]) if inner in EXACT else (None, _true)
    members: dict[str, Any] | None = getattr(inner, "members", None)
    as_list: Any = list[inner_t]  # type: ignore[valid-type] # a type made at run time
    located = list_structure_factory(as_list, conv) if conv.detailed_validation else None

    def structure(value: Any, _t: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise wrong("a list", value)
        try:
            if exact is not None:
                if exact.issuperset(map(type, value)) and valid(value):
                    return origin(value)
            elif members is not None:
                return origin(map(members.__getitem__, value))
            else:
                return origin(map(inner, value, repeat(inner_t)))
        except Exception:
            if located is None:
                raise
        if located is None:  # a type that is not the exact one
            return origin(map(inner, value, repeat(inner_t)))
        return origin(located(value, as_list))

    return structure
