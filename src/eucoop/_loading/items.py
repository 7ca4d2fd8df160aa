"""Items of lists in changes: what tells them apart, and how messages name them.

Lists of objects have no ids: a change picks an item by a partial object, and
the ledger and the conflict rule tell items apart by the key the model gives
(:func:`~eucoop._model.item_key`).
"""

from __future__ import annotations

import json

from eucoop._loading.converter import unstructure
from eucoop._model import ITEM_KEYS, FieldInfo, Participant, Session, Source, fields_of, per_class

__all__ = [
    "as_json",
    "describe",
    "field_map",
    "item_words",
    "nouns",
    "raw_words",
    "shown",
    "words",
]


@per_class
def field_map(cls: type) -> dict[str, FieldInfo]:
    """The fields of a model class, by name."""
    return {f.name: f for f in fields_of(cls)}


def shown(value: object) -> str:
    """A value as a message shows it: ``1951``, ``eu observer (since 2019-07)``, ``GR, IT``."""
    if isinstance(value, tuple | frozenset | list):
        items = sorted(value) if isinstance(value, frozenset) else value
        return ", ".join(map(shown, items))
    return describe(value) if type(value) in ITEM_KEYS else str(value)


def describe(item: object) -> str:
    """One item of a list in words: ``eu observer (since 2019-07)``, ``2013-10-03 in Geneva``."""
    if isinstance(item, Participant):
        dates = [f"{n} {d}" for n, d in (("since", item.since), ("until", item.until)) if d]
        return f"{item.organisation} {item.role}" + (f" ({', '.join(dates)})" if dates else "")
    if isinstance(item, Session):
        return f"{item.start}" + (f" in {item.place}" if item.place else "")
    if isinstance(item, Source):
        return item.document + (f" paragraph {item.paragraph}" if item.paragraph else "")
    return str(item)


def item_words(value: object, label: str) -> str:
    """An item a list already has, in words: ``a session starting 2013-10-03``."""
    if isinstance(value, Session):
        return f"a session starting {value.start}"
    if type(value) in ITEM_KEYS:
        return f"the {type(value).__name__.lower()} {describe(value)}"
    return f"{shown(value)!r} among its {label}"


def as_json(value: object) -> str:
    """A model value as a data file writes it, for a message: ``"1951"``."""
    return json.dumps(unstructure(value), ensure_ascii=False)


def raw_words(value: object) -> str:
    """A value of a data file, for a message: ``'eu'``, ``3``."""
    return repr(value) if isinstance(value, str) else json.dumps(value)


def words(name: str) -> str:
    """A field's name in words: ``policy areas``."""
    return name.replace("_", " ")


def nouns(cls: type) -> tuple[str, str]:
    """One item of a model class, and several, in words: ``participant``, ``participants``."""
    noun = cls.__name__.lower()
    return noun, f"{noun}s"
