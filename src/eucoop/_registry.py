"""The registry: an immutable, indexed view of a validated dataset, and its queries.

It builds its indexes once and hands each question to :mod:`eucoop._queries`,
whose functions take entities and indexes, never the registry itself.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from eucoop._arguments import count, string
from eucoop._card import Card
from eucoop._exceptions import AmbiguousLookupError, UnknownEntityError
from eucoop._gc import gc_paused
from eucoop._history import History
from eucoop._layers import Layers
from eucoop._loading import SCHEMA_VERSION, data_file, unstructure
from eucoop._model import (
    COLLECTIONS,
    KINDS,
    DateLike,
    Document,
    Entity,
    Kind,
    Organisation,
    PartialDate,
    PolicyArea,
    Release,
    Role,
    kind_of,
)
from eucoop._queries import graph, indexes, plots, tables
from eucoop._queries.filters import Filters
from eucoop._queries.involvement import Involvement
from eucoop._queries.ledger import Ledger
from eucoop._queries.lookup import Names, find_id, of_kind, unknown_id
from eucoop._queries.provenance import Provenance, provenance
from eucoop._queries.results import Frozen, Results, SearchResults
from eucoop._queries.search import SearchIndex
from eucoop._relations import Relations
from eucoop._render import REGISTRIES, html, summary

if TYPE_CHECKING:  # each kind's collection is set from KINDS: these types are for checkers
    from eucoop._model import Agreement, Dialogue, Programme

__all__ = ["Registry"]

E = TypeVar("E", bound=Entity)


class Registry(History, Relations, Layers, Frozen):
    """An immutable, indexed collection of entities and the documents they cite.

    Get one with :func:`eucoop.load`. Iterating yields the entities of every
    kind (not documents), sorted by kind and id; ``len()`` counts them. Each
    kind's entities are an attribute named by its collection
    (``reg.organisations``...).

    >>> import eucoop
    >>> reg = eucoop.load()
    >>> reg["unhcr"].acronym, "iom" in reg
    ('UNHCR', True)
    >>> reg.lookup("International Organization for Migration").id
    'iom'
    """

    organisations: Results[Organisation]
    agreements: Results[Agreement]
    dialogues: Results[Dialogue]
    programmes: Results[Programme]
    documents: Results[Document]
    _kinds: tuple[Kind, ...]  # the kinds, as they were when it was made
    _by_id: dict[str, Entity]
    _documents: dict[str, Document]
    _source: Mapping[str, Entity | Document]  # both, by id: where results look up references
    _involved: dict[tuple[str, bool], Involvement]  # (org id, with bodies) -> it, on first ask
    _full: Registry | None = None  # the registry an as-of view was cut from (None: whole)
    #: The day an :meth:`as_of` registry is for; ``None`` for the dataset as it is.
    date: PartialDate | None = None
    #: What an :meth:`as_of` view left out because the data cannot date it, by why.
    left_out: Mapping[str, int] = MappingProxyType({})
    #: The ids an :meth:`as_of` view kept although the data cannot tell they existed.
    unsure: frozenset[str] = frozenset()
    _ledger: Ledger = Ledger()  # the changes applied, and the file of each entity
    _release_of: Callable[[], Release] | None = None  # works the packaged data's release out

    def __init__(self, entities: Iterable[Entity], documents: Iterable[Document] = ()) -> None:
        """Index *entities* and *documents*. Use :func:`eucoop.load`, which validates them first.

        The kinds are sorted by id and indexed by id here; every other index
        (names, who takes part in what, search, filters) is built once, on the
        first question that needs it.
        """
        with gc_paused():
            taken = KINDS.snapshot()
            sorted_kinds = indexes.by_kind(entities, taken)
            sorted_docs = indexes.sorted_by_id(documents)
            by_id = {e.id: e for items in sorted_kinds for e in items}
            by_doc = {d.id: d for d in sorted_docs}
            source = ChainMap[str, Any](by_id, by_doc)  # what results refer to
            kinds = [Results(items, source=source) for items in sorted_kinds]
            docs = Results(sorted_docs, source=source)
            self._set(**{k.collection: items for k, items in zip(taken, kinds, strict=True)})
            self._set(documents=docs, _documents=by_doc, _involved={}, _source=source)
            self._set(_by_id=by_id, _kinds=taken)
        REGISTRIES.add(self)

    def __reduce__(self) -> tuple[Any, ...]:
        state: dict[str, object] = {"_full": self._full, "date": self.date}
        state.update(release=self.release, left_out=dict(self.left_out), unsure=self.unsure)
        state.update(_ledger=self._ledger)
        return Registry, (tuple(self), self.documents), state

    # -- the collection ------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entity]:
        for kind in self._kinds:
            yield from getattr(self, kind.collection)

    def __contains__(self, ident: object) -> bool:
        if isinstance(ident, str):
            return ident in self._by_id
        return isinstance(ident, Entity) and ident.id in self._by_id

    def __getitem__(self, ident: str) -> Entity:
        return self.get(ident)

    def __repr__(self) -> str:
        return summary(self)

    def _repr_html_(self) -> str:
        return html(self)

    @overload
    def get(self, ident: str, kind: str | None = None) -> Entity: ...
    @overload
    def get(self, ident: str, kind: type[E]) -> E: ...
    def get(self, ident: str, kind: type[Entity] | str | None = None) -> Entity:
        """The entity with id *ident* (of *kind*, a class or its name): else UnknownEntityError."""
        try:
            entity = self._by_id[ident]
        except (KeyError, TypeError):
            raise self._not_an_id(ident) from None
        return entity if kind is None else of_kind(entity, kind, ident)

    def _not_an_id(self, ident: object) -> UnknownEntityError:
        """The error of an unknown id; one that names :meth:`lookup` when *ident* is a name."""
        error = unknown_id(ident, self._by_id)
        try:
            found = self._names.find(error.key, self._by_id, "ident")
        except (UnknownEntityError, AmbiguousLookupError):
            return error
        msg = (
            f"no entity has the id {error.key!r} (it names {found.id!r}):"
            f" for a name, use reg.lookup({error.key!r})"
        )
        return UnknownEntityError(error.key, message=msg)

    def document(self, ident: str) -> Document:
        """The cited document with id *ident* (``"dg-home-io"`` is the source page)."""
        return find_id(self._documents, ident)

    def card(self, name: str | Entity) -> Card:
        """The full card of an entity (by id, name, acronym or alias) or of a document (by id).

        The card ``eucoop show`` prints, as HTML in a notebook: an organisation's
        card adds its bodies and what it takes part in, here, to the card it
        shows alone. A name is looked up as :meth:`lookup` does; failing that,
        it may be a document's id.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> reg.card("IOM").item is reg["iom"], reg.card("dg-home-io").item.publisher[:8]
        (True, 'European')
        """
        try:
            return Card(self._find(name, "name"), self)
        except UnknownEntityError:
            if not isinstance(name, str) or name not in self._documents:
                raise
            return Card(self._documents[name], self)

    @overload
    def lookup(self, name: str | Entity, kind: str | None = None) -> Entity: ...
    @overload
    def lookup(self, name: str | Entity, kind: type[E]) -> E: ...
    def lookup(self, name: str | Entity, kind: type[Entity] | str | None = None) -> Entity:
        """The entity with this id, name, acronym or alias; with *kind*, of that class.

        Case, accents and spacing do not matter; failing an exact match,
        punctuation and a leading "the" are ignored too. Raises
        :class:`~eucoop.UnknownEntityError` (with suggestions, or when the
        entity is not of *kind*) or :class:`~eucoop.AmbiguousLookupError`.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> reg.lookup("un ccpcj").acronym, reg.lookup("IOM", eucoop.Organisation).headquarters
        ('CCPCJ', 'Geneva')
        """
        found = self._find(name, "name")
        return found if kind is None else of_kind(found, kind, name)

    @cached_property
    def release(self) -> Release | None:
        """The packaged data's release, when the registry holds the packaged data; else None.

        Worked out on first ask (from the dates the data holds), not on every load.
        """
        return None if self._release_of is None else self._release_of()

    @cached_property
    def _names(self) -> Names:
        with gc_paused():
            return Names(self)

    def _find(self, name: str | Entity, argument: str) -> Entity:
        if isinstance(name, Entity):
            return self.get(name.id)
        return self._names.find(name, self._by_id, argument)

    # -- filters -----------------------------------------------------------------

    @overload
    def filter(
        self,
        *,
        kind: type[E],
        area: PolicyArea | str | None = None,
        country: str | None = None,
        region: str | None = None,
        participant: str | Entity | None = None,
        role: Role | str | None = None,
        active_on: DateLike | None = None,
        policy_area: PolicyArea | str | None = None,
    ) -> Results[E]: ...
    @overload
    def filter(
        self,
        *,
        kind: str | None = None,
        area: PolicyArea | str | None = None,
        country: str | None = None,
        region: str | None = None,
        participant: str | Entity | None = None,
        role: Role | str | None = None,
        active_on: DateLike | None = None,
        policy_area: PolicyArea | str | None = None,
    ) -> Results[Entity]: ...
    def filter(self, *, participant: str | Entity | None = None, **conditions: Any) -> Results[Any]:
        """Entities meeting every condition given, sorted by kind and id.

        *kind* is a class (the result is then typed as that class) or its
        name; *area* matches an entity's policy areas (and an organisation's
        partnership areas); *country* an organisation's headquarters country
        or a programme's countries, by ISO 3166-1 alpha-2 code in any case or
        by name (``"LY"``, ``"ly"``, ``"Libya"``); *region* a programme's
        regions (case-insensitive); *participant* and *role* a participation
        (either alone, or both in the same participation); *active_on* keeps
        what had certainly begun and not ended that day. A value that names
        nothing (a policy area, country, region or role that does not exist)
        is a :class:`ValueError` suggesting a close one; a known value that
        matches nothing gives no entities. ``policy_area=`` is the deprecated
        old name of *area*.

        >>> import eucoop
        >>> [e.id for e in eucoop.load().filter(kind="programme", country="Libya")][:2]
        ['au-eu-un-libya-taskforce', 'eu-financial-support-unhcr']
        """
        org = None if participant is None else self._organisation(participant, "participant").id
        found = self._filters.select(lambda: self._roles, org, **conditions)
        return Results(found, source=self._source)

    @cached_property
    def _filters(self) -> Filters:
        full = self._full
        return Filters(self._by_id, None if full is None else full._filters.regions)

    # -- text ------------------------------------------------------------------

    def search(
        self, text: str, kind: type[Entity] | str | None = None, limit: int | None = None
    ) -> SearchResults:
        """Entities whose text matches every word of *text*, best first.

        Looks at names, acronyms, aliases, descriptions, activities, regions,
        venues and notes; case and accents do not matter. Words meet in a light
        English stem ("traffickers" finds "trafficking", "migrant" finds
        "migrants"), a stem of three letters or more also matches longer stems it
        begins, and common words ("the", "and", "of"; the guide lists them) are
        ignored. ``.hits`` on the result gives each
        entity's score and the fields that matched, and ``.reason`` says why
        nothing was found. *limit* (one or more) keeps the best. A query with no
        word is a :class:`ValueError`; a query of common words only finds nothing,
        and its ``.reason`` names the words ignored.

        >>> import eucoop
        >>> results = eucoop.load().search("joint initiative")
        >>> results[0].id, results.hits[0].fields[:2]
        ('eu-iom-joint-initiative', ('aliases', 'id'))
        """
        found = self._search_index.search(string(text, "text"))
        ids: list[str] = found.ids
        if kind is not None:
            k = COLLECTIONS[kind_of(kind)]
            ids = [i for i in ids if isinstance(found.entities[i], k)]
        return SearchResults(found, ids[: count(limit, "limit", 1)], source=self._source)

    @cached_property
    def _search_index(self) -> SearchIndex:
        return SearchIndex(self)

    # -- provenance and export -------------------------------------------------

    def provenance(self, ident: str | Entity, field: str | None = None) -> Provenance:
        """Where a fact comes from: the sources that name *field*.

        Without *field*, every source of the entity (its partnership's too).
        With one (``"budget"``, ``"partnership"``, ``"partnership.standing"``,
        ``"participants[0].since"`` as a :class:`TimelineEntry` gives it), the
        sources naming it, else the entity's general sources (those that name
        no field). An unknown field is a :class:`ValueError`.

        >>> import eucoop
        >>> [s.paragraph for s in eucoop.load().provenance("eu-iom-joint-initiative", "budget")]
        [10]
        """
        entity = self._find(ident, "ident")
        found, layers, origins = self._ledger.sourced(entity, field, provenance)
        return Provenance(found, self._documents, layers, origins)

    def to_dict(self) -> dict[str, Any]:
        """The registry in the data-file format; ``load(reg.to_dict())`` rebuilds it.

        Entities are written as they are, changes applied: the file holds no ``changes``.

        >>> import eucoop, json
        >>> data = eucoop.load().to_dict()
        >>> data["schema_version"], len(json.dumps(data)) > 1000
        (2, True)
        """
        kinds = {k.collection: getattr(self, k.collection) for k in self._kinds}
        data = data_file()(schema_version=SCHEMA_VERSION, documents=self.documents, **kinds)
        return unstructure(data)  # type: ignore[no-any-return] # a dict for a DataFile

    # -- tables and graphs (optional extras) --------------------------------------

    def to_records(self, kind: type[Entity] | type[Document] | str) -> list[dict[str, Any]]:
        """One flat dict per row of a kind's table or a long table (see :doc:`/exports`).

        >>> import eucoop
        >>> row = eucoop.load().to_records("programmes")[0]
        >>> row["id"], row["countries"]
        ('au-eu-un-libya-taskforce', 'LY')
        """
        return tables.table_records(kind, tuple(self), self.documents)

    def to_dataframe(self, kind: type[Entity] | type[Document] | str) -> Any:
        """A pandas DataFrame of :meth:`to_records`, ``<NA>`` where missing (``eucoop[pandas]``)."""
        return tables.table_frame(kind, tuple(self), self.documents)

    def to_networkx(self) -> Any:
        """A networkx graph of who takes part in what (needs ``eucoop[networkx]``)."""
        return graph.to_networkx(tuple(self))

    def plot_timeline(self, start: DateLike | None = None, end: DateLike | None = None) -> Any:
        """The :meth:`timeline` (of that window) as a matplotlib figure (``eucoop[plot]``)."""
        return plots.timeline(self.timeline(start, end), self._by_id)

    def plot_network(self) -> Any:
        """The :meth:`to_networkx` graph as a matplotlib figure (``eucoop[plot]``)."""
        return plots.network(tuple(self))
