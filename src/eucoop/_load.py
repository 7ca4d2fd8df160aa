"""``eucoop.load``: the packaged dataset and users' own files, validated as a whole, or nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from functools import cache

from eucoop import _resources
from eucoop._arguments import flag
from eucoop._exceptions import DataError, Problem
from eucoop._gc import gc_paused
from eucoop._loading import (
    Converted,
    Located,
    PathArg,
    RawValue,
    apply_changes,
    check_paths,
    convert,
    packaged,
    read_all,
    validate,
)
from eucoop._model import Change, Document, Entity, PartialDate, Release
from eucoop._queries.ledger import Ledger
from eucoop._queries.provenance import provenance
from eucoop._registry import Registry

__all__ = ["load"]

_lock = threading.RLock()
_default: Registry | None = None
_packaged_files: list[Converted] | None = None
#: Where the problems are that leave every whole entity and document loaded.
_NOT_BASE = ("$.changes", "$.schema_version")


def load(*paths: PathArg, include_default: bool = True) -> Registry:
    """Load the dataset and return a :class:`Registry`.

    With no arguments, the packaged dataset: built on the first call, then
    cached, so every later call returns the same object (thread-safe).

    Each argument may be a JSON data file, a folder (its ``*.json`` files,
    not its sub-folders, in name order) or an already parsed data mapping
    such as :meth:`Registry.to_dict` returns. Only regular files are read:
    a FIFO, a device, a link to nothing or a path no file can have is a
    problem of its own, never waited on, and so is an empty path (an unset
    environment variable), never read as the current folder; an argument
    that is neither a path nor a mapping is a :class:`TypeError`, raised
    before any file is read. They are validated together
    with the packaged data (unless ``include_default=False``) as one whole:
    either every file loads, or :class:`~eucoop.DataError` lists every
    problem and nothing is loaded.

    >>> reg = load()
    >>> reg is load()
    True
    >>> reg["iom"].acronym
    'IOM'
    """
    global _default  # noqa: PLW0603 - the module-level cache
    if include_default is True and not paths:
        if _default is None:
            with _lock:
                if _default is None:
                    _default = _build(_packaged(), release=_release)
        return _default
    check_paths(paths)
    default = flag(include_default, "include_default")
    files = list(_packaged()) if default else []
    problems: list[Problem] = []
    with gc_paused():
        files.extend(convert(name, raw) for name, raw in read_all(paths, problems))
        return _build(files, problems, _release if default else None)


def _build(
    files: list[Converted],
    problems: list[Problem] | None = None,
    release: Callable[[], Release] | None = None,
) -> Registry:
    """Check the converted files as a whole and build the registry, or raise.

    *release* works the packaged data's release out, on first ask of the registry's.
    """
    problems = list(problems or ())
    records: list[Located] = []
    placeholders: dict[str, str] = {}
    unreadable: set[str] = set()
    unconverted: list[tuple[Located, RawValue]] = []
    for converted in files:
        problems.extend(converted.problems)
        records.extend(converted.records)
        placeholders.update(converted.placeholders)
        unreadable |= converted.unreadable
        unconverted.extend(converted.unconverted)
    changes: list[Change] = []
    with gc_paused():
        problems.extend(validate(records, placeholders, unreadable, unconverted))
        written = [(c.name, c.changes) for c in files if c.changes]
        if written:  # base -> changes -> checks of the result
            base_ok = all(p.location.startswith(_NOT_BASE) for p in problems)
            records, changes, found = apply_changes(records, written, provenance, base_ok=base_ok)
            problems.extend(found)
        if problems:
            raise DataError(_by_file(problems, files))
        entities: list[Entity] = []
        documents: list[Document] = []
        for r in records:
            value = r.value
            if type(value) is Document:
                documents.append(value)
            else:
                entities.append(value)  # type: ignore[arg-type] # records hold entities else
        reg = Registry(entities, documents)
    packaged = frozenset(c.name for c in (_packaged_files or ()))
    reg._set(_ledger=Ledger(changes, records, packaged))
    if release is not None:
        reg._set(_release_of=release)
    return reg


def _by_file(problems: list[Problem], files: list[Converted]) -> list[Problem]:
    """The problems grouped by file, in the order the files were given; in order within each."""
    order: dict[str, int] = {}
    for name in [p.file for p in problems if p.file not in order] + [c.name for c in files]:
        order.setdefault(name, len(order))

    def key(p: Problem) -> tuple[int, int]:  # a file's changes after its other problems
        loc = p.location
        change = int(loc[10 : loc.index("]")]) if loc.startswith("$.changes[") else -1
        return order.get(p.file, len(order)), change

    return sorted(problems, key=key)


@cache
def _release() -> Release:
    """The packaged data's release: ``data/_release.json``, and what the data itself dates."""
    raw = json.loads(_resources.read("_release.json"))
    values = [r.value for converted in _packaged() for r in converted.records]
    return Release.of(raw["data_version"], PartialDate.parse(raw["released"]), values)


def _packaged() -> list[Converted]:
    """The packaged data files, read and converted once."""
    global _packaged_files  # noqa: PLW0603 - the module-level cache
    if _packaged_files is None:
        with _lock:
            if _packaged_files is None:
                problems: list[Problem] = []
                with gc_paused():
                    out = [convert(name, raw) for name, raw in packaged(problems)]
                if problems:  # pragma: no cover - the packaged files are tested
                    raise DataError(problems)
                _packaged_files = out
    return _packaged_files
