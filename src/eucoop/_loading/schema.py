"""A JSON Schema (draft 2020-12) for data files, generated from the model itself.

The schema checks shape: keys, types, enum values, id, code, amount and text
patterns, integer bounds; what it accepts there, loading accepts too (a
property test holds them to it). What it cannot express (references that
resolve, unique ids and lookup keys, ISO code lists, dates in order,
paragraphs within their document, keys written twice, lone surrogates) is
left to :func:`eucoop.load`, which checks everything.
"""

from __future__ import annotations

import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from eucoop._loading.converter import READS, data_file
from eucoop._model import KINDS, Document, FieldInfo, Meta, PartialDate, fields_of
from eucoop._model.fields import INT_MAX, INT_MIN, NONBLANK_PATTERN, PATTERNS, TEXT_PATTERN

__all__ = ["SCHEMA_ID", "json_schema", "whole"]

SCHEMA_ID = "https://eucoop.readthedocs.io/schema/data-file-v2.json"


def whole(pattern: str) -> str:
    r"""*pattern* anchored to match a whole string, the same in ECMA-262 and Python.

    A JSON Schema pattern is an unanchored ECMA-262 search; validators written
    in Python use :mod:`re`, whose ``$`` also matches before a final newline.
    The lookahead ``(?!\n)`` closes that gap: ``"12\n"`` is no amount anywhere.

    >>> whole("[0-9]+")
    '^(?:[0-9]+)$(?!\\n)'
    """
    return f"^(?:{pattern})$(?!\\n)"


_DATE = whole(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
_AMOUNT = whole(PATTERNS["amount"])
_DESCRIPTIONS = {
    "DataFile": "A eucoop data file: any of the collections, every key optional.",
    "Money": "An amount in an ISO 4217 currency; amounts are decimal strings or integers.",
    "RawChange": "A change to an entity or document of another file: its op, target id and "
    "field path; the value (and was, and item) must be what the target's field holds, which "
    "eucoop validate checks.",
}


def _doc(cls: type) -> str:
    text = _DESCRIPTIONS.get(cls.__name__) or (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.split())


def _item(t: Any, m: Meta) -> dict[str, Any]:
    """The schema of one value of type *t*, for a field declared with *m*."""
    if t is Any:  # a change's value: its type is the target field's
        return {}
    if isinstance(t, type) and issubclass(t, Enum):
        return {"$ref": f"#/$defs/{t.__name__}"}
    if t is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    if t is Decimal:
        return {"$ref": "#/$defs/Amount"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        low = INT_MIN if m.minimum is None else m.minimum
        return {"type": "integer", "minimum": low, "maximum": INT_MAX}
    if t is str:
        out: dict[str, Any] = {"type": "string"}
        pattern = "id" if m.refers_to is not None else m.pattern
        if pattern is not None:
            out["pattern"] = whole(PATTERNS[pattern])
        else:
            out["pattern"] = whole(NONBLANK_PATTERN if m.nonempty else TEXT_PATTERN)
        return out
    if attrs.has(t):
        return {"$ref": f"#/$defs/{t.__name__}"}
    msg = f"no JSON Schema for {t!r}"  # pragma: no cover - every model type is handled
    raise TypeError(msg)  # pragma: no cover


def _field(f: FieldInfo) -> dict[str, Any]:
    one = _item(f.item, f.meta)
    if f.many:
        out: dict[str, Any] = {"type": "array", "items": one}
        if f.meta.min_items:
            out["minItems"] = f.meta.min_items
        return out
    if f.optional:
        return {"anyOf": [one, {"type": "null"}]}
    return one


def _object(cls: type) -> dict[str, Any]:
    fields = fields_of(cls)
    out: dict[str, Any] = {
        "type": "object",
        "description": _doc(cls),
        "properties": {f.name: _field(f) for f in fields},
        "additionalProperties": False,
    }
    # A collection that must not be empty must be there too.
    required = [f.name for f in fields if f.required or f.meta.min_items]
    if required:
        out["required"] = required
    return out


def _classes() -> list[type]:
    seen: list[type] = []

    def visit(t: Any) -> None:
        if isinstance(t, type) and attrs.has(t):
            if t not in seen:
                seen.append(t)
                for f in fields_of(t):
                    visit(f.type)
        else:
            for a in typing.get_args(t):
                visit(a)

    visit(data_file())
    return seen


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as a dict ready for :func:`json.dumps`.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["properties"])[:3]
    ['agreements', 'changes', 'dialogues']
    """
    defs: dict[str, Any] = {}
    for cls in _classes():
        defs[cls.__name__] = _object(cls)
    enums: set[type[Enum]] = set()
    for cls in (*(k.cls for k in KINDS), Document, *_classes()):
        for t in typing.get_type_hints(cls).values():
            for a in (t, *typing.get_args(t)):
                if isinstance(a, type) and issubclass(a, Enum):
                    enums.add(a)
    for enum in sorted(enums, key=lambda e: e.__name__):
        defs[enum.__name__] = {
            "type": "string",
            "description": _doc(enum),
            "enum": [m.value for m in enum],
        }
    defs["PartialDate"] = {
        "type": "string",
        "description": "An ISO date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
        "pattern": _DATE,
    }
    defs["Amount"] = {
        "description": 'A non-negative decimal amount: a string such as "440000000" or '
        '"12.50", or an integer. Never a binary float.',
        "anyOf": [
            {"type": "string", "pattern": _AMOUNT},
            {"type": "integer", "minimum": 0, "maximum": INT_MAX},
        ],
    }
    top = defs.pop("DataFile")
    versions: list[dict[str, Any]] = [{"const": v} for v in READS]
    top["properties"]["schema_version"] = {"anyOf": [*versions, {"type": "null"}]}
    # A file with changes has schema_version 2 (or none).
    top["if"] = {
        "properties": {"schema_version": {"const": READS[0]}},
        "required": ["schema_version"],
    }
    top["then"] = {"properties": {"changes": {"maxItems": 0}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "eucoop data file",
        **top,
        "$defs": defs,
    }
