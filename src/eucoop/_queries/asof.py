"""The dataset as it stood on one day: what existed, each entity trimmed by its own dates.

What is trimmed is read from the model, never listed here by kind:

- an entity is kept by its kind's span (:meth:`~eucoop._model.Kind.span`);
- each dated fact its kind declares (:attr:`~eucoop._model.Kind.events`) that
  had not happened by the day goes: a date field becomes ``None``, a record
  holding the date (a partnership) goes, an item of a collection of records
  (a session) goes. An end still to come stays, as a participant's ``until``
  does: it is when the thing was due to end;
- a participant goes until its ``since`` and after its ``until``;
- a reference to what did not exist yet goes (a field with ``refers_to``: a
  parent, an adopting body, a formalising agreement), and so does a record
  that cannot be without it (a participant of an organisation not yet founded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from eucoop._model import KINDS, Entity, FieldInfo, fields_of
from eucoop._queries.time import Status, entity_status, happened_by, status

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["trim"]

#: A field's value made right for the day: the value itself when nothing changes.
Fix = Callable[[Any], Any]
Keep = Callable[[Any], bool]


def trim(
    entities: Iterable[Entity],
    day: dt.date,
    ok: frozenset[Status],
    whole: Mapping[str, Entity] | None = None,
) -> tuple[list[Entity], dict[str, Status]]:
    """What of *entities* existed on *day* (their status one of *ok*), each trimmed by its dates.

    Links to what did not exist yet (a parent, an adopting body, a
    formalising agreement, a participant) are dropped with it. Also gives the
    status of every entity that may have existed (all but :attr:`Status.NO`).
    Whether an entity existed is judged on the *whole* entity (by id) when
    *entities* were trimmed already (a view of a view): trimming drops dated
    facts, and the answer must not change with them.
    """
    entities = list(entities)
    whole = whole or {}
    statuses = {e.id: entity_status(whole.get(e.id, e), day) for e in entities}
    kept = [e for e in entities if statuses[e.id] in ok]
    alive = {e.id for e in kept}
    plans: dict[type, tuple[tuple[str, Fix], ...]] = {}
    out = []
    for e in kept:
        cls = type(e)
        plan = plans.get(cls)
        if plan is None:
            plan = plans[cls] = _plan(cls, _Day(day, ok, alive))
        changes = {}
        for name, fix in plan:
            value = getattr(e, name)
            new = fix(value)
            if new is not value and new != value:
                changes[name] = new
        out.append(attrs.evolve(e, **changes) if changes else e)
    return out, {i: st for i, st in statuses.items() if st is not Status.NO}


class _Day:
    """The day of a view, and what it keeps: which statuses, which ids."""

    def __init__(self, day: dt.date, ok: frozenset[Status], alive: set[str]) -> None:
        self.day, self.ok, self.alive = day, ok, alive

    def happened(self, date: Any) -> bool:
        """Whether the fact dated *date* had happened (or may have, if asked), or is undated."""
        return date is None or happened_by(date, self.day) in self.ok


def _plan(cls: type[Entity], on: _Day) -> tuple[tuple[str, Fix], ...]:
    """``(field, fix)`` for each field of *cls* that an as-of view may change."""
    kind = KINDS.of(cls)
    dated: dict[str, list[str]] = {}  # field -> the date paths in it that may not have happened
    for event in kind.events:
        head, _, tail = event.path.partition(".")
        # A kept entity's start has happened, when its first start path is one date.
        first_start = kind.start[:1] == (event.path,) and not tail
        if head not in kind.ends and not first_start:
            dated.setdefault(head, []).append(tail)
    plan = []
    for f in fields_of(cls):
        fixes = [_dated(f, tail, on) for tail in dated.get(f.name, ())]
        fixes += _references(f, on)
        if fixes:
            plan.append((f.name, _chain(fixes)))
    return tuple(plan)


def _dated(f: FieldInfo, tail: str, on: _Day) -> Fix:
    """The fix of field *f* for one date in it (*tail*: the date field of its records, or "")."""
    happened = on.happened
    if not tail:
        return lambda v: v if happened(v) else None
    if f.many:
        return _keep_items(lambda x: happened(getattr(x, tail)))
    return lambda v: v if v is None or happened(getattr(v, tail)) else None


def _references(f: FieldInfo, on: _Day) -> list[Fix]:
    """The fixes of field *f* for the references in it (and its records) to what did not exist."""
    alive = on.alive
    refers = f.meta.refers_to
    if refers is not None and refers != "documents":
        if f.many:
            return [lambda v: tuple(x for x in v if x in alive)]
        return [lambda v: v if v is None or v in alive else None]
    if f.nested is None:
        return []
    required: list[str] = []
    record = _record(f.nested, on, required)
    if not f.many:
        if record is None and not required:
            return []

        def one(v: Any) -> Any:
            if v is None or any(getattr(v, n) not in alive for n in required):
                return None
            return v if record is None else record(v)

        return [one]
    fixes = []
    if f.name == "participants":  # a participation also holds only from its since to its until
        day, ok = on.day, on.ok
        if len(required) == 1:  # the common case, made quick: an organisation of each
            get = attrgetter(required[0])
            fixes.append(
                _keep_items(lambda p: get(p) in alive and status(p.since, p.until, day) in ok)
            )
        else:  # pragma: no cover - a participant names one organisation
            fixes.append(
                _keep_items(
                    _holding(required, alive, lambda p: status(p.since, p.until, day) in ok)
                )
            )
    elif required:
        fixes.append(_keep_items(_holding(required, alive, None)))
    if record is not None:
        fixes.append(lambda v: tuple(y for x in v if (y := record(x)) is not None))
    return fixes


def _holding(required: list[str], alive: set[str], also: Keep | None) -> Keep:
    """Whether a record's required references name what existed (and *also* holds of it)."""

    def keep(x: Any) -> bool:
        return all(getattr(x, n) in alive for n in required) and (also is None or also(x))

    return keep


def _record(cls: type, on: _Day, required: list[str]) -> Fix | None:
    """The fix of one record of *cls* for its references, or None if it has none to fix.

    A required reference to what did not exist yet drops the whole record: its
    field is added to *required*, which the items of a collection of records
    are tested by.
    """
    alive = on.alive
    optional: list[tuple[str, bool]] = []
    for g in fields_of(cls):
        if g.meta.refers_to is None or g.meta.refers_to == "documents":
            continue
        if g.required and not g.many:
            required.append(g.name)
        else:
            optional.append((g.name, g.many))
    if not optional:
        return None

    def fix(r: Any) -> Any:
        changes: dict[str, Any] = {}
        for name, many in optional:
            v = getattr(r, name)
            if many:
                new = tuple(x for x in v if x in alive)
                if new != v:
                    changes[name] = new
            elif v is not None and v not in alive:
                changes[name] = None
        return attrs.evolve(r, **changes) if changes else r

    return fix


def _keep_items(keep: Keep) -> Fix:
    return lambda v: tuple(filter(keep, v))


def _chain(fixes: list[Fix]) -> Fix:
    first, *rest = fixes
    if not rest:
        return first
    others = _chain(rest)
    return lambda v: others(first(v))
