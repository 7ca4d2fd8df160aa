"""A real notebook: every display run on a Jupyter kernel, then rendered to HTML by nbconvert.

The notebook is built here with nbformat (a cell per display a notebook user
meets: the registry, cards, small values, results and their sums, and two
figures), executed by nbclient on an ipykernel started from this interpreter,
and its ``text/html`` outputs are checked as a front end would receive them.
nbconvert then renders it with the JupyterLab stylesheet, which right-aligns
table cells and centres tables: every cell of every eucoop card and table
must carry its own ``text-align:left``.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import eucoop

pytestmark = pytest.mark.skipif(
    any(
        importlib.util.find_spec(m) is None
        for m in ("nbclient", "ipykernel", "nbconvert", "matplotlib", "networkx")
    ),
    reason="the notebook test needs the test extra: pip install -e '.[test]'",
)

#: The cells, each one display: its name in the tests, and its code.
CELLS: dict[str, str] = {
    "registry": "import eucoop\nreg = eucoop.load()\nreg",
    "organisation": 'reg["iom"]',
    "child": 'reg["unhcr"]',
    "programme": 'reg["eu-iom-joint-initiative"]',
    "agreement": 'reg["gcr"]',
    "dialogue": 'reg["oecd-high-level-policy-forum-migration-integration"]',
    "partners": 'reg.partners(area="migration")',
    "partners_slice": "reg.partners()[:3]",
    "organisations": "reg.organisations",
    "documents": "reg.documents",
    "filter": 'reg.filter(country="LY")',
    "search": 'reg.search("libya")',
    "search_slice": 'reg.search("libya")[:2]',
    "hit": 'reg.search("libya").hits[0]',
    "roles": 'reg.roles("IOM")',
    "provenance": 'reg.provenance("eu-iom-joint-initiative", "budget")',
    "document": 'reg.document("dg-home-io")',
    "partnership": 'reg["iom"].partnership',
    "timeline": 'reg.timeline("2018", "2018")',
    "timeline_entry": 'reg.timeline("2018", "2018")[1]',
    "as_of": 'reg.as_of("2019-01-01")',
    # the full card, as `eucoop show` prints it
    "card": 'reg.card("IOM")',
    "card_of_a_document": 'reg.card("dg-home-io")',
    # small values, shown alone
    "money": 'reg["eu-iom-joint-initiative"].budget',
    "partial_date": 'reg["iom"].founded',
    "enum_value": 'reg["iom"].kind',
    "participant": 'reg["eu-iom-joint-initiative"].participants[0]',
    "source": 'reg["eu-iom-joint-initiative"].sources[0]',
    "session": 'reg["oecd-high-level-policy-forum-migration-integration"].sessions[0]',
    "release": "reg.release",
    # results added up
    "results_added": 'reg.partners(standing="key") + reg.filter(kind="programme")',
    "search_added": 'found = reg.search("libya")\nfound[:1] + found[1:]',
}

#: Cells that draw a figure: each must show as a PNG image, with no error.
PLOTS: dict[str, str] = {
    "plot_timeline": 'reg.plot_timeline("2016", "2019")',
    "plot_network": "reg.plot_network()",
}


def build_notebook() -> Any:
    """The notebook: a markdown title, then one code cell per display of :data:`CELLS`."""
    v4: Any = importlib.import_module("nbformat.v4")  # untyped
    nb = v4.new_notebook()
    nb.cells.append(v4.new_markdown_cell("# eucoop in a notebook"))
    for name, code in CELLS.items():
        nb.cells.append(v4.new_code_cell(code, metadata={"name": name}))
    for name, code in PLOTS.items():
        nb.cells.append(v4.new_code_cell(code, metadata={"name": name, "plot": True}))
    return nb


def execute(nb: Any, folder: Path) -> Any:
    """Run *nb* on an ipykernel of this interpreter, importing this eucoop, and return it.

    A kernel spec written to *folder* pins the kernel to ``sys.executable``
    and to the eucoop these tests import, whatever kernels the machine has;
    its IPython profile (no startup files, no display settings) is new.
    """
    from nbclient import NotebookClient

    src = str(Path(eucoop.__file__).resolve().parent.parent)
    spec = folder / "kernels" / "eucoop-test"
    spec.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "eucoop tests",
        "language": "python",
        "env": {"PYTHONPATH": src},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder))  # where Jupyter looks for kernels/eucoop-test
        # Connection files and IPython's profile here too: nothing of the user's applies.
        patch.setenv("JUPYTER_RUNTIME_DIR", str(folder / "runtime"))
        patch.setenv("IPYTHONDIR", str(folder / "ipython"))
        NotebookClient(nb, kernel_name="eucoop-test", timeout=120).execute(cwd=str(folder))
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return execute(build_notebook(), tmp_path_factory.mktemp("notebook"))


@pytest.fixture(scope="module")
def outputs(executed: Any) -> dict[str, str]:
    """Each cell's ``text/html`` output, by the cell's name."""
    found = {}
    for cell in executed.cells:
        if cell.cell_type != "code" or cell.metadata.get("plot"):
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
        found[cell.metadata["name"]] = result.data["text/html"]
    return found


def test_every_cell_displays_html(outputs: dict[str, str]) -> None:
    assert set(outputs) == set(CELLS)
    for name, html in outputs.items():
        assert html.startswith("<div class='eucoop'"), name
        assert "<pre>" not in html, name  # no fallback to an escaped repr


def test_entity_cards(outputs: dict[str, str]) -> None:
    iom = outputs["organisation"]
    assert "International Organization for Migration (IOM)" in iom
    assert "intergovernmental organisation" in iom
    assert "intergovernmental_organisation" not in iom
    assert "humanitarian response" in iom
    assert "<a href='https://www.iom.int'" in iom
    # formalised_by: the agreement's name with its id
    assert (
        "EU-IOM framework for strategic partnership <code>eu-iom-strategic-partnership</code>"
        in iom
    )
    assert "For the EU, IOM is a key partner" in iom  # the partnership's summary
    assert ">Collaboration with international organisations</a> <code>dg-home-io</code>" in iom
    assert "paragraph 19 (aliases)" in iom
    programme = outputs["programme"]
    assert "EUR 440,000,000" in programme
    assert "International Organization for Migration (IOM) <code>iom</code>" in programme
    assert "<li>Support for sustainable reintegration</li>" in programme
    assert (
        "United Nations General Assembly (UNGA) <code>un-general-assembly</code>"
        in outputs["agreement"]
    )
    assert "2020-01-16" in outputs["dialogue"]


def test_tables_of_results(outputs: dict[str, str]) -> None:
    partners = outputs["partners"]
    assert ">EU partnership</th>" in partners
    assert ">key</td>" in partners
    assert "5 organisations" in partners
    assert outputs["partners_slice"].count("<tr>") == 4  # the heading and three rows
    assert "24 organisations" in outputs["organisations"]
    assert "103 documents" in outputs["documents"]
    assert "4 programmes" in outputs["filter"]
    assert ">matched in</th>" in outputs["search"]
    assert "6 found" in outputs["search"]
    assert outputs["search_slice"].count("<tr>") == 3
    assert ">au-eu-un-libya-taskforce</td>" in outputs["hit"]
    assert ">coordinator</td>" in outputs["roles"]
    assert ">Collaboration with international organisations</a>" in outputs["provenance"]
    assert ">10</td>" in outputs["provenance"]
    assert ">GCM adopted</td>" in outputs["timeline"]
    assert ">GCM adopted</td>" in outputs["timeline_entry"]


def test_other_values(outputs: dict[str, str]) -> None:
    assert "European Commission, Directorate-General" in outputs["document"]
    assert "Cited by" in outputs["document"]
    assert "EU partnership with International Organization for Migration" in outputs["partnership"]
    assert "eucoop registry as of 2019-01-01" in outputs["as_of"]
    assert "Organisations (24)" in outputs["registry"]


def test_the_full_card_is_the_command_lines(outputs: dict[str, str]) -> None:
    card = outputs["card"]
    for heading in ("Takes part in", "Sources", "EU partnership"):
        assert f">{heading}</div>" in card
    assert "<code>un-network-on-migration</code> <span style='opacity:0.7'>(organisation" in card
    assert "reg.card(" not in card
    assert "<code>reg.card(&#x27;iom&#x27;)</code>" in outputs["organisation"]
    assert "Cited by" in outputs["card_of_a_document"]


def test_small_values(outputs: dict[str, str]) -> None:
    assert ">EUR 440,000,000 <span" in outputs["money"]
    assert (
        ">1951 <span style='opacity:0.7'>PartialDate, known to the year</span>"
        in (outputs["partial_date"])
    )
    assert ">intergovernmental organisation <span" in outputs["enum_value"]
    assert (
        "International Organization for Migration (IOM) <code>iom</code>"
        in (outputs["participant"])
    )
    assert ">Collaboration with international organisations</a>" in outputs["source"]
    assert "Session</span>" in outputs["session"]
    assert ">Data version</th>" in outputs["release"]


def test_results_added(outputs: dict[str, str]) -> None:
    assert "2 organisations, 7 programmes" in outputs["results_added"]
    assert ">matched in</th>" in outputs["search_added"]  # hits kept: one search
    assert "6 found" in outputs["search_added"]


def test_plots_show_as_images(executed: Any) -> None:
    plots = [cell for cell in executed.cells if cell.metadata.get("plot")]
    assert [cell.metadata["name"] for cell in plots] == list(PLOTS)
    for cell in plots:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        images = [o.data["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})]
        assert images, cell.source
        assert all(len(image) > 1000 for image in images)  # base64 of a real PNG


class _Cells(HTMLParser):
    """The td and th tags inside eucoop's outputs, with their inline styles; and eucoop tables."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how deep inside a div of class eucoop, 0 outside
        self.cells: list[str] = []
        self.tables: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        got = dict(attrs)
        if self.depth:
            self.depth += tag == "div"
        elif tag == "div" and got.get("class") == "eucoop":
            self.depth = 1
        if self.depth and tag in ("td", "th"):
            self.cells.append(got.get("style") or "")
        if self.depth and tag == "table":
            self.tables.append(got.get("style") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1


def test_nbconvert_html_keeps_cells_left_aligned(executed: Any) -> None:
    exporter: Any = importlib.import_module("nbconvert").HTMLExporter()  # untyped
    page, _ = exporter.from_notebook_node(executed)
    # The front end's stylesheet right-aligns cells: that is what the inline styles beat.
    assert re.search(r"\.jp-RenderedHTMLCommon td,[^{]*\{\s*text-align: right;", page)
    cells = _Cells()
    cells.feed(page)
    assert len(cells.cells) > 500
    assert all("text-align:left" in style for style in cells.cells)
    assert len(cells.tables) > 20
    assert all("margin:0.3em auto 0.3em 0" in style for style in cells.tables)  # not centred
