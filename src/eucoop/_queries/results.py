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

from eucoop._arguments import flag, string
from eucoop._model import Change, Document, Entity, Participant, Source
from eucoop._queries import tables
from eucoop._queries.ledger import changes_frame
from eucoop._queries.lookup import unknown_id
from eucoop._queries.time import TimelineEntry
from eucoop._render import html, summary

if TYPE_CHECKING:
    from eucoop._queries.search import Found, Hit

__all__ = [
    "Changes",
    "Frozen",
    "Provenance",
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
    """

    __slots__ = ()

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
        return super().__getitem__(index)

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

    def __new__(cls, found: Found, ids: Iterable[str] | None = None) -> SearchResults:
        chosen = found.ids if ids is None else list(ids)
        self = super().__new__(cls, map(found.entities.__getitem__, chosen))
        self._set(_found=found, _ids=chosen, _hits=None)
        return self

    def _sliced(self, index: slice) -> Self:
        return type(self)(self._found, self._ids[index])

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
        return type(self), (kept,)

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
    """Timeline entries in order, shown as a table in notebooks."""

    __slots__ = ()

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the entries: the columns of the ``timeline`` table, numbered.

        >>> import eucoop
        >>> list(eucoop.load().timeline("2016", "2016").to_dataframe().columns)
        ['date', 'first_day', 'last_day', 'entity_id', 'field', 'label']
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


class Provenance(Shown[Source]):
    """The citations behind a fact, each a :class:`~eucoop.Source`, with the documents they cite.

    >>> import eucoop
    >>> sources = eucoop.load().provenance("eu-iom-joint-initiative", "budget")
    >>> sources[0].paragraph, sources.documents[0].title
    (10, 'Collaboration with international organisations')
    """

    _cited: Mapping[str, Document]
    #: The layer of each citation, in order: ``"packaged"``, or ``"user"`` for a user's file.
    layers: tuple[str, ...]
    #: Where each citation comes from, in order: the packaged file
    #: (``"eucoop/data/organisations.json"``), the change that brought it
    #: (``"fix-iom.json: $.changes[0]"``) or the user's file of a whole entity.
    origins: tuple[str, ...]

    def __new__(
        cls,
        sources: Iterable[Source],
        documents: Mapping[str, Document],
        layers: Iterable[str] | None = None,
        origins: Iterable[str] | None = None,
    ) -> Provenance:
        self = super().__new__(cls, sources)
        cited = {s.document: documents[s.document] for s in self if s.document in documents}
        n = len(self)
        kinds = ("user",) * n if layers is None else tuple(layers)
        self._set(
            _cited=cited, layers=kinds, origins=("",) * n if origins is None else tuple(origins)
        )
        return self

    def _sliced(self, index: slice) -> Self:
        return type(self)(
            tuple.__getitem__(self, index), self._cited, self.layers[index], self.origins[index]
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (tuple(self), self._cited, self.layers, self.origins)

    @property
    def documents(self) -> Results[Document]:
        """The documents cited, once each, in the order first cited."""
        return Results(self._cited.values())

    def document(self, ident: str) -> Document | None:
        """The cited document with id *ident*, or ``None`` if none of these cite it."""
        return self._cited.get(string(ident, "ident", "an id (a string)"))

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per citation.

        Columns: ``document_id``, the document's ``title``, the ``paragraph``,
        the ``fields`` it supports, the document's ``url``, and the citation's
        ``layer`` and ``origin`` (see :attr:`layers`, :attr:`origins`).

        >>> import eucoop
        >>> df = eucoop.load().provenance("eu-iom-joint-initiative", "budget").to_dataframe()
        >>> df.loc[0, "document_id"], int(df.loc[0, "paragraph"])
        ('dg-home-io', 10)
        """
        return tables.provenance_frame(self, self._cited, self.layers, self.origins)


class Changes(Shown[Change]):
    """Changes that data files made to the data below them, in load order: the ledger.

    What :meth:`Registry.changes` returns; each is a :class:`~eucoop.Change`.

    >>> import eucoop
    >>> eucoop.load().changes()
    <Changes: none>
    """

    __slots__ = ()

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per change.

        Columns: ``op``, ``target``, ``field``, ``before``, ``value``, ``was``,
        ``reason``, the ``sources`` (document ids) and the ``origin``; values as
        text, as the command line shows them.

        >>> import eucoop
        >>> list(eucoop.load().changes().to_dataframe().columns)[:3]
        ['op', 'target', 'field']
        """
        return changes_frame(self)
