"""Checks across a whole set of data files that types alone cannot express.

Unique ids and lookup keys, references that resolve, no parent cycles, ISO
codes, patterns, minimums, dates in order, citations that point inside their
documents. The rules are not written here field by field: one walk over every
record reads each field's :class:`~eucoop._model.fields.Meta` (see
:mod:`eucoop._model.fields`) and applies what it declares. The walk is the
same for good data and bad; messages are only made when something is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence, Set
from functools import cache
from typing import Any, NamedTuple

from eucoop import _resources
from eucoop._exceptions import Problem
from eucoop._loading.converter import Located
from eucoop._model import (
    COLLECTIONS,
    Document,
    Entity,
    Meta,
    Organisation,
    PartialDate,
    Source,
    field_head,
    field_names,
    fields_of,
    lookup_keys,
    per_class,
)
from eucoop._model.fields import PATTERNS
from eucoop._text import a, did_you_mean

__all__ = ["find_cycles", "in_order", "iso_codes", "validate"]


@cache
def iso_codes() -> dict[str, frozenset[str]]:
    """The code lists fields may name (``"countries"``, ``"currencies"``), from the package."""
    raw = json.loads(_resources.read("_iso.json"))
    return {"countries": frozenset(raw["countries"]), "currencies": frozenset(raw["currencies"])}


_MATCHERS = {name: re.compile(p).fullmatch for name, p in PATTERNS.items()}

_CODE_MESSAGES = {
    "countries": "{!r} is not an ISO 3166-1 alpha-2 country code",
    "currencies": "{!r} is not an ISO 4217 currency code",
}
_PATTERN_MESSAGES = {
    "id": "malformed id {!r}: use lower-case letters, digits and single hyphens",
    "url": "not an http(s) URL: {!r}",
    "country": _CODE_MESSAGES["countries"],
    "currency": _CODE_MESSAGES["currencies"],
}


class _Step(NamedTuple):
    """One field the walk looks at, with what it needs to know, looked up once per class."""

    name: str
    many: bool
    nested: type | None
    meta: Meta


@per_class
def _plan(cls: type) -> tuple[_Step, ...]:
    """The fields of *cls* with a rule to check or a model value to walk into."""
    return tuple(
        _Step(f.name, f.many, f.nested, f.meta)
        for f in fields_of(cls)
        if f.nested is not None or f.meta.checked
    )


def validate(
    records: Sequence[Located],
    placeholders: Mapping[str, str] | None = None,
    unreadable: Set[str] = frozenset(),
    references: Sequence[tuple[Located, str, str, str]] = (),
) -> list[Problem]:
    """Every problem across the records of all files loaded together.

    *placeholders* maps ids of items that failed to convert to their
    collection, and *unreadable* names collections that could not be read at
    all, so that references to what they held are not reported as unknown too.
    *references* are those found in items that failed to convert; they are
    checked too, so a type error does not hide a dangling reference beside it.
    """
    checker = _Checker(records, placeholders or {}, unreadable)
    checker.run()
    for rec, where, target, coll in references:
        checker.ref(rec, where, target, coll)
    return checker.problems


class _Checker:
    def __init__(
        self, records: Sequence[Located], placeholders: Mapping[str, str], unreadable: Set[str]
    ) -> None:
        self.records = records
        self.placeholders = placeholders
        self.unreadable = unreadable
        self.problems: list[Problem] = []
        self.by_id: dict[str, Located] = {}
        self.codes = iso_codes()
        self._known: dict[str, list[str]] = {}

    def add(self, rec: Located, where: str, message: str) -> None:
        loc = f"{rec.path}.{where}" if where else rec.path
        self.problems.append(Problem(rec.file, loc, message))

    def run(self) -> None:
        by_id = self.by_id
        for rec in self.records:
            first = by_id.setdefault(rec.value.id, rec)
            if first is not rec:
                self.add(rec, "id", f"duplicate id {rec.value.id!r}, already used at {_at(first)}")
        self.check_lookup_keys()
        walk = self.walk
        for rec in self.records:
            value = rec.value
            walk(rec, value, type(value), "")
            if type(value) is Organisation and value.parent == value.id:
                self.add(rec, "parent", "an organisation cannot be its own parent")
        parents = {
            r.value.id: r.value.parent
            for r in self.records
            if type(r.value) is Organisation and r.value.parent not in (None, r.value.id)
        }
        for cycle in find_cycles(parents):
            self.add(by_id[cycle[0]], "parent", "parent cycle: " + " -> ".join([*cycle, cycle[0]]))

    # -- names ---------------------------------------------------------------------

    def check_lookup_keys(self) -> None:
        """Every id, folded name, acronym and alias names one entity only."""
        owners: dict[str, tuple[Located, str]] = {}
        for rec in self.records:
            ent = rec.value
            if type(ent) is Document:
                continue
            assert isinstance(ent, Entity)  # noqa: S101 - records hold entities and documents
            for field, key in lookup_keys(ent):
                if not key:
                    continue  # a blank name: the field's own rule says so
                first = owners.setdefault(key, (rec, field))
                if first[0].value.id != ent.id:
                    owner, owner_field = first
                    self.add(
                        rec,
                        field,
                        f"lookup key {_text_at(ent, field)!r} is already a name of "
                        f"{owner.value.id!r} ({_at(owner)}.{owner_field})",
                    )

    # -- one record, field by field ------------------------------------------------------

    def walk(self, rec: Located, value: Any, cls: type, prefix: str) -> None:
        """Check every field of *value* (of model class *cls*) that declares a rule."""
        for step in _plan(cls):
            v = getattr(value, step.name)
            if v is None:
                continue
            where = prefix + step.name
            m = step.meta
            if step.many:
                if len(v) < m.min_items:
                    self.add(rec, where, m.empty_message)
                for i, item in enumerate(v):
                    self.item(rec, step, item, f"{where}[{i}]", cls)
            else:
                self.item(rec, step, v, where, cls)
            if m.not_before is not None:
                first = getattr(value, m.not_before)
                if not in_order(first, v):
                    self.add(rec, where, f"{step.name} {v} is before {m.not_before} {first}")

    def item(self, rec: Located, step: _Step, v: Any, where: str, owner: type) -> None:
        """One value of a field: a nested model value, a text, a number."""
        nested = step.nested
        if nested is Source:
            self.source(rec, v, where, owner)
        elif nested is not None:
            self.walk(rec, v, nested, where + ".")
        elif type(v) is str:
            m = step.meta
            if m.nonempty and not v.strip():
                self.add(rec, where, m.empty_message)
            codes = m.codes
            if (m.pattern is not None and _MATCHERS[m.pattern](v) is None) or (
                codes is not None and v not in self.codes[codes]
            ):
                template = _CODE_MESSAGES[codes] if codes else _PATTERN_MESSAGES[m.pattern or ""]
                self.add(rec, where, template.format(v))
            if m.refers_to is not None:
                self.ref(rec, where, v, m.refers_to)
        elif type(v) is int:
            minimum = step.meta.minimum
            if minimum is not None and v < minimum:
                self.add(rec, where, _below(v, minimum))

    def source(self, rec: Located, src: Source, where: str, owner: type) -> None:
        """A citation: a known document, a paragraph inside it, fields of *owner*."""
        doc_rec = self.by_id.get(src.document)
        doc = doc_rec.value if doc_rec is not None else None
        if type(doc) is not Document:
            self.ref(rec, f"{where}.document", src.document, "documents")
        elif src.paragraph is not None and not 1 <= src.paragraph <= (doc.paragraphs or 1 << 62):
            self.add(
                rec,
                f"{where}.paragraph",
                f"paragraph {src.paragraph} is outside {src.document!r}, "
                f"which has paragraphs 1 to {doc.paragraphs}",
            )
        names = field_names(owner)
        for j, field in enumerate(src.fields):
            if field not in names and field_head(field) not in names:
                message = f"{field!r} is not a field of {owner.__name__}"
                self.add(rec, f"{where}.fields[{j}]", message)

    # -- references ---------------------------------------------------------------------

    def ref(self, rec: Located, where: str, target: str, collection: str) -> None:
        """A reference to an item of *collection*: it must exist and be of that kind."""
        kind = COLLECTIONS[collection]
        found = self.by_id.get(target)
        if found is not None and type(found.value) is kind:
            return
        if found is None and (
            collection in self.unreadable or self.placeholders.get(target) == collection
        ):
            return  # defined by an item that failed to convert, reported already
        noun = kind.__name__.lower()
        if found is None:
            hint = did_you_mean(target, self.known(collection), cutoff=0.75)
            self.add(rec, where, f"unknown {noun} {target!r}{hint}")
        else:
            actual = a(type(found.value).__name__.lower())
            self.add(rec, where, f"{target!r} is {actual}, not {a(noun)}")

    def known(self, collection: str) -> list[str]:
        """The ids of one collection, for did-you-mean hints (made when something is wrong)."""
        if collection not in self._known:
            kind = COLLECTIONS[collection]
            self._known[collection] = [i for i, r in self.by_id.items() if type(r.value) is kind]
        return self._known[collection]


def find_cycles(parents: Mapping[str, str | None]) -> Iterator[list[str]]:
    """Each cycle of the child -> parent map once, from the node where a walk first met it.

    >>> list(find_cycles({"a": "b", "b": "a", "c": "a", "d": None}))
    [['a', 'b']]
    """
    reported: set[str] = set()
    for start in parents:
        seen: dict[str, None] = {}  # the walk from start, in order
        node: str | None = start
        while node is not None and node not in seen and node not in reported:
            seen[node] = None
            node = parents.get(node)
        if node is not None and node in seen:
            walk = list(seen)
            cycle = walk[walk.index(node) :]
            reported.update(cycle)
            yield cycle
        reported.update(seen)


def in_order(first: PartialDate | None, last: PartialDate | None) -> bool:
    """Whether *last* can come no earlier than *first* (either may be unknown)."""
    return first is None or last is None or not last.last_day() < first.first_day()


def _below(value: int, minimum: int) -> str:
    if minimum == 0:
        return f"must not be negative: {value}"
    return f"must be at least {minimum}, not {value}"


def _text_at(entity: Entity, field: str) -> str:
    """The text of a lookup key's field: ``"aliases[2]"`` gives the third alias."""
    head = field_head(field)
    value = getattr(entity, head)
    if head != field:
        value = value[int(field[len(head) + 1 : -1])]
    return str(value)


def _at(rec: Located) -> str:
    return f"{rec.file}: {rec.path}"
