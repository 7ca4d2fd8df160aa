"""The all-clear: every check of :mod:`eucoop._validate`, in one pass, as a yes or no.

Well-formed data is the common case, and for it only a yes is needed. This
module answers it in one pass over the entities, each checked whole while
its fields are in the processor's cache (at a hundred thousand entities,
every further pass over them costs more than the checks themselves). It
says *whether* everything is right, never *what* is wrong: on any doubt it
answers None, and :func:`eucoop._validate.validate`, record by record, says
what and where. Tests hold the two to the same verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from eucoop._entities import Agreement, Dialogue, Entity, Organisation, Programme
from eucoop._text import fold
from eucoop._validate import field_names, find_cycles, iso_codes
from eucoop._values import Document, PartialDate, Partnership, Source, field_head

__all__ = ["Cleared", "all_clear"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_URL = re.compile(r"https?://\S+")


class Cleared(NamedTuple):
    """What the all-clear built on the way, handed on to the registry."""

    #: entity id -> entity, for every entity.
    by_id: dict[str, Entity]
    #: folded lookup key -> entity id.
    keys: dict[str, str]


def all_clear(
    documents: Sequence[Document],
    organisations: Sequence[Organisation],
    agreements: Sequence[Agreement],
    dialogues: Sequence[Dialogue],
    programmes: Sequence[Programme],
) -> Cleared | None:
    """Whether the records pass every check of :func:`~eucoop._validate.validate`.

    The indexes built on the way when they do; None when they may not (the
    record-by-record checks then tell).
    """
    paragraphs: dict[str, int] = {}
    for doc in documents:
        if (
            not _ID.fullmatch(doc.id)
            or doc.id in paragraphs
            or (doc.url is not None and not _URL.fullmatch(doc.url))
            or (doc.paragraphs is not None and doc.paragraphs < 1)
            or not doc.title.strip()
        ):
            return None
        paragraphs[doc.id] = doc.paragraphs or 1 << 62
    organisation_ids = {o.id for o in organisations}
    agreement_ids = {a.id for a in agreements}
    by_id: dict[str, Entity] = {}
    keys: dict[str, str] = {}
    countries, currencies = iso_codes()
    parents: dict[str, str] = {}

    def entity_ok(ent: Entity, names: frozenset[str]) -> bool:
        return _entity_ok(ent, by_id, keys, paragraphs, names, organisation_ids)

    names = field_names(Organisation)
    for org in organisations:
        if not (
            entity_ok(org, names)
            and _organisation_ok(org, organisation_ids, agreement_ids, paragraphs, countries)
        ):
            return None
        if org.parent is not None:
            parents[org.id] = org.parent
    names = field_names(Agreement)
    for agr in agreements:
        if not (
            entity_ok(agr, names)
            and (agr.adopted_by is None or agr.adopted_by in organisation_ids)
            and _in_order(agr.adopted, agr.in_force)
        ):
            return None
    names = field_names(Dialogue)
    for dlg in dialogues:
        if not (entity_ok(dlg, names) and all(_in_order(s.start, s.end) for s in dlg.sessions)):
            return None
    names = field_names(Programme)
    for prog in programmes:
        if not (entity_ok(prog, names) and _programme_ok(prog, countries, currencies)):
            return None
    if len(by_id) + len(paragraphs) != len({*by_id, *paragraphs}):
        return None  # an entity has a document's id
    if next(find_cycles(parents), None) is not None:
        return None
    return Cleared(by_id, keys)


def _entity_ok(  # noqa: PLR0917 - the state of the one pass
    ent: Entity,
    by_id: dict[str, Entity],
    keys: dict[str, str],
    paragraphs: dict[str, int],
    names: frozenset[str],
    organisation_ids: set[str],
) -> bool:
    """The checks every kind shares: id, lookup keys, sources, participants."""
    ident = ent.id
    if by_id.setdefault(ident, ent) is not ent or not _ID.fullmatch(ident):
        return False
    setdefault = keys.setdefault
    name = fold(ent.name)
    if not name or setdefault(ident, ident) != ident or setdefault(name, ident) != ident:
        return False
    if ent.acronym:
        acronym = fold(ent.acronym)
        if not acronym or setdefault(acronym, ident) != ident:
            return False
    for alias in ent.aliases:
        key = fold(alias)
        if not key or setdefault(key, ident) != ident:
            return False
    sources = ent.sources
    if not sources or not _sources_ok(sources, paragraphs, names):
        return False
    for part in ent.participants:
        if part.organisation not in organisation_ids or (
            part.until is not None and not _in_order(part.since, part.until)
        ):
            return False
    return True


def _sources_ok(
    sources: Sequence[Source], paragraphs: dict[str, int], names: frozenset[str]
) -> bool:
    for src in sources:
        total = paragraphs.get(src.document)
        p = src.paragraph
        if (
            total is None
            or (p is not None and not 1 <= p <= total)
            or (src.fields and not all(f in names or field_head(f) in names for f in src.fields))
        ):
            return False
    return True


def _organisation_ok(
    org: Organisation,
    organisation_ids: set[str],
    agreement_ids: set[str],
    paragraphs: dict[str, int],
    countries: frozenset[str],
) -> bool:
    partnership = org.partnership
    return (
        (org.parent is None or (org.parent != org.id and org.parent in organisation_ids))
        and (org.country is None or org.country in countries)
        and (org.website is None or _URL.fullmatch(org.website) is not None)
        and (org.member_count is None or org.member_count >= 0)
        and (
            partnership is None
            or (
                agreement_ids.issuperset(partnership.formalised_by)
                and _sources_ok(partnership.sources, paragraphs, field_names(Partnership))
            )
        )
    )


def _programme_ok(prog: Programme, countries: frozenset[str], currencies: frozenset[str]) -> bool:
    return (
        _in_order(prog.launched, prog.ended)
        and (not prog.countries or countries.issuperset(prog.countries))
        and (prog.country_count is None or prog.country_count >= 0)
        and (prog.budget is None or prog.budget.currency in currencies)
    )


def _in_order(first: PartialDate | None, last: PartialDate | None) -> bool:
    return first is None or last is None or not last.last_day() < first.first_day()
