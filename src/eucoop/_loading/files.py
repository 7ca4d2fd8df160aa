"""Reading data files: paths, folders and parsed mappings, each problem located."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from eucoop import _resources
from eucoop._exceptions import Problem
from eucoop._loading.hooks import NonFinite, parse_int

__all__ = ["FAILED", "PathArg", "packaged", "parse", "plain", "read_all"]

#: What :func:`eucoop.load` takes: a file, a folder, or data already parsed.
PathArg = str | PathLike[str] | Mapping[str, Any]
#: What the packaged files are called in problems.
PACKAGE = "eucoop/data"
#: What :func:`parse` returns for a file it could not parse.
FAILED: Any = object()


def packaged(problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """``(name, parsed data)`` for each packaged data file."""
    for fname in _resources.data_files():
        name = f"{PACKAGE}/{fname}"
        raw = parse(name, _resources.read(fname), problems)
        if raw is not FAILED:
            yield name, raw


def read_all(paths: tuple[PathArg, ...], problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """``(name, parsed data)`` for every file, folder or mapping given; problems on the way."""
    for n, arg in enumerate(paths, 1):
        if isinstance(arg, Mapping):
            yield f"<data #{n}>", plain(arg)
            continue
        if not isinstance(arg, str | PathLike):
            what = f"expected a file, a folder or a mapping, got {type(arg).__name__}"
            problems.append(Problem(f"<data #{n}>", "$", what))
            continue
        path = Path(arg)
        targets = _folder(path, problems) if path.is_dir() else [path]
        for target in targets:
            try:
                data = target.read_bytes()
            except OSError as exc:
                problems.append(Problem(str(target), "$", f"cannot read: {exc.strerror}"))
                continue
            raw = parse(str(target), data, problems)
            if raw is not FAILED:
                yield str(target), raw


def plain(value: Any) -> Any:
    """*value* with every mapping in it a :class:`dict` and every list a :class:`list`.

    Parsed JSON is made of those already and comes back as it is; a mapping
    of another type (an ``OrderedDict``, a ``MappingProxyType``) is copied,
    so that the converter, which reads exact dicts, sees what JSON would give.

    >>> from types import MappingProxyType
    >>> plain(MappingProxyType({"organisations": [MappingProxyType({"id": "x"})]}))
    {'organisations': [{'id': 'x'}]}
    """
    if isinstance(value, Mapping):
        items = {k: plain(v) for k, v in value.items()}
        if type(value) is dict and all(items[k] is v for k, v in value.items()):
            return value
        return items
    if type(value) is list:
        elements = [plain(v) for v in value]
        return value if all(a is b for a, b in zip(elements, value, strict=True)) else elements
    return value


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


def parse(name: str, data: bytes, problems: list[Problem]) -> Any:
    """The parsed JSON, or :data:`FAILED` after adding the reason to *problems*."""
    if not data.strip():
        problems.append(Problem(name, "$", "empty file: expected a JSON object"))
        return FAILED
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "$", f"not UTF-8 text (bad byte at offset {exc.start})"))
        return FAILED
    repeated: dict[int, tuple[dict[str, Any], list[str]]] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        # dict(items) is last-wins: a key written twice is only seen by counting.
        out = dict(items)
        if len(out) != len(items):
            counts = Counter(key for key, _ in items)
            repeated[id(out)] = (out, [k for k, n in counts.items() if n > 1])
        return out

    try:
        value = json.loads(
            text, parse_constant=NonFinite, parse_int=parse_int, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as exc:
        msg = f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        problems.append(Problem(name, "$", msg))
    except RecursionError:
        problems.append(Problem(name, "$", "not usable JSON: nested too deeply"))
    else:
        if not repeated:
            return value
        for path, obj in _objects(value, "$"):
            if id(obj) in repeated:  # the dicts are kept alive there: ids are theirs
                for key in repeated[id(obj)][1]:
                    msg = f"duplicate key {key!r}: a key may appear only once in an object"
                    problems.append(Problem(name, f"{path}.{key}", msg))
    return FAILED


def _objects(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(JSON location, object)`` for every object in a parsed value, outermost first."""
    stack = [(path, value)]
    while stack:
        here, v = stack.pop()
        if type(v) is dict:
            yield here, v
            stack.extend((f"{here}.{k}", x) for k, x in reversed(v.items()))
        elif type(v) is list:
            stack.extend((f"{here}[{i}]", x) for i, x in reversed(list(enumerate(v))))
