"""Applying changes: resolved all at once, checked on the result, problems told at the change.

The steps (design, section 4.1): resolve every change against the base and
refuse those that touch one value (:mod:`eucoop._loading.changes`); build
each changed entity once, with ``attrs.evolve``, from the base (changes
commute: none sees another's result); keep the citations truthful (section
4.2); run the checks every load runs (:func:`~eucoop._loading.checks.validate`)
on the result, and report a problem found in a changed value at the change
that made it (``mine.json: $.changes[2].value``), not at the packaged record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from eucoop._exceptions import Problem
from eucoop._loading.base import Base, Resolved
from eucoop._loading.changes import resolve
from eucoop._loading.checks import find_cycles, validate
from eucoop._loading.converter import Located
from eucoop._loading.items import item_words
from eucoop._model import (
    Change,
    ChangeOp,
    Document,
    Entity,
    Organisation,
    RawChange,
    Session,
    Source,
    field_names,
)
from eucoop._model.typecheck import checked_already

__all__ = ["Cited", "apply_changes", "conflicts"]

#: The citations of one field of an entity: what the query room's ``provenance`` answers.
Cited = Callable[[Entity, str], tuple[Source, ...]]


def apply_changes(
    records: list[Located],
    files: Sequence[tuple[str, Sequence[tuple[int, RawChange]]]],
    cited: Cited,
    *,
    base_ok: bool,
) -> tuple[list[Located], list[Change], list[Problem]]:
    """The records with every change of *files* applied, the ledger, and every problem.

    *files* are ``(file name, its changes with their positions)`` in load
    order. When the base itself has problems (*base_ok* false), the changes
    are resolved and their problems reported, but nothing is applied.
    """
    with checked_already():  # every value is structured (so checked) by the converter
        return _apply(records, files, cited, base_ok=base_ok)


def _apply(
    records: list[Located],
    files: Sequence[tuple[str, Sequence[tuple[int, RawChange]]]],
    cited: Cited,
    *,
    base_ok: bool,
) -> tuple[list[Located], list[Change], list[Problem]]:
    base = Base(records)
    resolved, problems = resolve(base, files)
    refused = list(conflicts(resolved))
    refused.extend(_citation_problems(resolved))
    problems.extend(refused)
    if not base_ok:
        return records, [], problems
    if refused:  # the others are applied all the same, for what their results hold
        left = {(p.file, p.location.partition("]")[0]) for p in refused}
        resolved = [r for r in resolved if (r.file, r.location.partition("]")[0]) not in left]
    by_target: dict[str, list[Resolved]] = defaultdict(list)
    for r in resolved:
        by_target[r.target].append(r)
    changed: dict[int, Located] = {}
    places: dict[str, list[tuple[str, Resolved, str]]] = {}
    for target, group in by_target.items():
        rec = base.by_id[target]
        new = _rebuild(rec.value, [(r, 0) for r in group])
        if isinstance(new, Entity):
            new = _cite(new, group)
            places[rec.at] = _places(new, group)
        changed[id(rec)] = rec._replace(value=new)
    out = [changed.get(id(r), r) for r in records]
    # Changed records last: a clash of names is then reported at the changed one.
    unchanged = [r for r in records if id(r) not in changed]
    after = validate([*unchanged, *changed.values()], cycles=False)
    problems.extend(_relocated(p, places) for p in after)
    problems.extend(_cycles(out, resolved))
    if problems:
        return records, [], problems
    return out, [_change(r, cited) for r in resolved], []


# -- what retracting a citation leaves uncited ------------------------------------------


def _citation_problems(resolved: Sequence[Resolved]) -> Iterable[Problem]:
    """Retractions of citations that leave an entity, or one of its values, uncited."""
    retracted: dict[str, list[Resolved]] = defaultdict(list)
    cites: dict[str, list[Source]] = defaultdict(list)  # what changes add, by target
    touched: dict[str, set[str]] = defaultdict(set)
    for r in resolved:
        if r.op is ChangeOp.RETRACT and not r.steps and r.final == "sources":
            retracted[r.target].append(r)
        elif r.op is not ChangeOp.RETRACT:
            cites[r.target].extend(_cites_added(r))
        if r.op is not ChangeOp.ADD:
            touched[r.target].add(r.raw.field)
    for target, group in retracted.items():
        entity = group[0].record.value  # type: ignore[union-attr] # resolved
        assert isinstance(entity, Entity)  # noqa: S101 - documents have no sources to retract
        gone = {r.index for r in group}
        left = [s for i, s in enumerate(entity.sources) if i not in gone] + cites[target]
        if not left:
            last = group[-1]
            message = f"{target!r} would cite no source"
            yield Problem(last.file, f"{last.location}.item", message)
            continue
        general = any(not s.fields for s in left)
        for r in group:
            for field in r.item.fields:  # type: ignore[attr-defined] # a Source
                value = getattr(entity, field.split(".")[0].split("[")[0], None)
                if general or value in (None, (), frozenset()) or field in touched[target]:
                    continue
                if not any(s.supports(field) for s in left):
                    message = (
                        f"retracting this source leaves {field!r} of {target!r} without a "
                        "citation: retract the value too, or add another source"
                    )
                    yield Problem(r.file, f"{r.location}.item", message)
                    break


def _cites_added(r: Resolved) -> list[Source]:
    if r.final == "sources" and not r.steps:
        return [r.value]  # type: ignore[list-item] # an added citation
    return list(r.raw.sources)


# -- building the changed entities -----------------------------------------------------


def _rebuild(obj: Any, edits: list[tuple[Resolved, int]]) -> Any:
    """*obj* with every edit applied: each a change and how deep in its path *obj* is."""
    groups: dict[str, list[tuple[Resolved, int]]] = defaultdict(list)
    for r, depth in edits:
        name = r.steps[depth][0] if depth < len(r.steps) else r.final
        groups[name].append((r, depth))
    updates: dict[str, Any] = {}
    for name, group in groups.items():
        current = getattr(obj, name)
        if isinstance(current, frozenset):
            gone = {r.was for r, _ in group if r.op is ChangeOp.RETRACT}
            updates[name] = frozenset(
                current - gone | {r.value for r, _ in group if r.op is ChangeOp.ADD}
            )
        elif isinstance(current, tuple):
            updates[name] = _list(current, group)
        elif group[0][1] < len(group[0][0].steps):  # a record inside: a partnership
            updates[name] = _rebuild(current, [(r, d + 1) for r, d in group])
        else:
            r = group[0][0]
            updates[name] = r.value if r.op is ChangeOp.SET else None
    return attrs.evolve(obj, **updates)


def _list(items: tuple[Any, ...], group: list[tuple[Resolved, int]]) -> tuple[Any, ...]:
    inner: dict[int, list[tuple[Resolved, int]]] = defaultdict(list)
    gone: set[int] = set()
    added: list[Any] = []
    for r, depth in group:
        if depth < len(r.steps):
            index = r.steps[depth][1]
            assert index is not None  # noqa: S101 - an item of a list is chosen
            inner[index].append((r, depth + 1))
        elif r.op is ChangeOp.ADD:
            added.append(r.value)
        else:
            gone.add(r.index)  # type: ignore[arg-type] # a retracted item has an index
    out = [_rebuild(x, inner[i]) if i in inner else x for i, x in enumerate(items) if i not in gone]
    if added:
        out.extend(added)
        if isinstance(added[0], Session):  # sessions take their place by start (stable)
            out.sort(key=lambda s: s.start.first_day())
    return tuple(out)


def _cite(new: Entity, group: list[Resolved]) -> Entity:
    """*new* with citations that say what supports what (design, section 4.2).

    A packaged source that named a replaced or retracted value no longer
    names it (and goes when it names nothing else); each set or added value
    brings its change's sources, naming the change's field.
    """
    paths = {
        p
        for r in group
        if r.op is not ChangeOp.ADD and r.index is None
        for p in (r.raw.field, r.path)
    }
    sources = _stripped(new.sources, paths)
    extra = [
        attrs.evolve(s, fields=(r.named,))
        for r in group
        if r.op is not ChangeOp.RETRACT and not (r.final == "sources" and not r.steps)
        for s in r.raw.sources
    ]
    updates: dict[str, Any] = {"sources": (*sources, *extra)}
    part = getattr(new, "partnership", None)
    inside = {p.partition(".")[2] for p in paths if p.startswith("partnership.")}
    if part is not None and inside:
        updates["partnership"] = attrs.evolve(part, sources=_stripped(part.sources, inside))
    return attrs.evolve(new, **updates)


def _stripped(sources: tuple[Source, ...], paths: set[str]) -> tuple[Source, ...]:
    if not paths:
        return sources
    out = []
    for s in sources:
        kept = tuple(
            f
            for f in s.fields
            if not any(f == p or f.startswith((p + ".", p + "[")) for p in paths)
        )
        if kept == s.fields:
            out.append(s)
        elif kept:
            out.append(attrs.evolve(s, fields=kept))
    return tuple(out)


# -- problems of the result, told at the change ---------------------------------------


def _places(entity: Entity, group: list[Resolved]) -> list[tuple[str, Resolved, str]]:
    """Where each change put something in *entity*: (path in the record, change, path in it)."""
    out: list[tuple[str, Resolved, str]] = []
    where_in: dict[int, dict[int, int]] = {}  # id of a list -> id of an item -> its index
    for r in group:
        if r.op is ChangeOp.SET:
            out.append((f".{r.path}", r, ".value"))
        elif r.op is ChangeOp.ADD:
            where = f".{r.path}"
            owner: Any = entity
            for name, index in r.steps:
                owner = getattr(owner, name)
                owner = owner if index is None else owner[index]
            items = getattr(owner, r.final)
            if isinstance(items, tuple):
                found = where_in.get(id(items))
                if found is None:
                    found = where_in[id(items)] = {id(x): j for j, x in enumerate(items)}
                where += f"[{found[id(r.value)]}]"
            out.append((where, r, ".value"))
    appended = [
        (r, j) for r in group if r.op is not ChangeOp.RETRACT for j in range(len(r.raw.sources))
    ]
    if group and "sources" in field_names(type(entity)):
        first = len(entity.sources) - len(appended)
        for k, (r, j) in enumerate(appended):
            out.append((f".sources[{first + k}]", r, f".sources[{j}]"))
    return out


def _relocated(p: Problem, places: dict[str, list[tuple[str, Resolved, str]]]) -> Problem:
    """*p*, at the change that made the value it is about when there is one."""
    loc = p.location
    record = loc[: loc.index("]") + 1] if "]" in loc else loc
    found = places.get(f"{p.file}: {record}")
    if not found:
        return p  # pragma: no cover - the base was valid: every problem is in a changed record
    rest = loc[len(record) :]

    def shared(prefix: str) -> int:
        if rest == prefix or rest.startswith((prefix + ".", prefix + "[")):
            return 1000 + len(prefix)
        a, b = _segments(rest), _segments(prefix)
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    best = max(found, key=lambda place: shared(place[0]))
    prefix, r, inside = best
    more = rest[len(prefix) :] if shared(prefix) >= 1000 else ""
    return Problem(r.file, r.location + inside + more, p.message)


def _segments(path: str) -> list[str]:
    return path.replace("[", ".[").split(".")[1:]


def _cycles(records: list[Located], resolved: list[Resolved]) -> Iterable[Problem]:
    """Parent cycles the changes made, each at the first change (in load order) that set one."""
    setting = {r.target: r for r in reversed(resolved) if r.raw.field == "parent"}
    if not setting:
        return
    parents = {
        r.value.id: r.value.parent
        for r in records
        if type(r.value) is Organisation and r.value.parent is not None
    }
    for node, r in setting.items():
        if parents.get(node) == node:
            yield Problem(r.file, f"{r.location}.value", f"parent cycle: {node} -> {node}")
    parents = {k: v for k, v in parents.items() if k != v}
    for cycle in find_cycles(parents):
        first = min(
            (setting[n] for n in cycle if n in setting), key=lambda r: (r.order, r.position)
        )
        i = cycle.index(first.target)
        walk = [*cycle[i:], *cycle[:i], first.target]
        yield Problem(first.file, f"{first.location}.value", "parent cycle: " + " -> ".join(walk))


# -- the ledger -----------------------------------------------------------------------


def _change(r: Resolved, cited: Cited) -> Change:
    raw = r.raw
    before_sources: tuple[Source, ...] = ()
    entity = r.record.value  # type: ignore[union-attr] # resolved
    if raw.op is not ChangeOp.ADD and type(entity) is not Document:
        path = r.path if r.index is None else f"{r.path}[{r.index}]"
        before_sources = cited(entity, path)  # type: ignore[arg-type] # an entity
    return Change(
        op=raw.op,
        target=raw.target,
        field=raw.field,
        item=r.item,
        value=r.value,
        was=r.was,
        reason=raw.reason,
        note=raw.note,
        sources=raw.sources,
        file=r.file,
        location=r.location,
        before=r.before,
        before_sources=before_sources,
    )


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
