"""Reading data files: paths, folders and parsed mappings, each problem located."""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import stat
from collections import Counter
from collections.abc import Iterator, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from eucoop import _resources
from eucoop._arguments import wrong_type
from eucoop._exceptions import Problem
from eucoop._loading.hooks import NonFinite, parse_int

__all__ = ["FAILED", "PathArg", "check_paths", "packaged", "parse", "plain", "read_all"]

#: What :func:`eucoop.load` takes: a file, a folder, or data already parsed.
PathArg = str | PathLike[str] | Mapping[str, Any]
#: What the packaged files are called in problems.
PACKAGE = "eucoop/data"
#: What :func:`parse` returns for a file it could not parse.
FAILED: Any = object()
#: How a file is opened: never waiting (a FIFO swapped in after the check), never a terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
#: What a file that is not a regular one is called in problems, by the test of its mode.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def packaged(problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """``(name, parsed data)`` for each packaged data file."""
    for fname in _resources.data_files():
        name = f"{PACKAGE}/{fname}"
        raw = parse(name, _resources.read(fname), problems)
        if raw is not FAILED:
            yield name, raw


def check_paths(paths: tuple[object, ...]) -> None:
    """Refuse, with a :class:`TypeError`, an argument of ``load`` that is no path or mapping.

    >>> check_paths(("a.json", ["b.json", "c.json"]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: load() argument 2 must be a path or a mapping, not a list: give each path as...
    """
    for n, arg in enumerate(paths, 1):
        if isinstance(arg, Mapping):
            continue
        if not isinstance(arg, str | PathLike) or not isinstance(os.fspath(arg), str):
            hint = ""
            if isinstance(arg, list | tuple):
                hint = ": give each path as an argument of its own, load(*paths)"
            raise wrong_type(f"load() argument {n}", "a path or a mapping", arg, hint)


def read_all(paths: tuple[PathArg, ...], problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """``(name, parsed data)`` for every file, folder or mapping given; problems on the way.

    The paths are checked (:func:`check_paths`) already. An empty path, or
    one of white space only, is a problem: ``load(os.environ.get("X", ""))``
    must not read the current folder.
    """
    for n, arg in enumerate(paths, 1):
        if isinstance(arg, Mapping):
            yield f"<data #{n}>", plain(arg)
            continue
        path = os.fspath(arg)
        if not path.strip():
            why = "it is empty (an unset variable?)" if not path else "it is white space only"
            msg = f"not a usable path: {why}; write '.' for the current folder"
            problems.append(Problem(f"<data #{n}>", "$", msg))
            continue
        for target in _files(Path(path), problems):
            data = _read(target, problems)
            if data is None:
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


def _files(path: Path, problems: list[Problem]) -> list[Path]:
    """The files to read for one path: itself, or the ``*.json`` files of a folder.

    Nothing is opened here: a path is looked at (``stat``), and what is not a
    regular file or a folder is a problem, so a FIFO or a device never blocks.
    """
    mode = _mode(path, problems)
    if mode is None:
        return []
    if stat.S_ISDIR(mode):
        return _folder(path, problems)
    return [path] if _regular(path, mode, problems) else []


def _folder(path: Path, problems: list[Problem]) -> list[Path]:
    """The regular ``*.json`` files directly in a folder; anything else so named is reported.

    A symbolic link is followed when it leads to a file inside the folder;
    a link out of it, or to nothing, is reported and not read.
    """
    try:
        with os.scandir(path) as entries:
            names = sorted(e.name for e in entries if fnmatch.fnmatch(e.name, "*.json"))
    except OSError as exc:
        problems.append(Problem(str(path), "$", _why(path, exc)))
        return []
    inside = Path(os.path.realpath(path))
    reported = len(problems)
    out = []
    for name in names:
        p = path / name
        mode = _mode(p, problems)
        if mode is None:
            continue
        if os.path.islink(p) and not Path(os.path.realpath(p)).is_relative_to(inside):
            problems.append(Problem(str(p), "$", "a link to a file outside the folder; not read"))
        elif _regular(p, mode, problems):
            out.append(p)
    if not out and len(problems) == reported:
        problems.append(Problem(str(path), "$", "folder holds no *.json file"))
    return out


def _mode(path: Path, problems: list[Problem]) -> int | None:
    """The file mode of what *path* leads to, or ``None`` after reporting why there is none."""
    try:
        return path.stat().st_mode
    except (OSError, ValueError) as exc:
        problems.append(Problem(str(path), "$", _why(path, exc)))
        return None


def _why(path: Path, exc: OSError | ValueError) -> str:
    """Why *path* cannot be looked at or read, in the words of a problem."""
    if "\0" in str(path):
        return "not a usable path: it contains a NUL character"
    if not isinstance(exc, OSError):  # a character the file system's encoding cannot write
        return "not a usable path: it cannot be encoded as a file name"
    if exc.errno == errno.ENAMETOOLONG:
        return "not a usable path: name too long"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "a symbolic link to nothing"
    return f"cannot read: {exc.strerror or exc}"


def _regular(path: Path, mode: int, problems: list[Problem]) -> bool:
    """Whether *mode* is a regular file's; if not, a problem says what *path* is instead."""
    if stat.S_ISREG(mode):
        return True
    what = next((kind for test, kind in _KINDS if test(mode)), "a special file")
    problems.append(Problem(str(path), "$", f"not a regular file ({what})"))
    return False


def _read(path: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of the regular file at *path*, or ``None`` after reporting why not.

    The file is opened without waiting and checked again once open, so that
    something swapped in since it was looked at is refused, not waited on.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as file:
            mode = os.fstat(file.fileno()).st_mode
            return file.read() if _regular(path, mode, problems) else None
    except OSError as exc:
        problems.append(Problem(str(path), "$", _why(path, exc)))
        return None


def parse(name: str, data: bytes, problems: list[Problem]) -> Any:
    """The parsed JSON, or :data:`FAILED` after adding the reason to *problems*."""
    if not data.strip():
        problems.append(Problem(name, "$", "empty file: expected a JSON object"))
        return FAILED
    try:
        # A leading byte order mark is allowed, as "utf-8-sig" allows it; stripped by
        # hand, which spares importing that codec on every start.
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
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
