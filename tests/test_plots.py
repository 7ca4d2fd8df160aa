"""Plots: ``Registry.plot_timeline`` and ``plot_network`` (the ``plot`` extra)."""

from __future__ import annotations

import importlib.util
import io
import math
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop._queries import plots
from eucoop._queries.layout import Box, Taken, free_spot, iterations_for, spring
from eucoop._queries.plots import RELATION_STYLES, kind_colours

KIND_COLOURS = kind_colours()

needs_plot = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("matplotlib", "networkx")),
    reason="plots need the plot extra: pip install 'eucoop[plot]'",
)

REG = eucoop.load()


def _legend_labels(fig: Any) -> list[str]:
    (legend,) = fig.legends
    return [t.get_text() for t in legend.get_texts()]


def _row_labels(fig: Any) -> list[str]:
    (ax,) = fig.axes
    return [t.get_text() for t in ax.get_yticklabels()]


@needs_plot
def test_timeline_is_a_figure_with_a_row_per_entity_and_a_legend() -> None:
    from matplotlib.figure import Figure

    fig = REG.plot_timeline()
    assert isinstance(fig, Figure)
    rows = list(dict.fromkeys(t.entity for t in REG.timeline()))
    labels = _row_labels(fig)
    assert len(labels) == len(rows)
    assert labels[:3] == ["UNGA", "UN", "ECOSOC"]  # in order of their first dates
    assert all(len(label) <= 40 and "\n" not in label for label in labels)
    legend = _legend_labels(fig)
    assert {"founded", "adopted / in force", "meeting", *KIND_COLOURS} <= set(legend)
    assert fig.axes[0].get_title().startswith("Dated facts")


@needs_plot
def test_timeline_window_keeps_the_entries_in_it() -> None:
    fig = REG.plot_timeline("2018", "2018")
    entries = REG.timeline("2018", "2018")
    names = [REG[i].acronym or REG[i].name for i in dict.fromkeys(t.entity for t in entries)]
    assert _row_labels(fig) == names
    (ax,) = fig.axes
    markers = [line for line in ax.get_lines() if line.get_marker() not in (None, "None", "")]
    assert len(markers) == len(entries)
    # only the kinds in the window have a colour in the legend
    kinds = {REG[t.entity].kind_name for t in entries}
    assert set(_legend_labels(fig)) & set(KIND_COLOURS) == kinds
    left, right = ax.get_xlim()
    assert left > 2017
    assert right < 2020


@needs_plot
def test_an_empty_timeline_says_so() -> None:
    fig = REG.plot_timeline("1900", "1901")
    (ax,) = fig.axes
    assert _row_labels(fig) == []
    assert [t.get_text() for t in ax.texts] == ["no dated facts"]


@needs_plot
def test_network_is_a_figure_with_every_node_labelled_and_a_legend() -> None:
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

    fig = REG.plot_network()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.texts if isinstance(t, Annotation)]
    assert len(labels) == len(REG)
    assert {"EU", "IOM", "UNHCR", "GCM"} <= set(labels)
    assert all(label.count("\n") <= 1 for label in labels)  # two lines at most
    legend = _legend_labels(fig)
    assert legend == [*KIND_COLOURS, *(f"{rel} link" for rel in RELATION_STYLES)]
    notes = [t.get_text() for t in ax.texts if not isinstance(t, Annotation)]
    assert notes == ["Not linked to anything in the graph:"]


@needs_plot
def test_network_labels_overlap_no_label_and_no_node() -> None:
    from matplotlib.text import Annotation

    fig = REG.plot_network()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    boxes = [t.get_window_extent(renderer) for t in ax.texts if isinstance(t, Annotation)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    nodes = [
        bbox
        for coll in ax.collections
        if coll.get_offsets().shape[0] and type(coll).__name__ == "PathCollection"
        for bbox in _node_boxes(ax, coll, fig.dpi)
    ]
    assert len(nodes) == len(REG)
    for a in boxes:
        assert not any(a.overlaps(n) for n in nodes)


def _node_boxes(ax: Any, coll: Any, dpi: float) -> list[Any]:
    from matplotlib.transforms import Bbox

    out = []
    for (x, y), size in zip(
        ax.transData.transform(coll.get_offsets()), coll.get_sizes(), strict=True
    ):
        r = size**0.5 / 2 * dpi / 72 - 1  # a pixel of anti-aliasing may touch
        out.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    return out


@needs_plot
def test_network_of_a_small_registry(valid: dict[str, Any]) -> None:
    reg = eucoop.load(valid, include_default=False)
    fig = reg.plot_network()
    (ax,) = fig.axes
    assert len(ax.texts) >= len(reg)


@needs_plot
def test_figures_are_the_same_every_time() -> None:
    def png(fig: Any) -> bytes:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    assert png(REG.plot_network()) == png(REG.plot_network())


@needs_plot
def test_figures_show_in_notebooks_and_pickle() -> None:
    fig = REG.plot_timeline("2018", "2018")
    assert fig._repr_png_().startswith(b"\x89PNG")
    again = pickle.loads(pickle.dumps(fig))  # noqa: S301 - our own figure
    assert _row_labels(again) == _row_labels(fig)


DOCS = [{"id": "doc", "title": "T", "publisher": "P"}]


def _organisations(n: int, linked: bool = True) -> eucoop.Registry:
    """*n* organisations, each (but the first) the child of an earlier one when *linked*."""
    orgs = [
        {
            "id": f"org-{i}",
            "name": f"Organisation number {i}",
            "kind": "intergovernmental_organisation",
            **({"parent": f"org-{(i - 1) // 3}"} if i and linked else {}),
            "sources": [{"document": "doc"}],
        }
        for i in range(n)
    ]
    return eucoop.load({"documents": DOCS, "organisations": orgs}, include_default=False)


def _annotations(fig: Any) -> list[str]:
    from matplotlib.text import Annotation

    (ax,) = fig.axes
    return [t.get_text() for t in ax.texts if isinstance(t, Annotation)]


def _nodes(fig: Any) -> list[tuple[float, float]]:
    (ax,) = fig.axes
    return [
        (float(x), float(y))
        for coll in ax.collections
        if type(coll).__name__ == "PathCollection"
        for x, y in coll.get_offsets()
    ]


@needs_plot
def test_network_of_an_empty_registry_says_so() -> None:
    empty = eucoop.load({"documents": DOCS}, include_default=False)
    fig = empty.plot_network()
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.texts] == ["no entities"]
    assert _legend_labels(fig) == [*KIND_COLOURS, *(f"{rel} link" for rel in RELATION_STYLES)]
    assert fig._repr_png_().startswith(b"\x89PNG")


@needs_plot
@pytest.mark.parametrize("n", [1, 2])
def test_network_of_one_or_two_unlinked_entities(n: int) -> None:
    fig = _organisations(n, linked=False).plot_network()
    assert sorted(_annotations(fig)) == [f"Organisation\nnumber {i}" for i in range(n)]
    assert len(set(_nodes(fig))) == n


@needs_plot
def test_network_of_600_linked_organisations_needs_no_scipy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """networkx lays out 500 nodes or more with scipy, which eucoop[plot] does not bring."""
    reg = _organisations(600)
    monkeypatch.setitem(sys.modules, "scipy", None)  # import scipy raises ImportError
    fig = reg.plot_network()
    nodes = _nodes(fig)
    assert len(nodes) == len(set(nodes)) == 600
    assert all(math.isfinite(c) for xy in nodes for c in xy)
    # 600 labels do not fit in 730 pixels: those that do are written, and a note counts the rest
    placed = _annotations(fig)
    assert 20 < len(placed) < 600
    (ax,) = fig.axes
    notes = [t.get_text() for t in ax.texts if t.get_text() not in placed]
    left_out = 600 - len(placed)
    assert notes == [
        f"{left_out} labels left out for want of room: reg.to_networkx() has every node"
    ]
    (ax,) = fig.axes
    segments = [
        s for coll in ax.collections if hasattr(coll, "get_segments") for s in coll.get_segments()
    ]
    assert len(segments) == 599  # one line per parent link


@needs_plot
def test_a_large_network_labels_its_most_linked_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "LABELS_MAX", 3)
    fig = _organisations(13).plot_network()
    assert len(_nodes(fig)) == 13
    # org-0 has 3 children; org-1..3 have 3 children and a parent: the most linked
    assert sorted(_annotations(fig)) == [f"Organisation\nnumber {i}" for i in (1, 2, 3)]


@needs_plot
def test_timeline_of_an_empty_registry_and_of_undated_entities() -> None:
    for reg in (
        eucoop.load({"documents": DOCS}, include_default=False),
        _organisations(3),
        REG.as_of("1800"),
    ):
        fig = reg.plot_timeline()
        (ax,) = fig.axes
        assert _row_labels(fig) == []
        assert [t.get_text() for t in ax.texts] == ["no dated facts"]
        assert fig._repr_png_().startswith(b"\x89PNG")


# -- the layout and the labels' places ----------------------------------------------


def test_spring_is_the_same_every_time_and_fills_the_square() -> None:
    edges = [(i, (i - 1) // 2) for i in range(1, 40)]
    a = spring(40, edges, seed=11, k=0.3)
    assert a == spring(40, edges, seed=11, k=0.3)
    assert a != spring(40, edges, seed=12, k=0.3)
    assert max(abs(c) for xy in a for c in xy) == pytest.approx(1.0)
    assert len(set(a)) == 40
    assert spring(0, [], seed=1, k=1.0) == []
    assert spring(1, [], seed=1, k=1.0) == [(0.0, 0.0)]


def test_spring_pulls_linked_nodes_together() -> None:
    edges = [(i, i + 1) for i in range(0, 20, 2)]  # ten separate pairs
    pos = spring(20, edges, seed=3, k=0.2)

    def gap(i: int, j: int) -> float:
        return math.dist(pos[i], pos[j])

    paired = [gap(i, j) for i, j in edges]
    apart = [gap(i, j) for i in range(20) for j in range(i + 1, 20) if (i, j) not in edges]
    assert max(paired) < min(apart)


def test_a_large_layout_takes_fewer_steps() -> None:
    assert iterations_for(300) == 500
    assert [iterations_for(n) for n in (600, 2000)] == [125, 11]
    assert all(n * n * iterations_for(n) <= 500 * 300 * 300 for n in range(1, 20_000, 97))
    assert len(set(spring(3, [(0, 1)], seed=1, k=1.0))) == 3  # a node with no link is laid out
    assert len(set(spring(3, [], seed=1, k=1.0))) == 3  # and nodes with none at all


_coordinates = st.floats(-300, 300, allow_nan=False)


@st.composite
def _boxes(draw: st.DrawFn) -> Box:
    x, y = draw(_coordinates), draw(_coordinates)
    return (x, y, x + draw(st.floats(0, 400)), y + draw(st.floats(0, 400)))


@given(st.lists(_boxes(), max_size=20), _boxes())
def test_taken_finds_every_overlap(boxes: list[Box], box: Box) -> None:
    def overlap(a: Box, b: Box) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert Taken(boxes).hits(box) == any(overlap(box, b) for b in boxes)


def test_free_spot_finds_nothing_when_nothing_is_free_within_reach() -> None:
    assert free_spot((50, 50), 5, (20, 10), Taken([(0, 0, 100, 100)]), (0, 0, 100, 100)) is None
    taken = Taken([(0, 0, 200, 70), (0, 0, 70, 200), (30, 30, 200, 200)])
    assert free_spot((50, 50), 5, (20, 10), taken, (0, 0, 200, 200), reach=2) is None
    assert free_spot((50, 50), 5, (20, 10), taken, (0, 0, 300, 300)) is not None


def test_free_spot_draws_a_line_to_a_label_placed_away() -> None:
    taken = Taken([(0, 0, 100, 56), (0, 0, 44, 100), (56, 0, 100, 100)])  # all around, just outside
    spot = free_spot((50, 50), 5, (20, 10), taken, (0, 0, 200, 200))
    assert spot is not None
    box, far = spot
    assert far
    assert box[1] >= 56 or box[0] >= 56 or box[2] <= 44


@pytest.mark.parametrize(
    ("module", "call"),
    [("matplotlib", "plot_timeline"), ("matplotlib", "plot_network"), ("networkx", "plot_network")],
)
def test_missing_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, module: str, call: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ModuleNotFoundError, match=rf"{call} needs {module}.*'eucoop\[plot\]'"):
        getattr(REG, call)()


@needs_plot
def test_plotting_leaves_pyplot_alone() -> None:
    code = (
        "import sys, eucoop; reg = eucoop.load(); reg.plot_timeline(); reg.plot_network(); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@needs_plot
@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("nbclient", "ipykernel", "nbformat")),
    reason="the notebook test needs the test extra: pip install -e '.[test]'",
)
def test_a_notebook_shows_the_figures(tmp_path: Path) -> None:
    from tests.test_kernel import execute

    v4: Any = importlib.import_module("nbformat.v4")
    nb = v4.new_notebook()
    code = ["import eucoop\nreg = eucoop.load()", 'reg.plot_timeline("2018", "2019")']
    nb.cells = [v4.new_code_cell(c) for c in [*code, "reg.plot_network()"]]
    execute(nb, tmp_path)
    for cell in nb.cells[1:]:
        (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert result.data["image/png"], cell.source  # a picture, not "<Figure size ...>"


@needs_plot
@pytest.mark.parametrize(("start", "end"), [("2016", "2019"), ("2018", "2018"), (None, None)])
def test_timeline_ticks_are_whole_years(start: str | None, end: str | None) -> None:
    fig = REG.plot_timeline(start, end)
    fig.canvas.draw()
    (ax,) = fig.axes
    left, right = ax.get_xlim()
    ticks = [t for t in ax.get_xticks() if left <= t <= right]
    assert len(ticks) >= 2
    assert all(t == int(t) for t in ticks), ticks
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels
    assert all(label.isdigit() and len(label) == 4 for label in labels), labels


# -- the network at the docs' width ------------------------------------------------

#: The width of the documentation's text column, in pixels, where the figure is shown at 100%.
DOCS_WIDTH = 730


@needs_plot
def test_network_labels_are_legible_at_the_docs_width() -> None:
    """At 730 pixels wide, each label's lines are at least 11 pixels high (they were about 6)."""
    from matplotlib.text import Annotation

    fig = REG.plot_network()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    shrink = DOCS_WIDTH / (fig.get_figwidth() * fig.dpi)  # how much the docs scale the drawing
    (ax,) = fig.axes
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    assert len(labels) == len(REG)  # every entity of the packaged data has its label
    for t in labels:
        assert t.get_fontsize() * fig.dpi / 72 * shrink >= 12, t.get_text()
        lines = t.get_text().count("\n") + 1
        box = t.get_window_extent(renderer)
        assert box.height * shrink / lines >= 11, t.get_text()  # the drawn lines, not the setting
    legend = [t.get_fontsize() * fig.dpi / 72 * shrink for t in fig.legends[0].get_texts()]
    assert min(legend) >= 12


@needs_plot
def test_network_labels_stay_inside_the_figure_and_off_the_legend() -> None:
    from matplotlib.text import Annotation

    fig = REG.plot_network()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    legend = fig.legends[0].get_window_extent(renderer)
    title = ax.title.get_window_extent(renderer)
    for t in ax.texts:
        if isinstance(t, Annotation):
            box = t.get_window_extent(renderer)
            assert fig.bbox.x0 <= box.x0, t.get_text()
            assert box.x1 <= fig.bbox.x1, t.get_text()
            assert not box.overlaps(legend), t.get_text()
            assert not box.overlaps(title), t.get_text()


@needs_plot
def test_the_gcm_is_linked_in_the_network() -> None:
    graph = REG.to_networkx()
    assert graph.has_edge("un-general-assembly", "gcm")  # a participant link
    assert [n for n in graph if graph.degree(n) == 0] == [
        "global-approach-to-migration-and-mobility"
    ]


def test_mass_keeps_hubs_apart() -> None:
    """Three hubs of ten leaves each, the hubs in a row: heavier hubs stand further apart."""
    edges = [(0, 1), (1, 2)] + [(h, 3 + 10 * h + i) for h in range(3) for i in range(10)]
    n = 33
    degree = [sum(i in e for e in edges) for i in range(n)]

    def spread(pos: list[tuple[float, float]]) -> float:
        return min(math.dist(pos[0], pos[1]), math.dist(pos[1], pos[2]))  # within [-1, 1]

    plain = spring(n, edges, seed=11, k=0.2)
    heavy = spring(n, edges, seed=11, k=0.2, mass=[d**0.75 for d in degree])
    assert spread(heavy) > spread(plain)
    assert spring(n, edges, seed=11, k=0.2, mass=[1.0] * n) == plain
