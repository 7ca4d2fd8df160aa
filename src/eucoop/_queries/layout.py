"""Where the network figure puts things: its nodes (a force-directed layout), its labels.

networkx's ``spring_layout`` runs the Fruchterman-Reingold algorithm on a
dense matrix below 500 nodes, and from 500 nodes on a sparse one that needs
scipy, which the ``plot`` extra does not bring (matplotlib brings numpy). So
:func:`spring` is that algorithm, written once for any number of nodes: the
same forces, cooling and starting positions as networkx's dense method
(a seeded ``numpy.random.RandomState``), so that a figure does not depend
on the networkx version, and within a budget of work, so that a large graph
is laid out in seconds.

Labels go where they overlap nothing already placed (:func:`free_spot`); the
boxes placed so far are kept in a grid of cells (:class:`Taken`), so that
checking a spot looks at the few boxes near it, not at every one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = [
    "DIRECTIONS",
    "ITERATIONS",
    "PAIR_STEPS",
    "Box",
    "Taken",
    "free_spot",
    "iterations_for",
    "spring",
]

#: How many steps a small graph gets: its nodes settle well before.
ITERATIONS = 500
#: The work a layout may take, in node pairs visited (each step visits every pair): all
#: ITERATIONS steps up to 300 nodes, fewer above (a rougher layout), none from about 6,700
#: (the nodes stay where they start, spread at random), so that no graph takes long.
PAIR_STEPS = ITERATIONS * 300 * 300
#: Rows of the pair matrices computed at once, so that memory stays small for large graphs.
BLOCK = 64


def iterations_for(n: int) -> int:
    """How many steps :func:`spring` takes for *n* nodes: all of them unless that is too much.

    >>> iterations_for(47), iterations_for(600), iterations_for(2000), iterations_for(10_000)
    (500, 125, 11, 0)
    """
    return min(ITERATIONS, PAIR_STEPS // max(n * n, 1))


def spring(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    seed: int,
    k: float,
    mass: Sequence[float] | None = None,
) -> list[tuple[float, float]]:
    """Positions of *n* nodes joined by *edges* (pairs of node numbers), within [-1, 1].

    Every pair of nodes pushes apart with the force ``k² / d`` and every edge
    pulls its ends together with ``d² / k``. With *mass* (one number a node),
    a pair pushes apart with ``k² m₁ m₂ / d`` instead: heavy nodes (the hubs,
    when a node's mass grows with its links) keep away from each other and
    from the rest, so that their neighbours have room. Each step moves a node along its
    net force by at most the temperature, which cools from a tenth of the
    layout's width to nothing in :func:`iterations_for` steps. The result is
    centred on the origin and scaled so that the farthest coordinate is 1.

    A path of three nodes: the middle one in the middle, the ends opposite.

    >>> [(round(x, 2), round(y, 2)) for x, y in spring(3, [(0, 1), (1, 2)], seed=1, k=0.5)]
    [(0.2, 1.0), (0.0, 0.0), (-0.2, -1.0)]
    """
    import numpy as np  # noqa: PLC0415 - the plot extra's (with matplotlib), only for a figure

    if n == 0:
        return []
    if n == 1:
        return [(0.0, 0.0)]
    pos: Any = np.random.RandomState(seed).rand(n, 2)  # where networkx starts too
    ends = np.array(edges, dtype=np.intp).reshape(-1, 2)
    ends = np.concatenate([ends, ends[:, ::-1]])  # each edge pulls both its ends
    steps = iterations_for(n)
    t = 0.1 * float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])))
    dt = t / (steps + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()  # contiguous: the steps run faster
    fx, fy = np.empty(n), np.empty(n)
    m = np.ones(n) if mass is None else np.asarray(mass, dtype=float)
    for _ in range(steps):
        for lo in range(0, n, BLOCK):
            dx = x[lo : lo + BLOCK, None] - x[None, :]
            dy = y[lo : lo + BLOCK, None] - y[None, :]
            push = dx * dx
            push += dy * dy
            np.maximum(push, 1e-4, out=push)  # no two nodes closer than 0.01
            np.divide(k * k, push, out=push)
            if mass is not None:
                push *= m[lo : lo + BLOCK, None] * m[None, :]
            fx[lo : lo + BLOCK] = np.einsum("ij,ij->i", dx, push)
            fy[lo : lo + BLOCK] = np.einsum("ij,ij->i", dy, push)
        if len(ends):
            px = x[ends[:, 0]] - x[ends[:, 1]]
            py = y[ends[:, 0]] - y[ends[:, 1]]
            pull = np.maximum(np.sqrt(px * px + py * py), 0.01) / k
            np.subtract.at(fx, ends[:, 0], px * pull)
            np.subtract.at(fy, ends[:, 0], py * pull)
        scale = t / np.maximum(np.sqrt(fx * fx + fy * fy), 0.01)
        fx *= scale
        fy *= scale
        x += fx
        y += fy
        t -= dt
        if np.sqrt(np.dot(fx, fx) + np.dot(fy, fy)) / n < 1e-4:
            break
    x -= x.mean()
    y -= y.mean()
    lim = max(float(np.abs(x).max()), float(np.abs(y).max())) or 1.0
    return [(float(a / lim), float(b / lim)) for a, b in zip(x, y, strict=True)]


# -- labels ------------------------------------------------------------------------

#: A box in pixels: left, bottom, right, top.
Box = tuple[float, float, float, float]

#: Where a label may go around its node, in order of preference: below, above, right, left,
#: then the corners (unit directions, x to the right and y up).
DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))


class Taken:
    """The boxes already placed, filed by the cells of a grid they cover.

    :meth:`hits` compares a box with the boxes of the cells it covers only,
    so placing the labels of a large graph does not compare each with all.

    >>> taken = Taken([(0, 0, 10, 10)])
    >>> taken.hits((5, 5, 20, 20)), taken.hits((10, 0, 20, 10)), taken.hits((200, 200, 210, 210))
    (True, False, False)
    """

    def __init__(self, boxes: Iterable[Box] = (), cell: float = 64.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        """Take *box*."""
        for key in self._cells(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box) -> bool:
        """Whether *box* overlaps a box taken (touching edges do not overlap)."""
        x0, y0, x1, y1 = box
        c, get = self.cell, self.cells.get
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                for t in get((i, j), ()):
                    if x0 < t[2] and t[0] < x1 and y0 < t[3] and t[1] < y1:
                        return True
        return False


def free_spot(
    centre: tuple[float, float],
    radius: float,
    size: tuple[float, float],
    taken: Taken,
    bounds: Box,
    *,
    reach: int = 60,
) -> tuple[Box, bool] | None:
    """A box of *size* (width, height) next to a node that overlaps no *taken* box, within *bounds*.

    Tries each of :data:`DIRECTIONS` just outside the node, then a little
    further out, and so on, *reach* times (4 pixels further each time).
    Returns the box and whether it is away from the node (so that a line
    should join them), or None when no spot is free: a label that would
    cover another, or a node, is better left out.

    >>> free_spot((50, 50), 5, (20, 10), Taken(), (0, 0, 100, 100))
    ((40.0, 34.0, 60.0, 44.0), False)
    >>> free_spot((50, 50), 5, (20, 10), Taken([(30, 20, 70, 44)]), (0, 0, 100, 100))
    ((40.0, 56.0, 60.0, 66.0), False)
    >>> print(free_spot((50, 50), 5, (20, 10), Taken([(0, 0, 100, 100)]), (0, 0, 100, 100)))
    None
    """
    (cx, cy), (width, height) = centre, size
    for step in range(reach):
        gap = 1 + 4 * step
        for ux, uy in DIRECTIONS:
            # the box's centre, so that its side (or corner) facing the node is *gap* away
            x = cx + ux * (radius + gap + width / 2)
            y = cy + uy * (radius + gap + height / 2)
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2]
            if inside and bounds[1] <= box[1] and box[3] <= bounds[3] and not taken.hits(box):
                return box, step > 2 or (ux != 0 and uy != 0 and step > 0)
    return None
