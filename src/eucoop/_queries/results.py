"""What queries return: tuples that show themselves as tables in notebooks and briefly in text.

Every result type is a :class:`tuple` subclass, so code that takes tuples
keeps working; all are immutable, and a slice of one is of the same type
(``reg.partners()[:3]`` still has ``.ids`` and a table). Their HTML comes
from :func:`eucoop._render.html` and their ``repr`` from
:func:`eucoop._render.summary`, whose renderers the display room registers:
this room needs to know nothing of how results look.

Each has a ``to_dataframe()`` too (pandas, from the ``pandas`` extra), with
``<NA>`` for every missing value, as :meth:`Registry.to_dataframe` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, Self, SupportsIndex, TypeVar, overload

from eucoop._arguments import flag
from eucoop._model import Document, Entity, Participant
from eucoop._queries import closure, tables
from eucoop._queries.lookup import unknown_id
from eucoop._queries.time import TimelineEntry
from eucoop._render import html, summary

if TYPE_CHECKING:
    from eucoop._queries.search import Found, Hit

__all__ = [
    "Frozen",
    "Results",
    "Roles",
    "SearchResults",
    "Shown",
    "Timeline",
]

E_co = TypeVar("E_co", bound=Entity | Document, covariant=True)
T_co = TypeVar("T_co", covariant=True)


class Frozen:
    """A base for objects that refuse every attribute assignment and deletion.

    Both raise an :class:`AttributeError` (as frozen entities do, with
    ``attrs``' subclass of it). The class sets its own attributes with
    :meth:`_set`; ``functools.cached_property`` writes the instance dict
    directly and keeps working.

    >>> import eucoop
    >>> eucoop.load().organisations = ()
    Traceback (most recent call last):
    AttributeError: Registry is immutable: cannot set 'organisations'
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        msg = f"{type(self).__name__} is immutable: cannot set {name!r}"
        raise AttributeError(msg, name=name)  # no obj: Python 3.12 would suggest other names

    def __delattr__(self, name: str) -> NoReturn:
        msg = f"{type(self).__name__} is immutable: cannot delete {name!r}"
        raise AttributeError(msg, name=name)  # no obj: Python 3.12 would suggest other names

    def _set(self, **values: object) -> None:
        """Set attributes while building: past the refusal of :meth:`__setattr__`."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._set(**state)


class Shown(Frozen, tuple[T_co, ...]):
    """A tuple that shows itself: HTML in notebooks, a short ``repr``, slices of its own type."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> T_co: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T_co | Self:
        if isinstance(index, slice):
            return self._sliced(index)
        return tuple.__getitem__(self, index)

    def _sliced(self, index: slice) -> Self:
        """The items *index* selects, as a result of this type."""
        return type(self)(tuple.__getitem__(self, index))

    @overload  # type: ignore[override] # a result, not a tuple, when both are results
    def __add__(self, other: Shown[Any]) -> Shown[Any]: ...
    @overload
    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]: ...
    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        """Both results, one after the other, as a result of the type they share.

        Results of one type add up to that type, and a :class:`SearchResults`
        with a :class:`Results` to a :class:`Results`. A timeline stays in
        order, citations keep their documents, and two parts of one search keep
        their hits (two searches give :class:`Results`: their scores do not
        rank together). Results holding different things (a :class:`Timeline`
        and :class:`Roles`, entities and documents) are a :class:`TypeError`; a
        plain tuple added gives a plain tuple, as tuples do.
        """
        if not isinstance(other, Shown):
            return tuple.__add__(self, other)
        for kind in (type(self), type(other)):
            if isinstance(self, kind) and isinstance(other, kind):
                return kind._joined(self, other)
        msg = (
            f"cannot add {type(other).__name__} to {type(self).__name__}: they hold different"
            " things (tuple(a) + tuple(b) joins them as a plain tuple)"
        )
        raise TypeError(msg)

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        """The items of *first*, then those of *second*, as this type."""
        return cls((*first, *second))

    def __repr__(self) -> str:
        return summary(self)

    def _repr_html_(self) -> str:
        return html(self)


class Results(Shown[E_co]):
    """A tuple of entities (or of documents), shown as a table in notebooks.

    A slice is a :class:`Results` too. The registry's collections are
    :class:`Results` of their kind: ``reg.organisations``... and ``reg.documents``.
    Like the registry, a result takes ids and entities alike: ``"iom" in results``
    and ``reg["iom"] in results`` agree, and ``results["iom"]`` is the entity with
    that id (an :class:`~eucoop.UnknownEntityError` if none is here), while
    ``results[0]`` stays the first.

    >>> import eucoop
    >>> results = eucoop.load().involving("iom", role="coordinator")
    >>> isinstance(results, tuple), [e.id for e in results]
    (True, ['un-network-on-migration'])
    >>> eucoop.load().partners()[:2].ids
    ('unodc', 'iom')
    >>> partners = eucoop.load().partners()
    >>> "iom" in partners, partners["iom"].acronym
    (True, 'IOM')

    *source* maps ids to the entities and documents these may refer to
    (a registry's, which its queries pass): :meth:`to_dict` looks there.
    """

    # No __slots__: a result keeps where its entities come from (its source).
    _source: Mapping[str, Entity | Document] | None = None

    def __new__(
        cls, items: Iterable[E_co] = (), *, source: Mapping[str, Entity | Document] | None = None
    ) -> Self:
        self = super().__new__(cls, items)
        if source is not None:
            self._set(_source=source)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (tuple(self),), {"_source": self._portable_source()}

    def _portable_source(self) -> Mapping[str, Entity | Document] | None:
        """What a pickle keeps of the source: what these entities reach, not the registry."""
        return closure.portable(self, self._source)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(e.id == item for e in self)
        return tuple.__contains__(self, item)

    @overload
    def __getitem__(self, index: SupportsIndex) -> E_co: ...
    @overload
    def __getitem__(self, index: slice) -> Self: ...
    @overload
    def __getitem__(self, index: str) -> E_co: ...
    def __getitem__(self, index: SupportsIndex | slice | str) -> E_co | Self:
        if isinstance(index, str):
            found = next((e for e in self if e.id == index), None)
            if found is None:
                raise unknown_id(index, self.ids)
            return found
        got = super().__getitem__(index)
        if isinstance(index, slice) and self._source is not None:
            got._set(_source=self._source)  # type: ignore[union-attr] # a slice is a Results
        return got

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        """Entities, or documents: results of one and of the other do not add up."""
        if {isinstance(x, Document) for x in (*first[:1], *second[:1])} == {True, False}:
            msg = "cannot add documents and entities: each shows as a table of its own"
            raise TypeError(msg)
        return cls((*first, *second), source=closure.joined(first, second))

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, in order."""
        return tuple(e.id for e in self)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of these entities (or documents), indexed by id.

        Entities of one kind get the columns of that kind's table (as
        :meth:`Registry.to_dataframe` gives them); a mix of kinds gets a
        ``kind`` column and the columns all its kinds share.

        >>> import eucoop
        >>> df = eucoop.load().partners()[:2].to_dataframe()
        >>> list(df.index), df.loc["iom", "acronym"]
        (['unodc', 'iom'], 'IOM')
        """
        return tables.entities_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """These entities (or documents) as a data file that loads on its own.

        With them comes everything they refer to, and what that refers to in
        turn: the documents their sources cite, the organisations named as
        participants, parents or adopters, the agreements named as frameworks
        or as formalising a partnership. ``eucoop.load(d,
        include_default=False)`` reads it back; ``json.dump`` writes it.
        Results not made by a registry's query (built by hand) know only
        their own entities: a reference to anything else is a
        :class:`ValueError` naming it.

        >>> import eucoop
        >>> data = eucoop.load().involving("eu", role="party").to_dict()
        >>> [o["id"] for o in data["organisations"]][:4]
        ['eeas', 'eu', 'european-commission', 'iom']
        >>> mine = eucoop.load(data, include_default=False)
        >>> [a.id for a in mine.agreements]
        ['eu-iom-strategic-partnership', 'uncac', 'untoc']
        """
        return closure.data_of(self, self._source)


class SearchResults(Results[Entity]):
    """The entities a search found, best first, with ``hits`` saying why each matched.

    A slice keeps its hits: ``reg.search("migration")[:5].hits``.

    >>> import eucoop
    >>> results = eucoop.load().search("refugee")
    >>> results[0] is results.hits[0].entity
    True
    >>> results[:2].hits == results.hits[:2]
    True
    """

    _found: Found
    _ids: list[str]
    _hits: tuple[Hit, ...] | None

    def __new__(
        cls,
        found: Found,
        ids: Iterable[str] | None = None,
        *,
        source: Mapping[str, Entity | Document] | None = None,
    ) -> SearchResults:
        chosen = found.ids if ids is None else list(ids)
        self = super().__new__(cls, map(found.entities.__getitem__, chosen), source=source)
        self._set(_found=found, _ids=chosen, _hits=None)
        return self

    def _sliced(self, index: slice) -> Self:
        return type(self)(self._found, self._ids[index])

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        """Parts of one search keep their hits; two searches give :class:`Results`.

        (Their scores, each against its own query, do not rank together.)
        """
        source = closure.joined(first, second)
        if isinstance(first, cls) and isinstance(second, cls) and first._found is second._found:
            return cls(first._found, first._ids + second._ids, source=source)
        return Results((*first, *second), source=source)

    def __reduce__(self) -> tuple[Any, ...]:
        # What was found, cut down to the entities these results hold.
        found, ids = self._found, self._ids
        kept = type(found)(
            list(ids),
            {i: found.scores[i] for i in ids},
            {i: found.fields[i] for i in ids},
            {i: found.entities[i] for i in ids},
            found.reason,
        )
        return type(self), (kept,), {"_source": self._portable_source()}

    @property
    def hits(self) -> tuple[Hit, ...]:
        """One :class:`~eucoop.Hit` per entity: its score and the fields that matched."""
        if self._hits is None:
            self._set(_hits=tuple(map(self._found.hit, self._ids)))
        return self._hits  # type: ignore[return-value] # set just above

    @property
    def reason(self) -> str:
        """Why the search found nothing, in a sentence; empty when it found something.

        Names the query's words that match no word of the data, each with the
        closest word that does, or what each word finds alone.

        >>> import eucoop
        >>> eucoop.load().search("refugess").reason
        "no entity has the word 'refugess' (did you mean 'refugees'?)"
        """
        return self._found.reason

    def to_dataframe(self, *, hits: bool = False) -> Any:
        """A pandas DataFrame of the entities found, best first, indexed by id.

        With ``hits=True``, the hits instead: each entity's ``kind``,
        ``name``, ``score`` and the fields it ``matched``.

        >>> import eucoop
        >>> found = eucoop.load().search("refugee")
        >>> list(found.to_dataframe(hits=True).columns)
        ['kind', 'name', 'score', 'matched']
        """
        if flag(hits, "hits"):
            return tables.hits_frame(self.hits)
        return tables.entities_frame(self)


class Timeline(Shown[TimelineEntry]):
    """Timeline entries in order, shown as a table in notebooks.

    Two timelines add up to one, in order.

    >>> import eucoop
    >>> reg = eucoop.load()
    >>> both = reg.timeline("2018-12", "2018-12") + reg.timeline("2016-09", "2016-09")
    >>> type(both).__name__, [str(t.date) for t in both]
    ('Timeline', ['2016-09-19', '2018-12-10', '2018-12-17', '2018-12-19'])
    """

    __slots__ = ()

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        return cls(sorted((*first, *second)))

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the entries: the columns of the ``timeline`` table, numbered.

        Then ``origin``: where each fact was written (a packaged file, a
        user's file, or the change that made it).

        >>> import eucoop
        >>> list(eucoop.load().timeline("2016", "2016").to_dataframe().columns)
        ['date', 'first_day', 'last_day', 'entity_id', 'field', 'label', 'origin']
        """
        return tables.timeline_frame(self)


class Roles(Shown[tuple[Entity, Participant]]):
    """``(entity, participant)`` pairs: what an organisation takes part in, and in which role.

    >>> import eucoop
    >>> entity, part = eucoop.load().roles("IOM")[0]
    >>> entity.id, part.role
    ('un-network-on-migration', <Role.COORDINATOR: 'coordinator'>)
    """

    __slots__ = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The entities' ids, in order (an entity appears once per role)."""
        return tuple(e.id for e, _ in self)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per role.

        Its columns are the ``participants`` table's, with the entity's
        ``kind`` and ``name`` after its id.

        >>> import eucoop
        >>> df = eucoop.load().roles("IOM").to_dataframe()
        >>> df.loc[0, ["entity_id", "role"]].tolist()
        ['un-network-on-migration', 'coordinator']
        """
        return tables.roles_frame(self)
