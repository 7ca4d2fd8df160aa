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

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eucoop._exceptions import Problem
from eucoop._loading.base import Base, Resolved
from eucoop._loading.converter import converter, errors_of
from eucoop._loading.items import (
    as_json,
    describe,
    field_map,
    item_words,
    nouns,
    raw_words,
    shown,
    words,
)
from eucoop._model import (
    COLLECTIONS,
    ITEM_KEYS,
    ChangeOp,
    FieldInfo,
    PartialDate,
    RawChange,
    Session,
    Source,
    item_key,
)
from eucoop._text import and_join, did_you_mean

__all__ = ["resolve"]


class _Refused(Exception):
    """A change that cannot be resolved further: its problem is recorded already."""


class _Resolver:
    """Resolves the changes of every file, collecting every problem on the way."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.problems: list[Problem] = []
        self.added: list[Resolved] = []  # additions resolved so far, for "a change on a change"
        self.convert = converter(True).structure

    def problem(self, r: Resolved, where: str, message: str) -> None:
        self.problems.append(Problem(r.file, r.location + where, message))

    def refuse(self, r: Resolved, where: str, message: str) -> _Refused:
        self.problem(r, where, message)
        return _Refused()

    def structure(self, r: Resolved, raw: object, t: Any, where: str) -> Any:
        """*raw* as a value of *t*, through the detailed converter; problems at *where*."""
        try:
            return self.convert(raw, t)
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
                message = 'a change\'s sources support its own field; leave "fields" out'
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
            message = f'{raw.field!r} is not a list of objects: leave "item" out'
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
        return (
            raw.op is ChangeOp.SET and raw.was is not None and getattr(owner, info.name) is not None
        )

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
            info = field_map(cls).get(seg)
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
                i = self._choose(r, value, info)
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
            seg in field_map(c) for c in COLLECTIONS.values() if c is not cls
        )
        hint = "" if elsewhere else did_you_mean(seg, sorted(field_map(cls)))
        return f"{seg!r} is not a field of {cls.__name__}{hint}"

    def _choose(self, r: Resolved, items: Sequence[Any], info: FieldInfo) -> int:
        """The index of the one item of *items* that the change's ``item`` matches."""
        raw, cls = r.raw, info.nested
        assert cls is not None  # noqa: S101 - a list of objects
        noun, plural = nouns(cls)
        if raw.item is None:
            message = f"say which {noun} this changes: missing required key"
            raise self.refuse(r, ".item", message)
        if type(raw.item) is not dict:
            message = f"expected an object with fields of {cls.__name__}"
            raise self.refuse(r, ".item", message)
        fields = field_map(cls)
        wanted: dict[str, object] = {}
        for key, value in raw.item.items():
            if key not in fields:
                hint = did_you_mean(key, sorted(fields))
                self.problem(r, f".item.{key}", f"unknown key {key!r}{hint}")
                continue
            wanted[key] = self.structure(r, value, fields[key].type, f".item.{key}")
        if len(wanted) < len(raw.item):
            raise _Refused
        found = [
            i for i, x in enumerate(items) if all(getattr(x, k) == v for k, v in wanted.items())
        ]
        if len(found) == 1:
            return found[0]
        if found:
            spare = [n for n in (*ITEM_KEYS.get(cls, ()), *fields) if n not in wanted]
            more = f'add "{spare[0]}"' if spare else "say more"
            message = f"{len(found)} {plural} of {raw.target!r} match; {more} to choose one"
            raise self.refuse(r, ".item", message)
        self._added_by_another(r, info.name, wanted, ".item")
        asked = and_join([f"{k} {raw_words(raw.item[k])}" for k in wanted])
        listed = ", ".join(map(describe, items))
        its = f"its {plural}: {listed}" if items else f"it has no {plural}"
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
            elif type(value) in ITEM_KEYS:
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
                f'give "was": {as_json(current)} and a "reason"'
            )
            raise self.refuse(r, ".was", message)
        r.was = was = self.structure(r, raw.was, info.item, ".was")
        if was != current:
            now = "empty" if current is None else shown(current)
            message = (
                f'{self._of(r)} is {now}, not {shown(was)} as "was" says: the data '
                'changed since this change was written, or "was" is mistyped'
            )
            raise self.refuse(r, ".was", message)

    def _add(self, r: Resolved, owner: object, info: FieldInfo) -> None:
        raw = r.raw
        if not info.many:
            message = f'{raw.field!r} is not a list: give it a value with "set"'
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
                message = f"{raw.target!r} already has {item_words(value, words(info.name))} ({at})"
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
                message = f'{raw.field!r} is required: correct it with "set" and "was" instead'
                raise self.refuse(r, ".field", message)
            if current is None:
                raise self.refuse(r, ".field", f"{self._of(r)} has no value to retract")
            r.before = current
            self._check_was(r, current, info, "retract")
            return
        items = list(current)
        if info.nested is not None:
            i = self._choose(r, items, info)
            r.touch = (*r.touch, item_key(items[i]))
            r.index, r.item = i, items[i]
            r.before = items[i]
            return
        if raw.was is None:
            message = f"say which of the {words(info.name)} to retract: missing required key"
            raise self.refuse(r, ".was", message)
        r.was = was = self.structure(r, raw.was, info.item, ".was")
        if isinstance(current, frozenset):
            items = sorted(current)
        if was not in items:
            self._added_by_another(r, info.name, was, ".was")
            if not items:
                raise self.refuse(r, ".was", f"{raw.target!r} has no {words(info.name)}")
            message = (
                f"{shown(was)!r} is not among the {words(info.name)} of {raw.target!r} "
                f"({shown(items)})"
            )
            raise self.refuse(r, ".was", message)
        r.index = items.index(was)
        r.item = r.before = was
        r.touch = (*r.touch, was)


def resolve(
    base: Base, files: Iterable[tuple[str, Sequence[tuple[int, RawChange]]]]
) -> tuple[list[Resolved], list[Problem]]:
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
