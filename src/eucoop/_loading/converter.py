"""The one cattrs converter: strict JSON <-> model conversion, and its error reports.

cattrs is lenient out of the box (``42`` becomes ``"42"``, ``"abc"`` becomes
``("a", "b", "c")``, ``1`` becomes ``True``); the hooks here make every such
case a "wrong type" problem instead. The model classes get cattrs' own
generated hooks, in two modes of the same generator: without detailed
validation for the common case (a whole file at once), and with it, item by
item, only for a file that failed, to say where and why.
"""

import typing
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from itertools import count, repeat
from typing import Any, NamedTuple

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
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
    structure_money,
    structure_str,
    wrong,
)
from eucoop._model import (
    COLLECTIONS,
    Agreement,
    Dialogue,
    Document,
    Entity,
    Money,
    Organisation,
    PartialDate,
    Programme,
    fields_of,
)
from eucoop._model.enums import ENUMS
from eucoop._model.fields import is_optional, is_sequence
from eucoop._model.typecheck import checked_already
from eucoop._text import did_you_mean

__all__ = [
    "SCHEMA_VERSION",
    "Converted",
    "DataFile",
    "Located",
    "NonFinite",
    "convert",
    "errors_of",
    "raw_references",
    "unstructure",
]

#: The data-file format this version reads and writes.
SCHEMA_VERSION = 1


@attrs.frozen(kw_only=True)
class DataFile:
    """The top level of a data file."""

    schema_version: int | None = None
    documents: tuple[Document, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    dialogues: tuple[Dialogue, ...] = ()
    programmes: tuple[Programme, ...] = ()


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
    conv.register_structure_hook(Decimal, structure_decimal)
    conv.register_structure_hook(PartialDate, structure_date)
    conv.register_structure_hook(Money, structure_money)
    # Each enum by its class: they are str subclasses, which the hook for str would take.
    for enum in ENUMS:
        conv.register_structure_hook(enum, enum_hook(enum))
    conv.register_structure_hook_factory(is_sequence, sequence_factory)
    conv.register_structure_hook_factory(is_optional, optional_factory)
    # Generated hooks skip linecache: registering their source costs time at every start.
    conv.register_structure_hook_factory(
        attrs.has,
        lambda cls: make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
            _cattrs_use_linecache=False,
        ),
    )

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
        "name",
        "placeholders",
        "problems",
        "references",
        "unreadable",
        "whole",
    )

    def __init__(self, name: str) -> None:
        self.name = name
        #: the file converted whole, or None when some item failed.
        self.whole: DataFile | None = None
        self._records: list[Located] = []
        self.problems: list[Problem] = []
        #: ids of items that failed to convert, by collection, so references to
        #: them are not reported as unknown as well.
        self.placeholders: dict[str, str] = {}
        #: collections that could not be read at all (not a list).
        self.unreadable: set[str] = set()
        #: references found in items that failed to convert: (location of the
        #: item, field path, target id, collection), checked like the others.
        self.references: list[tuple[Located, str, str, str]] = []

    @property
    def records(self) -> list[Located]:
        """Every converted item with its location (made on first use for a whole file)."""
        whole, name = self.whole, self.name
        if whole is not None and not self._records:
            self._records = [
                located
                for coll in COLLECTIONS
                for located in map(
                    Located, repeat(name), repeat(coll), count(), getattr(whole, coll)
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
            whole = converter(False).structure(data, DataFile)
    except Exception:  # noqa: BLE001 - the detailed pass below says what it was
        with checked_already():
            _convert_items(name, data, out)
    else:
        out.whole = whole
        if whole.schema_version is not None and whole.schema_version != SCHEMA_VERSION:
            problem = Problem(name, "$.schema_version", _bad_version(whole.schema_version))
            out.problems.append(problem)
    return out


def _bad_version(version: object) -> str:
    return (
        f"unknown schema_version {version}; "
        f"this version of eucoop reads schema_version {SCHEMA_VERSION}"
    )


def _convert_items(name: str, data: object, out: Converted) -> None:
    def add(errors: Iterator[tuple[str, str]]) -> None:
        out.problems.extend(Problem(name, loc, msg) for loc, msg in errors)

    if type(data) is not dict:
        add(iter([("$", str(wrong("an object at the top level", data)))]))
        out.unreadable.update(COLLECTIONS)
        return
    unknown = set(data) - {"schema_version", *COLLECTIONS}
    if unknown:
        add(errors_of(ForbiddenExtraKeysError(None, DataFile, unknown)))
    version = data.get("schema_version")
    if version is not None:
        if type(version) is not int:
            add(iter([("$.schema_version", str(wrong("an integer", version)))]))
        elif version != SCHEMA_VERSION:
            add(iter([("$.schema_version", _bad_version(version))]))
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
                add(errors_of(exc, path))
                if type(item) is dict:
                    if type(item.get("id")) is str:
                        out.placeholders[item["id"]] = coll
                    here = Located(name, coll, i, _UNCONVERTED)
                    out.references.extend((here, f, t, c) for f, t, c in raw_references(item, cls))
            else:
                out.records.append(Located(name, coll, i, value))


_UNCONVERTED = Document(id="", title="(an item that failed to convert)", publisher="")


def raw_references(item: dict[str, Any], cls: type) -> Iterator[tuple[str, str, str]]:
    """``(field path, target id, collection)`` for the string references in a raw item.

    Read from the fields' ``refers_to`` (see :mod:`eucoop._model.fields`), for
    an item that failed to convert, so that a type error does not hide a
    dangling reference beside it.

    >>> list(raw_references({"parent": "un", "participants": [{"organisation": 5}]}, Organisation))
    [('parent', 'un', 'organisations')]
    """
    for f in fields_of(cls):
        value = item.get(f.name)
        values = list(enumerate(value)) if f.many and type(value) is list else [(None, value)]
        for i, v in values:
            path = f.name if i is None else f"{f.name}[{i}]"
            if f.meta.refers_to is not None and type(v) is str:
                yield path, v, f.meta.refers_to
            elif f.nested is not None and type(v) is dict:
                for sub, target, coll in raw_references(v, f.nested):
                    yield f"{path}.{sub}", target, coll


def unstructure(value: object) -> Any:
    """The JSON-ready form of any model value."""
    return converter(False).unstructure(value)


def errors_of(exc: BaseException, location: str = "$") -> Iterator[tuple[str, str]]:
    """Flatten a (possibly nested) cattrs error into ``(location, message)`` pairs.

    One pair per unknown key, each with a did-you-mean where a field is close.
    """
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from errors_of(sub, f"{location}.{note.name}")
        for sub in without:
            yield from errors_of(sub, location)
    elif isinstance(exc, IterableValidationError):
        with_inotes, without = exc.group_exceptions()
        for sub, inote in with_inotes:
            yield from errors_of(sub, f"{location}[{inote.index}]")
        for sub in without:
            yield from errors_of(sub, location)
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            yield f"{location}.{key}", f"unknown key {key!r}{did_you_mean(key, fields)}"
    elif isinstance(exc, KeyError):
        yield location, "missing required key"
    elif isinstance(exc, Invalid | WrongType):
        yield location, str(exc)
    elif isinstance(exc, AttributeError):
        yield location, "expected an object"
    elif isinstance(exc, TypeError | ValueError):
        yield location, f"invalid value: {exc}"
    else:  # pragma: no cover - cattrs raises nothing else for JSON input
        yield location, f"{type(exc).__name__}: {exc}"
