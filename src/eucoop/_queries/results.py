"""What queries return: tuples that also show themselves as tables in notebooks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from eucoop._model import Entity
from eucoop._render import html

if TYPE_CHECKING:
    from eucoop._queries.search import Found, Hit
    from eucoop._queries.time import TimelineEntry

__all__ = ["Results", "SearchResults", "Timeline"]

E = TypeVar("E", bound=Entity)


class Results(tuple[E, ...]):
    """A tuple of entities, shown as a table in notebooks.

    >>> import eucoop
    >>> results = eucoop.load().involving("iom", role="coordinator")
    >>> isinstance(results, tuple), [e.id for e in results]
    (True, ['un-network-on-migration'])
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html(self)

    @property
    def ids(self) -> tuple[str, ...]:
        """The entities' ids, in order."""
        return tuple(e.id for e in self)


class SearchResults(Results[Entity]):
    """The entities a search found, best first, with ``hits`` saying why each matched.

    >>> import eucoop
    >>> results = eucoop.load().search("refugee")
    >>> results[0] is results.hits[0].entity
    True
    """

    _found: Found
    _ids: list[str]
    _hits: tuple[Hit, ...] | None

    def __new__(cls, found: Found, ids: Iterable[str] | None = None) -> SearchResults:
        chosen = found.ids if ids is None else list(ids)
        self = super().__new__(cls, map(found.entities.__getitem__, chosen))
        self._found = found
        self._ids = chosen
        self._hits = None
        return self

    @property
    def hits(self) -> tuple[Hit, ...]:
        """One :class:`~eucoop.Hit` per entity: its score and the fields that matched."""
        if self._hits is None:
            self._hits = tuple(map(self._found.hit, self._ids))
        return self._hits

    def _repr_html_(self) -> str:
        return html(self)


class Timeline(tuple["TimelineEntry", ...]):
    """Timeline entries in order, shown as a table in notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html(self)
