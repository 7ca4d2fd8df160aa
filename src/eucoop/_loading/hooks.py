"""Strict structuring hooks for the value types: JSON in, model values out, or a plain error.

cattrs is lenient out of the box (``42`` becomes ``"42"``, ``"abc"`` becomes
``("a", "b", "c")``, ``1`` becomes ``True``); each hook here accepts exactly
one JSON type and says "expected ..., got ..." otherwise. The converter
(:mod:`eucoop._loading.converter`) registers them.
"""

import typing
from collections.abc import Callable
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


def structure_bool(value: object, _t: object) -> bool:
    if type(value) is not bool:
        raise wrong("true or false", value)
    return value


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


def structure_date(value: object, _t: object) -> PartialDate:
    if type(value) is not str:
        raise wrong("an ISO date string (YYYY, YYYY-MM or YYYY-MM-DD)", value)
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise Invalid(f"invalid date: {exc}") from None


def optional_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """``X | None`` with the hook for X looked up once, not on every value."""
    inner_t = next(a for a in typing.get_args(t) if a is not type(None))
    inner = conv.get_structure_hook(inner_t)

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

    return structure


def sequence_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Tuples and frozensets from JSON lists (only), each item through its own hook.

    In detailed mode, a list that fails goes through cattrs' own list hook,
    which locates each bad item.
    """
    origin = typing.get_origin(t)
    inner_t = typing.get_args(t)[0]
    inner = conv.get_structure_hook(inner_t)
    as_list: Any = list[inner_t]  # type: ignore[valid-type] # a type made at run time
    located = list_structure_factory(as_list, conv) if conv.detailed_validation else None

    def structure(value: Any, _t: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise wrong("a list", value)
        try:
            return origin(map(inner, value, repeat(inner_t)))
        except Exception:
            if located is None:
                raise
            return origin(located(value, as_list))

    return structure
