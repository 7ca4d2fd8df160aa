"""A JSON Schema (draft 2020-12) for data files, generated from the model itself.

The schema checks shape: keys, types, enum values, id and code patterns. What
it cannot express (references that resolve, unique ids, ISO code lists, dates
in order) is left to :func:`eucoop.load`, which checks everything.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from eucoop._converter import SCHEMA_VERSION, DataFile
from eucoop._entities import KINDS, Entity
from eucoop._values import Document, Money, PartialDate

__all__ = ["json_schema"]

SCHEMA_ID = "https://eucoop.readthedocs.io/schema/data-file-v1.json"

_PATTERNS = {
    "id": r"^[a-z0-9]+(-[a-z0-9]+)*$",
    "date": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "country": r"^[A-Z]{2}$",
    "currency": r"^[A-Z]{3}$",
    "amount": r"^[0-9]+(\.[0-9]+)?$",
    "url": r"^https?://\S+$",
}
# Fields whose strings follow a pattern, by (class, field).
_FIELD_PATTERNS = {
    "id": "id",
    "parent": "id",
    "adopted_by": "id",
    "organisation": "id",
    "document": "id",
    "formalised_by": "id",
    "country": "country",
    "countries": "country",
    "website": "url",
    "url": "url",
}
_DESCRIPTIONS = {
    DataFile: "A eucoop data file: any of the collections, every key optional.",
    Money: "An amount in an ISO 4217 currency; amounts are decimal strings or integers.",
}


def _doc(cls: type) -> str:
    text = _DESCRIPTIONS.get(cls) or (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.split())


def _type(t: Any, field: str) -> dict[str, Any]:
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return {"anyOf": [_type(inner[0], field), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], field)}
    if origin is frozenset:
        return {"type": "array", "items": _type(args[0], field)}
    if isinstance(t, type) and issubclass(t, Enum):
        return {"$ref": f"#/$defs/{t.__name__}"}
    if t is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    if t is Decimal:
        return {"$ref": "#/$defs/Amount"}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer", "minimum": 1 if field in ("paragraph", "paragraphs") else 0}
    if t is str:
        out: dict[str, Any] = {"type": "string"}
        if field in _FIELD_PATTERNS:
            out["pattern"] = _PATTERNS[_FIELD_PATTERNS[field]]
        elif field in ("name", "title"):
            out["pattern"] = r"\S"
        return out
    if attrs.has(t):
        return {"$ref": f"#/$defs/{t.__name__}"}
    msg = f"no JSON Schema for {t!r}"  # pragma: no cover - every model type is handled
    raise TypeError(msg)  # pragma: no cover


def _object(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in attrs.fields(cls):
        props[f.name] = _type(hints[f.name], f.name)
        if f.default is attrs.NOTHING:
            required.append(f.name)
    if cls is Money:
        props["currency"] = {"type": "string", "pattern": _PATTERNS["currency"]}
    out: dict[str, Any] = {
        "type": "object",
        "description": _doc(cls),
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    if issubclass(cls, Entity):
        out["properties"]["sources"]["minItems"] = 1
        out["required"] = [*required, "sources"]
    return out


def _classes() -> list[type]:
    seen: list[type] = []

    def visit(t: Any) -> None:
        if isinstance(t, type) and attrs.has(t):
            if t not in seen:
                seen.append(t)
                hints = typing.get_type_hints(t)
                for f in attrs.fields(t):
                    visit(hints[f.name])
        else:
            for a in typing.get_args(t):
                visit(a)

    visit(DataFile)
    return seen


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as a dict ready for :func:`json.dumps`.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["properties"])[:3]
    ['agreements', 'dialogues', 'documents']
    """
    defs: dict[str, Any] = {}
    for cls in _classes():
        defs[cls.__name__] = _object(cls)
    enums: set[type[Enum]] = set()
    for cls in (*KINDS, Document, *_classes()):
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
        "pattern": _PATTERNS["date"],
    }
    defs["Amount"] = {
        "description": 'A non-negative decimal amount: a string such as "440000000" or '
        '"12.50", or an integer. Never a binary float.',
        "anyOf": [
            {"type": "string", "pattern": _PATTERNS["amount"]},
            {"type": "integer", "minimum": 0},
        ],
    }
    top = defs.pop("DataFile")
    top["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "eucoop data file",
        **top,
        "$defs": defs,
    }
