"""Who does what: what an organisation takes part in, its bodies, the EU's partners.

A part of :class:`~eucoop.Registry` kept in a room of its own, as
:mod:`eucoop._history` is; the work is done by :mod:`eucoop._queries`
(:mod:`~eucoop._queries.indexes`, :mod:`~eucoop._queries.partners`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from eucoop._arguments import flag
from eucoop._model import Entity, Organisation, Participant, PolicyArea, Role, Standing
from eucoop._queries import indexes
from eucoop._queries.filters import choice, standing_choice
from eucoop._queries.involvement import Involvement
from eucoop._queries.lookup import of_kind
from eucoop._queries.partners import partners
from eucoop._queries.results import Results, Roles

if TYPE_CHECKING:
    from eucoop._queries.results import Frozen

    _Base = Frozen
else:
    _Base = object

__all__ = ["Relations"]


class Relations(_Base):
    """Who does what in a registry (a part of :class:`~eucoop.Registry`)."""

    if TYPE_CHECKING:
        organisations: Results[Organisation]
        _by_id: dict[str, Entity]
        _source: Mapping[str, Any]
        _involved: dict[tuple[str, bool], Involvement]

        def __iter__(self) -> Any: ...
        def _find(self, name: str | Entity, argument: str) -> Entity: ...

    def _organisation(self, name: str | Entity, argument: str = "organisation") -> Organisation:
        found = self._find(name, argument)
        return found if isinstance(found, Organisation) else of_kind(found, Organisation, name)

    # -- who does what ---------------------------------------------------------

    def involving(
        self,
        organisation: str | Entity,
        role: Role | str | None = None,
        *,
        include_bodies: bool = True,
    ) -> Involvement:
        """Everything the organisation takes part in, itself or through its bodies.

        Its bodies are the organisations below it by ``parent``, at any depth
        (:meth:`children`, their children...): the EU takes part in the EU-IOM
        framework through the European Commission and the EEAS. The result's
        :attr:`~eucoop.Involvement.through` says who took part in each entity;
        ``include_bodies=False`` asks for what the organisation takes part in
        itself. With *role*, only participations in that role count.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> [e.id for e in reg.involving("EU", role="observer")]
        ['greco']
        >>> [e.id for e in reg.involving("eu", role="party", include_bodies=False)]
        ['uncac', 'untoc']
        >>> reg.involving("eu", role="party").through["eu-iom-strategic-partnership"]
        ('european-commission', 'eeas')
        """
        org = self._organisation(organisation)
        bodies = flag(include_bodies, "include_bodies")
        if role is not None:
            wanted = choice(Role, role, "role")
            pairs = [(e, p) for e, p in self._pairs(org.id, bodies) if p.role is wanted]
            return Involvement.of(org.id, pairs, self._source)
        key = (org.id, bodies)
        if key not in self._involved:
            self._involved[key] = Involvement.of(org.id, self._pairs(org.id, bodies), self._source)
        return self._involved[key]

    def roles(self, organisation: str | Entity, *, include_bodies: bool = True) -> Roles:
        """Every ``(entity, participant)`` pair for the organisation, with its role and dates.

        As :meth:`involving`, the pairs of its bodies too (the participant names
        the body), unless ``include_bodies=False``.
        """
        org = self._organisation(organisation)
        return Roles(self._pairs(org.id, flag(include_bodies, "include_bodies")))

    def _pairs(self, org: str, bodies: bool) -> list[tuple[Entity, Participant]]:
        """The pairs of *org*, and of its bodies when *bodies*: in registry order."""
        family = [org, *indexes.descendants(org, self._children)] if bodies else [org]
        return indexes.family_roles(family, self._roles)

    def partners(
        self, area: PolicyArea | str | None = None, standing: Standing | str | None = None
    ) -> Results[Organisation]:
        """Organisations the EU has a partnership with, closest first.

        *area* matches the partnership's areas or the organisation's policy
        areas; *standing* is ``"principal"``, ``"key"``, ``"close"``... or
        ``"unranked"``, the partnerships without a standing.

        >>> import eucoop
        >>> [o.acronym for o in eucoop.load().partners(area="migration", standing="key")]
        ['IOM', 'OECD']
        >>> [o.acronym for o in eucoop.load().partners(standing="unranked")][:2]
        ['CoE', 'CTC']
        """
        want_area = None if area is None else choice(PolicyArea, area, "area")
        want_standing = None if standing is None else standing_choice(standing)
        return Results(partners(self.organisations, want_area, want_standing), source=self._source)

    def children(self, organisation: str | Entity) -> Results[Organisation]:
        """The organisations whose ``parent`` is this one."""
        org = self._organisation(organisation)
        return Results(self._children.get(org.id, ()), source=self._source)

    def ancestors(self, organisation: str | Entity) -> Results[Organisation]:
        """The organisation's parent, its parent's parent... up to the top."""
        org = self._organisation(organisation)
        return Results(indexes.ancestors(org, self._by_id), source=self._source)

    @cached_property
    def _roles(self) -> indexes.Roles:
        return indexes.roles(self)

    @cached_property
    def _children(self) -> dict[str, list[Organisation]]:
        return indexes.children(self.organisations)
