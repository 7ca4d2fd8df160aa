"""Items of lists in changes: what tells them apart, and how messages name them.

Lists of objects have no ids: a change picks an item by a partial object, and
the ledger and the conflict rule tell items apart by a key (design, section
4.3): a session by its start, a participant by organisation, role and since,
a citation by document and paragraph, a text or an enum by itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from eucoop._loading.converter import unstructure
from eucoop._model import FieldInfo, Participant, Session, Source, fields_of, per_class

__all__ = [
    "IDENTITY",
    "as_json",
    "describe",
    "field_map",
    "item_key",
    "item_words",
    "nouns",
    "raw_words",
    "shown",
    "words",
]

IDENTITY: Mapping[type, tuple[str, ...]] = {
    Session: ("start",),
    Participant: ("organisation", "role", "since"),
    Source: ("document", "paragraph"),
}


@per_class
def field_map(cls: type) -> dict[str, FieldInfo]:
    """The fields of a model class, by name."""
    return {f.name: f for f in fields_of(cls)}


def item_key(item: object) -> object:
    """What tells *item* apart from the other items of its list (section 4.3 of the design).

    >>> from eucoop._model import PartialDate
    >>> item_key(Session(start=PartialDate.parse("2023-06-14")))
    ('start', PartialDate('2023-06-14'))
    """
    names = IDENTITY.get(type(item))
    if names is None:
        return item
    return tuple(x for n in names for x in (n, getattr(item, n)))


def shown(value: object) -> str:
    """A value as a message shows it: ``1951``, ``eu observer (since 2019-07)``, ``GR, IT``."""
    if isinstance(value, tuple | frozenset | list):
        items = sorted(value) if isinstance(value, frozenset) else value
        return ", ".join(map(shown, items))
    return describe(value) if type(value) in IDENTITY else str(value)


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
    if type(value) in IDENTITY:
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
