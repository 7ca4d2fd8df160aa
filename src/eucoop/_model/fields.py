"""What each field of the model is, declared once, on the field itself.

Every attrs field of the model may carry a :class:`Meta` in its metadata
(``attrs.field(metadata=meta(...))``). The other rooms read it from there
rather than keeping lists of their own:

- the checks across records (references, patterns, code lists, minimums,
  dates in order),
- the JSON Schema (patterns, minimums),
- search (which fields are searched, and how much a word found there counts),
- exports (how a field becomes columns),
- the command line and the notebook cards (a field's label).

Adding a field to an entity is one edit to its class: give it a type, a
default and, where it applies, a :func:`meta`.
"""

import types
import typing
from collections.abc import Callable, Mapping
from functools import update_wrapper
from typing import Any, Literal, NamedTuple, TypeVar

import attrs

from eucoop._text import CONTROL

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "KEY",
    "NONBLANK_PATTERN",
    "PATTERNS",
    "TEXT_PATTERN",
    "Export",
    "FieldInfo",
    "Meta",
    "field_head",
    "field_names",
    "fields_of",
    "is_optional",
    "is_sequence",
    "meta",
    "per_class",
]

T = TypeVar("T")

#: The metadata key under which a field's :class:`Meta` is kept.
KEY = "eucoop"

#: The patterns a string field may follow, by name (matched whole).
PATTERNS: Mapping[str, str] = {
    "id": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "url": rf"https?://[^\s{CONTROL}]+",
    "country": r"[A-Z]{2}",
    "currency": r"[A-Z]{3}",
    # A money amount written as a string: digits, an optional decimal point and digits.
    "amount": r"[0-9]+(?:\.[0-9]+)?",
}

#: The integers a data file may hold: what a signed 64-bit column (SQLite) can store.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1

#: Text without control characters, as a regular expression (matched whole): the part of
#: :data:`~eucoop._text.UNSHOWN` a JSON Schema can say (it cannot name lone surrogates).
TEXT_PATTERN = rf"[^{CONTROL}]*"
#: The same, with at least one character that is not white space.
NONBLANK_PATTERN = rf"[^{CONTROL}]*[^\s{CONTROL}][^{CONTROL}]*"

#: How a field becomes table columns in exports and DataFrames:
#: ``value`` one column (lists joined), ``flatten`` one column per field of the
#: nested value (``budget_amount``, ``partnership_since``...), ``organisations``
#: the distinct organisation ids of participants, ``sessions`` a count with the
#: first and last dates, ``skip`` no column (kept in a side table).
Export = Literal["value", "flatten", "organisations", "sessions", "skip"]


# The module's annotations are evaluated, not postponed: typing.NamedTuple would compile
# each postponed (string) annotation of its fields at import.
class Meta(NamedTuple):
    """What one field is, beyond its type. See :func:`meta`."""

    refers_to: str | None = None
    pattern: str | None = None
    codes: str | None = None
    minimum: int | None = None
    nonempty: bool = False
    min_items: int = 0
    not_before: str | None = None
    search: float | None = None
    label: str | None = None
    export: Export = "value"
    empty_message: str = "must not be empty"

    @property
    def checked(self) -> bool:
        """Whether the field declares a rule the checks across records apply."""
        return (
            self.refers_to is not None
            or self.pattern is not None
            or self.codes is not None
            or self.minimum is not None
            or self.nonempty
            or self.min_items > 0
            or self.not_before is not None
        )


_PLAIN = Meta()


def meta(
    *,
    refers_to: str | None = None,
    pattern: str | None = None,
    codes: str | None = None,
    minimum: int | None = None,
    nonempty: bool = False,
    min_items: int = 0,
    not_before: str | None = None,
    search: float | None = None,
    label: str | None = None,
    export: Export = "value",
    empty_message: str = "must not be empty",
) -> dict[str, Meta]:
    """Metadata for ``attrs.field``: the facts about a field the other rooms read.

    - *refers_to*: the data-file collection whose ids this field holds
      (``"organisations"``, ``"agreements"``, ``"documents"``);
    - *pattern*: a name of :data:`PATTERNS` the text must match;
    - *codes*: ``"countries"`` (ISO 3166-1 alpha-2) or ``"currencies"`` (ISO 4217);
    - *minimum*: the smallest integer allowed;
    - *nonempty*: text that is not blank (each item of a collection of texts);
    - *min_items*: the fewest items a collection may hold (*empty_message*
      says so when it holds none);
    - *not_before*: a date field of the same value this date cannot precede;
    - *search*: the weight of a word found here in full-text search (None: not searched);
    - *label*: the field's name for people (default: its name with spaces);
    - *export*: how it becomes table columns (see :data:`Export`).

    >>> import attrs
    >>> @attrs.frozen
    ... class Thing:
    ...     country: str | None = attrs.field(default=None, metadata=meta(codes="countries"))
    >>> fields_of(Thing)[0].meta.codes
    'countries'
    """
    if pattern is not None and pattern not in PATTERNS:
        msg = f"unknown pattern {pattern!r}"
        raise ValueError(msg)
    return {
        KEY: Meta(
            refers_to=refers_to,
            pattern=pattern,
            codes=codes,
            minimum=minimum,
            nonempty=nonempty,
            min_items=min_items,
            not_before=not_before,
            search=search,
            label=label,
            export=export,
            empty_message=empty_message,
        )
    }


class FieldInfo(NamedTuple):
    """One field of a model class: its name, its type and its :class:`Meta`.

    ``item`` is the type of one value: the item type of a tuple or frozenset,
    the inner type of ``X | None``, else the type itself; ``many`` says whether
    the field holds a collection.
    """

    name: str
    type: Any
    item: Any
    many: bool
    optional: bool
    required: bool
    meta: Meta

    @property
    def label(self) -> str:
        """The field's name for people: ``"member count"``, or its declared label."""
        return self.meta.label or self.name.replace("_", " ")

    @property
    def nested(self) -> type | None:
        """The model class a value of this field is made of, if it is one."""
        return self.item if isinstance(self.item, type) and attrs.has(self.item) else None


def per_class(fn: Callable[[type], T]) -> Callable[[type], T]:
    """*fn* of a class, computed once per class (what a class is does not change).

    Kept for as long as the process, like the class itself: the classes asked
    about are the model's and their subclasses, a bounded few, so the memo
    stays as small as the model (a plain dict: it is read for every value
    built and every row exported, and its hits are all that count).
    """
    memo: dict[type, T] = {}

    def once(cls: type) -> T:
        try:
            return memo[cls]
        except KeyError:
            memo[cls] = found = fn(cls)
            return found

    return update_wrapper(once, fn)


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


@per_class
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a model class, in attrs order, with their types resolved.

    >>> from eucoop._model.values import Money
    >>> [(f.name, f.meta.codes) for f in fields_of(Money)]
    [('amount', None), ('currency', 'currencies')]
    """
    out = []
    for a in attrs.fields(attrs.resolve_types(cls)):  # postponed annotations resolved, once
        t = a.type
        optional = is_optional(t)
        many = is_sequence(t)
        if optional:
            item = next(x for x in typing.get_args(t) if x is not type(None))
        elif many:
            item = typing.get_args(t)[0]
        else:
            item = t
        out.append(
            FieldInfo(
                name=a.name,
                type=t,
                item=item,
                many=many,
                optional=optional,
                required=a.default is attrs.NOTHING,
                meta=a.metadata.get(KEY, _PLAIN),
            )
        )
    return tuple(out)


@per_class
def field_names(cls: type) -> frozenset[str]:
    """The attrs field names of *cls*."""
    return frozenset(f.name for f in attrs.fields(cls))


def field_head(path: str) -> str:
    """The field a field path starts with: ``"participants[0].since"`` gives ``participants``.

    >>> field_head("partnership.since")
    'partnership'
    """
    return path.split(".", 1)[0].split("[", 1)[0]
