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
from eucoop._loading.converter import Located, RawValue
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


Test = Callable[[Any], object]
#: What a rule says is wrong: ``(where, message)``, *where* a JSON location relative to the
#: value the rule was asked about (``""``, ``".document"``, ``"[2].since"``).
Found = Iterator[tuple[str, str]]


class Rule:
    """One rule: a quick :attr:`test` and the :meth:`problems` it finds, side by side.

    Like attrs' validators (``matches_re``, ``in_``, ``ge``, ``deep_iterable``),
    a rule is one object that both decides and says what is wrong. ``test``
    is a plain predicate (truthy when a value passes) asked of every value in
    one pass that builds no message; :meth:`problems` is asked only of a
    value that failed it, and reports each failure with its location.
    """

    __slots__ = ("test",)

    def __init__(self, test: Test) -> None:
        self.test = test

    def problems(self, value: Any) -> Found:
        """Each ``(where, message)`` wrong with *value*, which failed :attr:`test`."""
        raise NotImplementedError  # pragma: no cover - every rule says what it checks


class Plain(Rule):
    """A rule of one value: *test* decides, *message* says why it failed."""

    __slots__ = ("message",)

    def __init__(self, test: Test, message: Callable[[Any], str]) -> None:
        super().__init__(test)
        self.message = message

    def problems(self, value: Any) -> Found:
        yield "", self.message(value)


class RefersTo(Rule):
    """An id of an item of *collection*: it must be there, and be of that kind."""

    __slots__ = ("collection", "refs")

    def __init__(self, refs: "References", collection: str) -> None:
        super().__init__(refs.ids[collection].__contains__)
        self.refs, self.collection = refs, collection

    def problems(self, value: Any) -> Found:
        message = self.refs.problem(value, self.collection)
        if message is not None:
            yield "", message


class AllOf(Rule):
    """Every one of several rules of one value; each that fails says so."""

    __slots__ = ("rules",)

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(_both(*(r.test for r in rules)))
        self.rules = rules

    def problems(self, value: Any) -> Found:
        for rule in self.rules:
            if not rule.test(value):
                yield from rule.problems(value)


def _both(first: Test, *rest: Test) -> Test:
    """One predicate that holds when every one of the tests does (no loop to set up per value)."""
    if not rest:
        return first
    others = _both(*rest)
    return lambda v: first(v) and others(v)


class Cites(Rule):
    """A citation: a known document, a paragraph inside it, fields of *owner*."""

    __slots__ = ("names", "owner", "refs")

    def __init__(self, refs: "References", owner: type) -> None:
        paragraphs = refs.paragraphs
        names = field_names(owner)

        def test(src: Source) -> bool:
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

        super().__init__(test)
        self.refs, self.owner, self.names = refs, owner, names

    def problems(self, value: Any) -> Found:
        src: Source = value
        total = self.refs.paragraphs.get(src.document)
        if total is None:
            message = self.refs.problem(src.document, "documents")
            if message is not None:
                yield ".document", message
        elif src.paragraph is not None and not 1 <= src.paragraph <= total:
            yield (
                ".paragraph",
                f"paragraph {src.paragraph} is outside {src.document!r}, "
                f"which has paragraphs 1 to {total}",
            )
        for j, field in enumerate(src.fields):
            if field not in self.names and field_head(field) not in self.names:
                yield f".fields[{j}]", f"{field!r} is not a field of {self.owner.__name__}"


class FieldRule(NamedTuple):
    """What one field of a record must be: its name, its rule, and the rules of its shape.

    ``rule`` is asked of each item of a collection, or of the value itself.
    """

    name: str
    many: bool
    rule: Rule
    min_items: int
    not_before: str | None
    empty_message: str


class Record(Rule):
    """A value of a model class: every field that declares a rule, or holds model values."""

    __slots__ = ("fields",)

    def __init__(self, fields: Sequence[FieldRule]) -> None:
        steps = [(f.name, f.many, f.rule.test, f.min_items, f.not_before) for f in fields]

        def test(value: Any) -> bool:
            for name, many, item_test, min_items, not_before in steps:
                v = getattr(value, name)
                if v is None:
                    continue
                if many:
                    if len(v) < min_items or not all(map(item_test, v)):
                        return False
                elif not item_test(v):
                    return False
                if not_before is not None and not in_order(getattr(value, not_before), v):
                    return False
            return True

        super().__init__(test)
        self.fields = fields

    def problems(self, value: Any) -> Found:
        for f in self.fields:
            v = getattr(value, f.name)
            if v is None:
                continue
            where = f".{f.name}"
            if f.many:
                if len(v) < f.min_items:
                    yield where, f.empty_message
                for i, item in enumerate(v):
                    if not f.rule.test(item):
                        for sub, message in f.rule.problems(item):
                            yield f"{where}[{i}]{sub}", message
            elif not f.rule.test(v):
                for sub, message in f.rule.problems(v):
                    yield where + sub, message
            if f.not_before is not None:
                first = getattr(value, f.not_before)
                if not in_order(first, v):
                    yield where, f"{f.name} {v} is before {f.not_before} {first}"


def _anything(_value: object) -> bool:
    return True


_ANY = Rule(_anything)  # a field whose only rules are its shape (fewest items, date order)


class References:
    """The ids of a set of records, what a reference to one must find, and its hints."""

    def __init__(self, placeholders: Mapping[str, str], unreadable: Set[str]) -> None:
        self.placeholders = placeholders
        self.unreadable = unreadable
        self.by_id: dict[str, Located] = {}
        #: ids of each collection, and the paragraph count of each document.
        self.ids: dict[str, set[str]] = {c: set() for c in COLLECTIONS}
        self.paragraphs: dict[str, int] = {}
        #: The ids of each collection, for "did you mean"; the hints given, by unknown id.
        self._nearby: dict[str, Nearby] = {}
        self._hints: dict[str, dict[str, str]] = {c: {} for c in COLLECTIONS}

    def problem(self, target: str, collection: str) -> str | None:
        """What is wrong with a reference to *target* in *collection*, or None.

        None too for an id defined by an item that failed to convert: that
        item is reported already.
        """
        if target in self.ids[collection]:
            return None
        found = self.by_id.get(target)
        if found is None and (
            collection in self.unreadable or self.placeholders.get(target) == collection
        ):
            return None
        noun = COLLECTIONS[collection].__name__.lower()
        if found is None:
            return f"unknown {noun} {target!r}{self.hint(target, collection)}"
        actual = a(type(found.value).__name__.lower())
        return f"{target!r} is {actual}, not {a(noun)}"

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


def validate(
    records: Sequence[Located],
    placeholders: Mapping[str, str] | None = None,
    unreadable: Set[str] = frozenset(),
    unconverted: Sequence[tuple[Located, RawValue]] = (),
    *,
    cycles: bool = True,
) -> list[Problem]:
    """Every problem across the records of all files loaded together.

    *placeholders* maps ids of items that failed to convert to their
    collection, and *unreadable* names collections that could not be read at
    all, so that references to what they held are not reported as unknown too.
    *unconverted* are values found in items that failed to convert, whose
    fields declare rules; they are checked too, so a type error does not hide
    a dangling reference or a bad code beside it. Without *cycles*, parents
    are not followed (changes report the cycles they make themselves).
    """
    problems: list[Problem] = []

    def add(rec: Located, where: str, message: str) -> None:
        problems.append(Problem(rec.file, rec.path + where, message))

    refs = References(placeholders or {}, unreadable)
    by_id, ids = refs.by_id, refs.ids
    collection_of = {cls: coll for coll, cls in COLLECTIONS.items()}
    for rec in records:
        value = rec.value
        first = by_id.setdefault(value.id, rec)
        if first is not rec:
            add(rec, ".id", f"duplicate id {value.id!r}, already used at {first.at}")
            continue
        ids[collection_of[type(value)]].add(value.id)
        if type(value) is Document:
            refs.paragraphs[value.id] = value.paragraphs or 1 << 62
    problems.extend(key_problems(records))
    rules = Rules(refs)
    tests = {cls: rules.of(cls).test for cls in COLLECTIONS.values()}
    for rec in records:
        value = rec.value
        if not tests[type(value)](value):
            for where, message in rules.of(type(value)).problems(value):
                add(rec, where, message)
        if cycles and type(value) is Organisation and value.parent == value.id:
            add(rec, ".parent", "an organisation cannot be its own parent")
    parents = {
        r.value.id: r.value.parent
        for r in records
        if cycles and type(r.value) is Organisation and r.value.parent not in (None, r.value.id)
    }
    for cycle in find_cycles(parents):
        add(by_id[cycle[0]], ".parent", "parent cycle: " + " -> ".join([*cycle, cycle[0]]))
    for rec, raw in unconverted:
        if type(raw.value) is not (int if raw.meta.minimum is not None else str):
            continue  # the wrong type, reported already
        rule = rules.field_rule(raw.meta, None, raw.owner)
        if not rule.test(raw.value):
            for where, message in rule.problems(raw.value):
                add(rec, f".{raw.where}{where}", message)
    return problems


class Rules:
    """The rule of each model class, made from its fields' metadata and the ids at hand."""

    def __init__(self, refs: References) -> None:
        self.refs = refs
        self.codes = iso_codes()
        self._made: dict[type, Record] = {}

    def of(self, cls: type) -> Record:
        """The rule of a value of model class *cls*: each field's rules, once."""
        found = self._made.get(cls)
        if found is None:
            found = self._made[cls] = Record(
                [
                    FieldRule(
                        f.name,
                        f.many,
                        self.field_rule(f.meta, f.nested, cls),
                        f.meta.min_items,
                        f.meta.not_before,
                        f.meta.empty_message,
                    )
                    for f in fields_of(cls)
                    if f.nested is not None or f.meta.checked
                ]
            )
        return found

    def field_rule(self, m: Meta, nested: type | None, owner: type) -> Rule:
        """The rule of one value of a field of *owner* that declares *m*."""
        if nested is Source:
            return Cites(self.refs, owner)
        if nested is not None:
            return self.of(nested)
        rules: list[Rule] = []
        if m.nonempty:
            rules.append(Plain(str.strip, lambda _v: m.empty_message))
        if m.pattern is not None and m.codes is None:  # a code list is narrower than its pattern
            rules.append(Plain(_MATCHERS[m.pattern], _PATTERN_MESSAGES[m.pattern].format))
        if m.codes is not None:
            rules.append(Plain(self.codes[m.codes].__contains__, _CODE_MESSAGES[m.codes].format))
        if m.refers_to is not None:
            rules.append(RefersTo(self.refs, m.refers_to))
        if m.minimum is not None:
            minimum = m.minimum
            rules.append(Plain(minimum.__le__, lambda v: _below(v, minimum)))
        if not rules:
            return _ANY
        return rules[0] if len(rules) == 1 else AllOf(rules)


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
