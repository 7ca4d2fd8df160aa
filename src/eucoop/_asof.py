"""``Registry.as_of``: the dataset as it stood on one day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from eucoop._entities import Agreement, Dialogue, Entity, Organisation
from eucoop._gc import gc_paused
from eucoop._time import Status, entity_span, happened_by, status

if TYPE_CHECKING:
    from eucoop._registry import Registry

__all__ = ["trim"]


def trim(reg: Registry, day: dt.date, include_uncertain: bool) -> Registry:
    """What of *reg* existed on *day*, each entity trimmed by its own dates."""
    ok = {Status.YES, Status.UNCERTAIN} if include_uncertain else {Status.YES}
    with gc_paused():
        kept = [e for e in reg if status(*entity_span(e), day) in ok]
        alive = {e.id for e in kept}
        # Trimming keeps names, so the lookup keys of what is kept carry over.
        keys = {k: v for k, v in reg._keys.items() if v in alive}
        return type(reg)((_trim_one(e, day, ok, alive) for e in kept), reg.documents, keys)


def _trim_one(e: Entity, day: dt.date, ok: set[Status], alive: set[str]) -> Entity:
    changes: dict[str, object] = {}
    parts = tuple(
        p for p in e.participants if p.organisation in alive and status(p.since, p.until, day) in ok
    )
    if parts != e.participants:
        changes["participants"] = parts
    if isinstance(e, Organisation):
        if e.parent is not None and e.parent not in alive:
            changes["parent"] = None
        p = e.partnership
        if p is not None:
            if happened_by(p.since, day) not in ok:
                changes["partnership"] = None
            else:
                formal = tuple(a for a in p.formalised_by if a in alive)
                if formal != p.formalised_by:
                    changes["partnership"] = attrs.evolve(p, formalised_by=formal)
    elif isinstance(e, Agreement):
        if e.adopted_by is not None and e.adopted_by not in alive:
            changes["adopted_by"] = None
        if e.in_force is not None and happened_by(e.in_force, day) not in ok:
            changes["in_force"] = None
    elif isinstance(e, Dialogue):
        sessions = tuple(s for s in e.sessions if happened_by(s.start, day) in ok)
        if sessions != e.sessions:
            changes["sessions"] = sessions
    return attrs.evolve(e, **changes) if changes else e  # type: ignore[arg-type]
