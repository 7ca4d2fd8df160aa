"""The registry: an immutable, indexed view of a validated dataset, and its queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Set
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from eucoop._converter import SCHEMA_VERSION, DataFile, unstructure
from eucoop._entities import KINDS, Agreement, Dialogue, Entity, Organisation, Programme
from eucoop._exceptions import AmbiguousLookupError, UnknownEntityError
from eucoop._results import Results, SearchResults, Timeline
from eucoop._text import a, fold, loose
from eucoop._values import (
    DateLike,
    Document,
    PartialDate,
    Participant,
    PolicyArea,
    Role,
    Source,
    Standing,
    field_head,
)

if TYPE_CHECKING:
    import datetime as dt

    from eucoop._search import SearchIndex

__all__ = ["Registry"]

E = TypeVar("E", bound=Entity)

_STANDING_RANK = {s: i for i, s in enumerate(Standing)}
_KIND_BY_NAME: dict[str, type[Entity]] = {}
for _k in KINDS:
    _KIND_BY_NAME[_k.__name__.lower()] = _k
    _KIND_BY_NAME[_k.collection] = _k


def _kind(kind: type[Entity] | str) -> type[Entity]:
    if isinstance(kind, type) and kind in KINDS:
        return kind
    if isinstance(kind, str) and kind.lower() in _KIND_BY_NAME:
        return _KIND_BY_NAME[kind.lower()]
    msg = f"unknown kind {kind!r}; expected one of Organisation, Agreement, Dialogue, Programme"
    raise ValueError(msg)


def _day(date: DateLike) -> dt.date:
    return PartialDate.coerce(date).start


class Registry:
    """An immutable, indexed collection of entities and the documents they cite.

    Get one with :func:`eucoop.load`. Iterating yields the entities of all
    four kinds (not documents), sorted by kind and id; ``len()`` counts them.

    >>> import eucoop
    >>> reg = eucoop.load()
    >>> reg["unhcr"].acronym, "iom" in reg
    ('UNHCR', True)
    >>> reg.lookup("International Organization for Migration").id
    'iom'
    """

    __slots__ = (
        "__dict__",
        "_by_id",
        "_documents",
        "_involved",
        "_keys",
        "_roles",
        "agreements",
        "dialogues",
        "documents",
        "organisations",
        "programmes",
    )

    organisations: tuple[Organisation, ...]
    agreements: tuple[Agreement, ...]
    dialogues: tuple[Dialogue, ...]
    programmes: tuple[Programme, ...]
    documents: tuple[Document, ...]

    def __init__(
        self,
        entities: Iterable[Entity],
        documents: Iterable[Document] = (),
        _keys: dict[str, str] | None = None,
    ) -> None:
        """Index *entities*. Use :func:`eucoop.load`, which validates them first."""
        by_kind: dict[type[Entity], list[Any]] = {k: [] for k in KINDS}
        by_id: dict[str, Entity] = {}
        keys: dict[str, str] = {} if _keys is None else _keys
        appenders = {k: v.append for k, v in by_kind.items()}
        for e in entities:
            appenders[type(e)](e)
            by_id[e.id] = e
            if _keys is None:
                keys.setdefault(e.id, e.id)
                keys.setdefault(fold(e.name), e.id)
                if e.acronym:
                    keys.setdefault(fold(e.acronym), e.id)
                for alias in e.aliases:
                    keys.setdefault(fold(alias), e.id)
        self._index(list(by_kind.values()), documents, by_id, keys)

    def _index(
        self,
        kinds: list[list[Any]],
        documents: Iterable[Document],
        by_id: dict[str, Entity],
        keys: dict[str, str],
    ) -> None:
        """Build what load time owes: the sorted kinds, ids, lookup keys and roles.

        *kinds* holds the entities of each kind, in :data:`KINDS` order (sorted
        in place). Search and filter indexes wait for their first use.
        """
        by_ident = attrgetter("id")
        roles: defaultdict[str, list[tuple[Entity, Participant]]] = defaultdict(list)
        for items in kinds:
            items.sort(key=by_ident)
            # Each organisation's roles come in kind and id order, so involving()
            # and roles() answer without sorting.
            for e in items:
                for p in e.participants:
                    roles[p.organisation].append((e, p))
        self._by_id = by_id
        self._keys = keys
        self._roles = roles
        #: organisation id -> the entities it takes part in, once each, made on first ask.
        self._involved: dict[str, tuple[Entity, ...]] = {}
        self.organisations, self.agreements, self.dialogues, self.programmes = map(tuple, kinds)
        self.documents = tuple(sorted(documents, key=by_ident))
        self._documents = {d.id: d for d in self.documents}

    @classmethod
    def _from_records(
        cls, values: Iterable[Entity | Document], keys: dict[str, str] | None = None
    ) -> Registry:
        entities: list[Entity] = []
        documents: list[Document] = []
        for v in values:
            if isinstance(v, Document):
                documents.append(v)
            else:
                entities.append(v)
        return cls(entities, documents, keys)

    @classmethod
    def _from_columns(
        cls, columns: list[list[Any]], by_id: dict[str, Entity], keys: dict[str, str]
    ) -> Registry:
        """From checked documents and entities of each kind, with their id and key indexes."""
        reg = cls.__new__(cls)
        reg._index(columns[1:], columns[0], by_id, keys)
        return reg

    # -- the collection ------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entity]:
        for kind in KINDS:
            yield from getattr(self, kind.collection)

    def __contains__(self, ident: object) -> bool:
        return ident in self._by_id

    def __getitem__(self, ident: str) -> Entity:
        return self.get(ident)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, k.collection))} {k.collection}" for k in KINDS)
        return f"<Registry: {counts}, {len(self.documents)} documents>"

    def _repr_html_(self) -> str:
        from eucoop._html import registry_html  # noqa: PLC0415 - only notebooks need it

        return registry_html(self)

    @overload
    def get(self, ident: str) -> Entity: ...
    @overload
    def get(self, ident: str, kind: type[E]) -> E: ...
    def get(self, ident: str, kind: type[Entity] | None = None) -> Entity:
        """The entity with id *ident*; :class:`~eucoop.UnknownEntityError` if none.

        With *kind*, the entity must also be of that class.
        """
        try:
            entity = self._by_id[ident]
        except (KeyError, TypeError):
            import difflib  # noqa: PLC0415 - only needed when something is wrong

            close = difflib.get_close_matches(str(ident), list(self._by_id), n=3)
            raise UnknownEntityError(str(ident), close) from None
        if kind is not None and not isinstance(entity, kind):
            raise _wrong_kind(ident, entity, kind)
        return entity

    def document(self, ident: str) -> Document:
        """The cited document with id *ident* (``"dg-home-io"`` is the source page)."""
        try:
            return self._documents[ident]
        except KeyError:
            import difflib  # noqa: PLC0415 - only needed when something is wrong

            close = difflib.get_close_matches(ident, list(self._documents), n=3)
            raise UnknownEntityError(ident, close) from None

    def lookup(self, name: str | Entity) -> Entity:
        """The entity with this id, name, acronym or alias.

        Case, accents and spacing do not matter; failing an exact match,
        punctuation and a leading "the" are ignored too. Raises
        :class:`~eucoop.UnknownEntityError` (with suggestions) or
        :class:`~eucoop.AmbiguousLookupError`.

        >>> import eucoop
        >>> eucoop.load().lookup("un ccpcj").acronym
        'CCPCJ'
        """
        if isinstance(name, Entity):
            return self.get(name.id)
        ident = self._keys.get(fold(name))
        if ident is not None:
            return self._by_id[ident]
        found: Set[str] = self._loose.get(loose(name), frozenset())
        if len(found) == 1:
            return self._by_id[next(iter(found))]
        if found:
            raise AmbiguousLookupError(name, sorted(found))
        raise UnknownEntityError(name, self._suggest(name))

    def _organisation(self, name: str | Entity) -> Organisation:
        """:meth:`lookup`, but only an organisation will do."""
        found = self.lookup(name)
        if not isinstance(found, Organisation):
            raise _wrong_kind(name if isinstance(name, str) else name.id, found, Organisation)
        return found

    @cached_property
    def _loose(self) -> dict[str, set[str]]:
        """Forgiving keys (no punctuation, no leading "the"), built on the first miss."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for e in self:
            for text in (e.id, e.name, e.acronym, *e.aliases):
                if text:
                    out[loose(text)].add(e.id)
        return dict(out)

    @cached_property
    def _sorted_keys(self) -> list[str]:
        return sorted(self._keys)

    def _suggest(self, name: str) -> list[str]:
        """Up to three names close to *name*: similar spellings, then names it begins."""
        import bisect  # noqa: PLC0415 - only needed when something is wrong
        import difflib  # noqa: PLC0415

        key = fold(name)
        keys = self._sorted_keys
        # difflib compares with every candidate: keep to names with the same first
        # letter and a similar length, which is where typos land, so that a typo in a
        # registry of a hundred thousand names is answered at once.
        nearby: list[str] = []
        for width in (1, 2, 3, 4):  # narrow by a longer prefix while there are too many
            lo = bisect.bisect_left(keys, key[:width])
            hi = bisect.bisect_left(keys, key[:width] + "\U0010ffff")
            nearby = [k for k in keys[lo:hi] if abs(len(k) - len(key)) <= 3]
            if len(nearby) <= 500 or width >= len(key):
                break
        close = difflib.get_close_matches(key, nearby, n=3, cutoff=0.6)
        prefixed = []
        if len(key) >= 3:
            i = bisect.bisect_left(keys, key)
            prefixed = [k for k in keys[i : i + 3] if k.startswith(key)]
        out: list[str] = []
        for k in [*close, *prefixed]:
            label = self._by_id[self._keys[k]].acronym or self._by_id[self._keys[k]].name
            if label not in out:
                out.append(label)
        return out[:3]

    # -- who does what ---------------------------------------------------------

    def involving(
        self, organisation: str | Entity, role: Role | str | None = None
    ) -> Results[Entity]:
        """Everything the organisation takes part in, optionally in one *role*.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> [e.id for e in reg.involving("EU", role="observer")]
        ['greco']
        >>> [e.id for e in reg.involving("eu", role="party")]
        ['uncac', 'untoc']
        """
        org = self._organisation(organisation)
        if role is None:
            found = self._involved.get(org.id)
            if found is None:
                pairs = self._roles.get(org.id, ())
                found = self._involved[org.id] = tuple({e.id: e for e, _ in pairs}.values())
            return Results(found)
        pairs = self._roles.get(org.id, ())
        wanted = Role(role)
        return Results({e.id: e for e, p in pairs if p.role is wanted}.values())

    def roles(self, organisation: str | Entity) -> tuple[tuple[Entity, Participant], ...]:
        """Every ``(entity, participant)`` pair for the organisation, with its role and dates."""
        org = self._organisation(organisation)
        return tuple(self._roles.get(org.id, ()))

    def partners(
        self, area: PolicyArea | str | None = None, standing: Standing | str | None = None
    ) -> Results[Organisation]:
        """Organisations the EU has a partnership with, closest first.

        *area* matches the partnership's areas or the organisation's policy
        areas; *standing* is ``"principal"``, ``"key"``, ``"close"``...

        >>> import eucoop
        >>> [o.acronym for o in eucoop.load().partners(area="migration", standing="key")]
        ['IOM', 'OECD']
        """
        want_area = None if area is None else PolicyArea(area)
        want_standing = None if standing is None else Standing(standing)
        out = []
        for org in self.organisations:
            p = org.partnership
            if p is None:
                continue
            if want_standing is not None and p.standing is not want_standing:
                continue
            if want_area is not None and want_area not in p.areas | org.policy_areas:
                continue
            out.append(org)
        rank = len(_STANDING_RANK)
        return Results(
            sorted(
                out,
                key=lambda o: (
                    _STANDING_RANK.get(o.partnership.standing, rank)
                    if o.partnership and o.partnership.standing
                    else rank,
                    o.name,
                ),
            )
        )

    def children(self, organisation: str | Entity) -> Results[Organisation]:
        """The organisations whose ``parent`` is this one."""
        org = self._organisation(organisation)
        return Results(self._children.get(org.id, ()))

    def ancestors(self, organisation: str | Entity) -> Results[Organisation]:
        """The organisation's parent, its parent's parent... up to the top."""
        org = self._organisation(organisation)
        out: list[Organisation] = []
        parent = org.parent
        while parent is not None and parent in self._by_id:
            node = self._by_id[parent]
            assert isinstance(node, Organisation)  # noqa: S101 - validated on load
            out.append(node)
            parent = node.parent
        return Results(out)

    @cached_property
    def _children(self) -> dict[str, list[Organisation]]:
        out: defaultdict[str, list[Organisation]] = defaultdict(list)
        for org in self.organisations:
            if org.parent is not None:
                out[org.parent].append(org)
        return dict(out)

    # -- filters -----------------------------------------------------------------

    def filter(
        self,
        *,
        kind: type[Entity] | str | None = None,
        policy_area: PolicyArea | str | None = None,
        country: str | None = None,
        region: str | None = None,
        participant: str | Entity | None = None,
        role: Role | str | None = None,
        active_on: DateLike | None = None,
    ) -> Results[Entity]:
        """Entities meeting every condition given, sorted by kind and id.

        *policy_area* matches an entity's policy areas (and an organisation's
        partnership areas); *country* an organisation's headquarters country
        or a programme's countries (ISO alpha-2, any case); *region* a
        programme's regions (case-insensitive); *participant* and *role* a
        participation (either alone, or both in the same participation);
        *active_on* keeps what had certainly begun and not ended that day.

        >>> import eucoop
        >>> [e.id for e in eucoop.load().filter(kind="programme", country="LY")][:2]
        ['au-eu-un-libya-taskforce', 'eu-financial-support-unhcr']
        """
        candidates: list[set[str]] = []
        if kind is not None:
            candidates.append({e.id for e in getattr(self, _kind(kind).collection)})
        if policy_area is not None:
            candidates.append(self._by_area.get(PolicyArea(policy_area), set()))
        if country is not None:
            candidates.append(self._by_country.get(country.upper(), set()))
        if region is not None:
            candidates.append(self._by_region.get(fold(region), set()))
        if participant is not None or role is not None:
            want_role = None if role is None else Role(role)
            org = None if participant is None else self._organisation(participant).id
            pairs = self._roles.get(org, ()) if org is not None else self._all_roles()
            candidates.append({e.id for e, p in pairs if want_role is None or p.role is want_role})
        if active_on is not None:
            from eucoop._time import Status, entity_span, status  # noqa: PLC0415

            day = _day(active_on)
            candidates.append({e.id for e in self if status(*entity_span(e), day) is Status.YES})
        if not candidates:
            return Results(self)
        candidates.sort(key=len)
        ids = set.intersection(*candidates)
        return Results(sorted((self._by_id[i] for i in ids), key=_kind_order))

    def _all_roles(self) -> Iterator[tuple[Entity, Participant]]:
        for pairs in self._roles.values():
            yield from pairs

    @cached_property
    def _by_area(self) -> dict[PolicyArea, set[str]]:
        out: defaultdict[PolicyArea, set[str]] = defaultdict(set)
        for e in self:
            areas = e.policy_areas
            if isinstance(e, Organisation) and e.partnership is not None:
                areas = areas | e.partnership.areas
            for area in areas:
                out[area].add(e.id)
        return dict(out)

    @cached_property
    def _by_country(self) -> dict[str, set[str]]:
        out: defaultdict[str, set[str]] = defaultdict(set)
        for org in self.organisations:
            if org.country:
                out[org.country].add(org.id)
        for prog in self.programmes:
            for c in prog.countries:
                out[c].add(prog.id)
        return dict(out)

    @cached_property
    def _by_region(self) -> dict[str, set[str]]:
        out: defaultdict[str, set[str]] = defaultdict(set)
        for prog in self.programmes:
            for r in prog.regions:
                out[fold(r)].add(prog.id)
        return dict(out)

    # -- text ------------------------------------------------------------------

    def search(
        self, text: str, kind: type[Entity] | str | None = None, limit: int | None = None
    ) -> SearchResults:
        """Entities whose text matches every word of *text*, best first.

        Looks at names, acronyms, aliases, descriptions, activities, regions,
        venues and notes; case and accents do not matter, and a word of three
        letters or more also matches longer words it begins. ``.hits`` on the
        result gives each entity's score and the fields that matched. An empty
        query is a :class:`ValueError`.

        >>> import eucoop
        >>> results = eucoop.load().search("joint initiative")
        >>> results[0].id, results.hits[0].fields[:2]
        ('eu-iom-joint-initiative', ('aliases', 'id'))
        """
        found = self._search_index.search(text)
        ids: list[str] = found.ids
        if kind is not None:
            k = _kind(kind)
            ids = [i for i in ids if isinstance(found.entities[i], k)]
        if limit is not None:
            ids = ids[:limit]
        return SearchResults(found, ids)

    @cached_property
    def _search_index(self) -> SearchIndex:
        from eucoop._search import SearchIndex  # noqa: PLC0415 - built on the first search

        return SearchIndex(self)

    # -- time --------------------------------------------------------------------

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
        """
        entries = self._timeline
        if start is not None:
            first = _day(start)
            entries = Timeline(t for t in entries if t.date.start >= first)
        if end is not None:
            last = PartialDate.coerce(end).end
            entries = Timeline(t for t in entries if t.date.start <= last)
        return entries

    @cached_property
    def _timeline(self) -> Timeline:
        from eucoop._time import timeline_entries  # noqa: PLC0415 - time queries load it

        names = {o.id: o.acronym or o.name for o in self.organisations}
        return Timeline(sorted(t for e in self for t in timeline_entries(e, names)))

    def as_of(self, date: DateLike, *, include_uncertain: bool = False) -> Registry:
        """A registry of what existed, was in force or had begun by *date*.

        Entities are kept by their founding, adoption (else entry into force),
        first session or launch, and dropped once ended; participants,
        sessions and partnerships are trimmed by their own dates, and links to
        what did not exist yet are dropped. See :mod:`the time model
        <eucoop._time>`: a partial *date* means its first day, and facts
        dated too coarsely to tell are left out unless *include_uncertain*.

        >>> import eucoop
        >>> reg = eucoop.load()
        >>> "gcr" in reg.as_of("2018-12-16"), "gcr" in reg.as_of("2018-12-17")
        (False, True)
        """
        from eucoop._asof import trim  # noqa: PLC0415 - keeps this module readable

        return trim(self, _day(date), include_uncertain)

    def uncertain_on(self, date: DateLike) -> Results[Entity]:
        """Entities whose dates are too coarse to say if they existed on *date*."""
        from eucoop._time import Status, entity_span, status  # noqa: PLC0415

        day = _day(date)
        return Results(e for e in self if status(*entity_span(e), day) is Status.UNCERTAIN)

    # -- provenance and export -------------------------------------------------

    def provenance(self, ident: str | Entity, field: str | None = None) -> tuple[Source, ...]:
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
        entity = self.lookup(ident) if isinstance(ident, str) else self.get(ident.id)
        p = entity.partnership if isinstance(entity, Organisation) else None
        part_sources = p.sources if p is not None else ()
        if field is None:
            return entity.sources + part_sources
        head = field_head(field)
        rest = field[len(head) + 1 :]
        names = {f.name for f in attrs.fields(type(entity))}
        if head not in names:
            msg = f"{field!r} is not a field of {type(entity).__name__}"
            raise ValueError(msg)
        found = tuple(s for s in entity.sources if s.supports(field))
        if head == "partnership" and p is not None:
            if rest:
                found += tuple(s for s in part_sources if s.supports(rest))
                found = found or tuple(s for s in part_sources if not s.fields)
            else:
                found += part_sources
        return found or tuple(s for s in entity.sources if not s.fields)

    def to_dict(self) -> dict[str, Any]:
        """The registry in the data-file format; ``load(reg.to_dict())`` rebuilds it.

        >>> import eucoop, json
        >>> data = eucoop.load().to_dict()
        >>> data["schema_version"], len(json.dumps(data)) > 1000
        (1, True)
        """
        data: dict[str, Any] = unstructure(
            DataFile(
                schema_version=SCHEMA_VERSION,
                documents=self.documents,
                organisations=self.organisations,
                agreements=self.agreements,
                dialogues=self.dialogues,
                programmes=self.programmes,
            )
        )
        return data

    # -- tables and graphs (optional extras) --------------------------------------

    def to_records(self, kind: type[Entity] | str) -> list[dict[str, Any]]:
        """One flat dict per entity of *kind*, ready for csv or a DataFrame.

        >>> import eucoop
        >>> row = eucoop.load().to_records("programmes")[0]
        >>> row["id"], row["countries"]
        ('au-eu-un-libya-taskforce', 'LY')
        """
        from eucoop._frames import to_records  # noqa: PLC0415 - loaded on first use

        return to_records(self, kind)

    def to_dataframe(self, kind: type[Entity] | str) -> Any:
        """A pandas DataFrame of one kind, indexed by id (needs ``eucoop[pandas]``)."""
        from eucoop._frames import to_dataframe  # noqa: PLC0415 - loaded on first use

        return to_dataframe(self, kind)

    def to_networkx(self) -> Any:
        """A networkx graph of who takes part in what (needs ``eucoop[networkx]``)."""
        from eucoop._frames import to_networkx  # noqa: PLC0415 - loaded on first use

        return to_networkx(self)


def _wrong_kind(key: str, entity: Entity, kind: type[Entity]) -> UnknownEntityError:
    msg = f"{key!r} is {a(entity.kind_name)}, not {a(kind.__name__.lower())}"
    return UnknownEntityError(key, message=msg)


def _kind_order(entity: Entity) -> tuple[int, str]:
    return KINDS.index(type(entity)), entity.id
