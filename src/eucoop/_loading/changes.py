"""Resolving changes: each one against the whole entities of every file, with its problems.

A change names its target by id, its field by a path (``"founded"``,
``"partnership.standing"``, ``"participants.until"``) and, in a list of
objects, its item by a partial object. Resolving it finds all three in the
*base* (the whole entities and documents of every file loaded), structures
its ``value`` and ``was`` with the field's own type through the one
converter, in detailed mode (so that a bad date is reported inside the
value), checks ``was`` against what the data holds, and makes the change's
*touch key*: two changes with keys one of which begins the other touch one
value, and the later is refused (:func:`conflicts`). The field facts come
from the model (:func:`~eucoop._model.fields.fields_of`), never from a list
kept here. Applying resolved changes is :mod:`eucoop._loading.apply`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from eucoop._exceptions import Problem
from eucoop._loading.converter import Located, converter, errors_of, unstructure
from eucoop._model import (
    COLLECTIONS,
    ChangeOp,
    Document,
    FieldInfo,
    PartialDate,
    Participant,
    RawChange,
    Session,
    Source,
    fields_of,
    per_class,
)
from eucoop._model.typecheck import checked_already
from eucoop._text import Nearby, and_join, did_you_mean

__all__ = [
    "Base",
    "Resolved",
    "conflicts",
    "describe",
    "item_key",
    "item_words",
    "resolve",
    "shown",
]

#: The fields that tell the items of a list of objects apart (design, section 4.3).
IDENTITY: Mapping[type, tuple[str, ...]] = {
    Session: ("start",),
    Participant: ("organisation", "role", "since"),
    Source: ("document", "paragraph"),
}


@per_class
def _fields(cls: type) -> dict[str, FieldInfo]:
    return {f.name: f for f in fields_of(cls)}


def item_key(item: object) -> object:
    """What tells *item* apart from the other items of its list (section 4.3 of the design).

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


def _json(value: object) -> str:
    """A model value as a data file writes it, for a message: ``"1951"``."""
    return json.dumps(unstructure(value), ensure_ascii=False)


def _raw(value: object) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _nouns(cls: type) -> tuple[str, str]:
    noun = cls.__name__.lower()
    return noun, f"{noun}s"


class Base:
    """The whole entities and documents of every file loaded: what changes apply to."""

    def __init__(self, records: Iterable[Located]) -> None:
        self.by_id: dict[str, Located] = {}
        for rec in records:
            self.by_id.setdefault(rec.value.id, rec)
        self.paragraphs = {
            i: r.value.paragraphs or 1 << 62
            for i, r in self.by_id.items()
            if type(r.value) is Document
        }
        self._nearby: dict[str, Nearby] = {}

    def hint(self, word: str, pool: str) -> str:
        """The "did you mean" of an unknown id among the entities (or the documents)."""
        nearby = self._nearby.get(pool)
        if nearby is None:
            ids = (i for i, r in self.by_id.items() if (type(r.value) is Document) == (pool == "d"))
            nearby = self._nearby[pool] = Nearby(list(ids))
        return did_you_mean(word, nearby, cutoff=0.75)


class Resolved:
    """One change found in the base: where it goes, its typed value, what it replaces."""

    __slots__ = (
        "before",
        "file",
        "final",
        "index",
        "item",
        "location",
        "named",
        "order",
        "path",
        "position",
        "raw",
        "record",
        "steps",
        "touch",
        "value",
        "was",
    )

    def __init__(self, file: str, order: int, position: int, raw: RawChange) -> None:
        self.file, self.order, self.position, self.raw = file, order, position, raw
        self.location = f"$.changes[{position}]"
        self.record: Located | None = None
        #: The way down to the field: (field, index of the item chosen, or None) per step.
        self.steps: list[tuple[str, int | None]] = []
        #: In a list, the index of the item retracted (None: not a retraction of an item).
        self.index: int | None = None
        self.item: object = None  # the item of a list the change is about, as the data held it
        self.value: object = None
        self.was: object = None
        self.before: object = None
        self.touch: tuple[object, ...] = ()
        self.path = ""  # its path with indices: "participants[0].until"
        self.final = ""  # the name of the field it changes, at the end of the path
        self.named = raw.field  # what its sources name in the entity

    @property
    def origin(self) -> str:
        """``fix-iom.json: $.changes[0]``."""
        return f"{self.file}: {self.location}"

    @property
    def target(self) -> str:
        return self.raw.target

    @property
    def op(self) -> ChangeOp:
        return self.raw.op


class _Refused(Exception):
    """A change that cannot be resolved further: its problem is recorded already."""


class _Resolver:
    """Resolves the changes of every file, collecting every problem on the way."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.problems: list[Problem] = []
        self.added: list[Resolved] = []  # additions resolved so far, for "a change on a change"

    def problem(self, r: Resolved, where: str, message: str) -> None:
        self.problems.append(Problem(r.file, r.location + where, message))

    def refuse(self, r: Resolved, where: str, message: str) -> _Refused:
        self.problem(r, where, message)
        return _Refused()

    def structure(self, r: Resolved, raw: object, t: Any, where: str) -> Any:
        """*raw* as a value of *t*, through the detailed converter; problems at *where*."""
        try:
            with checked_already():
                return converter(True).structure(raw, t)
        except Exception as exc:  # noqa: BLE001 - turned into problems
            for loc, message in errors_of(exc, r.location + where):
                self.problems.append(Problem(r.file, loc, message))
            raise _Refused from None

    # -- one change ------------------------------------------------------------

    def resolve(self, r: Resolved) -> bool:
        """Resolve *r*; False when it has a problem (recorded)."""
        before = len(self.problems)
        try:
            self._sources(r)
            self._resolve(r)
        except _Refused:
            return False
        return len(self.problems) == before

    def _sources(self, r: Resolved) -> None:
        raw = r.raw
        corroborates = raw.op is ChangeOp.ADD and raw.field == "sources"
        if raw.reason is not None and not raw.reason.strip():
            self.problem(r, ".reason", "must not be empty")
        if not raw.sources and not corroborates:
            self.problem(r, ".sources", "must cite at least one source")
        for j, src in enumerate(raw.sources):
            where = f".sources[{j}]"
            if src.fields:
                message = "a change's sources support its own field; leave \"fields\" out"
                self.problem(r, f"{where}.fields", message)
            total = self.base.paragraphs.get(src.document)
            if total is None:
                message = f"unknown document {src.document!r}{self.base.hint(src.document, 'd')}"
                self.problem(r, f"{where}.document", message)
            elif src.paragraph is not None and not 1 <= src.paragraph <= total:
                message = (
                    f"paragraph {src.paragraph} is outside {src.document!r}, "
                    f"which has paragraphs 1 to {total}"
                )
                self.problem(r, f"{where}.paragraph", message)

    def _resolve(self, r: Resolved) -> None:
        raw, target = r.raw, r.raw.target
        rec = self.base.by_id.get(target)
        if rec is None:
            hint = self.base.hint(target, "e") or self.base.hint(target, "d")
            raise self.refuse(r, ".target", f"unknown entity {target!r}{hint}")
        if rec.file == r.file:
            message = f"{target!r} is defined in this file ({rec.path}): write the value there"
            raise self.refuse(r, ".target", message)
        r.record = rec
        owner, info = self._walk(r, rec.value)
        op = raw.op
        if raw.item is not None and not r.steps and op is ChangeOp.ADD:
            raise self.refuse(r, ".item", 'an addition adds its "value": leave "item" out')
        if raw.item is not None and not r.steps and not (info.many and info.nested):
            message = f"{raw.field!r} is not a list of objects: leave \"item\" out"
            raise self.refuse(r, ".item", message)
        if raw.reason is None and self._replaces(r, owner, info):
            message = "a change that replaces or retracts a value says why: missing required key"
            self.problem(r, ".reason", message)
        if op is ChangeOp.SET:
            self._set(r, owner, info)
        elif op is ChangeOp.ADD:
            self._add(r, owner, info)
        else:
            self._retract(r, owner, info)

    def _replaces(self, r: Resolved, owner: object, info: FieldInfo) -> bool:
        """Whether *r* replaces or retracts a value it names (else ``was`` is what is missing)."""
        raw = r.raw
        if raw.op is ChangeOp.RETRACT:
            return raw.was is not None or (raw.item is not None and info.nested is not None)
        return raw.op is ChangeOp.SET and raw.was is not None and getattr(owner, info.name) is not None

    def _walk(self, r: Resolved, entity: object) -> tuple[object, FieldInfo]:
        """The object whose field the path ends in, and that field; steps and path on *r*."""
        raw = r.raw
        if "[" in raw.field:
            message = 'a field path names no index: say which item with "item"'
            raise self.refuse(r, ".field", message)
        segments = raw.field.split(".")
        obj: Any = entity
        path = ""
        for n, seg in enumerate(segments):
            cls = type(obj)
            info = _fields(cls).get(seg)
            if info is None:
                raise self.refuse(r, ".field", self._unknown_field(seg, cls, n))
            if seg == "id":
                raise self.refuse(r, ".field", "an id cannot be changed")
            path += ("." if path else "") + seg
            if n == len(segments) - 1:
                r.path, r.final = path, seg
                r.touch = (*r.touch, seg)
                return obj, info
            if info.nested is None or info.nested is PartialDate:  # a date is one value
                message = f"{'.'.join(segments[: n + 2])!r} is not a field of {cls.__name__}"
                raise self.refuse(r, ".field", message)
            value = getattr(obj, seg)
            if info.many:
                i = self._choose(r, value, info, obj)
                r.steps.append((seg, i))
                r.item = value[i]
                r.touch = (*r.touch, seg, item_key(value[i]))
                path += f"[{i}]"
                obj = value[i]
            else:
                if value is None:
                    message = f"{raw.target!r} has no {seg}: set the whole {seg!r} instead"
                    raise self.refuse(r, ".field", message)
                r.steps.append((seg, None))
                r.touch = (*r.touch, seg)
                obj = value
        raise AssertionError  # pragma: no cover - a path has at least one segment

    def _unknown_field(self, seg: str, cls: type, depth: int) -> str:
        elsewhere = depth == 0 and any(
            seg in _fields(c) for c in COLLECTIONS.values() if c is not cls
        )
        hint = "" if elsewhere else did_you_mean(seg, sorted(_fields(cls)))
        return f"{seg!r} is not a field of {cls.__name__}{hint}"

    def _choose(self, r: Resolved, items: Sequence[Any], info: FieldInfo, owner: object) -> int:
        """The index of the one item of *items* that the change's ``item`` matches."""
        raw, cls = r.raw, info.nested
        assert cls is not None  # noqa: S101 - a list of objects
        noun, nouns = _nouns(cls)
        if raw.item is None:
            message = f"say which {noun} this changes: missing required key"
            raise self.refuse(r, ".item", message)
        if type(raw.item) is not dict:
            message = f"expected an object with fields of {cls.__name__}"
            raise self.refuse(r, ".item", message)
        fields = _fields(cls)
        wanted: dict[str, object] = {}
        for key, value in raw.item.items():
            if key not in fields:
                hint = did_you_mean(key, sorted(fields))
                self.problem(r, f".item.{key}", f"unknown key {key!r}{hint}")
                continue
            wanted[key] = self.structure(r, value, fields[key].type, f".item.{key}")
        if len(wanted) < len(raw.item):
            raise _Refused
        found = [i for i, x in enumerate(items) if all(getattr(x, k) == v for k, v in wanted.items())]
        if len(found) == 1:
            return found[0]
        if found:
            spare = [n for n in (*IDENTITY.get(cls, ()), *fields) if n not in wanted]
            more = f'add "{spare[0]}"' if spare else "say more"
            message = f"{len(found)} {nouns} of {raw.target!r} match; {more} to choose one"
            raise self.refuse(r, ".item", message)
        self._added_by_another(r, info.name, wanted, ".item")
        asked = and_join([f"{k} {_raw(raw.item[k])}" for k in wanted])
        listed = ", ".join(map(describe, items))
        its = f"its {nouns}: {listed}" if items else f"it has no {nouns}"
        message = f"no {noun} of {raw.target!r} has {asked}; {its}"
        raise self.refuse(r, ".item", message)

    def _added_by_another(
        self, r: Resolved, name: str, wanted: Mapping[str, object] | object, where: str
    ) -> None:
        """Refuse *r* if what it is about is an item another change adds."""
        for other in self.added:
            if other.target != r.target or other.raw.field != r.raw.field.split(".")[0]:
                continue
            value = other.value
            if isinstance(wanted, Mapping):
                if not all(getattr(value, k) == v for k, v in wanted.items()):
                    continue
            elif value != wanted:
                continue
            if isinstance(value, Session):
                what = f"the session of {r.target!r} starting {value.start}"
            elif type(value) in IDENTITY:
                what = f"the {type(value).__name__.lower()} {describe(value)} of {r.target!r}"
            else:
                what = f"{shown(value)!r} in the {name} of {r.target!r}"
            message = (
                f"{what} was added by {other.origin}; a change cannot change another "
                f"change: edit {other.file} instead"
            )
            raise self.refuse(r, where, message)

    # -- the three operations ------------------------------------------------------------

    def _set(self, r: Resolved, owner: object, info: FieldInfo) -> None:
        raw = r.raw
        if info.many:
            message = f"{raw.field!r} is a list: add or retract its items one by one"
            raise self.refuse(r, ".field", message)
        if raw.value is None:
            raise self.refuse(r, ".value", "missing required key")
        r.value = self.structure(r, raw.value, info.item, ".value")
        current = getattr(owner, info.name)
        r.before = current
        self._check_was(r, current, info, "replace")
        if r.value == current:
            raise self.refuse(r, ".value", f"{self._of(r)} is already {shown(current)}")

    def _of(self, r: Resolved) -> str:
        return f"{r.raw.field!r} of {r.raw.target!r}"

    def _check_was(self, r: Resolved, current: object, info: FieldInfo, verb: str) -> None:
        """``was`` against the value the data holds (None: nothing to name)."""
        raw = r.raw
        if raw.was is None:
            if current is None:
                return
            assert r.record is not None  # noqa: S101 - resolved by now
            message = (
                f"{self._of(r)} is already {shown(current)} ({r.record.at}); to {verb} it, "
                f'give "was": {_json(current)} and a "reason"'
            )
            raise self.refuse(r, ".was", message)
        r.was = was = self.structure(r, raw.was, info.item, ".was")
        if was != current:
            now = "empty" if current is None else shown(current)
            message = (
                f"{self._of(r)} is {now}, not {shown(was)} as \"was\" says: the data "
                'changed since this change was written, or "was" is mistyped'
            )
            raise self.refuse(r, ".was", message)

    def _add(self, r: Resolved, owner: object, info: FieldInfo) -> None:
        raw = r.raw
        if not info.many:
            message = f"{raw.field!r} is not a list: give it a value with \"set\""
            raise self.refuse(r, ".op", message)
        if raw.was is not None:
            raise self.refuse(r, ".was", 'an addition replaces nothing: leave "was" out')
        if raw.value is None:
            raise self.refuse(r, ".value", "missing required key")
        if info.item is Source and raw.sources:
            message = 'an added citation is its own source: leave "sources" out'
            raise self.refuse(r, ".sources", message)
        r.value = value = self.structure(r, raw.value, info.item, ".value")
        key = item_key(value)
        for j, x in enumerate(getattr(owner, info.name)):
            if item_key(x) == key:
                assert r.record is not None  # noqa: S101 - resolved by now
                at = f"{r.record.at}.{r.path}[{j}]"
                message = f"{raw.target!r} already has {item_words(value, _words(info.name))} ({at})"
                raise self.refuse(r, ".value", message)
        r.touch = (*r.touch, key)
        self.added.append(r)

    def _retract(self, r: Resolved, owner: object, info: FieldInfo) -> None:
        raw = r.raw
        if raw.value is not None:
            message = 'a retraction takes no value: say what it retracts with "was" or "item"'
            raise self.refuse(r, ".value", message)
        current = getattr(owner, info.name)
        if not info.many:
            if not info.optional:
                message = f"{raw.field!r} is required: correct it with \"set\" and \"was\" instead"
                raise self.refuse(r, ".field", message)
            if current is None:
                raise self.refuse(r, ".field", f"{self._of(r)} has no value to retract")
            r.before = current
            self._check_was(r, current, info, "retract")
            return
        items = list(current)
        if info.nested is not None:
            i = self._choose(r, items, info, owner)
            r.touch = (*r.touch, item_key(items[i]))
            r.index, r.item = i, items[i]
            r.before = items[i]
            return
        if raw.was is None:
            message = f"say which of the {_words(info.name)} to retract: missing required key"
            raise self.refuse(r, ".was", message)
        r.was = was = self.structure(r, raw.was, info.item, ".was")
        if isinstance(current, frozenset):
            items = sorted(current)
        if was not in items:
            self._added_by_another(r, info.name, was, ".was")
            if not items:
                raise self.refuse(r, ".was", f"{raw.target!r} has no {_words(info.name)}")
            message = (
                f"{shown(was)!r} is not among the {_words(info.name)} of {raw.target!r} "
                f"({shown(items)})"
            )
            raise self.refuse(r, ".was", message)
        r.index = items.index(was)
        r.item = r.before = was
        r.touch = (*r.touch, was)


def resolve(base: Base, files: Iterable[tuple[str, Sequence[tuple[int, RawChange]]]]) -> tuple[
    list[Resolved], list[Problem]
]:
    """Every change of *files* (in load order) resolved against *base*, and their problems.

    Additions are resolved first, so that a change about an item another
    change adds is told so; the problems come back in load order.
    """
    resolver = _Resolver(base)
    every = [
        Resolved(name, order, position, raw)
        for order, (name, changes) in enumerate(files)
        for position, raw in changes
    ]
    ok = [r for r in every if r.raw.op is ChangeOp.ADD and resolver.resolve(r)]
    ok += [r for r in every if r.raw.op is not ChangeOp.ADD and resolver.resolve(r)]
    ok.sort(key=lambda r: (r.order, r.position))
    return ok, resolver.problems


def conflicts(resolved: Iterable[Resolved]) -> Iterator[Problem]:
    """A problem for each change that touches a value an earlier change (in load order) touches.

    Two touch keys conflict when one begins the other: setting a participant's
    ``until`` and retracting that participant touch one value.
    """
    exact: dict[tuple[object, ...], Resolved] = {}
    covered: dict[tuple[object, ...], Resolved] = {}
    for r in resolved:
        key = (r.target, *r.touch)
        earlier = covered.get(key) or next(
            (exact[key[:n]] for n in range(1, len(key)) if key[:n] in exact), None
        )
        if earlier is None:
            exact[key] = r
            for n in range(1, len(key) + 1):
                covered.setdefault(key[:n], r)
            continue
        if r.op is ChangeOp.ADD and earlier.op is ChangeOp.ADD:
            what = item_words(r.value, r.raw.field.rsplit(".", 1)[-1].replace("_", " "))
            message = f"{r.target!r} already has {what} ({earlier.origin})"
            yield Problem(r.file, f"{r.location}.value", message)
            continue
        advice = "put both in one file and keep one" if earlier.file != r.file else "keep one"
        message = (
            f"{r.raw.field!r} of {r.target!r} is already changed by {earlier.origin}; "
            f"a value takes one change: {advice}"
        )
        yield Problem(r.file, r.location, message)
