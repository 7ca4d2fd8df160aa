"""``eucoop diff [OLD [NEW]]``: what differs between two versions of the data.

- no argument: the packaged data alone, then the data this command loads
  (the packaged data and the ``--data`` files): what do my files change?
- ``OLD``: a complete dataset (an ``export --format json``, a ``to_dict()``),
  loaded alone, then the data this command loads: what changed since then?
- ``OLD NEW``: two complete datasets, each loaded alone.

The text is a line of counts, then the lines of
:func:`eucoop._display.diffs.diff_lines`; ``--json`` gives the counts and every
difference, its values as data files write them. A diff is no failure: the
exit status is 0 whether or not anything differs.
"""

from __future__ import annotations

from eucoop._cli.context import Context, out, out_json
from eucoop._display import diffs, text
from eucoop._load import load
from eucoop._loading import unstructure
from eucoop._queries.diff import Difference
from eucoop._registry import Registry

__all__ = ["diff", "difference_json"]


def _packaged_name(reg: Registry) -> str:
    return "packaged data" + ("" if reg.release is None else f" {reg.release.data_version}")


def _sides(ctx: Context) -> tuple[tuple[str, Registry], tuple[str, Registry]]:
    """The old and the new registry, each with the name the head line gives it."""
    old_path, new_path = ctx.args.old, ctx.args.new
    if new_path is not None:
        if ctx.data or ctx.no_default:
            msg = (
                "diff OLD NEW compares two complete datasets, each loaded alone:"
                " --data and --no-default do not apply (give only OLD to compare it"
                " with the data loaded with --data)"
            )
            raise ValueError(msg)
        return (old_path, load(old_path, include_default=False)), (
            new_path,
            load(new_path, include_default=False),
        )
    if old_path is None:
        packaged = load()
        old = (_packaged_name(packaged), packaged)
    else:
        old = (old_path, load(old_path, include_default=False))
    reg = ctx.reg
    if not ctx.data:
        name = _packaged_name(reg) if not ctx.no_default else "no data"
    elif ctx.no_default:
        name = ", ".join(ctx.data)
    else:
        name = "with " + ", ".join(ctx.data)
    return old, (name, reg)


def difference_json(row: Difference) -> dict[str, object]:
    """One difference as ``diff --json`` gives it: its values as data files write them."""
    return {
        "change": row.change,
        "kind": row.kind,
        "id": row.id,
        "field": row.field,
        "old": unstructure(row.old),
        "new": unstructure(row.new),
        "by": row.by,
    }


def diff(ctx: Context) -> int:
    """Print what differs from the old registry to the new: counts, then a line per difference."""
    (old_name, old), (new_name, new) = _sides(ctx)
    found = old.diff(new, sources=ctx.args.sources)
    if ctx.json:
        out_json(
            {
                "old": old_name,
                "new": new_name,
                "counts": found.counts,
                "differences": [difference_json(row) for row in found],
            }
        )
        return 0
    head = text.wrap(
        f"{old_name} -> {new_name}: {diffs.diff_counts(found)}", keep=(old_name, new_name)
    )
    out([*head, *([""] if found else []), *diffs.diff_lines(found)])
    return 0
