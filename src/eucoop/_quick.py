"""Quick structuring hooks: one generated function per model class, for well-formed data.

The fast converter uses these in place of cattrs' generated hooks. Each is
generated once from the class's attrs fields and does in one Python frame
what cattrs does in one frame per field: check every JSON value's type,
look enums up, parse dates (each distinct date once) and build the
instance. Frozen slotted classes without validators are built by setting
their slots directly, which skips the per-field ``object.__setattr__`` calls
of their ``__init__``; that gives the same instance the class would build.

A quick hook accepts only what the detailed converter accepts, and gives
the same value; on anything else it raises (any exception), and the
detailed converter, run next, says what and where. Tests hold the two to
that.
"""

import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from eucoop._values import Money, PartialDate

__all__ = ["Reject", "make_hook"]

Hook = Callable[[Any, Any], Any]


class Reject(Exception):
    """Raised by a quick hook on anything but well-formed data."""


_MISSING = object()


def _money(o: Any, _t: object = None) -> Money:
    """Money built by its class (its validators check the currency's form)."""
    if type(o) is not dict or len(o) != 2:
        raise Reject
    amount, currency = o["amount"], o["currency"]
    if type(amount) is not int and type(amount) is not str:
        raise Reject
    value = Decimal(amount)  # a malformed string raises: the detailed pass says so
    if not value.is_finite() or value < 0 or type(currency) is not str:
        raise Reject
    return Money(amount=value, currency=currency)


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _is_plain(cls: type) -> bool:
    """Whether setting the slots builds the same instance as calling the class."""
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    return (
        "__slots__" in cls.__dict__
        and init is not None
        and init.co_filename.startswith("<attrs generated")  # not a hand-written __init__
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            f.validator is None
            and f.converter is None
            and f.init
            and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
            for f in attrs.fields(cls)
        )
    )


class _Generator:
    """Writes the source of one hook, with the names it needs."""

    def __init__(
        self,
        cls: type,
        date: Callable[[Any, Any], PartialDate],
        dates: dict[str, PartialDate],
        fallback: Callable[[Any], Hook],
    ) -> None:
        self.cls = cls
        self.date = date
        self.dates_get = dates.get
        self.fallback = fallback
        self.names: dict[str, Any] = {
            "Reject": Reject,
            "_MISSING": _MISSING,
            "_EMPTY": (),
            "_cls": cls,
        }
        self.lines: list[str] = []

    def name(self, prefix: str, value: Any) -> str:
        """A global name for *value* in the generated function."""
        for key, known in self.names.items():
            if known is value and key.startswith(prefix):
                return key
        key = f"{prefix}{len(self.names)}"
        self.names[key] = value
        return key

    def nested(self, t: Any) -> Hook:
        """The quick hook for a nested attrs class, through the converter (made once)."""
        hook = self.fallback(t)
        if not getattr(hook, "__quick__", False):
            msg = f"the converter gave no quick hook for {t!r}"
            raise TypeError(msg)
        return hook

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def value(self, var: str, t: Any, indent: int) -> None:
        """Lines that check and convert the JSON value in *var* to type *t*, in place."""
        emit = self.emit
        if _is_optional(t):
            inner = next(a for a in typing.get_args(t) if a is not type(None))
            emit(indent, f"if {var} is not None:")
            self.value(var, inner, indent + 1)
        elif t in (str, int, bool):
            emit(indent, f"if type({var}) is not {t.__name__}:")
            emit(indent + 1, "raise Reject")
        elif t is PartialDate:
            # Most dates repeat: the parsed ones are looked up inline, the rest parsed.
            known = self.name("_dates", self.dates_get)
            emit(indent, f"w = {known}({var})")
            emit(
                indent,
                f"{var} = w if w is not None else {self.name('_date', self.date)}({var}, None)",
            )
        elif isinstance(t, type) and issubclass(t, Enum):
            members = {m.value: m for m in t}
            emit(indent, f"{var} = {self.name('_members', members)}[{var}]")
        elif t is Money:
            emit(indent, f"{var} = {self.name('_money', _money)}({var})")
        elif typing.get_origin(t) in (tuple, frozenset) and (
            typing.get_origin(t) is frozenset or typing.get_args(t)[1:] == (Ellipsis,)
        ):
            self.sequence(var, t, indent)
        elif attrs.has(t):
            emit(indent, f"{var} = {self.name('_hook', self.nested(t))}({var})")
        else:  # a type the model has grown: teach the generator, or the tests say so
            msg = f"no quick conversion for {t!r} in {self.cls.__name__}"
            raise TypeError(msg)

    def sequence(self, var: str, t: Any, indent: int) -> None:
        origin = typing.get_origin(t)
        inner = typing.get_args(t)[0]
        emit = self.emit
        emit(indent, f"if type({var}) is not list and type({var}) is not tuple:")
        emit(indent + 1, "raise Reject")
        if inner is str and origin is tuple:
            emit(indent, f"for x in {var}:")
            emit(indent + 1, "if type(x) is not str:")
            emit(indent + 2, "raise Reject")
            emit(indent, f"{var} = tuple({var})")
            return
        wrap = self.name("_origin", origin)
        if isinstance(inner, type) and issubclass(inner, Enum):
            members = {m.value: m for m in inner}
            get = self.name("_members", members)
            emit(indent, f"{var} = {wrap}(map({get}.__getitem__, {var}))")
        else:
            hook = self.name("_hook", self.nested(inner))
            emit(indent, f"{var} = {wrap}(map({hook}, {var}))")

    def source(self) -> str:
        cls = self.cls
        fields = attrs.fields(cls)
        keys = self.name("_keys", frozenset(f.alias for f in fields))
        fn = f"quick_{cls.__name__}"
        self.emit(0, f"def {fn}(o, _t=None):")
        self.emit(1, f"if type(o) is not dict or not {keys}.issuperset(o):")
        self.emit(2, "raise Reject")
        for n, f in enumerate(fields):
            var = f"v{n}"
            if f.default is attrs.NOTHING:
                self.emit(1, f"{var} = o[{f.alias!r}]")
                self.value(var, f.type, 1)
            elif f.default is None and _is_optional(f.type):  # absent or null: None
                self.emit(1, f"{var} = o.get({f.alias!r})")
                self.value(var, f.type, 1)
            elif f.default == () and typing.get_origin(f.type) is tuple:
                # () converts to itself, so the default need not be told from a given ().
                self.emit(1, f"{var} = o.get({f.alias!r}, ())")
                self.emit(1, f"if {var} is not _EMPTY:")
                self.value(var, f.type, 2)
            else:
                self.emit(1, f"{var} = o.get({f.alias!r}, _MISSING)")
                self.emit(1, f"if {var} is _MISSING:")
                self.emit(2, f"{var} = {self.name('_default', f.default)}")
                self.emit(1, "else:")
                self.value(var, f.type, 2)
        if _is_plain(cls):
            self.emit(1, f"self = {self.name('_new', object.__new__)}(_cls)")
            for n, f in enumerate(fields):
                setter = self.name("_set", getattr(cls, f.name).__set__)
                self.emit(1, f"{setter}(self, v{n})")
            self.emit(1, "return self")
        else:
            args = ", ".join(f"{f.alias}=v{n}" for n, f in enumerate(fields))
            self.emit(1, f"return _cls({args})")
        return "\n".join(self.lines)


def make_hook(
    cls: type,
    date: Callable[[Any, Any], PartialDate],
    dates: dict[str, PartialDate],
    fallback: Callable[[Any], Hook],
) -> Callable[..., Any]:
    """The quick structuring hook for the attrs class *cls*.

    *date* turns a JSON value into a :class:`PartialDate` (or raises), and
    *dates* holds those already parsed, by their text;
    *fallback(type)* gives the hook for a nested type, so nested attrs
    classes get their own quick hooks through the converter.
    """
    gen = _Generator(cls, date, dates, fallback)
    code = gen.source()
    namespace = dict(gen.names)
    exec(compile(code, f"<eucoop quick hook {cls.__qualname__}>", "exec"), namespace)  # noqa: S102
    hook: Callable[..., Any] = namespace[f"quick_{cls.__name__}"]
    hook.__doc__ = f"Structure well-formed JSON into a {cls.__name__}, or raise Reject.\n\n{code}"
    hook.__quick__ = True  # type: ignore[attr-defined] # may be called with the value alone
    return hook
