"""The registry's questions of time: its timeline, what existed when, as-of views.

A part of :class:`~eucoop.Registry` kept in a room of its own; the rules
themselves are the model's (:mod:`eucoop._model.spans`) and the work is done
by :mod:`eucoop._queries.time` and :mod:`eucoop._queries.asof`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

import attrs

from eucoop._arguments import flag
from eucoop._gc import gc_paused
from eucoop._model import Agreement, DateLike, Entity, PartialDate, Release, Status, query_date
from eucoop._queries.asof import trim
from eucoop._queries.ledger import Ledger
from eucoop._queries.results import Results, Timeline
from eucoop._queries.time import (
    entity_status,
    existing,
    in_force,
    timeline_entries,
    within,
)

if TYPE_CHECKING:
    from eucoop._queries.results import Frozen

    _Base = Frozen
else:
    _Base = object

__all__ = ["History"]


class History(_Base):
    """What a registry knows of time (a part of :class:`~eucoop.Registry`)."""

    __slots__ = ()

    if TYPE_CHECKING:
        agreements: Results[Agreement]
        documents: Results[Any]
        _full: Self | None
        _by_id: dict[str, Entity]
        _source: Mapping[str, Any]
        date: PartialDate | None
        _ledger: Ledger

        @property
        def release(self) -> Release | None: ...

        #: What an as-of view left out, by why: ``{"not known": 17, "uncertain": 2}``.
        left_out: Mapping[str, int]
        #: The ids an as-of view kept although the data cannot tell they existed that day.
        unsure: frozenset[str]

        def __init__(self, entities: Iterable[Entity], documents: Iterable[Any] = ()) -> None: ...
        def __iter__(self) -> Iterator[Entity]: ...
        def _find(self, name: str | Entity, argument: str) -> Entity: ...

    def timeline(self, start: DateLike | None = None, end: DateLike | None = None) -> Timeline:
        """Every dated fact, in order.

        Foundings, adoptions, entry into force, sessions, launches and ends,
        participations and partnerships beginning or ending.

        An entry is in the window when its first day is: on or after the
        first day of *start* and on or before the last day of *end*.

        >>> import eucoop
        >>> for entry in eucoop.load().timeline("2018-12", "2018-12"):
        ...     print(entry)
        2018-12-10  GCM adopted
        2018-12-17  GCR adopted
        2018-12-19  UNGA becomes supporter of GCM
        """
        return Timeline(within(self._timeline, start, end))

    @cached_property
    def _timeline(self) -> Timeline:
        ledger, by_id = self._ledger, self._by_id
        return Timeline(
            attrs.evolve(t, origin=ledger.origin_of(by_id[t.entity], t.field))
            for t in timeline_entries(self)
        )

    def existed(self, ident: str | Entity, on: DateLike) -> bool | None:
        """Whether the entity existed on the day *on*: ``True``, ``False``, or ``None``.

        ``None`` when the data cannot tell: its start is not known and *on*
        comes before the first fact the data dates (it existed by then), or a
        date is too coarse (on a day inside "2017", was a programme launched
        in 2017 running?). Never "existed all along", never "did not exist"
        without a known start or end.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> reg.existed("gcr", "2018-12-16"), reg.existed("gcr", "2018-12-17")
        (False, True)
        >>> reg.existed("un-secretariat", "1900") is None
        True
        """
        entity = self._find(ident, "ident")
        return entity_status(entity, query_date(on, "on").start).answer

    def as_of(
        self, date: DateLike, *, include_uncertain: bool = False, include_unknown: bool = False
    ) -> Self:
        """A registry of what certainly existed, was in force or had begun on *date*.

        Entities are kept by their founding, adoption, establishment or launch,
        and dropped once ended; participants, sessions and partnerships are
        trimmed by their own dates, and links to what did not exist yet are
        dropped. See :ref:`the time rules <time-rules>`: a partial
        *date* means its first day. What the data cannot date is left out and
        counted (:attr:`left_out`): entities dated too coarsely to tell
        (kept with *include_uncertain*) and entities whose start is not known,
        before their first dated fact (kept with *include_unknown*); those
        kept are listed in :attr:`unsure`.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> "gcr" in reg.as_of("2018-12-16"), "gcr" in reg.as_of("2018-12-17")
        (False, True)
        >>> reg.as_of("1900").left_out["not known"] > 0
        True
        """
        day = query_date(date, "date").start
        ok = {Status.YES}
        if flag(include_uncertain, "include_uncertain"):
            ok.add(Status.UNCERTAIN)
        if flag(include_unknown, "include_unknown"):
            ok.add(Status.UNKNOWN)
        with gc_paused():
            whole = None if self._full is None else self._full._by_id
            kept, statuses = trim(self, day, frozenset(ok), whole)
            view = type(self)(kept, self.documents)
        counts = {"not known": 0, "uncertain": 0}
        for st in statuses.values():
            if st is Status.UNKNOWN and st not in ok:
                counts["not known"] += 1
            elif st is Status.UNCERTAIN and st not in ok:
                counts["uncertain"] += 1
        unsure = frozenset(i for i, st in statuses.items() if st in ok and st is not Status.YES)
        view._set(
            _full=self if self._full is None else self._full,
            date=PartialDate.coerce(day),
            left_out=counts,
            unsure=unsure,
            release=self.release,
            _ledger=self._ledger,
        )
        return view

    def in_force(self, date: DateLike, *, include_uncertain: bool = False) -> Results[Agreement]:
        """The agreements in force on *date*, a partial *date* meaning its first day.

        An agreement is in force from its entry into force, else from its
        adoption (a declaration or compact applies once adopted); a legally
        binding one with no known entry into force is only *uncertain* once
        adopted. As with :meth:`as_of`, dates too coarse to tell are left out
        unless *include_uncertain*, and an agreement with neither date is not
        known to be in force.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> "uncac" in reg.in_force("2005-12-13").ids, "uncac" in reg.in_force("2005-12-14").ids
        (False, True)
        """
        day = query_date(date, "date").start
        return Results(in_force(self.agreements, day, include_uncertain), source=self._source)

    def uncertain_on(self, date: DateLike) -> Results[Entity]:
        """Entities whose dates are too coarse to say if they existed on *date*."""
        found = existing(self, query_date(date, "date").start, (Status.UNCERTAIN,))
        return Results(found, source=self._source)

    def unknown_on(self, date: DateLike) -> Results[Entity]:
        """Entities with no known start, on a day before anything the data dates of them."""
        found = existing(self, query_date(date, "date").start, (Status.UNKNOWN,))
        return Results(found, source=self._source)
