"""Checks across a whole set of data files that types alone cannot express.

Unique ids and lookup keys, references that resolve, no parent cycles, ISO
codes, dates in order, citations that point inside their documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from functools import cache

import attrs

from eucoop import _resources
from eucoop._converter import Located
from eucoop._entities import KINDS, Agreement, Dialogue, Entity, Organisation, Programme
from eucoop._exceptions import Problem
from eucoop._text import a, fold
from eucoop._values import Document, PartialDate, Partnership, Source, field_head

__all__ = [
    "ID",
    "URL",
    "field_names",
    "find_cycles",
    "in_order",
    "iso_codes",
    "lookup_keys",
    "sources_resolve",
    "validate",
]

#: What an id may be, and a URL: shared with the all-clear, so the rules live here.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"https?://\S+")
_COLLECTIONS: dict[type, str] = {k: k.collection for k in KINDS}


@cache
def iso_codes() -> tuple[frozenset[str], frozenset[str]]:
    """ISO 3166-1 alpha-2 country codes and ISO 4217 currency codes, from the package."""
    import json  # noqa: PLC0415 - imported when data is first loaded, not with eucoop

    raw = json.loads(_resources.read("_iso.json"))
    return frozenset(raw["countries"]), frozenset(raw["currencies"])


def lookup_keys(entity: Entity) -> Iterator[tuple[str, str]]:
    """``(field path, text)`` for every name an entity can be looked up by."""
    yield "id", entity.id
    yield "name", entity.name
    if entity.acronym:
        yield "acronym", entity.acronym
    for i, alias in enumerate(entity.aliases):
        yield f"aliases[{i}]", alias


def validate(
    records: Sequence[Located],
    placeholders: Mapping[str, str] | None = None,
    unreadable: Set[str] = frozenset(),
    references: Sequence[tuple[Located, str, str, str]] = (),
    keys: dict[str, str] | None = None,
) -> list[Problem]:
    """Every problem across the records of all files loaded together.

    *placeholders* maps ids of items that failed to convert to their
    collection, and *unreadable* names collections that could not be read at
    all, so that references to what they held are not reported as unknown too.
    *references* are those found in items that failed to convert; they are
    checked too, so a type error does not hide a dangling reference beside it.
    *keys*, when given, receives the lookup index built on the way (folded key
    -> entity id), so the registry need not build it again.
    """
    checker = _Checker(records, placeholders or {}, unreadable)
    problems = checker.run()
    problems.extend(checker.check_raw_references(references))
    if keys is not None:
        keys.update(checker.keys)
    return problems


class _Checker:
    def __init__(
        self, records: Sequence[Located], placeholders: Mapping[str, str], unreadable: Set[str]
    ) -> None:
        self.records = records
        self.placeholders = placeholders
        self.unreadable = unreadable
        self.problems: list[Problem] = []
        self.by_id: dict[str, Located] = {}
        #: folded lookup key -> entity id, handed on to the registry.
        self.keys: dict[str, str] = {}
        self._known: dict[type, list[str]] = {}
        self.countries, self.currencies = iso_codes()
        #: filled by check_ids, for the common case of the per-record checks:
        #: ids of organisations, and the paragraph count of each document.
        self.organisations: set[str] = set()
        self.paragraphs: dict[str, int] = {}

    def add(self, rec: Located, where: str, message: str) -> None:
        loc = f"{rec.path}.{where}" if where else rec.path
        self.problems.append(Problem(rec.file, loc, message))

    def run(self) -> list[Problem]:
        self.check_ids()
        self.check_lookup_keys()
        check_entity = self.check_entity
        for rec in self.records:
            value = rec.value
            if type(value) is Document:
                self.check_document(rec, value)
            else:
                check_entity(rec, value)  # type: ignore[arg-type] # records hold entities else
        self.check_cycles()
        return self.problems

    # -- identity ---------------------------------------------------------------

    def check_ids(self) -> None:
        for rec in self.records:
            ident = rec.value.id
            if not ID.fullmatch(ident):
                self.add(
                    rec,
                    "id",
                    f"malformed id {ident!r}: use lower-case letters, digits and single hyphens",
                )
            first = self.by_id.setdefault(ident, rec)
            if first is not rec:
                self.add(rec, "id", f"duplicate id {ident!r}, already used at {_where(first)}")
        for ident, rec in self.by_id.items():
            value = rec.value
            if type(value) is Organisation:
                self.organisations.add(ident)
            elif type(value) is Document:
                self.paragraphs[ident] = value.paragraphs or 1 << 62

    def check_lookup_keys(self) -> None:
        """Every folded name, acronym and alias names one entity; kept as ``self.keys``."""
        keys = self.keys
        setdefault = keys.setdefault
        for rec in self.records:
            ent = rec.value
            if type(ent) is Document:
                continue
            assert isinstance(ent, Entity)  # noqa: S101 - records hold entities and documents
            ident = ent.id
            # The common case inline (this runs once per name of every entity);
            # anything unusual goes through the slow path, which says what is wrong.
            name = fold(ent.name)
            acronym = fold(ent.acronym) if ent.acronym else None
            if (
                not name
                or setdefault(ident, ident) != ident
                or setdefault(name, ident) != ident
                or (acronym is not None and (not acronym or setdefault(acronym, ident) != ident))
                or not all(
                    (key := fold(alias)) and setdefault(key, ident) == ident
                    for alias in ent.aliases
                )
            ):
                self._check_keys_slowly(rec, ent)

    def _check_keys_slowly(self, rec: Located, ent: Entity) -> None:
        keys = self.keys
        ident = ent.id
        for field, text in lookup_keys(ent):
            key = fold(text) if field != "id" else text
            if not key:
                self.add(rec, field, "must not be empty")
                continue
            first = keys.setdefault(key, ident)
            if first != ident:
                self.add(rec, field, self._clash(text, key, first))

    def _clash(self, text: str, key: str, owner_id: str) -> str:
        """The message for a lookup key that another entity has already (the rare path)."""
        owner = self.by_id[owner_id]
        assert isinstance(owner.value, Entity)  # noqa: S101 - only entities own keys
        field = next(f for f, t in lookup_keys(owner.value) if (fold(t) if f != "id" else t) == key)
        return f"lookup key {text!r} is already a name of {owner_id!r} ({_where(owner)}.{field})"

    # -- one record ---------------------------------------------------------------

    def check_document(self, rec: Located, doc: Document) -> None:
        if doc.url is not None and not URL.fullmatch(doc.url):
            self.add(rec, "url", f"not an http(s) URL: {doc.url!r}")
        if doc.paragraphs is not None and doc.paragraphs < 1:
            self.add(rec, "paragraphs", f"must be at least 1, not {doc.paragraphs}")
        if not doc.title.strip():
            self.add(rec, "title", "must not be empty")

    def check_entity(self, rec: Located, ent: Entity) -> None:
        # The common case inline: every citation resolves and every participant
        # is a known organisation without dates. Anything else takes the slow
        # path, which says what is wrong (or finds nothing wrong).
        sources = ent.sources
        if not sources:
            self.add(rec, "sources", "must cite at least one source")
        self.check_sources(rec, "sources", sources, type(ent))
        organisations = self.organisations
        for part in ent.participants:
            if part.organisation not in organisations or (
                part.since is not None and part.until is not None
            ):
                self.check_participants(rec, ent)
                break
        if isinstance(ent, Programme):
            self.check_programme(rec, ent)
        elif isinstance(ent, Organisation):
            self.check_organisation(rec, ent)
        elif isinstance(ent, Agreement):
            self.ref(rec, "adopted_by", ent.adopted_by, Organisation)
            self.order(rec, "", ent.adopted, "adopted", ent.in_force, "in_force")
        elif isinstance(ent, Dialogue):
            for i, session in enumerate(ent.sessions):
                self.order(rec, f"sessions[{i}]", session.start, "start", session.end, "end")

    def check_participants(self, rec: Located, ent: Entity) -> None:
        by_id = self.by_id
        for i, part in enumerate(ent.participants):
            found = by_id.get(part.organisation)
            if found is None or type(found.value) is not Organisation:
                self.ref(rec, f"participants[{i}].organisation", part.organisation, Organisation)
            if part.since is not None and part.until is not None:
                self.order(rec, f"participants[{i}]", part.since, "since", part.until, "until")

    def check_organisation(self, rec: Located, org: Organisation) -> None:
        if org.parent == org.id:
            self.add(rec, "parent", "an organisation cannot be its own parent")
        else:
            self.ref(rec, "parent", org.parent, Organisation)
        if org.country is not None and org.country not in self.countries:
            self.add(rec, "country", _bad_country(org.country))
        if org.website is not None and not URL.fullmatch(org.website):
            self.add(rec, "website", f"not an http(s) URL: {org.website!r}")
        if org.member_count is not None and org.member_count < 0:
            self.add(rec, "member_count", f"must not be negative: {org.member_count}")
        if org.partnership is not None:
            for i, agreement in enumerate(org.partnership.formalised_by):
                self.ref(rec, f"partnership.formalised_by[{i}]", agreement, Agreement)
            self.check_sources(rec, "partnership.sources", org.partnership.sources, Partnership)

    def check_programme(self, rec: Located, prog: Programme) -> None:
        self.order(rec, "", prog.launched, "launched", prog.ended, "ended")
        for i, code in enumerate(prog.countries):
            if code not in self.countries:
                self.add(rec, f"countries[{i}]", _bad_country(code))
        if prog.country_count is not None and prog.country_count < 0:
            self.add(rec, "country_count", f"must not be negative: {prog.country_count}")
        if prog.budget is not None and prog.budget.currency not in self.currencies:
            self.add(
                rec,
                "budget.currency",
                f"{prog.budget.currency!r} is not an ISO 4217 currency code",
            )

    def check_sources(
        self, rec: Located, where: str, sources: tuple[Source, ...], owner: type
    ) -> None:
        names = field_names(owner)
        if not sources_resolve(sources, self.paragraphs, names):
            self._check_sources_slowly(rec, where, sources, names, owner.__name__)

    def _check_sources_slowly(
        self,
        rec: Located,
        where: str,
        sources: tuple[Source, ...],
        names: frozenset[str],
        owner: str,
    ) -> None:
        by_id = self.by_id
        for i, src in enumerate(sources):
            doc_rec = by_id.get(src.document)
            at = f"{where}[{i}]"
            if doc_rec is None and self.unknown_but_expected(src.document, "documents"):
                continue
            if doc_rec is None or not isinstance(doc_rec.value, Document):
                message = _dangling("document", src.document, doc_rec, self.known(Document))
                self.add(rec, f"{at}.document", message)
            elif src.paragraph is not None:
                total = doc_rec.value.paragraphs
                if src.paragraph < 1 or (total is not None and 0 < total < src.paragraph):
                    self.add(
                        rec,
                        f"{at}.paragraph",
                        f"paragraph {src.paragraph} is outside {src.document!r}, "
                        f"which has paragraphs 1 to {total}",
                    )
            for j, field in enumerate(src.fields):
                if field not in names and field_head(field) not in names:
                    self.add(
                        rec,
                        f"{at}.fields[{j}]",
                        f"{field!r} is not a field of {owner}",
                    )

    def known(self, kind: type) -> list[str]:
        """The ids of one kind, for did-you-mean hints (only needed when something is wrong)."""
        if kind not in self._known:
            self._known[kind] = [i for i, r in self.by_id.items() if isinstance(r.value, kind)]
        return self._known[kind]

    def unknown_but_expected(self, ident: str, collection: str) -> bool:
        """Whether *ident* may be defined by an item or collection that failed to convert."""
        return collection in self.unreadable or self.placeholders.get(ident) == collection

    def ref(self, rec: Located, where: str, target: str | None, kind: type) -> None:
        if target is None:
            return
        found = self.by_id.get(target)
        if found is not None and isinstance(found.value, kind):
            return
        if found is None and self.unknown_but_expected(target, _COLLECTIONS[kind]):
            return
        if found is None or not isinstance(found.value, kind):
            self.add(rec, where, _dangling(kind.__name__.lower(), target, found, self.known(kind)))

    def order(  # noqa: PLR0917 - reads as "first ... before last ..."
        self,
        rec: Located,
        where: str,
        first: PartialDate | None,
        first_name: str,
        last: PartialDate | None,
        last_name: str,
    ) -> None:
        if not in_order(first, last):
            prefix = f"{where}." if where else ""
            self.add(
                rec,
                f"{prefix}{last_name}",
                f"{last_name} {last} is before {first_name} {first}",
            )

    def check_raw_references(
        self, references: Sequence[tuple[Located, str, str, str]]
    ) -> list[Problem]:
        self.problems = []
        kinds = {v: k for k, v in _COLLECTIONS.items()}
        for rec, where, target, coll in references:
            if self.unknown_but_expected(target, coll):
                continue
            found = self.by_id.get(target)
            want = kinds.get(coll, Document)
            if found is None or not isinstance(found.value, want):
                message = _dangling(want.__name__.lower(), target, found, self.known(want))
                self.add(rec, where, message)
        return self.problems

    # -- the whole ------------------------------------------------------------

    def check_cycles(self) -> None:
        parents = {
            r.value.id: r.value.parent
            for r in self.records
            if isinstance(r.value, Organisation) and r.value.parent not in (None, r.value.id)
        }
        for cycle in find_cycles(parents):
            rec = self.by_id[cycle[0]]
            self.add(rec, "parent", "parent cycle: " + " -> ".join([*cycle, cycle[0]]))


def find_cycles(parents: Mapping[str, str | None]) -> Iterator[list[str]]:
    """Each cycle of the child -> parent map once, from the node where a walk first met it.

    >>> list(find_cycles({"a": "b", "b": "a", "c": "a", "d": None}))
    [['a', 'b']]
    """
    reported: set[str] = set()
    for start in parents:
        seen: dict[str, None] = {}  # the walk from start, in order
        node: str | None = start
        while node is not None and node not in seen and node not in reported:
            seen[node] = None
            node = parents.get(node)
        if node is not None and node in seen:
            walk = list(seen)
            cycle = walk[walk.index(node) :]
            reported.update(cycle)
            yield cycle
        reported.update(seen)


def sources_resolve(
    sources: Iterable[Source], paragraphs: Mapping[str, int], names: frozenset[str]
) -> bool:
    """Whether every citation names a known document, a paragraph in it, and fields of *names*.

    *paragraphs* maps each document id to its paragraph count (a very large
    number when unknown); a field may also be a path into one of *names*.
    """
    for src in sources:
        total = paragraphs.get(src.document)
        p = src.paragraph
        if (
            total is None
            or (p is not None and not 1 <= p <= total)
            or (
                src.fields
                and not names.issuperset(src.fields)
                and not all(f in names or field_head(f) in names for f in src.fields)
            )
        ):
            return False
    return True


def in_order(first: PartialDate | None, last: PartialDate | None) -> bool:
    """Whether *last* can come no earlier than *first* (either may be unknown)."""
    return first is None or last is None or not last.last_day() < first.first_day()


@cache
def field_names(cls: type) -> frozenset[str]:
    """The attrs field names of *cls*."""
    return frozenset(f.name for f in attrs.fields(cls))


def _where(rec: Located) -> str:
    return f"{rec.file}: {rec.path}"


def _bad_country(code: str) -> str:
    return f"{code!r} is not an ISO 3166-1 alpha-2 country code"


def _dangling(kind: str, target: str, found: Located | None, known: Iterable[str] = ()) -> str:
    if found is None:
        import difflib  # noqa: PLC0415 - only needed when something is wrong

        close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown {kind} {target!r}{hint}"
    return f"{target!r} is {a(type(found.value).__name__.lower())}, not {a(kind)}"
