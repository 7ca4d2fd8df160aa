"""HTML tables of query results: entities, documents, search hits, roles, citations, timelines.

A table of entities of one kind has that kind's columns (an organisation's
EU standing, a programme's budget...); a mixed one has id, kind and name.
Cells are styled inline like the cards' (see :mod:`eucoop._display.html`),
and a caption under each table says what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eucoop._display.common import counted, in_words, kind_counts, plain, when_and_note
from eucoop._display.html import CELL, DIM, TABLE, code, link
from eucoop._display.sections import user_tags
from eucoop._model import (
    KINDS,
    UNRANKED,
    Document,
    Entity,
    FieldInfo,
    Partnership,
    Session,
    Source,
    fields_of,
    per_class,
)
from eucoop._queries import (
    Hit,
    Involvement,
    Provenance,
    Results,
    Roles,
    SearchResults,
    Timeline,
    TimelineEntry,
)
from eucoop._queries.ledger import PACKAGED
from eucoop._render import escape, html
from eucoop._text import plural

__all__ = [
    "MAX_ROWS",
    "HtmlColumn",
    "hit_html",
    "involvement_html",
    "html_columns",
    "html_table",
    "provenance_html",
    "results_html",
    "roles_html",
    "search_html",
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
#: A column of an HTML table: its heading, and the HTML of its cell for one item.
HtmlColumn = tuple[str, Callable[[Any], str]]


def html_table(columns: Sequence[HtmlColumn], items: Sequence[Any], what: str) -> str:
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


def _cell(value: object) -> str:
    """The text of a value in a table's cell: a record or a list of records shown short."""
    if isinstance(value, Partnership):
        return in_words(value.standing or UNRANKED) + (
            f", since {value.since}" if value.since else ""
        )
    if isinstance(value, tuple):
        if value and all(isinstance(s, Session) for s in value):
            first, last = value[0].start, value[-1].start
            return f"{len(value)}: " + (str(first) if first == last else f"{first} to {last}")
        return "; ".join(map(plain, value))
    return plain(value)


def _path_column(cls: type, path: str) -> HtmlColumn:
    """The column of a field (``"adopted"``) or a field of a record (``"partnership.areas"``)."""
    head, _, tail = path.partition(".")
    info: FieldInfo = next(f for f in fields_of(cls) if f.name == head)
    if tail and info.nested is not None:
        info = next(f for f in fields_of(info.nested) if f.name == tail)

    def get(item: Any) -> str:
        value = getattr(item, head)
        if tail and value is not None:
            value = getattr(value, tail)
        if head == "kind" and str(value) == "other":  # a kind not said is no kind to show
            return ""
        return escape(_cell(value))

    return (info.label, get)


_ID: HtmlColumn = ("id", lambda x: escape(x.id))
_NAME: HtmlColumn = ("name", lambda e: escape(e.label))
_MIXED: list[HtmlColumn] = [_ID, ("kind", lambda e: escape(e.kind_name)), _NAME]
_DOCUMENTS: list[HtmlColumn] = [
    _ID,
    ("title", lambda d: link(d.url, escape(d.title))),
    ("publisher", lambda d: escape(d.publisher)),
]


@per_class
def html_columns(cls: type) -> list[HtmlColumn]:
    """The columns of a table of entities of one kind: id, name and the columns it declares."""
    return [_ID, _NAME, *(_path_column(cls, p) for p in KINDS.of(cls).columns)]


def _counted(entities: Iterable[Entity]) -> str:
    return ", ".join(counted(kind_counts(entities)))


@html.register(Results)
def results_html(results: Results) -> str:  # type: ignore[type-arg] # entities or documents
    """Entities (or documents) a row each, with the columns of their kind."""
    kinds = {type(x) for x in results}
    (only,) = kinds if len(kinds) == 1 else {None}
    if only is Document:
        return html_table(_DOCUMENTS, results, plural(len(results), "document"))
    columns = _MIXED if only is None else html_columns(only)
    return html_table(columns, results, _counted(results) or "no entities")


@html.register(Involvement)
def involvement_html(found: Involvement) -> str:
    """What an organisation takes part in, as :func:`results_html`, and the bodies it went through.

    The "through" cell names the bodies that took part ("itself" first when the
    organisation took part too); it is empty where the organisation alone did.
    """

    def through(e: Entity) -> str:
        who = found.through.get(e.id, ())
        if who in ((), (found.organisation,)):
            return ""
        return escape(", ".join("itself" if o == found.organisation else o for o in who))

    kinds = {type(x) for x in found}
    columns = html_columns(next(iter(kinds))) if len(kinds) == 1 else _MIXED
    return html_table([*columns, ("through", through)], found, _counted(found) or "no entities")


_HIT_COLUMNS: list[HtmlColumn] = [
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
    return html_table(_HIT_COLUMNS, results.hits, what)


@html.register(Hit)
def hit_html(hit: Hit) -> str:
    """One search result: its score, the entity and the fields that matched."""
    return html_table(_HIT_COLUMNS, [hit], "a search hit")


_TIMELINE_COLUMNS: list[HtmlColumn] = [
    ("date", lambda t: escape(str(t.date))),
    ("what happened", lambda t: escape(t.label)),
    ("entity", lambda t: escape(t.entity)),
    ("field", lambda t: escape(t.field)),
]


@html.register(Timeline)
def timeline_html(entries: Timeline) -> str:
    """Timeline entries in order: date, what happened, the entity's id, and the dated field."""
    return html_table(_TIMELINE_COLUMNS, entries, plural(len(entries), "dated fact"))


@html.register(TimelineEntry)
def timeline_entry_html(entry: TimelineEntry) -> str:
    """One timeline entry, as a row of the timeline's table."""
    return html_table(_TIMELINE_COLUMNS, [entry], "a dated fact")


@html.register(Roles)
def roles_html(roles: Roles) -> str:
    """What an organisation takes part in: role, the entity, and when."""
    columns: list[HtmlColumn] = [
        ("role", lambda r: escape(in_words(r[1].role))),
        ("kind", lambda r: escape(r[0].kind_name)),
        ("id", lambda r: escape(r[0].id)),
        ("name", lambda r: escape(r[0].label)),
        ("when, and a note", lambda r: escape(when_and_note(r[1]))),
    ]
    entities = len({e.id for e, _ in roles})
    return html_table(
        columns, roles, f"{plural(len(roles), 'role')} in {plural(entities, 'entity')}"
    )


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

    columns: list[HtmlColumn] = [
        ("document", document),
        ("paragraph", lambda s: "whole document" if s.paragraph is None else str(s.paragraph)),
        ("supports", lambda s: escape(", ".join(s.fields)) or "the entity as a whole"),
    ]
    tags = user_tags(sources, origin=True)
    if tags:  # a column once the user's data is among the citations
        columns.append(("from", lambda s: escape(tags.get(s, PACKAGED))))
    docs = len({s.document for s in sources})
    what = f"{plural(len(sources), 'citation')} of {plural(docs, 'document')}"
    return html_table(columns, sources, what)
