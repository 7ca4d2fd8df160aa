"""HTML for notebooks: cards and tables that read the same in JupyterLab, VS Code and nbconvert.

Front ends style the HTML of outputs with their own stylesheets (JupyterLab and
nbconvert right-align table cells and centre tables), so every table and cell
carries its own inline style, which wins over those rules: cells are aligned
left and to the top. Every text taken from the data is escaped; only ``http``
and ``https`` addresses become links.

What a card shows, in which order and in which words, comes from
:mod:`eucoop._display.common`, as the command line's text cards do. A value
shown alone names what it refers to (a parent, a participant, a cited
document) from the live registry that holds it (see
:data:`eucoop._render.REGISTRIES`); without one, it shows their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from eucoop._card import Card
from eucoop._display.common import (
    BULLETED,
    PROSE,
    cite,
    cited_documents,
    in_words,
    kind_text,
    plain,
    registry_facts,
    session_text,
    when_and_note,
)
from eucoop._display.sections import (
    MARK,
    PARTICIPANTS,
    TAKES_PART_IN,
    YOUR_CHANGES,
    ChangeRow,
    Line,
    Section,
    Taking,
    cited_by,
    entity_plan,
    lines_of,
)
from eucoop._model import (
    KINDS,
    Document,
    Entity,
    Organisation,
    Partnership,
    Session,
    Source,
)
from eucoop._registry import Registry
from eucoop._render import REGISTRIES, escape, html

__all__ = [
    "CELL",
    "DIM",
    "TABLE",
    "box",
    "card_html",
    "card_table",
    "changes_table",
    "code",
    "document_html",
    "entity_html",
    "heading",
    "holding",
    "link",
    "marked",
    "partnership_html",
    "ref",
    "registry_html",
    "sources_html",
    "taking_part",
]

#: The style of every table: left, not centred, as wide as its content.
TABLE = "border-collapse:collapse;margin:0.3em auto 0.3em 0;table-layout:auto;width:auto"
#: The style of every cell: aligned left and to the top, whatever the front end's stylesheet.
CELL = "text-align:left;vertical-align:top;padding:0.15em 1.2em 0.15em 0;border:none"
#: A card's label column: as wide in every table of a card, so that their values line up.
KEY = CELL + ";font-weight:bold;white-space:nowrap;width:8.5em"
#: A card's rows: no stripes (front ends stripe table rows), the card's own font size.
ROW = "background:transparent;font-size:inherit"
#: Text that says what something is rather than what it holds: ids, kinds, counts.
DIM = "opacity:0.7"
#: The style of a card's box.
CARD = "text-align:left;line-height:1.45;max-width:56em"
#: The style of the heading of a card's section ("EU partnership", "Sources").
HEADING = "font-weight:bold;margin:0.7em 0 0.1em 0"
#: The style of a list in a card (activities, sessions, sources).
LIST = "margin:0.1em 0;padding-left:1.4em;text-align:left"


# -- pieces -------------------------------------------------------------------------


def holding(found: Callable[[Registry], bool]) -> Registry | None:
    """The live registry for which *found* is true (any of them, if several are)."""
    return next((r for r in list(REGISTRIES) if found(r)), None)


def _holding_entity(e: Entity) -> Registry | None:
    return holding(lambda r: e.id in r and r[e.id] is e)


def code(ident: str) -> str:
    """An id, set as code."""
    return f"<code>{escape(ident)}</code>"


def ref(ident: str, reg: Registry | None) -> str:
    """An entity something refers to: its name, then its id (the id alone if *reg* lacks it)."""
    if reg is not None and ident in reg:
        return f"{escape(reg[ident].label)} {code(ident)}"
    return code(ident)


def link(url: str | None, text: str) -> str:
    """*text* (already HTML) as a link to *url*, if it is a web address; else *text*."""
    if url is None or not url.startswith(("https://", "http://")):
        return text
    return f"<a href='{escape(url)}' target='_blank' rel='noopener noreferrer'>{text}</a>"


def card_table(rows: Iterable[tuple[str, str]]) -> str:
    """Label and value (HTML) a row: the body of a card."""
    body = "".join(
        f"<tr style='{ROW}'><th style='{KEY}'>{escape(k)}</th><td style='{CELL}'>{v}</td></tr>"
        for k, v in rows
        if v
    )
    return f"<table style='{TABLE};font-size:inherit'><tbody>{body}</tbody></table>" if body else ""


def heading(title: str, what: str = "", ident: str | None = None) -> str:
    """A card's title (HTML), and what it is (text) with its id under it."""
    ids = f" &middot; {code(ident)}" if ident else ""
    under = f"<div style='{DIM}'>{escape(what)}{ids}</div>" if what else ""
    return f"<div style='font-size:1.15em;font-weight:bold'>{title}</div>{under}"


def _section(title: str, body: str) -> str:
    return f"<div style='{HEADING}'>{escape(title)}</div>{body}" if body else ""


def box(*parts: str) -> str:
    """A card's box around its parts (HTML)."""
    return f"<div class='eucoop' style='{CARD}'>{''.join(parts)}</div>"


def _list(items: Iterable[str]) -> str:
    """An unordered list of items (HTML)."""
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul style='{LIST}'>{body}</ul>" if body else ""


def _folded(items: Sequence[str], what: str, most: int = 5) -> str:
    """A list of *items* (HTML); folded away under its count if it has more than *most*."""
    if len(items) <= most:
        return "; ".join(items)
    return f"<details><summary>{len(items)} {what}</summary>{_list(items)}</details>"


def _para(text: str, is_marked: bool = False) -> str:
    return f"<p style='text-align:left;margin:0.4em 0'>{marked(escape(text), is_marked)}</p>"


def marked(text: str, is_marked: bool = True) -> str:
    """*text* (HTML), then the mark of a value that comes from a change, if *is_marked*."""
    return f"{text} <b title='from your changes'>{MARK}</b>" if is_marked else text


def _line_html(reg: Registry | None, line: Line) -> str:
    """A line's items (HTML): names with ids for references, links for addresses; marks."""
    if line.refers:
        items = [ref(x, reg) for x in line.items]
    elif line.url:
        items = [link(x, escape(x)) for x in line.items]
    else:
        items = [escape(plain(x)) for x in line.items]
    return escape(line.between).join(marked(x, line.marked(i)) for i, x in enumerate(items))


def _lines(reg: Registry | None, value: object) -> list[tuple[str, str]]:
    return [(line.label, _line_html(reg, line)) for line in lines_of(value)]


# -- cards ----------------------------------------------------------------------------


@html.register(Entity)
def _entity(entity: Entity) -> str:
    return entity_html(entity, _holding_entity(entity), full=False)


def entity_html(e: Entity, reg: Registry | None = None, *, full: bool = True) -> str:
    """A card: name, kind and id, description, key fields, sections, participants, sources.

    The parts are :func:`~eucoop._display.sections.entity_plan`'s, as the
    command line's card has them; names of what it refers to come from *reg*.
    Without *full*, an organisation's card leaves out its bodies and roles and
    says how to get them.
    """
    plan = entity_plan(e, reg, full=full)
    parts = [heading(escape(e.label), kind_text(e), e.id)]
    if e.description:
        parts.append(_para(e.description, plan.description_marked))
    if plan.note:
        parts.append(f"<div style='{DIM}'>{escape(plan.note)}</div>")
    parts.append(card_table((line.label, _line_html(reg, line)) for line in plan.lines))
    for section in plan.sections:
        parts.append(_section(section.heading, _section_html(reg, section)))
    for title, rows in ((PARTICIPANTS, plan.participants), (TAKES_PART_IN, plan.takes_part_in)):
        cells = [(in_words(r.part.role), taking_part(reg, r)) for r in rows]
        parts.append(_section(title, card_table(cells)))
    parts.append(_section(YOUR_CHANGES, changes_table(plan.changes)))
    parts.append(_section("Sources", sources_html(_documents(reg), plan.cited, plan.tags)))
    if plan.more:
        more = f"Its bodies and what it takes part in are on its full card: {code(plan.more)}"
        parts.append(f"<div style='{DIM};margin-top:0.5em'>{more}</div>")
    return box(*parts)


def taking_part(reg: Registry | None, row: Taking) -> str:
    """Who takes part (or in what, with its kind), then when and the note, dimmed; its mark."""
    extra = "; ".join(x for x in (row.kind, when_and_note(row.part)) if x)
    text = ref(row.ident, reg) + (f" <span style='{DIM}'>({escape(extra)})</span>" if extra else "")
    return marked(text, row.marked)


def changes_table(rows: Sequence[ChangeRow]) -> str:
    """The rows of a card's "Your changes": the field, what changed, why, and the origin, dimmed."""
    cells = []
    for row in rows:
        note = f"<br>note: {escape(row.note)}" if row.note else ""
        origin = f"<br><span style='{DIM}'>{escape(row.origin)}</span>"
        cells.append((row.field, f"{escape(row.what)} &middot; {escape(row.why)}{note}{origin}"))
    return card_table(cells)


def _section_html(reg: Registry | None, section: Section) -> str:
    """A section's body: bullets, a record's fields and prose, or a line per record."""
    f, value, marks = section.field, section.value, section.marks
    if f.name in BULLETED:
        return _list(marked(escape(item), m) for item, m in zip(value, marks, strict=True))
    if not f.many:
        rows = [(line.label, _line_html(reg, line)) for line in section.lines]
        return card_table(rows) + "".join(_para(text, m) for text, m in section.prose)
    return _list(
        marked(
            escape(session_text(item))
            if isinstance(item, Session)
            else "; ".join(text for _, text in _lines(reg, item) if text),
            m,
        )
        for item, m in zip(value, marks, strict=True)
    )


def _record_html(reg: Registry | None, value: object) -> str:
    """A record's fields a line, then its prose."""
    prose = "".join(_para(getattr(value, n)) for n in sorted(PROSE) if getattr(value, n, None))
    return card_table(_lines(reg, value)) + prose


def _documents(reg: Registry | None) -> Mapping[str, Document]:
    return {} if reg is None else {d.id: d for d in reg.documents}


def sources_html(
    docs: Mapping[str, Document],
    cited: Sequence[tuple[str, Source]],
    tags: Mapping[Source, str] | None = None,
) -> str:
    """Citations grouped by document: its title (a link), id and publisher, then the paragraphs.

    *cited* pairs each citation with a scope written before it (``"partnership: "``);
    *tags* are written after the citations they tag, in brackets (``[your data]``).
    """
    by_doc: dict[str, dict[str, list[str]]] = {}
    for scope, s in cited:
        tag = None if tags is None else tags.get(s)
        text = cite(s) + ("" if tag is None else f" [{tag}]")
        by_doc.setdefault(s.document, {}).setdefault(scope, []).append(text)
    items = []
    for ident, cites in by_doc.items():
        doc = docs.get(ident)
        head = code(ident)
        if doc is not None:
            title = link(doc.url, escape(doc.title))
            head = f"{title} {head} <span style='{DIM}'>{escape(doc.publisher)}</span>"
        where = "<br>".join(escape(scope + "; ".join(texts)) for scope, texts in cites.items())
        items.append(f"{head}<br>{where}")
    return _list(items)


@html.register(Partnership)
def _partnership(p: Partnership) -> str:
    def has(r: Registry) -> bool:
        return any(o.partnership is p for o in r.organisations)

    reg = holding(has)
    org = None if reg is None else next(o for o in reg.organisations if o.partnership is p)
    return partnership_html(p, reg, org)


def partnership_html(
    p: Partnership, reg: Registry | None = None, org: Organisation | None = None
) -> str:
    """The EU's partnership with *org*: standing, areas, since, what formalised it, the summary."""
    title = "EU partnership" + ("" if org is None else f" with {org.label}")
    body = _record_html(reg, p)
    sources = sources_html(_documents(reg), [("", s) for s in p.sources])
    return box(heading(escape(title), "Partnership"), body, _section("Sources", sources))


@html.register(Document)
def _document(doc: Document) -> str:
    return document_html(doc, holding(lambda r: any(d is doc for d in r.documents)))


def document_html(doc: Document, reg: Registry | None = None) -> str:
    """A cited document: its title (a link), publisher, paragraphs..., and what cites it."""
    rows = _lines(reg, doc)
    if reg is not None:
        citing = [ref(e.id, reg) for e in cited_by(reg, doc)]
        rows.append(("Cited by", _folded(citing, "entities") if citing else "nothing"))
    return box(heading(link(doc.url, escape(doc.title)), "Document", doc.id), card_table(rows))


@html.register(Card)
def card_html(card: Card) -> str:
    """The full card of an entity or a document, with what its registry knows of it."""
    if isinstance(card.item, Document):
        return document_html(card.item, card.registry)
    return entity_html(card.item, card.registry)


# -- the registry ---------------------------------------------------------------------


@html.register(Registry)
def registry_html(reg: Registry) -> str:
    """What it holds (its date, counts, EU partners, timeline), then a table of each kind.

    The tables, organisations first, fold away under their counts.
    """
    title = "eucoop registry" + ("" if reg.date is None else f" as of {reg.date}")
    rows = [(label, escape(text)) for label, text in registry_facts(reg)]
    tables = "".join(
        f"<details><summary style='cursor:pointer'>{escape(coll.capitalize())} "
        f"({len(items)})</summary>{html(items)}</details>"
        for coll in (*(k.collection for k in KINDS), "documents")
        if (items := cited_documents(reg) if coll == "documents" else getattr(reg, coll))
    )
    return box(heading(escape(title)), card_table(rows), tables)
