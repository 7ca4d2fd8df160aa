"""HTML tables of query results: entities, documents, search hits, roles, citations, timelines.

A table of entities of one kind has that kind's columns (an organisation's
EU standing, a programme's budget...); a mixed one has id, kind and name.
Cells are styled inline like the cards' (see :mod:`eucoop._display.html`),
and a caption under each table says what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eucoop._display.common import counted, kind_counts, plain, when_and_note, words
from eucoop._display.html import CELL, DIM, TABLE, code, link
from eucoop._model import Agreement, Dialogue, Document, Entity, Organisation, Programme, Source
from eucoop._queries import Hit, Provenance, Results, Roles, SearchResults, Timeline, TimelineEntry
from eucoop._render import escape, html
from eucoop._text import plural

__all__ = [
    "MAX_ROWS",
    "hit_html",
    "provenance_html",
    "results_html",
    "roles_html",
    "search_html",
    "table",
    "timeline_entry_html",
    "timeline_html",
]

#: A table shows this many rows at most; its caption says how many more there are.
MAX_ROWS = 60
#: A column heading's style: bold, and a rule under it.
HEADING = (
    CELL + ";font-weight:bold;white-space:nowrap;border-bottom:1px solid rgba(128,128,128,0.6)"
)

#: Columns whose cells do not break across lines.
_NOWRAP = frozenset({"id", "date", "score", "EU partnership"})
#: A column: its heading, and the HTML of its cell for one item.
Column = tuple[str, Callable[[Any], str]]


def table(columns: Sequence[Column], items: Sequence[Any], what: str) -> str:
    """A table of *items*, a row each (up to :data:`MAX_ROWS`), with *what* as its caption.

    A column empty in every row shown is left out; ids do not break across lines.
    """
    shown = items[:MAX_ROWS]
    cells = [[cell(item) for _, cell in columns] for item in shown]
    keep = [i for i in range(len(columns)) if any(row[i] for row in cells)] or [0]
    head = "".join(f"<th style='{HEADING}'>{escape(columns[i][0])}</th>" for i in keep)
    styles = [CELL + ";white-space:nowrap" if h in _NOWRAP else CELL for h, _ in columns]
    body = "".join(
        "<tr>" + "".join(f"<td style='{styles[i]}'>{row[i]}</td>" for i in keep) + "</tr>"
        for row in cells
    )
    if len(items) > MAX_ROWS:
        what += f"; the first {MAX_ROWS} shown (slice it to see others)"
    return (
        f"<div class='eucoop'><table style='{TABLE}'><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
        f"<div style='{DIM};font-size:0.9em;text-align:left'>{escape(what)}</div></div>"
    )


def _text(get: Callable[[Any], object]) -> Callable[[Any], str]:
    """A cell of the value *get* reads, in words and escaped."""
    return lambda item: escape(plain(get(item)))


def _partnership(o: Organisation) -> str:
    p = o.partnership
    if p is None:
        return ""
    return escape(words(p.standing or "partner") + (f", since {p.since}" if p.since else ""))


def _areas(o: Organisation) -> str:
    return "" if o.partnership is None else escape(plain(o.partnership.areas))


def _sessions(d: Dialogue) -> str:
    if not d.sessions:
        return ""
    first, last = d.sessions[0].start, d.sessions[-1].start
    when = str(first) if first == last else f"{first} to {last}"
    return escape(f"{len(d.sessions)}: {when}")


def _kind(e: Any) -> str:
    return "" if str(e.kind) == "other" else escape(words(e.kind))


_ID: Column = ("id", lambda x: escape(x.id))
_NAME: Column = ("name", lambda e: escape(e.label))

#: The columns of a table of entities of one kind (``None``: of several kinds).
COLUMNS: dict[type | None, list[Column]] = {
    None: [_ID, ("kind", lambda e: escape(e.kind_name)), _NAME],
    Organisation: [
        _ID,
        _NAME,
        ("kind", _kind),
        ("EU partnership", _partnership),
        ("areas", _areas),
    ],
    Agreement: [
        _ID,
        _NAME,
        ("kind", _kind),
        ("adopted", _text(lambda a: a.adopted)),
        ("in force", _text(lambda a: a.in_force)),
    ],
    Dialogue: [_ID, _NAME, ("meets", _text(lambda d: d.frequency)), ("sessions", _sessions)],
    Programme: [
        _ID,
        _NAME,
        ("launched", _text(lambda p: p.launched)),
        ("ended", _text(lambda p: p.ended)),
        ("budget", _text(lambda p: p.budget)),
    ],
    Document: [
        _ID,
        ("title", lambda d: link(d.url, escape(d.title))),
        ("publisher", lambda d: escape(d.publisher)),
    ],
}


def _counted(entities: Iterable[Entity]) -> str:
    return ", ".join(counted(kind_counts(entities)))


@html.register(Results)
def results_html(results: Results) -> str:  # type: ignore[type-arg] # entities or documents
    """Entities (or documents) a row each, with the columns of their kind."""
    kinds = {type(x) for x in results}
    (only,) = kinds if len(kinds) == 1 else {None}
    if only is Document:
        return table(COLUMNS[Document], results, plural(len(results), "document"))
    return table(COLUMNS.get(only, COLUMNS[None]), results, _counted(results) or "no entities")


_HIT_COLUMNS: list[Column] = [
    ("score", lambda h: f"{h.score:g}"),
    ("id", lambda h: escape(h.entity.id)),
    ("kind", lambda h: escape(h.entity.kind_name)),
    ("name", lambda h: escape(h.entity.label)),
    ("matched in", lambda h: escape(", ".join(h.fields))),
]


@html.register(SearchResults)
def search_html(results: SearchResults) -> str:
    """Search results, best first: score, entity, and the fields that matched."""
    what = f"{len(results)} found" + (f": {_counted(results)}" if results else "")
    return table(_HIT_COLUMNS, results.hits, what)


@html.register(Hit)
def hit_html(hit: Hit) -> str:
    """One search result: its score, the entity and the fields that matched."""
    return table(_HIT_COLUMNS, [hit], "a search hit")


_TIMELINE_COLUMNS: list[Column] = [
    ("date", lambda t: escape(str(t.date))),
    ("what happened", lambda t: escape(t.label)),
    ("entity", lambda t: escape(t.entity)),
    ("field", lambda t: escape(t.field)),
]


@html.register(Timeline)
def timeline_html(entries: Timeline) -> str:
    """Timeline entries in order: date, what happened, the entity's id, and the dated field."""
    return table(_TIMELINE_COLUMNS, entries, plural(len(entries), "dated fact"))


@html.register(TimelineEntry)
def timeline_entry_html(entry: TimelineEntry) -> str:
    """One timeline entry, as a row of the timeline's table."""
    return table(_TIMELINE_COLUMNS, [entry], "a dated fact")


@html.register(Roles)
def roles_html(roles: Roles) -> str:
    """What an organisation takes part in: role, the entity, and when."""
    columns: list[Column] = [
        ("role", lambda r: escape(words(r[1].role))),
        ("kind", lambda r: escape(r[0].kind_name)),
        ("id", lambda r: escape(r[0].id)),
        ("name", lambda r: escape(r[0].label)),
        ("when, and a note", lambda r: escape(when_and_note(r[1]))),
    ]
    entities = len({e.id for e, _ in roles})
    return table(columns, roles, f"{plural(len(roles), 'role')} in {plural(entities, 'entity')}")


@html.register(Provenance)
def provenance_html(sources: Provenance) -> str:
    """Citations: the document (its title a link, and its id), the paragraph, what it supports."""

    def document(s: Source) -> str:
        doc = sources.document(s.document)
        return (
            code(s.document)
            if doc is None
            else f"{link(doc.url, escape(doc.title))} " + code(s.document)
        )

    columns: list[Column] = [
        ("document", document),
        ("paragraph", lambda s: "whole document" if s.paragraph is None else str(s.paragraph)),
        ("supports", lambda s: escape(", ".join(s.fields)) or "the entity as a whole"),
    ]
    docs = len({s.document for s in sources})
    what = f"{plural(len(sources), 'citation')} of {plural(docs, 'document')}"
    return table(columns, sources, what)
