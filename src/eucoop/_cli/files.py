"""The commands that read or write files: ``validate``, ``schema`` and ``export``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from eucoop import _export
from eucoop._cli.context import Context, conditions, err, out, out_json
from eucoop._display import text
from eucoop._display.changes import correction
from eucoop._exceptions import DataError
from eucoop._load import load
from eucoop._loading import unstructure
from eucoop._loading.schema import json_schema
from eucoop._model import KINDS, Change, ChangeOp
from eucoop._registry import Registry
from eucoop._text import and_join, plural

__all__ = ["STDOUT", "SUFFIX_FORMATS", "export", "schema", "validate"]

#: The output path that means standard output, by the usual convention.
STDOUT = "-"

#: The format ``export`` writes, by the file name's suffix.
SUFFIX_FORMATS = {
    ".json": "json",
    ".zip": "csv",
    ".csv": "csv",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}


def validate(ctx: Context) -> int:
    """Check data files on top of the others; say what they add, or every problem."""
    files = ctx.args.files
    checked = {_real(f) for f in files}
    ctx.data = [d for d in ctx.data if _real(d) not in checked]
    base = ctx.load()
    try:
        full = ctx.load(*files)
    except DataError as exc:
        if ctx.json:
            out_json(
                {
                    "ok": False,
                    "problems": [
                        {"file": p.file, "location": p.location, "message": p.message}
                        for p in exc.problems
                    ],
                }
            )
            return 1
        raise
    old = {e.id for e in base} | {d.id for d in base.documents}
    added = {
        coll: sum(1 for v in getattr(full, coll, ()) if v.id not in old)
        for coll in (*(k.collection for k in KINDS), "documents")
    }
    known = {c.origin for c in base.changes()}
    made = [c for c in full.changes() if c.origin not in known]
    if ctx.json:
        changes = [
            {
                "op": c.op.value,
                "target": c.target,
                "field": c.field,
                "before": unstructure(c.before),
                "value": unstructure(c.value),
                "origin": c.origin,
            }
            for c in made
        ]
        out_json(
            {"ok": True, "files": files, "adds": added, "entities": len(full), "changes": changes}
        )
        return 0
    what = files[0] if len(files) == 1 else f"{len(files)} files"
    one = len(files) == 1
    parts = [
        plural(n, "document") if coll == "documents" else KINDS.named(coll).counted(n)
        for coll, n in added.items()
        if n
    ]
    said = [f"{'adds' if one else 'add'} {and_join(parts)}"] if parts else []
    if made:
        said.append(f"{'makes' if one else 'make'} {plural(len(made), 'change')}")
    doing = " and ".join(said) or ("adds" if one else "add") + " nothing new"
    total = f"{plural(len(full), 'entity')} and {plural(len(full.documents), 'document')}"
    lines = text.wrap(f"ok: {what} {doing} ({total} in all)", keep=files)
    for c in made:
        line = correction(c)
        if line is not None:
            lines += text.wrap(line + _start_note(c), keep=files)
    out(lines)
    return 0


def _start_note(c: Change) -> str:
    """What retracting an entity's start date means for its time (a note, not a problem)."""
    kind = next((k for k in KINDS if k.collection and c.field in k.start), None)
    if c.op is not ChangeOp.RETRACT or kind is None:
        return ""
    return (
        f"; note: {c.target} now has no known start, so before its first dated fact"
        " whether it existed is not known"
    )


def _real(path: str) -> str:
    """Where *path* leads, to tell a file given twice; *path* itself when no file could be there.

    Loading reports such a path (a NUL character, a name no file system
    encoding can write) as a problem; here it must not fail first.
    """
    try:
        return os.path.realpath(path)
    except ValueError:
        return path


def _output(ctx: Context) -> str | None:
    """The ``-o`` path as given, or None for none; an empty one is a usage error."""
    output: str | None = ctx.args.output
    if output == "":
        msg = f"the output path is empty: give a file name, or {STDOUT} for standard output"
        raise ValueError(msg)
    return output


def _write_stdout(text: str) -> None:
    """*text* on standard output as UTF-8: the bytes a file would hold, whatever the terminal."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream of text only (a test's StringIO)
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def schema(ctx: Context) -> int:
    """Print the JSON Schema of data files (also for ``-o -``), or write it to a file."""
    schema_text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    output = _output(ctx)
    if output is None or output == STDOUT:
        _write_stdout(schema_text)
        return 0
    with _export.replacing(Path(output)) as tmp:
        tmp.write_text(schema_text, encoding="utf-8")
    out([f"wrote the data-file schema to {output}"])
    return 0


#: Why a format cannot go to standard output, by format.
_NOT_A_STREAM = {
    "csv": "CSV is a set of files: give a folder or a .zip (-o tables, -o tables.zip)",
    "sqlite": "an SQLite database is a binary file: give a file name (-o eucoop.sqlite)",
}


def _selected(ctx: Context) -> tuple[Registry, int | None]:
    """The registry to export, and how many entities matched (None: no kind or filter given).

    With a kind or filters, what ``list`` would show and what it refers to,
    as a registry of its own (:meth:`Results.to_dict <eucoop.Results.to_dict>`).
    """
    given = {k: v for k, v in conditions(ctx.args).items() if v is not None}
    if ctx.args.kind is None and not given:
        return ctx.reg, None
    found = ctx.reg.filter(kind=ctx.args.kind, **given)
    return load(found.to_dict(), include_default=False), len(found)


def export(ctx: Context) -> int:
    """Write the dataset as JSON, CSV (a folder or a .zip) or SQLite; JSON also to ``-o -``.

    With a kind or filters (those of ``list``), only the entities that match
    and what they refer to.
    """
    output = _output(ctx)
    if output == STDOUT:
        fmt = ctx.args.format or "json"
        if fmt in _NOT_A_STREAM:
            msg = f"cannot write {fmt} to standard output ({STDOUT}): {_NOT_A_STREAM[fmt]}"
            raise ValueError(msg)
        _write_stdout(_export.json_text(_selected(ctx)[0]))
        return 0
    path = Path(str(output))
    fmt = ctx.args.format or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        msg = (
            f"cannot tell the format from {str(path)!r}: give --format json, csv or sqlite "
            "(or a name ending in .json, .zip, .db or .sqlite)"
        )
        raise ValueError(msg)
    reg, matched = _selected(ctx)
    writer = {"json": _export.write_json, "csv": _export.write_csv, "sqlite": _export.write_sqlite}
    writer[fmt](reg, path)
    if ctx.json:
        out_json(
            {
                "path": str(path),
                "format": fmt,
                "entities": len(reg),
                "documents": len(reg.documents),
                "matched": matched,
            }
        )
    else:
        total = f"{plural(len(reg), 'entity')} and {plural(len(reg.documents), 'document')}"
        where = f"the folder {path}" if _folder(fmt, path) else str(path)
        which = "" if matched is None else f": {matched} matching, and what they refer to"
        out(text.wrap(f"wrote {total} to {where} ({fmt}){which}", keep=[str(path)]))
    if _folder(fmt, path) and path.suffix.lower() in SUFFIX_FORMATS:
        err(
            f"note: {str(path)!r} is a folder of CSV files, not a file: a CSV export is"
            f" a folder or a .zip (-o {str(path.with_suffix('.zip'))!r})"
        )
    return 0


def _folder(fmt: str, path: Path) -> bool:
    """Whether an export of *fmt* to *path* is a folder (CSV, unless to a .zip)."""
    return fmt == "csv" and path.suffix.lower() != ".zip"
