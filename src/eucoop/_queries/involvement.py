"""What an organisation takes part in, itself or through its bodies: :class:`Involvement`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Self

from eucoop._model import Document, Entity, Participant
from eucoop._queries import closure, tables
from eucoop._queries.results import Results, Shown

__all__ = ["Involvement"]


class Involvement(Results[Entity]):
    """What :meth:`Registry.involving` finds: entities, each with who of the organisation took part.

    An organisation takes part in something itself or through one of its
    bodies (the organisations below it by ``parent``, at any depth: the
    EU through the European Commission or the EEAS). :attr:`through` says,
    for each entity, which of them did: the organisation's own id when it
    takes part itself. In a notebook the table has a "through" column
    naming the bodies ("itself" where the organisation takes part too).

    >>> import eucoop
    >>> found = eucoop.load().involving("eu", role="party")
    >>> found.organisation, found.ids
    ('eu', ('eu-iom-strategic-partnership', 'uncac', 'untoc'))
    >>> found.through["eu-iom-strategic-partnership"], found.through["untoc"]
    (('european-commission', 'eeas'), ('eu',))
    """

    #: The id of the organisation asked about.
    organisation: str
    _through: Mapping[str, tuple[str, ...]]

    def __new__(
        cls,
        entities: Iterable[Entity] = (),
        through: Mapping[str, tuple[str, ...]] | None = None,
        organisation: str = "",
        *,
        source: Mapping[str, Entity | Document] | None = None,
    ) -> Self:
        self = super().__new__(cls, entities, source=source)
        given = through or {}
        kept = {e.id: tuple(given.get(e.id, ())) for e in self}
        self._set(organisation=organisation, _through=MappingProxyType(kept))
        return self

    @classmethod
    def of(
        cls,
        organisation: str,
        pairs: Iterable[tuple[Entity, Participant]],
        source: Mapping[str, Entity | Document] | None = None,
    ) -> Self:
        """From ``(entity, participant)`` pairs: each entity once, in the order first met."""
        entities: dict[str, Entity] = {}
        through: dict[str, dict[str, None]] = {}
        for e, p in pairs:
            entities.setdefault(e.id, e)
            through.setdefault(e.id, {})[p.organisation] = None
        through_ids = {k: tuple(v) for k, v in through.items()}
        return cls(entities.values(), through_ids, organisation, source=source)

    def _sliced(self, index: slice) -> Self:
        return type(self)(tuple.__getitem__(self, index), self._through, self.organisation)

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        """One organisation's involvements add up with who took part; two organisations' do not.

        (What two organisations take part in is a plain :class:`Results`.)
        """
        source = closure.joined(first, second)
        if (
            isinstance(first, cls)
            and isinstance(second, cls)
            and first.organisation == second.organisation
        ):
            through = {**second.through, **first.through}
            return cls((*first, *second), through, first.organisation, source=source)
        return Results((*first, *second), source=source)

    def __reduce__(self) -> tuple[Any, ...]:
        args = (tuple(self), dict(self._through), self.organisation)
        return type(self), args, {"_source": self._portable_source()}

    @property
    def through(self) -> Mapping[str, tuple[str, ...]]:
        """Entity id -> the ids of the organisations that take part in it: itself, its bodies.

        In the order of the entity's participants; read-only.
        """
        return self._through

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the entities, as :meth:`Results.to_dataframe`, and ``through``.

        ``through`` holds the ids of :attr:`through`, joined with ``"; "``.

        >>> import eucoop
        >>> df = eucoop.load().involving("eu", role="party").to_dataframe()
        >>> df.loc["eu-iom-strategic-partnership", "through"]
        'european-commission; eeas'
        """
        return tables.entities_frame(self, through=[self._through[i] for i in self.ids])
