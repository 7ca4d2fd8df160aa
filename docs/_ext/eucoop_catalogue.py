"""The dataset catalogue, generated from the packaged data when the docs are built.

:func:`render_pages` turns a :class:`eucoop.Registry` into MyST Markdown pages
(path -> text): one page per entity kind listing every entity with its key
facts and citations, one page per organisation, an overview included by
``catalogue/index.md`` and the list of cited sources. :func:`draw_figures`
saves the timeline and network figures of :meth:`eucoop.Registry.plot_timeline`
and :meth:`~eucoop.Registry.plot_network`. :func:`generate`
does both into ``docs/catalogue/generated/`` (git-ignored), rewriting only
what changed so that incremental builds stay incremental.

Nothing here imports Sphinx or matplotlib at import time: the tests import
this module on its own and call :func:`render_pages`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import eucoop
from eucoop import (
    Agreement,
    Dialogue,
    Document,
    Entity,
    Organisation,
    Participant,
    Programme,
    PublisherKind,
    Registry,
    Source,
)
from eucoop._display.common import (
    BULLETED,
    PROSE,
    capitalised,
    cite,
    in_words,
    joined_text,
    kind_text,
    line_fields,
    line_items,
    plain,
    section_fields,
    session_text,
    when_and_note,
)
from eucoop._model import UNRANKED, FieldInfo

HERE = Path(__file__).resolve().parent
#: Where the pages and figures go.
GENERATED = HERE.parent / "catalogue" / "generated"
#: The one document the dataset is built from.
SOURCE_PAGE = "dg-home-io"

#: The Sources page's groups: publisher kind -> (heading, what the group holds).
PUBLISHER_GROUPS: dict[PublisherKind | None, tuple[str, str]] = {
    PublisherKind.OFFICIAL: (
        "Official sources",
        "Published by the organisation itself, an EU institution, the UN system or a government.",
    ),
    PublisherKind.REFERENCE: (
        "Reference works",
        "Established encyclopedias, libraries, archives and academic repositories, "
        "read at their own address.",
    ),
    PublisherKind.PRESS: ("Press", "Established news outlets."),
    None: ("Unclassified", "Documents whose kind of publisher is not given."),
}

#: Kind -> (page name, page title).
KIND_PAGES: dict[type[Entity], tuple[str, str]] = {
    Organisation: ("organisations", "Organisations"),
    Agreement: ("agreements", "Agreements"),
    Dialogue: ("dialogues", "Dialogues"),
    Programme: ("programmes", "Programmes"),
}
#: The folder (under the generated one) holding one page per organisation.
ORG_DIR = "organisation"
#: Pages named so are only included by ``catalogue/index.md`` (conf.py excludes them).
INCLUDE_PREFIX = "include-"
#: The first line of every generated page.
GENERATED_NOTE = (
    "<!-- Generated from the packaged data by docs/_ext/eucoop_catalogue.py: do not edit. -->"
)
#: Figure files :func:`draw_figures` writes.
FIGURES = ("timeline.png", "timeline.svg", "network.png", "network.svg")

_ESCAPE = re.compile(r"([\\`*_{}\[\]<>|#$~])")


# -- Markdown helpers ------------------------------------------------------------


def esc(text: str) -> str:
    """Escape Markdown punctuation in *text* taken from the data."""
    return _ESCAPE.sub(r"\\\1", " ".join(text.split()))


#: An ISO date with its month or day, as the data writes it (a year alone has no hyphen).
_DATE = re.compile(r"(?<![\w-])(\d{4}-\d{2}(?:-\d{2})?)(?![\w-])")


def nowrap_dates(markdown: str) -> str:
    """*markdown* with each ISO date in the ``eucoop-date`` role, which keeps it on one line.

    A narrow table column would otherwise break ``1946-02-16`` at a hyphen.

    >>> nowrap_dates("since 2018-12-19; 2013-05, 1945")
    'since {eucoop-date}`2018-12-19`; {eucoop-date}`2013-05`, 1945'
    """
    return _DATE.sub(r"{eucoop-date}`\1`", markdown)


def date_role(*args: Any, **_options: Any) -> tuple[list[Any], list[Any]]:
    """The ``eucoop-date`` role: its text in a span the stylesheet keeps on one line.

    Called as docutils calls a role: ``(name, rawtext, text, lineno, inliner, ...)``.
    """
    from docutils import nodes

    rawtext, text = args[1], args[2]
    return [nodes.inline(rawtext, text, classes=["eucoop-date"])], []


def label(entity_id: str) -> str:
    """The cross-reference label of an entity's main entry."""
    return f"entity-{entity_id}"


def doc_label(document_id: str) -> str:
    """The cross-reference label of a document on the sources page."""
    return f"source-{document_id}"


def ref(target: str, text: str) -> str:
    """A MyST ``{ref}`` role with explicit *text*."""
    clean = " ".join(text.replace("`", "'").replace("<", "(").replace(">", ")").split())
    return f"{{ref}}`{clean} <{target}>`"


def fields_block(rows: Iterable[tuple[str, str]]) -> list[str]:
    """A MyST field list of the rows whose value is not empty."""
    return [f":{name}: {value}" for name, value in rows if value]


# -- the pieces of an entry -------------------------------------------------------


class Renderer:
    """Renders one registry's entities, citations and documents as Markdown.

    What an entry shows, in which order, under which labels and in which
    words, comes from :mod:`eucoop._display.common`, as the notebook's HTML
    cards and the command line's text cards do; only the Markdown, and the
    links between entries, are this class's own.
    """

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.docs = {d.id: d for d in reg.documents}
        self.cited_by: defaultdict[str, set[str]] = defaultdict(set)
        for e in reg:
            for _scope, s in self.cited(e):
                self.cited_by[s.document].add(e.id)

    @staticmethod
    def cited(e: Entity) -> list[tuple[str, Source]]:
        """Every citation of *e*, with the scope the cards write before it (``"partnership: "``)."""
        out = [("", s) for s in e.sources]
        for f in section_fields(type(e)):
            out += [(f"{f.name}: ", s) for s in getattr(getattr(e, f.name), "sources", ())]
        return out

    # links

    def link(self, ident: str) -> str:
        """A link to an entity: its organisation page or its entry on a kind page."""
        if ident not in self.reg:
            return f"`{ident}`"
        return ref(label(ident), self.reg[ident].label)

    def doc_link(self, document_id: str) -> str:
        d = self.docs.get(document_id)
        return ref(doc_label(document_id), d.title if d else document_id)

    # the fields of a card

    def value(self, f: FieldInfo, owner: object) -> str:
        """A field's value on its line, as the cards word it; references and addresses linked."""
        text = joined_text(f, owner)
        if text is not None:
            return nowrap_dates(esc(text))
        items, between = line_items(f, getattr(owner, f.name))
        if f.meta.refers_to:
            return between.join(self.link(x) for x in items)
        if f.meta.pattern == "url":
            return between.join(f"<{x}>" for x in items)
        return nowrap_dates(esc(between.join(plain(x) for x in items)))

    def facts(self, owner: object) -> list[tuple[str, str]]:
        """``(label, value)`` for the fields of *owner* a card shows a line each, set or not."""
        return [(capitalised(f.label), self.value(f, owner)) for f in line_fields(type(owner))]

    def sections(self, e: Entity) -> list[tuple[str, list[str]]]:
        """The sections of a card after its facts: ``(heading, Markdown lines)``.

        Those of its kind (activities, sessions, the EU partnership), then who
        takes part, then (for an organisation) what it takes part in.
        """
        out: list[tuple[str, list[str]]] = []
        for f in section_fields(type(e)):
            value = getattr(e, f.name)
            if not value:
                continue
            if f.name in BULLETED:
                body = [f"- {esc(item)}" for item in value]
            elif not f.many:
                body = fields_block(self.facts(value))
                for name in sorted(PROSE):
                    if getattr(value, name, None):
                        body += ["", esc(getattr(value, name))]
            else:
                body = [f"- {nowrap_dates(esc(session_text(item)))}" for item in value]
            out.append((capitalised(f.label), body))
        if e.participants:
            rows = [
                (in_words(p.role), self.taking_part(self.link(p.organisation), p))
                for p in e.participants
            ]
            out.append(("Participants", fields_block(rows)))
        roles = self.reg.roles(e) if isinstance(e, Organisation) else ()
        if roles:
            rows = [
                (in_words(p.role), self.taking_part(f"{self.link(o.id)} \\[{o.kind_name}\\]", p))
                for o, p in roles
            ]
            out.append(("Takes part in", fields_block(rows)))
        return out

    @staticmethod
    def taking_part(who: str, p: Participant) -> str:
        """Who takes part (or in what), then when and the note, as the cards write them."""
        extra = when_and_note(p)
        return who + (f" ({nowrap_dates(esc(extra))})" if extra else "")

    def citations(self, cited: Iterable[tuple[str, Source]]) -> list[str]:
        """One bullet per document: its title (a link) and id, then what of it is cited.

        Worded as the cards cite (:func:`eucoop._display.common.cite`): the paragraphs,
        each with the fields it supports, in the order the data gives them.
        """
        by_doc: dict[str, dict[str, list[str]]] = {}
        for scope, s in cited:
            by_doc.setdefault(s.document, {}).setdefault(scope, []).append(cite(s))
        return [
            f"- {self.doc_link(ident)} (`{ident}`): "
            + esc("; ".join(scope + "; ".join(texts) for scope, texts in cites.items()))
            for ident, cites in by_doc.items()
        ]

    def body(self, e: Entity, heading: str, *, dated: bool = False) -> list[str]:
        """An entry's facts, sections and sources, each section under *heading* with its name.

        With *dated*, an organisation's dated facts come before its sources.
        """
        out = [*fields_block(self.facts(e)), ""]
        children = self.reg.children(e) if isinstance(e, Organisation) else ()
        if children:
            out += ["Bodies within it: " + ", ".join(self.link(c.id) for c in children) + ".", ""]
        for name, lines in self.sections(e):
            out += [heading.format(name), "", *lines, ""]
        timeline = [t for t in self.reg.timeline() if t.entity == e.id] if dated else []
        if timeline:
            out += [heading.format("Dated facts"), ""]
            out += [f"- {nowrap_dates(str(t.date))}: {esc(t.label)}" for t in timeline]
            out += [""]
        out += [heading.format("Sources"), "", *self.citations(self.cited(e)), ""]
        return out

    # pages

    def head(self, e: Entity) -> list[str]:
        """What an entry starts with: its id and its kind in words, then its description."""
        out = [f"`{e.id}` · {kind_text(e)}", ""]
        return out + ([esc(e.description), ""] if e.description else [])

    def kind_entry(self, e: Entity) -> list[str]:
        """The section of a kind page about one entity."""
        out: list[str] = []
        if not isinstance(e, Organisation):
            out += [f"({label(e.id)})=", ""]
        out += [f"## {esc(e.label)}", "", *self.head(e)]
        if isinstance(e, Organisation):
            out += [f"Full page: {ref(label(e.id), e.label)}.", ""]
        return out + self.body(e, "{}:")

    def kind_page(self, kind: type[Entity]) -> str:
        name, title = KIND_PAGES[kind]
        items: tuple[Entity, ...] = getattr(self.reg, kind.collection)
        out = [
            GENERATED_NOTE,
            "",
            f"(catalogue-{name})=",
            "",
            f"# {title}",
            "",
            f"The dataset holds {len(items)} {name}, listed by id. Each entry gives the "
            "key facts and, under *Sources*, the documents and paragraphs they come from "
            "and which fields each citation supports.",
            "",
        ]
        if kind is Organisation:
            out += [
                "Every organisation also has a page of its own, listed below and linked "
                "from each entry.",
                "",
                "```{toctree}",
                ":hidden:",
                "",
                *(f"{ORG_DIR}/{o.id}" for o in items),
                "```",
                "",
            ]
        for e in items:
            out += self.kind_entry(e)
        return "\n".join(out).rstrip() + "\n"

    def org_page(self, o: Organisation) -> str:
        """Everything about one organisation."""
        out = [
            GENERATED_NOTE,
            "",
            f"({label(o.id)})=",
            "",
            f"# {esc(o.label)}",
            "",
        ]
        out += self.head(o) + self.body(o, "## {}", dated=True)
        return "\n".join(out).rstrip() + "\n"

    def overview(self) -> str:
        """One sentence of counts, included at the top of ``catalogue/index.md``."""
        reg = self.reg
        counts = ", ".join(
            f"{ref('catalogue-' + n, f'{len(getattr(reg, k.collection))} {n}')}"
            for k, (n, _t) in KIND_PAGES.items()
        )
        return (
            f"{GENERATED_NOTE}\n\n"
            f"eucoop {eucoop.__version__} ships {len(reg)} entities ({counts}), citing "
            f"{ref('sources', f'{len(reg.documents)} documents')}, with "
            f"{len(reg.timeline())} dated facts.\n"
        )

    def organisation_index(self) -> str:
        """A table of every organisation, included at the end of ``catalogue/index.md``."""
        out = [
            GENERATED_NOTE,
            "",
            "| Organisation | Kind | Part of | EU standing | Founded | Headquarters |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        # by name, so that UNHCR (Office of the United Nations High Commissioner for
        # Refugees) is not among the rows of "United Nations ..." as its id would put it
        for o in sorted(self.reg.organisations, key=lambda o: (o.name.casefold(), o.id)):
            p = o.partnership
            standing = in_words(p.standing or UNRANKED) if p else ""
            hq = esc(o.headquarters or "")
            parent = self.link(o.parent) if o.parent else ""
            out.append(
                f"| {ref(label(o.id), o.label)} | {in_words(o.kind)} | {parent} | {standing} "
                f"| {nowrap_dates(str(o.founded or ''))} | {hq} |"
            )
        return "\n".join(out) + "\n"

    def sources_page(self) -> str:
        """Every cited document, the source page first."""
        reg = self.reg
        out = [
            GENERATED_NOTE,
            "",
            "(sources)=",
            "",
            "# Sources",
            "",
            f"Every fact in eucoop cites at least one of these {len(reg.documents)} public "
            "documents (`reg.documents`). Citations name a document by its id and, for the "
            "source page, a paragraph number; headings and list items count as paragraphs.",
            "",
        ]
        first = [d for d in reg.documents if d.id == SOURCE_PAGE]
        if first:
            out += ["## The source page", "", *self.document_entry(first[0]), ""]
        out += [
            "The other public pages, used to check or complete a fact, are grouped by the kind "
            "of publisher behind them (see {class}`~eucoop.PublisherKind`), by id within a group.",
            "",
        ]
        for kind, (heading, blurb) in PUBLISHER_GROUPS.items():
            group = [d for d in reg.documents if d.id != SOURCE_PAGE and d.publisher_kind == kind]
            if group:
                out += [f"## {heading}", "", blurb, ""]
                for d in group:
                    out += [*self.document_entry(d), ""]
        return "\n".join(out).rstrip() + "\n"

    def document_entry(self, d: Document) -> list[str]:
        head = f"**{esc(d.title)}** (`{d.id}`). {esc(d.publisher)}."
        if d.url:
            head += f" <{d.url}>"
        extra = []
        if d.paragraphs:
            extra.append(f"{d.paragraphs} numbered paragraphs.")
        if d.language:
            extra.append(f"Language: {esc(d.language)}.")
        if d.accessed:
            extra.append(f"Accessed {nowrap_dates(str(d.accessed))}.")
        if d.note:
            extra.append(esc(d.note))
        cited = sorted(self.cited_by.get(d.id, ()))
        if cited:
            extra.append("Cited by " + ", ".join(self.link(i) for i in cited) + ".")
        return [f"({doc_label(d.id)})=", "", head, *([" ".join(extra)] if extra else [])]


def render_pages(reg: Registry | None = None) -> dict[str, str]:
    """Every generated page, as ``{relative path: MyST text}``."""
    reg = eucoop.load() if reg is None else reg
    r = Renderer(reg)
    pages = {f"{name}.md": r.kind_page(kind) for kind, (name, _t) in KIND_PAGES.items()}
    for o in reg.organisations:
        pages[f"{ORG_DIR}/{o.id}.md"] = r.org_page(o)
    pages[f"{INCLUDE_PREFIX}overview.md"] = r.overview()
    pages[f"{INCLUDE_PREFIX}organisation-index.md"] = r.organisation_index()
    pages["sources.md"] = r.sources_page()
    return pages


# -- figures ----------------------------------------------------------------------


def draw_figures(reg: Registry | None = None, out: Path = GENERATED) -> list[Path]:
    """Draw the timeline and network figures (PNG and SVG) into *out*.

    They are :meth:`Registry.plot_timeline` and :meth:`Registry.plot_network`:
    the figures a notebook shows, drawn by the same code.
    """
    import matplotlib

    reg = eucoop.load() if reg is None else reg
    with matplotlib.rc_context({"svg.hashsalt": "eucoop", "svg.fonttype": "none"}):
        timeline, network = reg.plot_timeline(), reg.plot_network()
        return _save(timeline, out, "timeline") + _save(network, out, "network")


def _save(fig: Any, out: Path, stem: str) -> list[Path]:
    """Save *fig* as PNG and SVG, rewriting a file only when its bytes change.

    Unchanged figures keep their modification time, so Sphinx does not
    re-read the catalogue page that shows them on every build.
    """
    import io

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        fig.savefig(buffer, format=ext, metadata=meta)
        data = buffer.getvalue()
        path = out / f"{stem}.{ext}"
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


# -- writing ----------------------------------------------------------------------


def write_pages(pages: dict[str, str], out: Path = GENERATED) -> tuple[list[str], list[str]]:
    """Write *pages* under *out*, touching only changed files; remove stale pages.

    Returns the paths written and the paths removed, relative to *out*.
    """
    written, removed = [], []
    for rel, text in pages.items():
        path = out / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    for path in sorted(out.rglob("*.md")) if out.is_dir() else []:
        rel = path.relative_to(out).as_posix()
        if rel not in pages:
            path.unlink()
            removed.append(rel)
    return written, removed


def write_schema(out: Path = GENERATED / "extra") -> Path:
    """Write the data-file JSON Schema where its ``$id`` says it lives, under *out*.

    ``conf.py`` publishes *out* with the HTML (``html_extra_path``), so
    ``https://eucoop.readthedocs.io/schema/data-file-v1.json`` resolves.
    """
    import json
    from urllib.parse import urlsplit

    from eucoop._loading.schema import SCHEMA_ID, json_schema

    path = out / urlsplit(SCHEMA_ID).path.lstrip("/")
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def generate(out: Path = GENERATED, reg: Registry | None = None, figures: bool = True) -> None:
    """Write every page (and, unless told not to, the figures) into *out*."""
    reg = eucoop.load() if reg is None else reg
    write_pages(render_pages(reg), out)
    write_schema(out / "extra")
    if figures:
        draw_figures(reg, out)


def setup(app):  # type: ignore[no-untyped-def]
    """Generate the catalogue when the builder starts, before sources are read.

    The JSON Schema is written earlier, once the configuration is read, since
    Sphinx checks that ``html_extra_path`` exists at that point.
    """
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    app.add_role("eucoop-date", date_role)

    def on_builder_inited(_app):  # type: ignore[no-untyped-def]
        reg = eucoop.load()
        written, removed = write_pages(render_pages(reg), GENERATED)
        draw_figures(reg, GENERATED)
        logger.info(
            "eucoop catalogue: %d pages written, %d removed, figures drawn",
            len(written),
            len(removed),
        )

    def on_config_inited(_app, _config):  # type: ignore[no-untyped-def]
        # before Sphinx checks that html_extra_path exists (priority 800)
        write_schema(GENERATED / "extra")

    app.connect("config-inited", on_config_inited, priority=400)
    app.connect("builder-inited", on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
