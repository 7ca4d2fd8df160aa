"""The one cattrs converter: strict JSON <-> model conversion, and its error reports.

cattrs is lenient out of the box (``42`` becomes ``"42"``, ``"abc"`` becomes
``("a", "b", "c")``, ``1`` becomes ``True``); the hooks here make every such
case a "wrong type" problem instead. The model classes get cattrs' own
generated hooks, in two modes of the same generator: without detailed
validation for the common case (a whole file at once), and with it, item by
item, only for a file that failed, to say where and why.
"""

import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from itertools import count, repeat
from typing import Any, NamedTuple

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from eucoop._exceptions import Problem
from eucoop._loading.hooks import (
    Invalid,
    NonFinite,
    WrongType,
    enum_hook,
    optional_factory,
    sequence_factory,
    structure_bool,
    structure_date,
    structure_decimal,
    structure_int,
    structure_str,
    wrong,
)
from eucoop._model import (
    COLLECTIONS,
    KINDS,
    Document,
    Entity,
    Kind,
    Meta,
    Money,
    PartialDate,
    RawChange,
    fields_of,
)
from eucoop._model.enums import ENUMS
from eucoop._model.fields import is_optional, is_sequence
from eucoop._model.typecheck import checked_already
from eucoop._text import and_join, did_you_mean

__all__ = [
    "SCHEMA_VERSION",
    "Converted",
    "data_file",
    "Located",
    "NonFinite",
    "convert",
    "errors_of",
    "READS",
    "RawValue",
    "raw_values",
    "unstructure",
]

#: The data-file format this version writes.
SCHEMA_VERSION = 2
#: The data-file formats this version reads: 2 added ``changes``.
READS = (1, 2)


def data_file() -> type:
    """The attrs class of the top level of a data file: a tuple for each of the collections.

    Made from :data:`~eucoop._model.COLLECTIONS`, once for each set of kinds,
    so that cattrs generates its hooks (and the JSON Schema its object) as
    for any model class.

    >>> [a.name for a in attrs.fields(data_file())][:3]
    ['schema_version', 'documents', 'organisations']
    >>> [a.name for a in attrs.fields(data_file())][-1]
    'changes'
    """
    return _data_file(KINDS.snapshot())


@lru_cache(maxsize=4)
def _data_file(kinds: tuple[Kind, ...]) -> type:
    collections: dict[str, Any] = {"documents": Document, **{k.collection: k.cls for k in kinds}}
    version: Any = int | None
    fields = {
        "schema_version": attrs.field(default=None, type=version),
        **{c: attrs.field(default=(), type=tuple[t, ...]) for c, t in collections.items()},  # type: ignore[valid-type]
        "changes": attrs.field(default=(), type=tuple[RawChange, ...]),
    }
    # Built and read once per file: nothing compares or shows one.
    cls = attrs.make_class("DataFile", fields, frozen=True, kw_only=True, eq=False, repr=False)
    cls.__doc__ = "The top level of a data file."
    cls.__module__ = __name__
    return cls


def _enum_value(value: Enum) -> str:
    return str(value.value)


def _unstructure_date(value: PartialDate) -> str:
    return value.isoformat()


def plain_amount(value: Decimal) -> str:
    """An amount as data files write it: plain digits, never an exponent (``1E+3``)."""
    return format(value, "f")


def _make(detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(Decimal, structure_decimal)  # amounts: the only decimals
    conv.register_structure_hook(PartialDate, structure_date)
    # Each enum by its class: they are str subclasses, which the hook for str would take.
    for enum in ENUMS:
        conv.register_structure_hook(enum, enum_hook(enum))
    conv.register_structure_hook_factory(is_sequence, sequence_factory)
    conv.register_structure_hook_factory(is_optional, optional_factory)
    conv.register_structure_hook_factory(attrs.has, lambda cls: _model_hook(cls, conv))

    # Unstructuring (to_dict, exports) is generated on first use, not when loading.
    conv.register_unstructure_hook(PartialDate, _unstructure_date)
    for enum in ENUMS:
        conv.register_unstructure_hook(enum, _enum_value)
    conv.register_unstructure_hook(Decimal, plain_amount)
    conv.register_unstructure_hook_func(
        lambda t: typing.get_origin(t) is frozenset or t is frozenset,  # type: ignore[comparison-overlap]
        lambda v: sorted(conv.unstructure(x) for x in v),
    )
    conv.register_unstructure_hook_func(
        lambda t: typing.get_origin(t) is tuple or t is tuple,  # type: ignore[comparison-overlap]
        lambda v: [conv.unstructure(x) for x in v],
    )
    # Empty and default fields are left out: data files stay as short as people write them.
    conv.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, conv, _cattrs_omit_if_default=True, _cattrs_use_linecache=False
        ),
    )
    conv.register_unstructure_hook_factory(
        lambda t: t is Money,
        lambda cls: make_dict_unstructure_fn(
            cls, conv, amount=override(unstruct_hook=plain_amount), _cattrs_use_linecache=False
        ),
    )
    return conv


def _model_hook(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """The generated hook (cattrs') of a model class; in detailed mode, a JSON object only.

    The common mode takes whatever the generated code takes: any failure
    sends the file to the detailed mode, which says what it expected.
    """
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls,
        conv,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=conv.detailed_validation,
        _cattrs_use_linecache=False,  # registering the source costs time at every start
    )
    if not conv.detailed_validation:
        return generated
    required = [f.name for f in fields_of(cls) if f.required]
    expected = "an object" + (f" with {and_join(required)}" if required else "")

    def structure(value: Any, t: Any) -> Any:
        if type(value) is not dict:
            raise wrong(expected, value)
        return generated(value, t)

    return structure


@lru_cache(maxsize=2)  # one per mode
def converter(detailed: bool) -> cattrs.Converter:
    """The converter in one mode, built on first use (its hooks are generated once)."""
    return _make(detailed)


class Located(NamedTuple):
    """An entity or document with the file, collection and position it came from."""

    file: str
    collection: str
    position: int
    value: Entity | Document

    @property
    def path(self) -> str:
        """Its JSON location: ``$.programmes[2]``."""
        return f"$.{self.collection}[{self.position}]"

    @property
    def at(self) -> str:
        """Its file and JSON location, for messages: ``mine.json: $.programmes[2]``."""
        return f"{self.file}: {self.path}"


class Converted:
    """One data file converted: its records, its problems, and what failed to convert."""

    __slots__ = (
        "_records",
        "changes",
        "name",
        "placeholders",
        "problems",
        "unconverted",
        "unreadable",
        "whole",
    )

    def __init__(self, name: str) -> None:
        self.name = name
        #: the file converted whole (a :func:`data_file`), or None when some item failed.
        self.whole: Any = None
        self._records: list[Located] = []
        self.problems: list[Problem] = []
        #: ids of items that failed to convert, by collection, so references to
        #: them are not reported as unknown as well.
        self.placeholders: dict[str, str] = {}
        #: collections that could not be read at all (not a list).
        self.unreadable: set[str] = set()
        #: values found in items that failed to convert, whose fields declare rules
        #: (references, codes, patterns): (location of the item, the value), checked too.
        #: item, field path, target id, collection), checked like the others.
        self.unconverted: list[tuple[Located, RawValue]] = []
        #: the file's changes that converted, each with its position in ``changes``.
        self.changes: list[tuple[int, RawChange]] = []

    @property
    def records(self) -> list[Located]:
        """Every converted item with its location (made on first use for a whole file)."""
        whole, name = self.whole, self.name
        if whole is not None and not self._records:
            self._records = [
                located
                for coll in COLLECTIONS
                for located in map(
                    Located, repeat(name), repeat(coll), count(), getattr(whole, coll, ())
                )
            ]
        return self._records


def convert(name: str, data: object) -> Converted:
    """Turn one parsed JSON document into located records, or say what is wrong.

    The whole file goes through the converter without detailed validation
    first. Only when that fails is it converted again item by item in
    detailed mode, so that every item that is well formed still reaches the
    checks across files, and every one that is not gets its problems located.
    """
    out = Converted(name)
    try:
        with checked_already():  # the hooks check every value's type on the way
            whole: Any = converter(False).structure(data, data_file())
    except Exception:  # noqa: BLE001 - the detailed pass below says what it was
        with checked_already():
            _convert_items(name, data, out)
    else:
        out.whole = whole
        if whole.changes:
            out.changes = list(enumerate(whole.changes))
        problem = _version_problem(whole.schema_version, bool(whole.changes))
        if problem is not None:
            out.problems.append(Problem(name, "$.schema_version", problem))
    return out


def _version_problem(version: int | None, changes: bool) -> str | None:
    """What is wrong with a file's ``schema_version``, or None."""
    if version is None or (version in READS and (version >= 2 or not changes)):
        return None
    if version in READS:
        return "a file with changes has schema_version 2 (or none)"
    reads = " or ".join(map(str, READS))
    return f"unknown schema_version {version}; this version of eucoop reads schema_version {reads}"


def _convert_items(name: str, data: object, out: Converted) -> None:
    def add(errors: Iterator[tuple[str, str]]) -> None:
        out.problems.extend(Problem(name, loc, msg) for loc, msg in errors)

    if type(data) is not dict:
        add(iter([("$", str(wrong("an object at the top level", data)))]))
        out.unreadable.update(COLLECTIONS)
        return
    unknown = set(data) - {"schema_version", "changes", *COLLECTIONS}
    if unknown:
        add(errors_of(ForbiddenExtraKeysError(None, data_file(), unknown)))
    version = data.get("schema_version")
    changes = data.get("changes")
    if version is not None:
        if type(version) is not int:
            add(iter([("$.schema_version", str(wrong("an integer", version)))]))
        else:
            problem = _version_problem(version, bool(changes))
            if problem is not None:
                add(iter([("$.schema_version", problem)]))
    detailed = converter(True)
    for coll, cls in COLLECTIONS.items():
        items = data.get(coll, [])
        if type(items) is not list:
            add(iter([(f"$.{coll}", str(wrong("a list", items)))]))
            out.unreadable.add(coll)
            continue
        for i, item in enumerate(items):
            path = f"$.{coll}[{i}]"  # as Located.path gives it
            try:
                value = detailed.structure(item, cls)
            except Exception as exc:  # noqa: BLE001 - turned into problems
                errors = list(errors_of(exc, path))
                add(iter(errors))
                if type(item) is dict:
                    if type(item.get("id")) is str:
                        out.placeholders[item["id"]] = coll
                    here = Located(name, coll, i, _UNCONVERTED)
                    reported = {loc for loc, _ in errors}
                    out.unconverted.extend(
                        (here, raw)
                        for raw in raw_values(item, cls)
                        if f"{path}.{raw.where}" not in reported
                    )
            else:
                out.records.append(Located(name, coll, i, value))
    if changes is None:
        return
    if type(changes) is not list:
        add(iter([("$.changes", str(wrong("a list", changes)))]))
        return
    for i, item in enumerate(changes):
        try:
            out.changes.append((i, detailed.structure(item, RawChange)))
        except Exception as exc:  # noqa: BLE001 - turned into problems
            add(errors_of(exc, f"$.changes[{i}]"))


_UNCONVERTED = Document(id="", title="(an item that failed to convert)", publisher="")


class RawValue(NamedTuple):
    """A value inside an item that failed to convert, with the field rules it must follow."""

    where: str  # its field path in the item: "parent", "participants[0].organisation"
    value: object  # as the file holds it: checked only when of the type the rules take
    owner: type  # the model class whose field it is
    meta: Meta


def raw_values(item: dict[str, Any], cls: type) -> Iterator[RawValue]:
    """The values of a raw item whose fields declare rules, for an item that failed to convert.

    Read from the fields' metadata (see :mod:`eucoop._model.fields`), so that
    a type error does not hide a dangling reference, a bad code or a
    malformed id beside it.

    >>> from eucoop._model import Organisation
    >>> [v.where for v in raw_values({"parent": "un", "country": 5}, Organisation)]
    ['parent', 'country']
    """
    for f in fields_of(cls):
        value = item.get(f.name)
        values = list(enumerate(value)) if f.many and type(value) is list else [(None, value)]
        for i, v in values:
            path = f.name if i is None else f"{f.name}[{i}]"
            if f.nested is not None:
                if type(v) is dict:
                    for raw in raw_values(v, f.nested):
                        yield raw._replace(where=f"{path}.{raw.where}")
            elif f.meta.checked and v is not None:
                yield RawValue(path, v, cls, f.meta)


def unstructure(value: object) -> Any:
    """The JSON-ready form of any model value."""
    return converter(False).unstructure(value)


def errors_of(exc: BaseException, location: str = "$") -> Iterator[tuple[str, str]]:
    """A (possibly nested) cattrs error as ``(location, message)`` pairs.

    cattrs' own :func:`cattrs.transform_error` walks the error and makes each
    location; :func:`_messages` says what each leaf error means. One pair per
    unknown key, each with a did-you-mean where a field is close.
    """
    said: list[list[tuple[str, str]]] = []

    def formatted(leaf: BaseException, _t: object) -> str:
        said.append(list(_messages(leaf)))
        return str(len(said) - 1)  # transform_error adds " @ location"

    for line in cattrs.transform_error(exc, location, formatted):
        index, _, where = line.partition(" @ ")
        for suffix, message in said[int(index)]:
            yield where + suffix, message


def _messages(exc: BaseException) -> Iterator[tuple[str, str]]:
    """What one error cattrs reports at a location means: ``(location suffix, message)``."""
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            yield f".{key}", f"unknown key {key!r}{did_you_mean(key, fields)}"
    elif isinstance(exc, KeyError):
        yield "", "missing required key"
    elif isinstance(exc, Invalid | WrongType):
        yield "", str(exc)
    elif isinstance(exc, AttributeError):
        yield "", "expected an object"
    elif isinstance(exc, TypeError | ValueError):
        yield "", f"invalid value: {exc}"
    else:  # pragma: no cover - cattrs raises nothing else for JSON input
        yield "", f"{type(exc).__name__}: {exc}"
