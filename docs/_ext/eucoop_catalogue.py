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
    PartialDate,
    Participant,
    Programme,
    PublisherKind,
    Registry,
    Source,
)

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


def words(value: object) -> str:
    """An enum value as words: ``refugee_protection`` -> ``refugee protection``.

    ``un`` and ``eu`` are written as acronyms: ``un_body`` -> ``UN body``.
    """
    return " ".join(w.upper() if w in ("un", "eu") else w for w in str(value).split("_"))


def joined(items: Iterable[str], sep: str = ", ") -> str:
    return sep.join(items)


def fields_block(rows: Iterable[tuple[str, str | None]]) -> list[str]:
    """A MyST field list of the rows whose value is not empty."""
    return [f":{name}: {value}" for name, value in rows if value]


def _date(d: PartialDate | None) -> str | None:
    return str(d) if d is not None else None


# -- the pieces of an entry -------------------------------------------------------


class Renderer:
    """Renders one registry's entities, citations and documents as Markdown."""

    def __init__(self, reg: Registry) -> None:
        self.reg = reg
        self.docs = {d.id: d for d in reg.documents}
        self.cited_by: defaultdict[str, set[str]] = defaultdict(set)
        for e in reg:
            for s in self._all_sources(e):
                self.cited_by[s.document].add(e.id)

    @staticmethod
    def _all_sources(e: Entity) -> tuple[Source, ...]:
        p = e.partnership if isinstance(e, Organisation) else None
        return e.sources + (p.sources if p is not None else ())

    # links

    def link(self, ident: str) -> str:
        """A link to an entity: its organisation page or its entry on a kind page."""
        if ident not in self.reg:
            return f"`{ident}`"
        e = self.reg[ident]
        return ref(label(ident), e.acronym or e.name)

    def doc_link(self, document_id: str) -> str:
        d = self.docs.get(document_id)
        return ref(doc_label(document_id), d.title if d else document_id)

    # citations

    def citations(self, sources: Iterable[Source]) -> list[str]:
        """One bullet per document: the paragraphs cited and the fields each supports."""
        by_doc: dict[str, list[Source]] = {}
        for s in sources:
            by_doc.setdefault(s.document, []).append(s)
        lines = []
        for doc_id, items in by_doc.items():
            parts = []
            for s in sorted(items, key=lambda s: (s.paragraph is not None, s.paragraph or 0)):
                where = f"paragraph {s.paragraph}" if s.paragraph is not None else "whole document"
                what = f" ({joined(f'`{f}`' for f in s.fields)})" if s.fields else ""
                parts.append(where + what)
            lines.append(f"- {self.doc_link(doc_id)} (`{doc_id}`): {joined(parts, '; ')}")
        return lines

    def sources_section(self, e: Entity, heading: str) -> list[str]:
        out = [heading, "", *self.citations(e.sources)]
        p = e.partnership if isinstance(e, Organisation) else None
        if p is not None and p.sources:
            out += ["", "For the EU partnership:", "", *self.citations(p.sources)]
        return out

    # participants

    def participant(self, p: Participant) -> str:
        """``IOM (coordinator, since 2018): note``."""
        dates = f", since {p.since}" if p.since else ""
        dates += f", until {p.until}" if p.until else ""
        text = f"{self.link(p.organisation)} ({words(p.role)}{dates})"
        return text + (f": {esc(p.note)}" if p.note else "")

    @staticmethod
    def when(p: Participant) -> str:
        """``", since 2019-07"``, ``": note"``... the dates and note of a participation."""
        text = f", since {p.since}" if p.since else ""
        text += f", until {p.until}" if p.until else ""
        return text + (f": {esc(p.note)}" if p.note else "")

    def participants(self, e: Entity) -> str | None:
        if not e.participants:
            return None
        return joined((self.participant(p) for p in e.participants), "; ")

    # key facts per kind

    def common_facts(self, e: Entity) -> list[tuple[str, str | None]]:
        return [
            ("Also called", joined(esc(a) for a in e.aliases) or None),
            ("Policy areas", joined(sorted(words(a) for a in e.policy_areas)) or None),
        ]

    def facts(self, e: Entity) -> list[tuple[str, str | None]]:
        rows = self.common_facts(e)
        if isinstance(e, Organisation):
            rows += self.org_facts(e)
        elif isinstance(e, Agreement):
            binding = {True: "yes", False: "no", None: None}[e.legally_binding]
            rows += [
                ("Kind", words(e.kind)),
                ("Legally binding", binding),
                ("Adopted", _date(e.adopted)),
                ("In force", _date(e.in_force)),
                ("Adopted by", self.link(e.adopted_by) if e.adopted_by else None),
                ("Participants", self.participants(e)),
            ]
        elif isinstance(e, Dialogue):
            sessions = []
            for s in e.sessions:
                text = str(s.start) + (f" to {s.end}" if s.end else "")
                text += f", {esc(s.place)}" if s.place else ""
                text += f" ({esc(s.note)})" if s.note else ""
                sessions.append(text)
            rows += [
                ("Meets", words(e.frequency) if e.frequency else None),
                ("Sessions", joined(sessions, "; ") or None),
                ("Venues", joined(esc(v) for v in e.venues) or None),
                ("Participants", self.participants(e)),
            ]
        elif isinstance(e, Programme):
            countries = joined(e.countries) or None
            if e.country_count is not None:
                countries = f"{e.country_count} countries" + (
                    f" (named: {countries})" if countries else ""
                )
            rows += [
                ("Launched", _date(e.launched)),
                ("Ended", _date(e.ended)),
                ("Budget", esc(str(e.budget)) if e.budget else None),
                ("Countries", countries),
                ("Regions", joined(esc(r) for r in e.regions) or None),
                ("Participants", self.participants(e)),
            ]
        return rows

    def org_facts(self, o: Organisation) -> list[tuple[str, str | None]]:
        hq = esc(o.headquarters) if o.headquarters else None
        if o.country:
            hq = f"{hq} ({o.country})" if hq else o.country
        return [
            ("Kind", words(o.kind)),
            ("Part of", self.link(o.parent) if o.parent else None),
            ("Founded", _date(o.founded)),
            ("Headquarters", hq),
            ("Website", f"<{o.website}>" if o.website else None),
            ("Members", str(o.member_count) if o.member_count is not None else None),
        ]

    def partnership_facts(self, o: Organisation) -> list[tuple[str, str | None]]:
        p = o.partnership
        if p is None:
            return []
        return [
            ("Standing", words(p.standing) if p.standing else "not ranked"),
            ("Areas", joined(sorted(words(a) for a in p.areas)) or None),
            ("Since", _date(p.since)),
            ("Formalised by", joined(self.link(a) for a in p.formalised_by) or None),
        ]

    def activities(self, e: Entity) -> list[str]:
        if not isinstance(e, Programme) or not e.activities:
            return []
        return ["Activities:", "", *(f"- {esc(a)}" for a in e.activities), ""]

    # pages

    def kind_entry(self, e: Entity) -> list[str]:
        """The section of a kind page about one entity."""
        out: list[str] = []
        if not isinstance(e, Organisation):
            out += [f"({label(e.id)})=", ""]
        out += [f"## {esc(e.label)}", "", f"`{e.id}` · {words(e.kind_name)}", ""]
        if e.description:
            out += [esc(e.description), ""]
        if isinstance(e, Organisation):
            rows = self.facts(e) + [(f"EU {k.lower()}", v) for k, v in self.partnership_facts(e)]
            out += [*fields_block(rows), ""]
            out += [f"Full page: {ref(label(e.id), e.label)}.", ""]
        else:
            out += [*fields_block(self.facts(e)), ""]
            out += self.activities(e)
        out += [*self.sources_section(e, "Sources:"), ""]
        return out

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
            f"`{o.id}` · organisation · {words(o.kind)}",
            "",
        ]
        if o.description:
            out += [esc(o.description), ""]
        out += [*fields_block(self.facts(o)), ""]
        children = self.reg.children(o)
        if children:
            out += ["Bodies within it: " + joined(self.link(c.id) for c in children) + ".", ""]
        if o.partnership is not None:
            out += ["## Partnership with the EU", "", *fields_block(self.partnership_facts(o)), ""]
            if o.partnership.summary:
                out += [esc(o.partnership.summary), ""]
        if o.participants:
            out += ["## Members and observers", ""]
            out += [f"- {self.participant(p)}" for p in o.participants]
            out += [""]
        roles = self.reg.roles(o)
        if roles:
            out += ["## Takes part in", ""]
            for e, p in roles:
                out.append(
                    f"- {words(p.role)} in {self.link(e.id)} ({words(e.kind_name)})" + self.when(p)
                )
            out += [""]
        dated = [t for t in self.reg.timeline() if t.entity == o.id]
        if dated:
            out += ["## Dated facts", ""]
            out += [f"- {t.date}: {esc(t.label)}" for t in dated]
            out += [""]
        out += self.sources_section(o, "## Sources")
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
        for o in self.reg.organisations:
            p = o.partnership
            standing = (words(p.standing) if p.standing else "not ranked") if p else ""
            hq = esc(o.headquarters or "")
            parent = self.link(o.parent) if o.parent else ""
            out.append(
                f"| {ref(label(o.id), o.label)} | {words(o.kind)} | {parent} | {standing} "
                f"| {o.founded or ''} | {hq} |"
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
            extra.append(f"Accessed {d.accessed}.")
        if d.note:
            extra.append(esc(d.note))
        cited = sorted(self.cited_by.get(d.id, ()))
        if cited:
            extra.append("Cited by " + joined(self.link(i) for i in cited) + ".")
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
