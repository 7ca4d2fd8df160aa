"""Reading data files: the packaged dataset and users' own files, all or nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from itertools import chain
from os import PathLike
from typing import TYPE_CHECKING, Any

from eucoop import _resources
from eucoop._allclear import all_clear
from eucoop._converter import Converted, Located, NonFinite, convert
from eucoop._exceptions import DataError, Problem
from eucoop._gc import gc_paused
from eucoop._registry import Registry
from eucoop._validate import validate

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["load"]

PathArg = str | PathLike[str] | Mapping[str, Any]
_PACKAGE = "eucoop/data"

_lock = threading.RLock()
_default: Registry | None = None
_packaged_files: list[Converted] | None = None


def load(*paths: PathArg, include_default: bool = True) -> Registry:
    """Load the dataset and return a :class:`Registry`.

    With no arguments, the packaged dataset: built on the first call, then
    cached, so every later call returns the same object (thread-safe).

    Each argument may be a JSON data file, a folder (its ``*.json`` files,
    not its sub-folders, in name order) or an already parsed data mapping
    such as :meth:`Registry.to_dict` returns. They are validated together
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
    if not paths and include_default:
        if _default is None:
            with _lock:
                if _default is None:
                    _default = _build(_packaged())
        return _default
    files_ = list(_packaged()) if include_default else []
    problems: list[Problem] = []
    with gc_paused():
        for name, raw, reparse in _read_all(paths, problems):
            files_.append(convert(name, raw, reparse))
        return _build(files_, problems)


def _build(files_: list[Converted], problems: list[Problem] | None = None) -> Registry:
    """Check the converted files as a whole and build the registry, or raise."""
    problems = list(problems or ())
    for converted in files_:
        problems.extend(converted.problems)
    with gc_paused():
        if not problems and all(c.whole is not None for c in files_):
            # Every file converted whole: the all-clear checks the columns at once.
            columns = [
                list(chain.from_iterable(getattr(c.whole, coll) for c in files_))
                for coll in _COLUMNS
            ]
            cleared = all_clear(*columns)
            if cleared is not None:
                return Registry._from_columns(columns, cleared.by_id, cleared.keys)
        # Something is (or may be) wrong: the record-by-record checks say what and where.
        records: list[Located] = []
        placeholders: dict[str, str] = {}
        unreadable: set[str] = set()
        references: list[tuple[Located, str, str, str]] = []
        for converted in files_:
            records.extend(converted.records)
            placeholders.update(converted.placeholders)
            unreadable |= converted.unreadable
            references.extend(converted.references)
        keys: dict[str, str] = {}
        problems.extend(validate(records, placeholders, unreadable, references, keys))
        if problems:
            raise DataError(problems)
        return Registry._from_records((r.value for r in records), keys)


_COLUMNS = ("documents", "organisations", "agreements", "dialogues", "programmes")


def _packaged() -> list[Converted]:
    """The packaged data files, read and converted once."""
    global _packaged_files  # noqa: PLW0603 - the module-level cache
    if _packaged_files is None:
        with _lock:
            if _packaged_files is None:
                problems: list[Problem] = []
                out = []
                with gc_paused():
                    for fname in _resources.data_files():
                        name = f"{_PACKAGE}/{fname}"
                        raw = _parse(name, _resources.read(fname), problems)
                        if raw is not _FAILED:
                            out.append(convert(name, raw))
                if problems:  # pragma: no cover - the packaged files are tested
                    raise DataError(problems)
                _packaged_files = out
    return _packaged_files


def _read_all(
    paths: tuple[PathArg, ...], problems: list[Problem]
) -> Iterator[tuple[str, Any, Callable[[], Any] | None]]:
    """``(name, parsed data, how to parse it again)``: None for the caller's own mappings."""
    from pathlib import Path  # noqa: PLC0415 - not needed to import eucoop

    for n, arg in enumerate(paths, 1):
        if isinstance(arg, Mapping):
            yield f"<data #{n}>", arg, None  # not ours to empty
            continue
        path = Path(arg)
        targets = _folder(path, problems) if path.is_dir() else [path]
        for target in targets:
            try:
                data = target.read_bytes()
            except OSError as exc:
                problems.append(Problem(str(target), "$", f"cannot read: {exc.strerror}"))
                continue
            raw = _parse(str(target), data, problems)
            if raw is not _FAILED:
                yield str(target), raw, partial(_parse, str(target), data, [])


def _folder(path: Path, problems: list[Problem]) -> list[Path]:
    """The ``*.json`` files directly in a folder; links out of it are reported, not read."""
    inside = path.resolve()
    reported = len(problems)
    out = []
    for p in sorted(path.glob("*.json")):
        if p.is_symlink() and not p.resolve().is_relative_to(inside):
            problems.append(Problem(str(p), "$", "a link to a file outside the folder; not read"))
        elif p.is_file():
            out.append(p)
    if not out and len(problems) == reported:
        problems.append(Problem(str(path), "$", "folder holds no *.json file"))
    return out


_FAILED = object()


def _parse(name: str, data: bytes, problems: list[Problem]) -> Any:
    """The parsed JSON, or ``_FAILED`` after adding the reason to *problems*."""
    if not data.strip():
        problems.append(Problem(name, "$", "empty file: expected a JSON object"))
        return _FAILED
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "$", f"not UTF-8 text (bad byte at offset {exc.start})"))
        return _FAILED
    import json  # noqa: PLC0415 - not needed to import eucoop

    try:
        return json.loads(text, parse_constant=NonFinite)
    except json.JSONDecodeError as exc:
        msg = f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        problems.append(Problem(name, "$", msg))
    except RecursionError:
        problems.append(Problem(name, "$", "not usable JSON: nested too deeply"))
    return _FAILED
