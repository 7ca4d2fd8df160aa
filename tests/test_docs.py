"""The documentation's own code: the catalogue generator and the helper extensions.

These import the modules in ``docs/_ext`` directly and never run Sphinx, so
they stay fast; the full build is ``python -m sphinx -W -n -b html docs ...``.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import eucoop
from eucoop import PublisherKind

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXT = DOCS / "_ext"


def _import(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


catalogue = _import("eucoop_catalogue")
docs_ext = _import("eucoop_docs")
shell = _import("eucoop_shell")

REG = eucoop.load()
PAGES: dict[str, str] = catalogue.render_pages(REG)
KINDS = {
    "organisations": REG.organisations,
    "agreements": REG.agreements,
    "dialogues": REG.dialogues,
    "programmes": REG.programmes,
}
ENTRY = re.compile(r"^`([a-z0-9-]+)` · ", re.MULTILINE)
TARGET = re.compile(r"^\(([a-z0-9-]+)\)=$", re.MULTILINE)
REF = re.compile(r"\{ref\}`[^`<]*<([^>`]+)>`")


# -- the catalogue ----------------------------------------------------------------


@pytest.mark.parametrize("collection", list(KINDS))
def test_each_kind_page_lists_every_entity_once(collection: str) -> None:
    listed = ENTRY.findall(PAGES[f"{collection}.md"])
    expected = [e.id for e in KINDS[collection]]
    assert len(listed) == len(expected)
    assert listed == expected  # every id, once, in id order


def test_every_packaged_entity_is_in_the_catalogue() -> None:
    listed = Counter(i for name in (f"{c}.md" for c in KINDS) for i in ENTRY.findall(PAGES[name]))
    assert sum(listed.values()) == len(REG)
    assert set(listed) == {e.id for e in REG}


def test_one_page_per_organisation() -> None:
    org_pages = {p for p in PAGES if p.startswith(f"{catalogue.ORG_DIR}/")}
    assert org_pages == {f"{catalogue.ORG_DIR}/{o.id}.md" for o in REG.organisations}
    for org in REG.organisations:
        page = PAGES[f"{catalogue.ORG_DIR}/{org.id}.md"]
        assert f"(entity-{org.id})=" in page
        assert f"`{org.id}` · Organisation" in page  # the kind as the cards word it
    # the organisations page puts them in the toctree
    toctree = PAGES["organisations.md"].split("```{toctree}")[1].split("```")[0]
    assert toctree.split()[1:] == [f"{catalogue.ORG_DIR}/{o.id}" for o in REG.organisations]


def test_every_entity_and_document_has_exactly_one_link_target() -> None:
    targets = Counter(t for text in PAGES.values() for t in TARGET.findall(text))
    for e in REG:
        assert targets[f"entity-{e.id}"] == 1, e.id
    for d in REG.documents:
        assert targets[f"source-{d.id}"] == 1, d.id


def test_every_reference_has_a_target() -> None:
    targets = {t for text in PAGES.values() for t in TARGET.findall(text)}
    index = (DOCS / "catalogue" / "index.md").read_text(encoding="utf-8")
    targets |= set(TARGET.findall(index))
    refs = {r for text in PAGES.values() for r in REF.findall(text)}
    assert refs
    assert refs <= targets, sorted(refs - targets)


def test_citations_name_paragraphs_documents_and_fields() -> None:
    entry = PAGES["programmes.md"].split("(entity-eu-iom-joint-initiative)=")[1]
    entry = entry.split("(entity-")[0]
    assert "EUR 440,000,000" in entry
    assert "Collaboration with international organisations <source-dg-home-io>" in entry
    # as the cards cite
    assert r"paragraph 10 (budget, country\_count, regions, description)" in entry
    for org in REG.organisations:
        page = PAGES[f"{catalogue.ORG_DIR}/{org.id}.md"]
        for source in org.sources:
            assert f"<source-{source.document}>" in page
            if source.paragraph is not None:
                assert f"paragraph {source.paragraph}" in page


def test_entries_show_the_fields_of_the_cards_under_their_labels() -> None:
    # the catalogue's facts are the cards' lines (common.line_fields), so they cannot drift apart
    from eucoop._display.common import capitalised, line_fields, line_items
    from eucoop._display.text import card_facts

    r = catalogue.Renderer(REG)
    owners = [*REG, *(o.partnership for o in REG.organisations if o.partnership)]
    for owner in owners:
        shown = [(k, v) for k, v in r.facts(owner) if v]
        labels = [capitalised(f.label) for f in line_fields(type(owner))]
        assert [k for k, _ in shown] == [k for k in labels if k in dict(shown)], owner
        for f in line_fields(type(owner)):  # every field with a value has its line
            if line_items(f, getattr(owner, f.name))[0]:
                assert capitalised(f.label) in dict(shown), (owner, f.name)
    for e in REG:
        shown = [(k, v) for k, v in r.facts(e) if v]
        text = [(k, v) for k, v in card_facts(REG, e) if k != "Bodies"]
        assert [k for k, _ in shown] == [k for k, _ in text], e.id  # what the text card shows
        # worded alike: a value that names no entity and links nowhere is the card's, escaped
        linked = {capitalised(f.label) for f in line_fields(type(e)) if f.meta.refers_to}
        linked |= {capitalised(f.label) for f in line_fields(type(e)) if f.meta.pattern == "url"}
        for (k, v), (_, t) in zip(shown, text, strict=True):
            if k not in linked:
                assert v == catalogue.nowrap_dates(catalogue.esc(t)), (e.id, k)
        page = PAGES[f"{catalogue.ORG_DIR}/{e.id}.md"] if e.kind_name == "organisation" else None
        page = page or PAGES[f"{e.collection}.md"]
        assert "\n".join(catalogue.fields_block(shown)) in page, e.id


def test_entries_have_the_sections_of_the_cards() -> None:
    iom = PAGES[f"{catalogue.ORG_DIR}/iom.md"]
    for heading in ("## EU partnership", "## Takes part in", "## Sources"):
        assert heading in iom
    assert ":Standing: key" in iom
    partnership = REG.get("iom", eucoop.Organisation).partnership
    assert partnership is not None
    assert partnership.summary
    assert catalogue.esc(partnership.summary) in iom.split("## EU partnership")[1]
    assert "partnership: paragraph" in iom  # the partnership's sources, scoped as on the cards
    programmes = PAGES["programmes.md"]
    assert "Activities:" in programmes
    assert "Participants:" in programmes
    assert (
        ":partner: {ref}`International Organization for Migration (IOM) <entity-iom>`" in programmes
    )


def test_sources_page_lists_every_document() -> None:
    page = PAGES["sources.md"]
    for d in REG.documents:
        assert f"(source-{d.id})=" in page
        assert f"(`{d.id}`)" in page
        if d.url:
            assert f"<{d.url}>" in page
    # the source page comes first
    assert page.index("(source-dg-home-io)=") < min(
        page.index(f"(source-{d.id})=") for d in REG.documents if d.id != "dg-home-io"
    )


def test_sources_page_groups_documents_by_kind_of_publisher() -> None:
    page = PAGES["sources.md"]
    headings = {
        PublisherKind.OFFICIAL: "## Official sources",
        PublisherKind.REFERENCE: "## Reference works",
        PublisherKind.PRESS: "## Press",
    }
    starts = {kind: page.index(h) for kind, h in headings.items()}
    assert starts[PublisherKind.OFFICIAL] < starts[PublisherKind.REFERENCE]
    assert starts[PublisherKind.REFERENCE] < starts[PublisherKind.PRESS]
    ends = {
        PublisherKind.OFFICIAL: starts[PublisherKind.REFERENCE],
        PublisherKind.REFERENCE: starts[PublisherKind.PRESS],
        PublisherKind.PRESS: len(page),
    }
    assert "## Unclassified" not in page  # every packaged document has a kind
    for d in REG.documents:
        if d.id == "dg-home-io":
            continue
        assert d.publisher_kind is not None, d.id
        at = page.index(f"(source-{d.id})=")
        assert starts[d.publisher_kind] < at < ends[d.publisher_kind], d.id


def test_sources_page_puts_unclassified_documents_last() -> None:
    docs = [
        eucoop.Document(id="a-page", title="A", publisher="P", publisher_kind=PublisherKind.PRESS),
        eucoop.Document(id="b-page", title="B", publisher="P"),
    ]
    page = catalogue.Renderer(eucoop.Registry([], documents=docs)).sources_page()
    assert page.index("## Press") < page.index("(source-a-page)=") < page.index("## Unclassified")
    assert page.index("## Unclassified") < page.index("(source-b-page)=")
    assert "## Official sources" not in page  # no empty groups


def test_overview_counts() -> None:
    text = PAGES[f"{catalogue.INCLUDE_PREFIX}overview.md"]
    assert f"ships {len(REG)} entities" in text
    assert f"{len(REG.documents)} documents" in text
    table = PAGES[f"{catalogue.INCLUDE_PREFIX}organisation-index.md"]
    assert table.count("<entity-") >= len(REG.organisations)


def test_markdown_from_the_data_is_escaped() -> None:
    assert catalogue.esc("a *b* [c] <d> `e` f_g") == r"a \*b\* \[c\] \<d\> \`e\` f\_g"
    assert catalogue.ref("x", "A <B> `C`") == "{ref}`A (B) 'C' <x>`"


def test_write_pages_touches_only_what_changed(tmp_path: Path) -> None:
    written, removed = catalogue.write_pages({"a.md": "A\n", "sub/b.md": "B\n"}, tmp_path)
    assert (written, removed) == (["a.md", "sub/b.md"], [])
    stamp = (tmp_path / "a.md").stat().st_mtime_ns
    written, removed = catalogue.write_pages({"a.md": "A\n", "c.md": "C\n"}, tmp_path)
    assert (written, removed) == (["c.md"], ["sub/b.md"])
    assert (tmp_path / "a.md").stat().st_mtime_ns == stamp
    assert not (tmp_path / "sub" / "b.md").exists()


@pytest.mark.skipif(
    importlib.util.find_spec("matplotlib") is None or importlib.util.find_spec("networkx") is None,
    reason="the figures need matplotlib and networkx: pip install 'eucoop[docs]'",
)
def test_figures_are_drawn(tmp_path: Path) -> None:
    paths = catalogue.draw_figures(REG, tmp_path)
    assert sorted(p.name for p in paths) == sorted(catalogue.FIGURES)
    for p in paths:
        assert p.stat().st_size > 10_000, p
    assert (tmp_path / "timeline.png").read_bytes().startswith(b"\x89PNG")


# -- the data-model directives ---------------------------------------------------------


def test_enum_rows_are_every_member() -> None:
    for name in (
        "PolicyArea",
        "Role",
        "OrganisationKind",
        "AgreementKind",
        "Frequency",
        "Standing",
    ):
        enum = getattr(eucoop, name)
        assert docs_ext.enum_rows(name) == [(m.value, f"{name}.{m.name}") for m in enum]


def _fields_blocks(text: str) -> dict[str, set[str]]:
    """``{class: fields with a meaning}`` for every eucoop-fields block of a page."""
    out = {}
    for m in re.finditer(r"```\{eucoop-fields\} (\w+)\n(.*?)```", text, flags=re.DOTALL):
        lines = [ln for ln in m.group(2).splitlines() if ln and not ln.startswith(":own:")]
        out[m.group(1)] = {ln.split(":", 1)[0] for ln in lines}
    return out


def test_data_model_page_explains_every_field_and_enum() -> None:
    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    blocks = _fields_blocks(text)
    public = {n: getattr(eucoop, n) for n in eucoop.__all__}
    classes = [n for n, obj in public.items() if isinstance(obj, type) and attrs.has(obj)]
    documented = {
        "Entity",
        "Organisation",
        "Agreement",
        "Dialogue",
        "Programme",
        "PartialDate",
        "Money",
        "Source",
        "Document",
        "Participant",
        "Session",
        "Partnership",
    }
    assert documented <= set(classes)
    assert set(blocks) == documented
    for name, meanings in blocks.items():
        own = name not in ("Entity",) and name in (
            "Organisation",
            "Agreement",
            "Dialogue",
            "Programme",
        )
        fields = {row[0] for row in docs_ext.field_rows(name, own=own)}
        assert meanings == fields, name
    enums = set(re.findall(r"```\{eucoop-enum\} (\w+)", text))
    assert enums == {
        "PolicyArea",
        "Role",
        "OrganisationKind",
        "AgreementKind",
        "Frequency",
        "Standing",
        "PublisherKind",
        "Precision",
    }


def test_field_rows_show_types_and_defaults_as_written() -> None:
    rows = {r[0]: r for r in docs_ext.field_rows("Programme", own=True)}
    assert rows["budget"] == ("budget", "Money | None", "None")
    assert rows["countries"] == ("countries", "tuple[str, ...]", "()")
    date = {r[0]: r for r in docs_ext.field_rows("PartialDate")}
    assert date["year"][2] is None  # required
    assert date["month"][2] == "None"


# -- shell sessions ---------------------------------------------------------------------


def test_shell_sessions_become_doctests() -> None:
    source = shell.to_doctest(["$ eucoop list x --json", "a", "", "  b", "", ""])
    assert source == ">>> _shell('eucoop list x --json')\na\n<BLANKLINE>\n  b"


def test_shell_run_prints_output_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    shell.run("echo out; echo err >&2; echo '  trailing  '", cwd=DOCS)
    assert capsys.readouterr().out == "out\nerr\n  trailing\n"


# -- notebook output in the pages: the eucoop-show directive ----------------------------

show = _import("eucoop_show")
TUTORIAL = DOCS / "tutorial.md"
SHOW_CELL = re.compile(r"^```\{eucoop-show\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _conf_show_setup() -> str:
    """``eucoop_show_setup`` as conf.py writes it (read, not imported: conf.py does set-up)."""
    found = re.search(
        r'^eucoop_show_setup = """(.*?)"""', (DOCS / "conf.py").read_text(), re.S | re.M
    )
    assert found is not None
    return found.group(1)


def test_run_cell_returns_the_last_expression() -> None:
    ns: dict[str, object] = {}
    assert show.run_cell("x = 2\ny = x * 21\ny", ns) == 42
    assert ns["x"] == 2
    assert show.run_cell("z = 1", ns) is None
    assert show.run_cell("if True:\n    w = 3\nw + z", ns) == 4
    with pytest.raises(ZeroDivisionError):
        show.run_cell("1 / 0", ns)


def test_html_of_is_what_a_notebook_shows() -> None:
    assert show.html_of(REG["iom"]) == REG["iom"]._repr_html_()
    assert show.html_of(eucoop.Organisation) is None  # the class, not a value
    assert show.html_of(42) is None


def test_the_tutorial_shows_a_card_a_search_table_and_a_dataframe() -> None:
    cells = SHOW_CELL.findall(TUTORIAL.read_text(encoding="utf-8"))
    ns: dict[str, object] = {}
    exec(_conf_show_setup(), ns)  # noqa: S102 - the docs' own set-up
    shown = [show.run_cell(code, ns) for code in cells]
    kinds = {type(v).__name__ for v in shown}
    assert {"Organisation", "SearchResults", "DataFrame"} <= kinds, kinds
    assert any(show.is_figure(v) for v in shown)  # reg.plot_timeline()
    for value in shown:
        if show.is_figure(value):  # a plot: the page shows it as an image
            continue
        html = show.html_of(value)
        assert html is not None, type(value)
        if type(value).__name__ != "DataFrame":
            assert html.startswith("<div class='eucoop'"), type(value)
        else:
            assert "<table" in html
            assert "dataframe" in html


@pytest.mark.skipif(
    importlib.util.find_spec("sphinx") is None or importlib.util.find_spec("matplotlib") is None,
    reason="building a page needs the docs extra: pip install -e '.[docs]'",
)
def test_show_cells_in_a_built_page(tmp_path: Path) -> None:
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(EXT)!r})\n"
        "extensions = ['eucoop_show']\n"
        "eucoop_show_setup = 'import eucoop\\nreg = eucoop.load()'\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Cells\n=====\n\n"
        ".. eucoop-show::\n\n   reg['iom']\n\n"
        ".. eucoop-show::\n\n   n = len(reg.organisations)\n\n"
        ".. eucoop-show::\n\n   n + 1\n\n"
        ".. eucoop-show::\n\n"
        "   import matplotlib\n   matplotlib.use('Agg')\n   import matplotlib.pyplot as plt\n"
        "   fig, ax = plt.subplots()\n   ax.plot([1, 2])\n   fig\n",
        encoding="utf-8",
    )
    out = tmp_path / "html"
    app = Sphinx(src, src, out, tmp_path / "doctrees", "html", status=None, warningiserror=False)
    app.build()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count('class="eucoop-show docutils container"') == 4
    assert REG["iom"]._repr_html_() in page  # the card itself, not escaped
    assert page.count('class="eucoop-show-output') == 3  # an assignment shows nothing
    # a plain value: its repr, as plain text
    text = re.search(
        r'class="eucoop-show-text[^"]*"><div class="highlight"><pre>(.*?)</pre>', page, re.S
    )
    assert text is not None
    assert re.sub(r"<[^>]+>", "", text.group(1)).strip() == str(len(REG.organisations) + 1)
    (image,) = re.findall(r'<img [^>]*src="(_images/[^"]+\.png)"', page)
    assert (out / image).read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(
    importlib.util.find_spec("sphinx") is None, reason="needs the docs extra: '.[docs]'"
)
def test_a_failing_show_cell_is_a_build_error(tmp_path: Path) -> None:
    from sphinx.application import Sphinx

    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXT)!r})\nextensions = ['eucoop_show']\n",
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Cells\n=====\n\n.. eucoop-show::\n\n   reg['iom']\n", encoding="utf-8"
    )
    warnings = io.StringIO()
    app = Sphinx(
        tmp_path,
        tmp_path,
        tmp_path / "html",
        tmp_path / "dt",
        "html",
        status=None,
        warning=warnings,
    )
    app.build()
    assert (
        "eucoop-show: the code raised NameError: name 'reg' is not defined" in warnings.getvalue()
    )
    assert "index.rst:4" in warnings.getvalue()


# -- the examples open as notebooks -----------------------------------------------------

EXAMPLES = sorted((DOCS.parent / "examples").glob("*.py"))
needs_jupytext = pytest.mark.skipif(
    importlib.util.find_spec("jupytext") is None,
    reason="opening the examples as notebooks needs jupytext: pip install -e '.[dev]'",
)


def _example_notebook(path: Path) -> Any:
    jupytext: Any = importlib.import_module("jupytext")  # untyped
    return jupytext.read(path)


@needs_jupytext
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_is_a_notebook(path: Path) -> None:
    nb = _example_notebook(path)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# "), "a title first"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 3, "cells a reader runs one by one"
    for cell in code:
        compile(cell.source, f"{path.name} cell", "exec")


@needs_jupytext
@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("nbclient", "ipykernel")),
    reason="running the examples on a kernel needs the test extra: pip install -e '.[test]'",
)
def test_examples_run_on_a_kernel_and_show_cards(tmp_path: Path) -> None:
    from tests.test_kernel import execute

    v4: Any = importlib.import_module("nbformat.v4")  # untyped
    nb = v4.new_notebook()
    for path in EXAMPLES:
        for cell in _example_notebook(path).cells:
            cell.metadata["example"] = path.name
            nb.cells.append(cell)
    execute(nb, tmp_path)
    shown: dict[str, list[str]] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.metadata["example"], cell.source, errors)
        for o in cell.outputs:
            if o.output_type == "execute_result" and "text/html" in o.data:
                shown.setdefault(cell.metadata["example"], []).append(o.data["text/html"])
    assert set(shown) >= {"01_partners.py", "02_iom_and_libya.py", "04_provenance.py"}
    for example, htmls in shown.items():
        for html in htmls:
            assert html.startswith("<div class='eucoop'"), example
    assert any(
        "International Organization for Migration (IOM)" in h for h in shown["02_iom_and_libya.py"]
    )
    cards = shown["07_cards_and_values.py"]
    assert any(">Takes part in</div>" in h and ">Bodies</th>" in h for h in cards)
    assert any(">EUR 440,000,000 <span" in h for h in cards)
    assert not any("<pre>" in h for h in cards)
    updated = shown["08_bringing_data_up_to_date.py"]
    assert any("2024-01-23" in h and "Geneva" in h for h in updated)  # the session, as a table
    assert any("france-diplomatie-gfmd-14th-summit" in h for h in updated)  # cited, and in the diff


def test_the_catalogue_calls_a_partner_without_standing_unranked() -> None:
    table = PAGES[f"{catalogue.INCLUDE_PREFIX}organisation-index.md"]
    unranked = [o for o in REG.organisations if o.partnership and o.partnership.standing is None]
    assert unranked
    rows = [line for line in table.splitlines() if "| unranked |" in line]
    assert len(rows) == len(unranked)
    assert "not ranked" not in table


def test_the_organisation_index_sorts_by_name() -> None:
    table = PAGES[f"{catalogue.INCLUDE_PREFIX}organisation-index.md"]
    rows = [line for line in table.splitlines() if line.startswith("| {ref}")]
    ids = [re.search(r"<entity-([^>]+)>`", row).group(1) for row in rows]  # type: ignore[union-attr]
    names = [REG[i].name.casefold() for i in ids]
    assert names == sorted(names)
    assert len(ids) == len(REG.organisations)
    # UNHCR's name starts "Office of ...": it no longer sits among the "United Nations" rows
    assert ids.index("unhcr") < ids.index("un")


def test_catalogue_dates_stay_on_one_line() -> None:
    assert catalogue.nowrap_dates("from 1946-02-16 and 2013-05; in 1945") == (
        "from {eucoop-date}`1946-02-16` and {eucoop-date}`2013-05`; in 1945"
    )
    assert catalogue.nowrap_dates("un-hld-2006 x-2013-05 2013-05-01x") == (
        "un-hld-2006 x-2013-05 2013-05-01x"  # not inside ids and words
    )
    table = PAGES[f"{catalogue.INCLUDE_PREFIX}organisation-index.md"]
    assert "| {eucoop-date}`1946-02-16` |" in table  # the CND's founding day
    assert ":Founded: {eucoop-date}`1945-10-24`" in PAGES[f"{catalogue.ORG_DIR}/un.md"]
    gcm = PAGES["agreements.md"].split("(entity-gcm)=")[1].split("(entity-")[0]
    assert ":Adopted: {eucoop-date}`2018-12-10`" in gcm
    assert "since {eucoop-date}`2018-12-19`" in gcm
    # no bare date is left anywhere in the generated pages
    bare = re.compile(r"(?<![\w`-])\d{4}-\d{2}(?:-\d{2})?(?![\w`-])")
    for name, page in PAGES.items():
        text = re.sub(r"<https?://[^>]+>", "", page)  # addresses are left alone
        assert not bare.findall(text), name
    css = (DOCS / "_static" / "eucoop.css").read_text(encoding="utf-8")
    assert re.search(r"span\.eucoop-date\s*\{\s*white-space: nowrap;", css)


@pytest.mark.skipif(
    importlib.util.find_spec("sphinx") is None, reason="needs the docs extra: '.[docs]'"
)
def test_the_date_role_is_a_span_kept_on_one_line(tmp_path: Path) -> None:
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXT)!r})\nextensions = ['eucoop_catalogue']\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text("Dates\n=====\n\nOn :eucoop-date:`1946-02-16`.\n")
    out = tmp_path / "html"
    app = Sphinx(src, src, out, tmp_path / "doctrees", "html", status=None, warningiserror=True)
    app.build()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="eucoop-date">1946-02-16</span>' in page


def test_the_examples_carry_no_lint_comments() -> None:
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        assert "noqa" not in text, path.name
        assert "type: ignore" not in text, path.name
