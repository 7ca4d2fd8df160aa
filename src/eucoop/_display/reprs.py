"""Short text for ``repr``: a head line saying what a result holds, then its first rows.

The rows are the command line's (:mod:`eucoop._display.text`), so a result
reads the same at a Python prompt as in a terminal; like a pandas frame's,
the text stops after a screenful and says how much more there is.

Entities, documents and partnerships, which attrs would show field by field
(hundreds of characters for an organisation), get one line in angle
brackets instead: ``<Kind id: what it is>``, like a :class:`~eucoop.Hit`.
The small values (dates, money, citations, participants, sessions) keep
their constructor-style ``repr``, which pastes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eucoop._card import Card
from eucoop._display.common import counted, kind_counts
from eucoop._display.text import (
    card_lines,
    document_rows,
    entity_rows,
    hit_lines,
    role_lines,
    source_lines,
    timeline_lines,
)
from eucoop._model import KINDS, Document, Entity, Partnership, PolicyArea, Source
from eucoop._queries import Provenance, Results, Roles, SearchResults, Timeline
from eucoop._registry import Registry
from eucoop._render import summary
from eucoop._text import plural

__all__ = ["MAX_LINES", "listing"]

#: A repr shows about this many lines of rows at most.
MAX_LINES = 12

#: A document's title longer than this is cut short in its ``repr``.
TITLE_WIDTH = 60

#: A partnership's ``repr`` names this many policy areas at most.
AREAS_SHOWN = 3


def listing(
    head: str, items: Sequence[Any], lines_of: Callable[[Sequence[Any]], list[str]], noun: str = ""
) -> str:
    """*head*, then the lines of as many of *items* as fit in :data:`MAX_LINES` (one at least).

    How many items are left out ends it: ``... and 3 more`` (*noun* after it, if given).

    >>> print(listing("Numbers: 3", [1, 2, 3], lambda xs: [str(x) for x in xs]))
    Numbers: 3
    1
    2
    3
    """
    shown, lines = 0, []
    while shown < len(items):
        more = lines_of(items[: shown + 1])
        if shown and len(more) > MAX_LINES:
            break
        shown, lines = shown + 1, more
    rest = len(items) - shown
    left = f"... and {rest} more" + (f" {plural(rest, noun).split(' ', 1)[1]}" if noun else "")
    return "\n".join([head, *lines, *([left] if rest else [])])


def _kinds(entities: Iterable[Any]) -> str:
    return ", ".join(counted(kind_counts(entities)))


@summary.register(Results)
def _results(results: Results) -> str:  # type: ignore[type-arg] # entities or documents
    name = type(results).__name__
    if not results:
        return f"{name}: none"
    if all(isinstance(x, Document) for x in results):
        return listing(f"{name}: {plural(len(results), 'document')}", results, document_rows)
    mixed = len({type(e) for e in results}) > 1
    return listing(f"{name}: {_kinds(results)}", results, lambda es: entity_rows(es, kind=mixed))


@summary.register(SearchResults)
def _search(results: SearchResults) -> str:
    if not results:
        return "SearchResults: nothing found"
    head = f"SearchResults: {len(results)} found ({_kinds(results)}), best first"
    return listing(head, results.hits, hit_lines)


@summary.register(Timeline)
def _timeline(entries: Timeline) -> str:
    if not entries:
        return "Timeline: no dated facts"
    head = (
        f"Timeline: {plural(len(entries), 'dated fact')}, {entries[0].date} to {entries[-1].date}"
    )
    return listing(head, entries, timeline_lines)


@summary.register(Roles)
def _roles(roles: Roles) -> str:
    if not roles:
        return "Roles: none"
    head = f"Roles: {plural(len(roles), 'role')} in {_kinds(dict.fromkeys(e for e, _ in roles))}"
    return listing(head, roles, role_lines)


@summary.register(Provenance)
def _provenance(sources: Provenance) -> str:
    if not sources:
        return "Provenance: no citations"
    docs = len({s.document for s in sources})
    head = f"Provenance: {plural(len(sources), 'citation')} of {plural(docs, 'document')}"
    found = {d.id: d for d in sources.documents}
    by_doc: dict[str, list[tuple[str, Source]]] = {}
    for s in sources:
        by_doc.setdefault(s.document, []).append(("", s))

    def lines(groups: Sequence[list[tuple[str, Source]]]) -> list[str]:
        return source_lines(found, [cited for group in groups for cited in group])

    return listing(head, list(by_doc.values()), lines, "document")


@summary.register(Registry)
def _registry(reg: Registry) -> str:
    counts = [k.counted(len(getattr(reg, k.collection, ()))) for k in KINDS]
    when = "" if reg.date is None else f" as of {reg.date}"
    left = sum(reg.left_out.values())
    dropped = f"; {left} left out that the data cannot date" if left else ""
    docs = plural(len(reg.documents), "document")
    return f"<Registry{when}: {', '.join(counts)}, {docs}{dropped}>"


@summary.register(Card)
def _card(card: Card) -> str:
    return "\n".join(card_lines(card))


@summary.register(Entity)
def _entity(e: Entity) -> str:
    return f"<{type(e).__name__} {e.id}: {e.label}>"


@summary.register(Document)
def _document(d: Document) -> str:
    title = d.title if len(d.title) <= TITLE_WIDTH else d.title[: TITLE_WIDTH - 3].rstrip() + "..."
    kind = "" if d.publisher_kind is None else f" [{d.publisher_kind}]"
    return f"<Document {d.id}: {title}{kind}>"


@summary.register(Partnership)
def _partnership(p: Partnership) -> str:
    head = " ".join(
        [*([str(p.standing)] if p.standing else []), *([f"since {p.since}"] if p.since else [])]
    )
    areas = [str(a) for a in PolicyArea if a in p.areas]
    more = len(areas) - AREAS_SHOWN
    listed = ", ".join(areas[:AREAS_SHOWN]) + (f" and {more} more" if more > 0 else "")
    text = "<Partnership" + (f" {head}" if head else "") + (f": {listed}" if listed else "")
    if p.formalised_by:
        text += ("; " if head or listed else " ") + f"formalised by {', '.join(p.formalised_by)}"
    return text + ">"
