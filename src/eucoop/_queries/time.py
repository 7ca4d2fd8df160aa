"""The time model of queries: when things begin and end, timelines, as-of views.

A query date is a point: a partial one (``"2019"``, ``"2019-07"``) means its
first day, just as a timeline entry is placed by its first day. A fact dated
only to the month or year may or may not have happened by such a day: "as of
2019-07-15", an observer seat taken in "2019-07" is *uncertain*. ``as_of``
keeps what had *certainly* begun and not certainly ended; ask for the
uncertain cases with ``include_uncertain=True`` or ``Registry.uncertain_on``.
Something with no start date is *not known* to exist until its first dated
fact, never "existed all along" (:mod:`eucoop._model.spans` states the rules).

An end date (``until``, ``ended``) is the last day on which the thing still
held, so on that day it is still going on; a partial end date makes the days
it spans, after its first, uncertain.

An agreement is in force (``in_force``) from its entry into force, else from
its adoption, by the same rules; a legally binding one adopted with no known
entry into force is uncertain from its adoption on.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

import attrs

from eucoop._arguments import flag
from eucoop._model import (
    KINDS,
    Agreement,
    DateLike,
    Entity,
    PartialDate,
    Status,
    dates_in,
    existence,
    happened_by,
    query_date,
    status,
)
from eucoop._render import html

if TYPE_CHECKING:
    import datetime as dt

E = TypeVar("E", bound=Entity)

__all__ = [
    "Status",
    "TimelineEntry",
    "entity_span",
    "entity_status",
    "existing",
    "happened_by",
    "in_force",
    "in_force_on",
    "status",
    "timeline_entries",
    "uncertain_on",
    "within",
]


def entity_span(entity: Entity) -> tuple[PartialDate | None, PartialDate | None]:
    """When an entity began and ended, as its kind declares (founded, adopted, launched...).

    An entity of a class that is not a kind is a :class:`TypeError`, never one
    that existed all along.
    """
    span = KINDS.spans.get(type(entity))
    return KINDS.of(type(entity)).span(entity) if span is None else span(entity)


def entity_status(entity: Entity, day: dt.date) -> Status:
    """Whether *entity* existed on *day*: yes, no, too coarsely dated to tell, or not known.

    By its kind's span (:func:`entity_span`); with no start, by its first dated
    fact (:func:`~eucoop._model.existence`).
    """
    start, end = KINDS.spans.get(type(entity), entity_span)(entity)
    if start is None:
        return existence(None, end, day, dates_in(entity))
    return existence(start, end, day)


def in_force_on(agreement: Agreement, day: dt.date) -> Status:
    """Whether *agreement* was in force on *day*: certainly, possibly, not, or not known.

    In force from its entry into force, else from its adoption (declarations,
    compacts and frameworks apply once adopted), with the rules of
    :func:`happened_by`. A legally binding agreement with no known entry into
    force may not have entered into force: from its adoption it is only
    *uncertain*. With neither date, the data does not know.
    """
    if agreement.in_force is None and agreement.adopted is None:
        return Status.UNKNOWN
    if agreement.in_force is None and agreement.legally_binding and agreement.adopted:
        return Status.NO if happened_by(agreement.adopted, day) is Status.NO else Status.UNCERTAIN
    return happened_by(agreement.in_force or agreement.adopted, day)  # type: ignore[arg-type]


def in_force(
    agreements: Iterable[Agreement], day: dt.date, include_uncertain: bool = False
) -> list[Agreement]:
    """The *agreements* in force on *day* (:func:`in_force_on`), the uncertain ones if asked."""
    uncertain = flag(include_uncertain, "include_uncertain")
    ok = (Status.YES, Status.UNCERTAIN) if uncertain else (Status.YES,)
    return [a for a in agreements if in_force_on(a, day) in ok]


def existing(entities: Iterable[E], day: dt.date, ok: Container[Status]) -> list[E]:
    """The *entities* whose :func:`entity_status` on *day* is one of *ok*."""
    return [e for e in entities if entity_status(e, day) in ok]


def uncertain_on(entities: Iterable[Entity], day: dt.date) -> list[Entity]:
    """The *entities* whose dates are too coarse to say whether they existed on *day*."""
    return existing(entities, day, (Status.UNCERTAIN,))


@attrs.frozen(order=False)
class TimelineEntry:
    """One dated fact: ``date``, the ``entity`` id it belongs to, and a readable ``label``.

    ``field`` names where the date comes from (``"founded"``, ``"sessions[1].start"``,
    ``"participants[0].since"``...), so :meth:`Registry.provenance` can cite it;
    ``origin`` where the fact was written: the change that made it
    (``"update-2023.json: $.changes[0]"``), else the file of its entity
    (``"eucoop/data/dialogues.json"``); empty when not known.
    """

    date: PartialDate
    entity: str
    label: str
    field: str
    origin: str = attrs.field(default="", eq=False)

    def _key(self) -> tuple[tuple[int, int, int], str, str]:
        return (self.date._key(), self.entity, self.field)

    def __lt__(self, other: TimelineEntry) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.date}  {self.label}"

    def _repr_html_(self) -> str:
        return html(self)


def timeline_entries(entities: Iterable[Entity]) -> list[TimelineEntry]:
    """Every dated fact of *entities*, in order; participants are named from *entities*."""
    entities = list(entities)
    names = {e.id: e.acronym or e.name for e in entities}
    return sorted(t for e in entities for t in _entries(e, names))


def within(
    entries: Iterable[TimelineEntry], start: DateLike | None, end: DateLike | None
) -> Iterator[TimelineEntry]:
    """The entries whose first day falls from the first day of *start* to the last of *end*."""
    first = None if start is None else query_date(start, "start").start
    last = None if end is None else query_date(end, "end").end
    for t in entries:
        day = t.date.start
        if (first is None or day >= first) and (last is None or day <= last):
            yield t


def _entries(entity: Entity, names: dict[str, str]) -> Iterator[TimelineEntry]:
    """Every dated fact of one entity. *names* maps organisation ids to display names."""
    e = entity
    label = e.acronym or e.name
    for event, (path, date, record) in KINDS.of(type(e)).dated(e):
        yield TimelineEntry(date, e.id, event.label(label, record), path)
    for i, part in enumerate(e.participants):
        who = names.get(part.organisation, part.organisation)
        if part.since:
            text = f"{who} becomes {part.role} of {label}"
            yield TimelineEntry(part.since, e.id, text, f"participants[{i}].since")
        if part.until:
            text = f"{who} ceases to be {part.role} of {label}"
            yield TimelineEntry(part.until, e.id, text, f"participants[{i}].until")
