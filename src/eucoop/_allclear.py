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
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from eucoop._entities import Agreement, Dialogue, Entity, Organisation, Programme
from eucoop._text import fold
from eucoop._validate import (
    ID,
    URL,
    field_names,
    find_cycles,
    in_order,
    iso_codes,
    sources_resolve,
)
from eucoop._values import Document, Partnership

__all__ = ["Cleared", "all_clear"]

#: Every id followed by a newline; ids cannot hold one, so one match checks them all.
_IDS = re.compile(f"(?:{ID.pattern}\n)*")


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
            not ID.fullmatch(doc.id)
            or doc.id in paragraphs
            or (doc.url is not None and not URL.fullmatch(doc.url))
            or (doc.paragraphs is not None and doc.paragraphs < 1)
            or not doc.title.strip()
        ):
            return None
        paragraphs[doc.id] = doc.paragraphs or 1 << 62
    organisation_ids = {o.id for o in organisations}
    agreement_ids = {a.id for a in agreements}
    countries, currencies = iso_codes()
    partnership_fields = field_names(Partnership)
    by_id: dict[str, Entity] = {}
    keys: dict[str, str] = {}
    parents: dict[str, str] = {}

    def organisation_ok(org: Organisation) -> bool:
        partnership = org.partnership
        if org.parent is not None:
            parents[org.id] = org.parent
        return (
            (org.parent is None or (org.parent != org.id and org.parent in organisation_ids))
            and (org.country is None or org.country in countries)
            and (org.website is None or URL.fullmatch(org.website) is not None)
            and (org.member_count is None or org.member_count >= 0)
            and (
                partnership is None
                or (
                    agreement_ids.issuperset(partnership.formalised_by)
                    and sources_resolve(partnership.sources, paragraphs, partnership_fields)
                )
            )
        )

    def agreement_ok(agr: Agreement) -> bool:
        return (agr.adopted_by is None or agr.adopted_by in organisation_ids) and in_order(
            agr.adopted, agr.in_force
        )

    def dialogue_ok(dlg: Dialogue) -> bool:
        return all(in_order(s.start, s.end) for s in dlg.sessions)

    def programme_ok(prog: Programme) -> bool:
        return (
            in_order(prog.launched, prog.ended)
            and (not prog.countries or countries.issuperset(prog.countries))
            and (prog.country_count is None or prog.country_count >= 0)
            and (prog.budget is None or prog.budget.currency in currencies)
        )

    groups: tuple[tuple[type, Sequence[Any], Callable[[Any], bool]], ...] = (
        (Organisation, organisations, organisation_ok),
        (Agreement, agreements, agreement_ok),
        (Dialogue, dialogues, dialogue_ok),
        (Programme, programmes, programme_ok),
    )
    for kind, group, kind_ok in groups:
        names = field_names(kind)
        if group and not _group_ok(
            group, kind_ok, names, by_id, keys, paragraphs, organisation_ids
        ):
            return None
    if (
        (by_id and not _IDS.fullmatch("\n".join(by_id) + "\n"))
        or not paragraphs.keys().isdisjoint(by_id)  # no entity has a document's id
        or next(find_cycles(parents), None) is not None
    ):
        return None
    return Cleared(by_id, keys)


def _group_ok(  # noqa: PLR0917 - one loop, kept flat: it runs once per entity
    group: Sequence[Entity],
    kind_ok: Callable[[Any], bool],
    names: frozenset[str],
    by_id: dict[str, Entity],
    keys: dict[str, str],
    paragraphs: dict[str, int],
    organisation_ids: set[str],
) -> bool:
    """The checks every kind shares, inline, and *kind_ok* for the rest, for one kind."""
    setdefault = keys.setdefault
    add = by_id.setdefault
    for ent in group:
        ident = ent.id
        if add(ident, ent) is not ent:
            return False  # a duplicate id
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
        if not sources:
            return False
        if not sources_resolve(sources, paragraphs, names):
            return False
        for part in ent.participants:
            if part.organisation not in organisation_ids or (
                part.until is not None and not in_order(part.since, part.until)
            ):
                return False
        if not kind_ok(ent):
            return False
    return True
