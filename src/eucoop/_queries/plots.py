"""Plots: the timeline and the graph of who cooperates with whom, as matplotlib figures.

``Registry.plot_timeline`` and ``Registry.plot_network`` call :func:`timeline`
and :func:`network`, and so does the docs' catalogue: a notebook and the
catalogue show one drawing. matplotlib (and networkx, for the graph) are the
``plot`` extra, imported only when a figure is drawn.

The figures are made with matplotlib's object API, never pyplot: nothing opens
a window, no backend is chosen and no global state changes. A figure shows
itself in a notebook as a PNG (its ``_repr_png_``) whether or not pyplot was
ever imported there, and ``fig.savefig(...)`` writes it anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from eucoop._model import KINDS, Entity
from eucoop._queries.graph import to_networkx
from eucoop._queries.layout import Taken, free_spot, spring
from eucoop._queries.tables import optional
from eucoop._queries.time import TimelineEntry

if TYPE_CHECKING:
    import datetime as dt

    from matplotlib.figure import Figure

__all__ = [
    "LABELS_MAX",
    "LABEL_POINTS",
    "LABEL_REACH",
    "NETWORK_INCHES",
    "RELATION_STYLES",
    "figure_class",
    "kind_colours",
    "network",
    "timeline",
]


def kind_colours() -> dict[str, str]:
    """The colour of each kind of entity in both figures, as its kind declares it.

    >>> kind_colours()["organisation"]  # colour-blind-safe Okabe-Ito hues
    '#0072B2'
    """
    return {k.noun: k.colour for k in KINDS}


#: How the network draws each relation, the closest first (one line per pair: the first wins).
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "partnership": {"color": "#E69F00", "linewidth": 2.4, "linestyle": "solid"},
    "parent": {"color": "#888888", "linewidth": 1.2, "linestyle": "dashed"},
    "formalises": {"color": "#009E73", "linewidth": 1.4, "linestyle": "dotted"},
    "adopted": {"color": "#CC79A7", "linewidth": 1.2, "linestyle": "dashdot"},
    "participant": {"color": "#56B4E9", "linewidth": 1.4, "linestyle": "solid"},
}
#: The most labels the network writes: those of the most linked nodes (more could not be read,
#: and writing each takes a few milliseconds).
LABELS_MAX = 1000
#: The network's size in inches. At its 100 dpi it is 730 pixels wide, the docs' text column,
#: so that the documentation shows it at the size it is drawn, and a notebook nearly so.
NETWORK_INCHES = (7.3, 7.6)
#: The type of the network's labels, in points: 12.5 pixels high at 100 dpi.
LABEL_POINTS = 9
#: How far from its node a label may go, in steps of 4 pixels (with a line to the node beyond 3).
LABEL_REACH = 12
#: Timeline markers: (marker, legend label) by the field a date comes from.
MARKERS = {
    "founded": ("o", "founded"),
    "adopted": ("s", "adopted / in force"),
    "in_force": ("s", "adopted / in force"),
    "sessions": ("D", "meeting"),
    "launched": ("^", "launched / ended"),
    "ended": ("^", "launched / ended"),
}
#: Timeline markers of the dates of participations and partnerships.
JOINS, LEAVES = ("P", "joins / partnership begins"), ("X", "leaves / partnership ends")


@cache
def figure_class() -> type[Figure]:
    """Matplotlib's ``Figure`` with a ``_repr_png_``, so that a notebook shows it.

    Without pyplot, which registers matplotlib's own display hook when
    imported, IPython would show a plain ``Figure`` as ``<Figure size ...>``.
    Made on first use, as matplotlib is an optional extra.
    """
    figure = optional("matplotlib.figure", "plot", "plotting")
    backend = optional("matplotlib.backends.backend_agg", "plot", "plotting")

    class PlotFigure(figure.Figure):  # type: ignore[misc,name-defined]
        """A matplotlib figure drawn with Agg, shown in notebooks as a PNG."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            backend.FigureCanvasAgg(self)

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", bbox_inches="tight")
            return buffer.getvalue()

    PlotFigure.__module__, PlotFigure.__qualname__ = __name__, "PlotFigure"
    return PlotFigure


def __getattr__(name: str) -> Any:
    """``PlotFigure``, made on first use, so that pickled figures load again."""
    if name == "PlotFigure":
        return figure_class()
    raise AttributeError(name)


def short(text: str, width: int, lines: int) -> str:
    """*text* wrapped to *width* columns, cut to *lines* lines with an ellipsis."""
    import textwrap  # noqa: PLC0415 - only a figure needs it, not import eucoop

    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…"))


def year(d: dt.date) -> float:
    """A date as a fractional year, for plotting."""
    import datetime as dt  # noqa: PLC0415 - only a figure needs it, not import eucoop

    jan1 = dt.date(d.year, 1, 1).toordinal()
    days = dt.date(d.year, 12, 31).toordinal() - jan1 + 1
    return d.year + (d.toordinal() - jan1) / days


def _legend(fig: Figure, handles: list[Any], ncol: int, fontsize: float = 8) -> None:
    fig.legend(
        handles=handles, loc="outside lower center", ncol=ncol, fontsize=fontsize, frameon=False
    )


# -- the timeline ------------------------------------------------------------------


def timeline(entries: Sequence[TimelineEntry], entities: Mapping[str, Entity]) -> Figure:
    """Every entry, one row per entity in order of its first date, coloured by kind.

    A marker's shape says what happened (founded, adopted, a meeting...); a
    pale bar behind it spans a date known only to the month or year. The
    legend sits below the plot, where it hides nothing.
    """
    optional("matplotlib", "plot", "plot_timeline")
    lines = optional("matplotlib.lines", "plot", "plot_timeline")
    ticker = optional("matplotlib.ticker", "plot", "plot_timeline")
    rows = list(dict.fromkeys(t.entity for t in entries))
    row = {entity: i for i, entity in enumerate(rows)}
    fig = figure_class()(figsize=(10, 0.3 * len(rows) + 2.4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    shown: dict[str, str] = {}
    colours = kind_colours()
    for t in entries:
        y = row[t.entity]
        colour = colours[entities[t.entity].kind_name]
        marker, what = MARKERS.get(
            t.field.partition("[")[0], LEAVES if t.field.endswith("until") else JOINS
        )
        shown[what] = marker
        x0, x1 = year(t.date.start), year(t.date.end) + 1 / 365
        if t.date.precision != "day":
            ax.plot([x0, x1], [y, y], color=colour, linewidth=5, alpha=0.35, solid_capstyle="butt")
        ax.plot([x0], [y], marker=marker, color=colour, markersize=6, linestyle="none")
    ax.set_yticks(
        range(len(rows)),
        [short(entities[i].acronym or entities[i].name, 40, 1) for i in rows],
        fontsize=8,
    )
    ax.set_xlabel("year")
    # whole years only: a tick at 2017.5 reads as a date no one can place
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True, min_n_ticks=2))
    ax.xaxis.set_major_formatter(ticker.FormatStrFormatter("%d"))
    ax.grid(axis="x", alpha=0.3)
    if rows:
        ax.set_ylim(len(rows) - 0.5, -0.5)
    else:
        ax.text(0.5, 0.5, "no dated facts", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(
        "Dated facts in eucoop (a pale bar: the date is known only to the month or year)",
        fontsize=10,
    )
    kinds = sorted({entities[i].kind_name for i in rows}, key=list(colours).index)
    handles = [
        lines.Line2D([], [], color="#555555", marker=m, linestyle="none", label=w)
        for w, m in shown.items()
    ] + [lines.Line2D([], [], color=colours[k], linewidth=5, label=k) for k in kinds]
    _legend(fig, handles, 5)
    return fig


# -- the network -------------------------------------------------------------------


def network(entities: Sequence[Entity]) -> Figure:
    """The graph of :func:`~eucoop._queries.graph.to_networkx`, one line per related pair.

    Nodes are coloured by kind and sized by how many links they have; a line
    shows the closest relation of a pair (:data:`RELATION_STYLES`). The linked
    entities are laid out by a seeded spring layout (:func:`~eucoop._queries.layout.spring`:
    the same figure every time, and no scipy needed) in which the most linked
    push the others harder, so that the hubs stand apart with room round
    them; those linked to nothing are lined up along the bottom.

    The figure is :data:`NETWORK_INCHES` at 100 dpi, the docs' text width,
    so that its labels (:data:`LABEL_POINTS`) read at the size they are set.
    Labels (an acronym, else a name cut to two short lines) are placed the
    most linked nodes' first, each next to its node where it overlaps no
    other label and no node (a label moved away gets a thin line to its
    node); a label that finds no such spot within :data:`LABEL_REACH` is left
    out rather than drawn over another, and a note under the graph says how
    many were. A graph of more than :data:`LABELS_MAX` nodes has labels on
    the most linked ones only. With no entities, the figure says so.
    """
    optional("matplotlib", "plot", "plot_network")
    nx = optional("networkx", "plot", "plot_network")
    collections = optional("matplotlib.collections", "plot", "plot_network")
    lines = optional("matplotlib.lines", "plot", "plot_network")
    graph = nx.Graph()
    multi = to_networkx(entities)
    graph.add_nodes_from(multi.nodes(data=True))
    rank = list(RELATION_STYLES)
    for u, v, data in multi.edges(data=True):
        rel = data["relation"]
        if not graph.has_edge(u, v) or rank.index(rel) < rank.index(graph[u][v]["relation"]):
            graph.add_edge(u, v, relation=rel)
    pos = _layout(graph)
    fig = figure_class()(figsize=NETWORK_INCHES, dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title("Who cooperates with whom in eucoop", fontsize=11)
    colours = kind_colours()
    handles = [
        lines.Line2D([], [], color=c, marker="o", linestyle="none", label=k)
        for k, c in colours.items()
    ] + [lines.Line2D([], [], label=f"{rel} link", **s) for rel, s in RELATION_STYLES.items()]
    _legend(fig, handles, 3, fontsize=LABEL_POINTS)
    if not pos:
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        return fig
    for rel, style in RELATION_STYLES.items():
        segments = [(pos[u], pos[v]) for u, v, r in graph.edges(data="relation") if r == rel]
        ax.add_collection(collections.LineCollection(segments, alpha=0.85, zorder=1, **style))
    nodes = list(graph)
    sizes = {n: 60 + 24 * min(graph.degree(n), 20) for n in nodes}
    for kind, colour in colours.items():
        mine = [n for n in nodes if graph.nodes[n]["kind"] == kind]
        ax.scatter(
            [pos[n][0] for n in mine],
            [pos[n][1] for n in mine],
            s=[sizes[n] for n in mine],
            c=colour,
            alpha=0.9,
            linewidths=0.8,
            edgecolors="white",
            zorder=2,
        )
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    pad_x, pad_y = 0.04 * (max(xs) - min(xs) or 1), 0.05 * (max(ys) - min(ys) or 1)
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    shown = sorted(nodes, key=lambda n: (-sizes[n], n))[:LABELS_MAX]
    labels = {n: short(graph.nodes[n]["label"], 18, 2) for n in shown}
    placed = _place_labels(ax, pos, labels, sizes)
    notes = []
    alone = [n for n in nodes if graph.degree(n) == 0]
    if alone and len(alone) < len(nodes):
        y = pos[alone[0]][1] + 0.5 * pad_y
        ax.text(min(xs), y, "Not linked to anything in the graph:", fontsize=8, style="italic")
    if placed < len(labels):
        left_out = len(labels) - placed
        notes.append(
            f"{left_out} label{'s' if left_out > 1 else ''} left out for want of room: "
            "reg.to_networkx() has every node"
        )
    if notes:
        ax.text(
            0, -0.01, "; ".join(notes), fontsize=8, style="italic", va="top", transform=ax.transAxes
        )
    return fig


def _layout(graph: Any) -> dict[str, tuple[float, float]]:
    """Node positions: a seeded spring layout of the linked nodes, the others in a row below.

    A node's mass in the layout grows with the square root of its links, so
    that hubs push their neighbours, and each other, further out.
    """
    alone = sorted(
        (n for n in graph if graph.degree(n) == 0), key=lambda n: (graph.nodes[n]["kind"], n)
    )
    linked = [n for n in graph if graph.degree(n)]
    number = {n: i for i, n in enumerate(linked)}
    edges = [(number[u], number[v]) for u, v in graph.edges()]
    mass = [graph.degree(n) ** 0.75 for n in linked]
    found = spring(len(linked), edges, seed=11, k=1.0 / max(len(linked), 1) ** 0.5, mass=mass)
    pos = dict(zip(linked, found, strict=True))
    xs, ys = [p[0] for p in pos.values()] or [0.0, 1.0], [p[1] for p in pos.values()] or [0.0]
    left, right, bottom = min(xs), max(xs), min(ys)
    for i, n in enumerate(alone):
        pos[n] = (
            left + (right - left) * (i + 0.5) / len(alone),
            bottom - 0.2 * (max(ys) - bottom or 1),
        )
    return pos


def _place_labels(
    ax: Any,
    pos: Mapping[str, tuple[float, float]],
    labels: Mapping[str, str],
    sizes: Mapping[str, float],
) -> int:
    """Write each label next to its node where it overlaps no node and no other label.

    Works in pixels once the layout is done: the nodes (all of *pos*,
    labelled or not) are boxes, and the labels are placed one by one, the
    biggest nodes' first, each at the first free spot
    :func:`~eucoop._queries.layout.free_spot` finds. A label placed away from
    its node gets a thin grey line to it; one with no free spot is left out.
    Returns how many were placed.
    """
    lines = optional("matplotlib.lines", "plot", "plot_network")
    fig = ax.figure
    fig.draw_without_rendering()  # the layout, so that data -> pixel transforms are final
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72  # pixels per point
    nodes = list(pos)
    pixels = ax.transData.transform([pos[n] for n in nodes]) if nodes else []
    centres = {n: (float(x), float(y)) for n, (x, y) in zip(nodes, pixels, strict=True)}
    radius = {n: (sizes[n] ** 0.5) / 2 * scale for n in pos}  # a size is an area in pt²
    taken = Taken(
        (x - radius[n], y - radius[n], x + radius[n], y + radius[n])
        for n, (x, y) in centres.items()
    )
    area = fig.bbox  # labels may use the margins round the axes, not the legend's strip
    legend = fig.legends[0].get_window_extent(renderer)
    bounds = (area.x0, legend.y1, area.x1, ax.title.get_window_extent(renderer).y0)
    pad = 0.1 * LABEL_POINTS * scale  # the white box round a label: 0.1 of its font, in pixels
    placed = 0
    for n in sorted(labels, key=lambda n: (-sizes[n], n)):
        text = ax.annotate(
            labels[n],
            pos[n],
            xytext=(0, 0),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=LABEL_POINTS,
            linespacing=1.0,
            zorder=3,
            annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        text.set_in_layout(False)  # else the final layout would move the axes under them
        extent = text.get_window_extent(renderer).padded(pad)
        spot = free_spot(
            centres[n], radius[n], tuple(extent.size), taken, bounds, reach=LABEL_REACH
        )
        if spot is None:
            text.remove()
            continue
        box, far = spot
        taken.add(box)
        placed += 1
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        text.xyann = ((x - centres[n][0]) / scale, (y - centres[n][1]) / scale)
        if far:
            end = ax.transData.inverted().transform((x, y))
            xs, ys = [pos[n][0], end[0]], [pos[n][1], end[1]]
            ax.add_line(lines.Line2D(xs, ys, color="#999999", linewidth=0.6, zorder=1.5))
    return placed
