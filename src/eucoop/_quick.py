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

from eucoop._text import a
from eucoop._values import Money, PartialDate

__all__ = [
    "Reject",
    "is_optional",
    "is_sequence",
    "make_hook",
    "members_of",
    "module_source",
]

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


def is_optional(t: Any) -> bool:
    """Whether *t* is ``X | None``."""
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def is_sequence(t: Any) -> bool:
    """Whether *t* is ``tuple[X, ...]`` or ``frozenset[X]``, the model's collections."""
    origin = typing.get_origin(t)
    return origin is frozenset or (origin is tuple and typing.get_args(t)[1:] == (Ellipsis,))


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


def members_of(enum: type[Enum]) -> dict[Any, Enum]:
    """Value -> member, for looking a JSON value up in one step."""
    return {m.value: m for m in enum}


class _Generator:
    """Writes the source of one hook, and the definitions of the names it uses.

    Definitions are Python expressions over a few names: the classes and
    enums of the model, ``quick_<Class>`` for the hooks of nested classes,
    ``_date`` and ``_dates_get`` for dates, and this module's helpers. So the
    same source serves a module written once (``_hooks.py``) and a hook made
    at run time for any attrs class (:func:`make_hook`).
    """

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.prefix = f"_{cls.__name__}_"
        #: name -> Python expression, in order.
        self.defs: dict[str, str] = {}
        #: the classes and enums the expressions name.
        self.uses: dict[str, type] = {cls.__name__: cls}
        #: the attrs classes nested in this one.
        self.nested: list[type] = []
        self.lines: list[str] = []

    def define(self, what: str, expr: str) -> str:
        """A module-level name for *expr* (one per distinct expression)."""
        for name, known in self.defs.items():
            if known == expr:
                return name
        name = f"{self.prefix}{what}"
        self.defs[name] = expr
        return name

    def use(self, t: type) -> str:
        self.uses[t.__name__] = t
        return t.__name__

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def value(self, var: str, t: Any, indent: int, field: str) -> None:
        """Lines that check and convert the JSON value in *var* to type *t*, in place."""
        emit = self.emit
        if is_optional(t):
            inner = next(a for a in typing.get_args(t) if a is not type(None))
            emit(indent, f"if {var} is not None:")
            self.value(var, inner, indent + 1, field)
        elif t in (str, int, bool):
            emit(indent, f"if type({var}) is not {t.__name__}:")
            emit(indent + 1, "raise Reject")
        elif t is PartialDate:
            # Most dates repeat: the parsed ones are looked up inline, the rest parsed.
            emit(indent, f"w = _dates_get({var})")
            emit(indent, f"{var} = w if w is not None else _date({var}, None)")
        elif isinstance(t, type) and issubclass(t, Enum):
            members = self.define(f"{field}_members", f"members_of({self.use(t)})")
            emit(indent, f"{var} = {members}[{var}]")
        elif t is Money:
            emit(indent, f"{var} = _money({var})")
        elif is_sequence(t):
            self.sequence(var, t, indent, field)
        elif attrs.has(t):
            emit(indent, f"{var} = {self.hook(t)}({var})")
        else:  # a type the model has grown: teach the generator, or the tests say so
            msg = f"no quick conversion for {t!r} in {self.cls.__name__}"
            raise TypeError(msg)

    def hook(self, t: type) -> str:
        if t not in self.nested:
            self.nested.append(t)
        return f"quick_{t.__name__}"

    def sequence(self, var: str, t: Any, indent: int, field: str) -> None:
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
        elif isinstance(inner, type) and issubclass(inner, Enum):
            members = self.define(f"{field}_members", f"members_of({self.use(inner)})")
            emit(indent, f"{var} = {origin.__name__}(map({members}.__getitem__, {var}))")
        elif attrs.has(inner):
            emit(indent, f"{var} = {origin.__name__}(map({self.hook(inner)}, {var}))")
        else:
            msg = f"no quick conversion for {t!r} in {self.cls.__name__}"
            raise TypeError(msg)

    def default(self, value: Any) -> str:
        if isinstance(value, Enum):
            return f"{self.use(type(value))}.{value.name}"
        if value in ((), frozenset()) and type(value) in (tuple, frozenset):
            return f"{type(value).__name__}()"
        msg = f"no quick default for {value!r} in {self.cls.__name__}"
        raise TypeError(msg)

    def source(self) -> str:
        """The hook's ``def``, after which :attr:`defs` holds what it needs."""
        cls = self.cls
        name = cls.__name__
        fields = attrs.fields(cls)
        aliases = ", ".join(repr(f.alias) for f in fields)
        keys = self.define("keys", f"frozenset(({aliases},))")
        self.emit(0, f"def quick_{name}(o, _t=None):")
        self.emit(1, f'"""Structure well-formed JSON into {a(name)}, or raise Reject."""')
        self.emit(1, f"if type(o) is not dict or not {keys}.issuperset(o):")
        self.emit(2, "raise Reject")
        for n, f in enumerate(fields):
            var = f"v{n}"
            if f.default is attrs.NOTHING:
                self.emit(1, f"{var} = o[{f.alias!r}]")
                self.value(var, f.type, 1, f.name)
            elif f.default is None and is_optional(f.type):  # absent or null: None
                self.emit(1, f"{var} = o.get({f.alias!r})")
                self.value(var, f.type, 1, f.name)
            elif f.default == () and typing.get_origin(f.type) is tuple:
                # () converts to itself, so the default need not be told from a given ().
                self.emit(1, f"{var} = o.get({f.alias!r}, ())")
                self.emit(1, f"if {var} is not _EMPTY:")
                self.value(var, f.type, 2, f.name)
            else:
                default = self.define(f"{f.name}_default", self.default(f.default))
                self.emit(1, f"{var} = o.get({f.alias!r}, _MISSING)")
                self.emit(1, f"if {var} is _MISSING:")
                self.emit(2, f"{var} = {default}")
                self.emit(1, "else:")
                self.value(var, f.type, 2, f.name)
        if _is_plain(cls):
            self.emit(1, f"self = _new({name})")
            for n, f in enumerate(fields):
                setter = self.define(f"set_{f.name}", f"{name}.{f.name}.__set__")
                self.emit(1, f"{setter}(self, v{n})")
            self.emit(1, "return self")
        else:
            args = ", ".join(f"{f.alias}=v{n}" for n, f in enumerate(fields))
            self.emit(1, f"return {name}({args})")
        return "\n".join(self.lines)


def _definitions(gen: _Generator) -> str:
    return "".join(f"{name} = {expr}\n" for name, expr in gen.defs.items())


def make_hook(
    cls: type,
    date: Callable[[Any, Any], PartialDate],
    dates: dict[str, PartialDate],
    nested: Callable[[Any], Hook],
) -> Callable[..., Any]:
    """The quick structuring hook for the attrs class *cls*, made at run time.

    *date* turns a JSON value into a :class:`PartialDate` (or raises), and
    *dates* holds those already parsed, by their text; *nested(type)* gives
    the quick hook of a nested attrs class (the converter makes each once).
    The packaged model's hooks are written once instead, in ``_hooks.py``.
    """
    gen = _Generator(cls)
    code = gen.source()
    namespace: dict[str, Any] = {
        **_HELPERS,
        **gen.uses,
        "_date": date,
        "_dates_get": dates.get,
    }
    for t in gen.nested:
        hook = nested(t)
        if not getattr(hook, "__quick__", False):
            msg = f"the converter gave no quick hook for {t!r}"
            raise TypeError(msg)
        namespace[f"quick_{t.__name__}"] = hook
    source = _definitions(gen) + code
    exec(compile(source, f"<eucoop quick hook {cls.__qualname__}>", "exec"), namespace)  # noqa: S102
    made: Callable[..., Any] = namespace[f"quick_{cls.__name__}"]
    made.__quick__ = True  # type: ignore[attr-defined] # may be called with the value alone
    return made


_HELPERS: dict[str, Any] = {
    "Reject": Reject,
    "_MISSING": _MISSING,
    "_EMPTY": (),
    "_money": _money,
    "_new": object.__new__,
    "members_of": members_of,
}


def module_source(root: type) -> str:
    """The source of ``_hooks.py``: the quick hooks of *root* and every class it nests."""
    order: list[type] = []
    gens: dict[type, _Generator] = {}

    def visit(cls: type) -> None:
        if cls in gens:
            return
        gen = gens[cls] = _Generator(cls)
        gen.source()
        for t in gen.nested:
            visit(t)
        order.append(cls)  # nested classes first

    visit(root)
    uses: dict[str, type] = {}
    for gen in gens.values():
        uses.update(gen.uses)
    by_module: dict[str, list[str]] = {}
    for name, t in sorted(uses.items()):
        by_module.setdefault(t.__module__, []).append(name)
    imports = "".join(
        f"from {module} import {', '.join(names)}\n" for module, names in sorted(by_module.items())
    )
    parts = [
        _MODULE_HEAD,
        imports,
        "from eucoop._quick import Reject, _money, members_of\n\n",
        "_MISSING = _quick_missing\n_EMPTY = ()\n_new = object.__new__\n",
        "_date = _structure_date\n_dates_get = _DATES.get\n",
    ]
    for cls in order:
        parts += ["\n", _definitions(gens[cls]), "\n\n", "\n".join(gens[cls].lines), "\n"]
    hooks = ", ".join(f"{cls.__name__}: quick_{cls.__name__}" for cls in order)
    parts += ["\n\n#: The hook of each class, for the fast converter.\n", f"HOOKS = {{{hooks}}}\n"]
    parts += ["for _hook in HOOKS.values():\n    _hook.__quick__ = True\n"]
    return "".join(parts)


_MODULE_HEAD = '''"""The quick structuring hooks of the packaged model: GENERATED, do not edit.

Written by ``python -m eucoop._quick`` from the model's attrs classes (see
``eucoop._quick``); a test fails when the model and this file disagree.
Imported by the fast converter when it is first built.
"""

# mypy: ignore-errors
# ruff: noqa

from eucoop._converter import _DATES, _structure_date
from eucoop._quick import _MISSING as _quick_missing
'''


if __name__ == "__main__":  # pragma: no cover - run by hand when the model changes
    from eucoop._converter import DataFile

    print(module_source(DataFile), end="")
