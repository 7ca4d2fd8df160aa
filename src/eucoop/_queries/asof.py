"""The dataset as it stood on one day: what existed, each entity trimmed by its own dates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from eucoop._arguments import flag
from eucoop._model import Agreement, Dialogue, Entity, Organisation
from eucoop._queries.time import Status, entity_span, happened_by, status

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["trim"]


def trim(entities: Iterable[Entity], day: dt.date, include_uncertain: bool) -> list[Entity]:
    """What of *entities* existed on *day*, each trimmed by its own dates.

    Links to what did not exist yet (a parent, an adopting body, a
    formalising agreement, a participant) are dropped with it.
    """
    uncertain = flag(include_uncertain, "include_uncertain")
    ok = {Status.YES, Status.UNCERTAIN} if uncertain else {Status.YES}
    kept = [e for e in entities if status(*entity_span(e), day) in ok]
    alive = {e.id for e in kept}
    return [_trim_one(e, day, ok, alive) for e in kept]


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
