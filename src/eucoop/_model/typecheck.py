"""What a field's annotation allows, checked whenever a model value is built.

Loading checks every value against its field's type before anything is built
(:mod:`eucoop._loading.hooks`). Code that builds entities in Python, with
the classes themselves or with ``attrs.evolve``, gets the same type
checks from the attrs validator that :func:`typed` gives each model class,
which reads every field's annotation, so a frozen entity never holds
``None`` for a name, a list for a tuple, or the string ``"1951"`` for a date:

>>> import attrs
>>> from eucoop._model import Organisation
>>> iom = Organisation(id="iom", name="International Organization for Migration")
>>> attrs.evolve(iom, name=None)
Traceback (most recent call last):
...
TypeError: Organisation.name must be a string, not None
>>> attrs.evolve(iom, aliases=["OIM"])
Traceback (most recent call last):
...
TypeError: Organisation.aliases must be a tuple of strings, not a list: write ('OIM',)

Only types are checked here, with the rules every text and integer of a data
file follows (no control characters or unpaired surrogates; integers within
64 bits). What needs other records (references, clashing names) or a
field's declared rules (patterns, codes, minimums) is checked by
:func:`eucoop.load`.
"""

import contextvars
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any

import attrs

from eucoop._arguments import described
from eucoop._model.fields import INT_MAX, INT_MIN, per_class
from eucoop._text import UNSHOWN, a

__all__ = [
    "checked_already",
    "int_problem",
    "loader_checked",
    "problem",
    "text_problem",
    "typed",
]

Test = Callable[[Any], bool]


def text_problem(value: str) -> str | None:
    r"""What is wrong with a text's characters, or None: control characters, lone surrogates.

    >>> text_problem("Fine text, with an accent: \u00e9")
    >>> text_problem("Red\x9b31m")
    "control character '\\x9b' at position 3 (text must not hold control characters)"
    """
    if value.isprintable():  # the common case: C-fast, and true of no text with a bad character
        return None
    bad = re.search(UNSHOWN, value)  # compiled on first use: rarely needed
    if bad is None:
        return None
    char, at = bad.group(), bad.start()
    if "\ud800" <= char <= "\udfff":
        return f"unpaired surrogate {char!r} at position {at} (not a Unicode character)"
    return f"control character {char!r} at position {at} (text must not hold control characters)"


def int_problem(value: int) -> str | None:
    """What is wrong with an integer's size, or None: it must fit in 64 bits, signed.

    >>> int_problem(2**63)[:42]
    'integer out of range: 9223372036854775808 '
    """
    if INT_MIN <= value <= INT_MAX:
        return None
    return f"integer out of range: {value} (must be from {INT_MIN} to {INT_MAX})"


def _is_str(value: object) -> bool:
    return type(value) is str and (value.isprintable() or text_problem(value) is None)


def _is_int(value: object) -> bool:
    return type(value) is int and INT_MIN <= value <= INT_MAX


def _is_bool(value: object) -> bool:
    return type(value) is bool


_SCALARS: dict[Any, tuple[Test, str, str]] = {
    str: (_is_str, "a string", "strings"),
    int: (_is_int, "an integer", "integers"),
    bool: (_is_bool, "true or false", "booleans"),
}


def _optional_inner(t: Any) -> Any:
    """``X`` for an annotation ``X | None``, else None."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(t)) == 2:
            return args[0]
    return None


def _names(t: Any) -> tuple[str, str]:
    """How a message names one value of *t*, and several."""
    if t in _SCALARS:
        return _SCALARS[t][1], _SCALARS[t][2]
    name = getattr(t, "__name__", str(t))
    return a(name), f"{name} values"


def _test(t: Any) -> Test:
    """A quick predicate for the values annotation *t* allows."""
    if t in _SCALARS:
        return _SCALARS[t][0]
    inner = _optional_inner(t)
    if inner is not None:
        test = _test(inner)
        return lambda v: v is None or test(v)
    origin = typing.get_origin(t)
    if origin in (tuple, frozenset):
        item = _test(typing.get_args(t)[0])
        return lambda v: type(v) is origin and all(map(item, v))
    if isinstance(t, type):
        return lambda v: isinstance(v, t)
    msg = f"no type check for the annotation {t!r}"  # pragma: no cover - the model's own types
    raise TypeError(msg)  # pragma: no cover


def problem(t: Any, value: object) -> str | None:
    """Why *value* is not a value of the annotation *t*, or None when it is.

    >>> problem(tuple[str, ...], ("a", 5))
    'item 1 must be a string, not an int'
    >>> problem(int | None, True) is None
    False
    """
    if _test(t)(value):
        return None
    inner = _optional_inner(t)
    if inner is not None:
        found = problem(inner, value)
        if found is not None and found.startswith("must be "):
            return "must be None or " + found.removeprefix("must be ")
        return found
    if t is str and type(value) is str:
        return text_problem(value)
    if t is int and type(value) is int:
        return int_problem(value)
    origin = typing.get_origin(t)
    if origin in (tuple, frozenset):
        item_t = typing.get_args(t)[0]
        what = f"a {origin.__name__} of {_names(item_t)[1]}"
        if type(value) is not origin:
            hint = f": write {tuple(value)!r}" if origin is tuple and type(value) is list else ""
            return f"must be {what}, not {described(value)}{hint}"
        items: Sequence[Any] = tuple(value)  # type: ignore[arg-type] # a tuple or frozenset
        for i, v in enumerate(items):
            found = problem(item_t, v)
            if found is not None:
                return f"item {i} {found}" if origin is tuple else f"item {v!r} {found}"
    hint = ""
    values = {m.value for m in t} if isinstance(t, type) and issubclass(t, Enum) else set()
    if isinstance(value, str) and value in values:  # a list or a dict is no enum value
        hint = f": write {t.__name__}({value!r})"
    return f"must be {_names(t)[0]}, not {described(value)}{hint}"


class _TypeCheck:
    """The attrs validator that checks every field of a value against its annotation.

    A class holds it on its first field only, so attrs' ``__init__`` calls one
    validator, before any rule a field declares itself. What each class's
    fields allow is worked out the first time a value of it is checked, not
    when the class is made (loading, which builds most values, runs no
    validator at all).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<type checks of every field>"

    def __call__(self, inst: object, _attribute: "attrs.Attribute[Any]", _value: object) -> None:
        if _CHECKED_ALREADY.get():
            return
        for name, annotation, test in _checks(type(inst)):
            value = getattr(inst, name)
            if not test(value):
                found = problem(annotation, value) or "has the wrong type"
                where = f"{type(inst).__name__}.{name}"
                if found.startswith(("control character", "unpaired", "integer out of range")):
                    raise ValueError(f"{where}: {found}")
                raise TypeError(f"{where} {found}")


_CHECK = _TypeCheck()


@per_class
def _checks(cls: type) -> tuple[tuple[str, Any, Test], ...]:
    """``(field name, annotation, test)`` for every field of the model class *cls*.

    A field of a type no model field has (one a subclass adds, say) is left
    unchecked, as it was before it inherited the check.
    """
    out = []
    for f in attrs.fields(cls):
        try:
            out.append((f.name, f.type, _test(f.type)))
        except TypeError:  # pragma: no cover - not an annotation of the model
            continue
    return tuple(out)


def typed(cls: type, fields: list["attrs.Attribute[Any]"]) -> list["attrs.Attribute[Any]"]:
    """Attrs' ``field_transformer`` of the model classes: a type check of every field.

    The check sits on the first field (see :class:`_TypeCheck`), first of its
    validators; a class that inherits it there keeps it.
    """
    for f in fields:
        if isinstance(f.type, str):  # pragma: no cover - the model uses real annotations
            msg = f"{cls.__name__}.{f.name}: a string annotation cannot be checked"
            raise TypeError(msg)
    if not fields or any(_CHECK in _validators(f.validator) for f in fields):
        return fields
    first = fields[0]
    own = _validators(first.validator)
    check = attrs.validators.and_(_CHECK, *own) if own else _CHECK
    return [first.evolve(validator=check), *fields[1:]]


def _validators(v: Any) -> list[Any]:
    """The validators of a field, the ones inside an ``and_`` one by one."""
    if v is None:
        return []
    inner = getattr(v, "_validators", None)
    return list(inner) if inner is not None else [v]


#: True while the loader builds values it has already checked: eucoop's own
#: state, local to the thread (and to the asyncio task) that loads.
_CHECKED_ALREADY: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "eucoop_checked_already", default=False
)


@contextmanager
def checked_already() -> Iterator[None]:
    """Build model values in the block without their type checks.

    For the loader only, whose hooks have checked every value against the
    same annotations before building anything: checking them again would add
    about two fifths to a large load and find nothing. The switch is a
    :class:`contextvars.ContextVar` that only eucoop's own type check reads,
    so it holds in the loading thread alone: values built in any other thread
    meanwhile, eucoop's or the program's own attrs classes, are checked as
    always, and attrs' process-wide switch
    (:func:`attrs.validators.set_disabled`) is never touched. The rules a
    field declares itself (a non-negative amount, a known currency) still run.
    Blocks nest; each restores what it found.
    """
    token = _CHECKED_ALREADY.set(True)
    try:
        yield
    finally:
        _CHECKED_ALREADY.reset(token)


def loader_checked() -> bool:
    """Whether values are being built by the loader, which checks them itself first.

    A field rule that the loader checks with its location (a non-negative
    amount, a currency code) skips its validator then, as the type check does.
    """
    return _CHECKED_ALREADY.get()
