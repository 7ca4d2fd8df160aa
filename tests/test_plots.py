"""Plots: ``Registry.plot_timeline`` and ``plot_network`` (the ``plot`` extra)."""

from __future__ import annotations

import importlib.util
import io
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import eucoop
from eucoop._queries.plots import RELATION_STYLES, free_spot, kind_colours

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
    assert all(label.count("\n") <= 2 for label in labels)  # three lines at most
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


def test_free_spot_falls_back_below_the_node_when_nothing_is_free() -> None:
    box, far = free_spot((50, 50), 5, (20, 10), [(0, 0, 100, 100)], (0, 0, 100, 100))
    assert (box, far) == ((40.0, 34.0, 60.0, 44.0), False)


def test_free_spot_draws_a_line_to_a_label_placed_away() -> None:
    taken = [(0, 0, 100, 56), (0, 0, 44, 100), (56, 0, 100, 100)]  # all around, just outside
    box, far = free_spot((50, 50), 5, (20, 10), taken, (0, 0, 200, 200))
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
