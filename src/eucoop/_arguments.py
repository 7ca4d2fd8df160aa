"""What a public function is given: one check and one wording for every wrong argument.

Every public function and method of eucoop refuses an argument of the wrong
type with a :class:`TypeError` that names the argument and says what it
takes, and a number out of its range with a :class:`ValueError`, in the
words the model's own type checks use for fields
(``Organisation.name must be a string, not None``):

>>> string(None, "name")
Traceback (most recent call last):
...
TypeError: name must be a string, not None
>>> count(0, "limit", 1)
Traceback (most recent call last):
...
ValueError: limit must be at least 1, not 0

A check runs once, where a public call comes in, never once per entity.
"""

from __future__ import annotations

import operator
from typing import overload

from eucoop._text import a

__all__ = ["count", "described", "flag", "string", "wrong_type"]


def described(value: object) -> str:
    """What a message calls the value it was given: its type, with an article.

    >>> described(None), described(5), described(b"iom"), described(int), described(["x"])
    ('None', 'an int', 'bytes', 'the class int', 'a list')
    """
    if value is None:
        return "None"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    name = type(value).__name__
    return name if name == "bytes" else a(name)


def wrong_type(argument: str, expected: str, value: object, hint: str = "") -> TypeError:
    """The error to raise for an *argument* that is not *expected* (``"a string"``).

    A *hint* (``": write ..."``) ends the message.

    >>> raise wrong_type("role", "a Role or a string", 3)
    Traceback (most recent call last):
    ...
    TypeError: role must be a Role or a string, not an int
    """
    return TypeError(f"{argument} must be {expected}, not {described(value)}{hint}")


def string(value: object, argument: str, expected: str = "a string") -> str:
    """*value*, which must be a :class:`str` (a subclass will do); else :func:`wrong_type`."""
    if isinstance(value, str):
        return value
    raise wrong_type(argument, expected, value)


def flag(value: object, argument: str) -> bool:
    """*value*, which must be ``True`` or ``False``: ``1``, ``None`` or ``"no"`` will not do.

    >>> flag("no", "include_uncertain")
    Traceback (most recent call last):
    ...
    TypeError: include_uncertain must be True or False, not a str
    """
    if value is True or value is False:
        return value
    raise wrong_type(argument, "True or False", value)


@overload
def count(value: None, argument: str, minimum: int) -> None: ...
@overload
def count(value: object, argument: str, minimum: int) -> int: ...
def count(value: object, argument: str, minimum: int) -> int | None:
    """*value* as a whole number of at least *minimum*, or ``None`` when it is ``None``.

    A :class:`bool` is not a number here, nor is a float, even a whole one.

    >>> count(3, "limit", 1), count(None, "limit", 1)
    (3, None)
    >>> count(True, "limit", 1)
    Traceback (most recent call last):
    ...
    TypeError: limit must be a whole number or None, not a bool
    """
    if value is None:
        return None
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise wrong_type(argument, "a whole number or None", value)
    number = operator.index(value)  # type: ignore[arg-type] # it has __index__
    if number < minimum:
        msg = f"{argument} must be at least {minimum}, not {number}"
        raise ValueError(msg)
    return number
