"""Checks across a whole set of data files that types alone cannot express.

Unique ids and lookup keys (those in :mod:`eucoop._loading.names`),
references that resolve, no parent cycles, ISO codes, patterns, minimums,
dates in order, citations that point inside their documents. The rules are
not written here field by field: one walk over every record reads each
field's :class:`~eucoop._model.fields.Meta` (see :mod:`eucoop._model.fields`)
and applies what it declares. The walk is the same for good data and bad;
messages are only made when something is wrong.
"""

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from functools import cache
from typing import Any, NamedTuple

from eucoop import _resources
from eucoop._exceptions import Problem
from eucoop._loading.converter import Located
from eucoop._loading.names import key_problems
from eucoop._model import (
    COLLECTIONS,
    Document,
    Meta,
    Organisation,
    PartialDate,
    Source,
    field_head,
    field_names,
    fields_of,
)
from eucoop._model.fields import PATTERNS
from eucoop._text import Nearby, a, did_you_mean

__all__ = ["HINTED", "find_cycles", "in_order", "iso_codes", "validate"]

#: How many different unknown ids of each kind get a "did you mean": past that, a
#: file is likely written for other data, and comparing each would outlast the load.
HINTED = 20


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


Check = Callable[[Any], object]


# The module's annotations are evaluated, not postponed: typing.NamedTuple would compile
# each postponed (string) annotation of its fields at import.
class _Step(NamedTuple):
    """One field the walk looks at: its name, whether it holds many values, and its rules.

    ``ok`` is the field's rules for one value as a single predicate (truthy when
    the value passes); ``meta`` says which rules they are, for the messages.
    """

    name: str
    many: bool
    ok: Check
    min_items: int
    not_before: str | None
    nested: type | None
    meta: Meta


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
    """The checks of one set of records.

    Each field's rules become one predicate per field (see :meth:`plan` and
    :meth:`rule`), made from the field's metadata and the ids at hand.
    :meth:`passes` asks them of a value and stops at the first failure,
    building no message: the common case, and the quick one. Only a record
    that fails is given to :meth:`walk`, which asks the same predicates again
    and reports every failure with its location.
    """

    def __init__(
        self, records: Sequence[Located], placeholders: Mapping[str, str], unreadable: Set[str]
    ) -> None:
        self.records = records
        self.placeholders = placeholders
        self.unreadable = unreadable
        self.problems: list[Problem] = []
        self.by_id: dict[str, Located] = {}
        #: ids of each collection, and the paragraph count of each document.
        self.ids: dict[str, set[str]] = {c: set() for c in COLLECTIONS}
        self.paragraphs: dict[str, int] = {}
        self.codes = iso_codes()
        self._plans: dict[type, tuple[_Step, ...]] = {}
        self._passes: dict[type, Check] = {}
        #: The ids of each collection, for "did you mean"; the hints given, by unknown id.
        self._nearby: dict[str, Nearby] = {}
        self._hints: dict[str, dict[str, str]] = {c: {} for c in COLLECTIONS}

    def add(self, rec: Located, where: str, message: str) -> None:
        loc = f"{rec.path}.{where}" if where else rec.path
        self.problems.append(Problem(rec.file, loc, message))

    def run(self) -> None:
        by_id = self.by_id
        collection_of = {cls: coll for coll, cls in COLLECTIONS.items()}
        for rec in self.records:
            value = rec.value
            first = by_id.setdefault(value.id, rec)
            if first is not rec:
                self.add(rec, "id", f"duplicate id {value.id!r}, already used at {first.at}")
                continue
            self.ids[collection_of[type(value)]].add(value.id)
            if type(value) is Document:
                self.paragraphs[value.id] = value.paragraphs or 1 << 62
        self.problems.extend(key_problems(self.records))
        passes = {cls: self.passes(cls) for cls in COLLECTIONS.values()}
        for rec in self.records:
            value = rec.value
            if not passes[type(value)](value):
                self.walk(rec, value, type(value), "")
            if type(value) is Organisation and value.parent == value.id:
                self.add(rec, "parent", "an organisation cannot be its own parent")
        parents = {
            r.value.id: r.value.parent
            for r in self.records
            if type(r.value) is Organisation and r.value.parent not in (None, r.value.id)
        }
        for cycle in find_cycles(parents):
            self.add(by_id[cycle[0]], "parent", "parent cycle: " + " -> ".join([*cycle, cycle[0]]))

    # -- one record, field by field ------------------------------------------------------

    def plan(self, cls: type) -> tuple[_Step, ...]:
        """The fields of *cls* with a rule to check or a model value to walk into."""
        found = self._plans.get(cls)
        if found is None:
            found = self._plans[cls] = tuple(
                _Step(
                    f.name,
                    f.many,
                    self.rule(f.meta, f.nested, cls),
                    f.meta.min_items,
                    f.meta.not_before,
                    f.nested,
                    f.meta,
                )
                for f in fields_of(cls)
                if f.nested is not None or f.meta.checked
            )
        return found

    def passes(self, cls: type) -> Check:
        """Whether a value of model class *cls* passes every rule of its fields.

        The common case of :meth:`walk`: the same rules, asked in one loop that
        stops at the first failure and builds no message.
        """
        found = self._passes.get(cls)
        if found is not None:
            return found
        steps = [step[:5] for step in self.plan(cls)]

        def ok(value: Any) -> bool:
            for name, many, test, min_items, not_before in steps:
                v = getattr(value, name)
                if v is None:
                    continue
                if many:
                    if len(v) < min_items or not all(map(test, v)):
                        return False
                elif not test(v):
                    return False
                if not_before is not None and not in_order(getattr(value, not_before), v):
                    return False
            return True

        self._passes[cls] = ok
        return ok

    def rule(self, m: Meta, nested: type | None, owner: type) -> Check:
        """One predicate for every rule *m* declares, for one value of a field of *owner*."""
        if nested is Source:
            return self.source_rule(owner)
        if nested is not None:
            return self.passes(nested)
        tests: list[Check] = []
        if m.nonempty:
            tests.append(str.strip)
        if m.pattern is not None:
            tests.append(_MATCHERS[m.pattern])
        if m.codes is not None:
            tests.append(self.codes[m.codes].__contains__)
        if m.refers_to is not None:
            tests.append(self.ids[m.refers_to].__contains__)
        if m.minimum is not None:
            tests.append(m.minimum.__le__)
        return _all_of(tests)

    def source_rule(self, owner: type) -> Check:
        """A citation: a known document, a paragraph inside it, fields of *owner*."""
        paragraphs = self.paragraphs
        names = field_names(owner)

        def ok(src: Source) -> bool:
            total = paragraphs.get(src.document)
            p = src.paragraph
            return (
                total is not None
                and (p is None or 1 <= p <= total)
                and (
                    not src.fields
                    or names.issuperset(src.fields)
                    or all(field_head(f) in names for f in src.fields)
                )
            )

        return ok

    def walk(self, rec: Located, value: Any, cls: type, prefix: str) -> None:
        """Report every field of *value* (of model class *cls*) that fails its rules."""
        for step in self.plan(cls):
            v = getattr(value, step.name)
            if v is None:
                continue
            many = step.many
            passed = len(v) >= step.min_items and all(map(step.ok, v)) if many else step.ok(v)
            if step.not_before is not None and passed:
                passed = in_order(getattr(value, step.not_before), v)
            if not passed:
                self.report(rec, value, step, prefix + step.name)

    def report(self, rec: Located, value: Any, step: _Step, where: str) -> None:
        """Say what is wrong with one field of *value*, which failed its rules."""
        m = step.meta
        v = getattr(value, step.name)
        if step.many:
            if len(v) < m.min_items:
                self.add(rec, where, m.empty_message)
            for i, item in enumerate(v):
                if not step.ok(item):
                    self.report_value(rec, step, item, f"{where}[{i}]", type(value))
        elif not step.ok(v):
            self.report_value(rec, step, v, where, type(value))
        if m.not_before is not None:
            first = getattr(value, m.not_before)
            if not in_order(first, v):
                self.add(rec, where, f"{step.name} {v} is before {m.not_before} {first}")

    def report_value(self, rec: Located, step: _Step, v: Any, where: str, owner: type) -> None:
        """Say what is wrong with one value: a nested model value, a text, a number."""
        m = step.meta
        if step.nested is Source:
            self.report_source(rec, v, where, owner)
        elif step.nested is not None:
            self.walk(rec, v, step.nested, where + ".")
        elif type(v) is str:
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
        elif type(v) is int and m.minimum is not None and v < m.minimum:
            self.add(rec, where, _below(v, m.minimum))

    def report_source(self, rec: Located, src: Source, where: str, owner: type) -> None:
        """Say what is wrong with a citation."""
        total = self.paragraphs.get(src.document)
        if total is None:
            self.ref(rec, f"{where}.document", src.document, "documents")
        elif src.paragraph is not None and not 1 <= src.paragraph <= total:
            doc = self.by_id[src.document].value
            assert isinstance(doc, Document)  # noqa: S101 - paragraphs holds documents only
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
        if target in self.ids[collection]:
            return
        found = self.by_id.get(target)
        if found is None and (
            collection in self.unreadable or self.placeholders.get(target) == collection
        ):
            return  # defined by an item that failed to convert, reported already
        noun = COLLECTIONS[collection].__name__.lower()
        if found is None:
            self.add(rec, where, f"unknown {noun} {target!r}{self.hint(target, collection)}")
        else:
            actual = a(type(found.value).__name__.lower())
            self.add(rec, where, f"{target!r} is {actual}, not {a(noun)}")

    def hint(self, target: str, collection: str) -> str:
        """The "did you mean" of an unknown id: for the first :data:`HINTED` of a kind only."""
        hints = self._hints[collection]
        found = hints.get(target)
        if found is None:
            if len(hints) >= HINTED:
                return ""
            nearby = self._nearby.get(collection)
            if nearby is None:  # made when something is wrong
                nearby = self._nearby[collection] = Nearby(self.ids[collection])
            found = hints[target] = did_you_mean(target, nearby, cutoff=0.75)
        return found


def _all_of(tests: list[Check]) -> Check:
    """One predicate that holds when every one of *tests* does."""
    first, *rest = tests
    if not rest:
        return first
    others = _all_of(rest)
    return lambda v: first(v) and others(v)


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
