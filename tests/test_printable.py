"""Every message can be printed (issue 17).

A file name that is not UTF-8 (``os.fsdecode(b"\\xff.json")`` holds a lone
surrogate), a JSON key or a name looked up with a lone surrogate in it, or a
control character anywhere: every message eucoop builds shows them escaped
(:func:`eucoop._text.shown`), so ``print(err)`` never raises
``UnicodeEncodeError`` and a message stays on its line. The problems
themselves keep the names as they were given.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eucoop
from eucoop import AmbiguousLookupError, DataError, Problem, UnknownEntityError
from eucoop._cli import main
from eucoop._export import write_json
from eucoop._text import shown

Write = Callable[..., Path]

BAD_NAME = b"\xff\xfe.json"  # not UTF-8: a lone surrogate for each byte once decoded
SHOWN_NAME = "\\udcff\\udcfe.json"

needs_bytes_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="file names there are always Unicode"
)


def encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_everywhere(exc: BaseException) -> None:
    """``str`` and ``repr`` of *exc* encode as UTF-8 and hold no raw line break."""
    assert encodes(str(exc)), repr(exc)
    assert encodes(repr(exc))
    for problem in getattr(exc, "problems", ()):
        assert encodes(str(problem))
        assert "\n" not in str(problem)


def problems_of(*paths: Any) -> list[Problem]:
    with pytest.raises(DataError) as info:
        eucoop.load(*paths, include_default=False)
    printable_everywhere(info.value)
    return list(info.value.problems)


def bad_file(folder: Path, content: bytes) -> Path:
    """A file named with bytes that are not UTF-8, made as Linux allows, in *folder*."""
    raw = os.path.join(os.fsencode(folder), BAD_NAME)
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, content)
    finally:
        os.close(fd)
    return Path(os.fsdecode(raw))


# -- file names --------------------------------------------------------------------------


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    path = bad_file(tmp_path, b'{"organisations": 5}')
    (p,) = problems_of(path)
    assert p.file == str(path)  # the name as given, for a program to use
    assert str(p) == f"{shown(str(tmp_path))}/{SHOWN_NAME}: $.organisations: {p.message}"


@needs_bytes_names
def test_a_file_in_a_folder_named_so_is_shown_escaped(tmp_path: Path) -> None:
    bad_file(tmp_path, b"not json")
    (p,) = problems_of(tmp_path)
    assert str(p).endswith(f"{SHOWN_NAME}: $: not JSON: Expecting value (line 1, column 1)")


def test_a_path_with_a_lone_surrogate_that_no_file_can_have(tmp_path: Path) -> None:
    # On Linux it cannot be encoded as a file name; elsewhere it is a missing file.
    (p,) = problems_of(str(tmp_path / "a\ud800b.json"))
    assert "a\\ud800b.json: $: " in str(p)


# -- JSON keys and names -------------------------------------------------------------------


def test_a_json_key_with_a_lone_surrogate_is_shown_escaped(write: Write) -> None:
    notes = '{"id": "notes", "title": "Notes", "publisher": "Me"}'
    org = '{"id": "x", "name": "X", "\\ud800": 1, "sources": [{"document": "notes"}]}'
    path = write(f'{{"documents": [{notes}], "organisations": [{org}]}}')
    (p,) = problems_of(path)
    assert p.location == "$.organisations[0].\ud800"
    assert str(p) == f"{path}: $.organisations[0].\\ud800: unknown key '\\ud800'"


def test_a_key_written_twice_with_a_lone_surrogate_is_shown_escaped(write: Write) -> None:
    path = write('{"organisations": [], "\\udfff\\n": 1, "\\udfff\\n": 2}')
    (p,) = problems_of(path)
    assert str(p).startswith(f"{path}: $.\\udfff\\x0a: duplicate key '\\udfff\\n'")


def test_a_key_with_a_line_break_stays_on_its_line(write: Write) -> None:
    path = write({"organisations": [], "a\nb": 1})
    (p,) = problems_of(path)
    assert str(p).startswith(f"{path}: $.a\\x0ab: unknown key 'a\\nb'")


@pytest.mark.parametrize("name", ["a\ud800b", "\udcff", "x\x1b[2J\ny"])
def test_an_unknown_name_with_a_lone_surrogate_is_shown_escaped(name: str) -> None:
    reg = eucoop.load()
    asks: list[Callable[[str], object]] = [reg.get, reg.lookup, reg.document, reg.involving]
    for ask in asks:
        with pytest.raises(UnknownEntityError) as info:
            ask(name)
        printable_everywhere(info.value)
        assert info.value.key == name
        assert "\n" not in str(info.value)


def test_an_ambiguous_name_with_a_lone_surrogate_is_shown_escaped() -> None:
    source = [{"document": "notes"}]
    data = {
        "documents": [{"id": "notes", "title": "Notes", "publisher": "Me"}],
        "organisations": [
            {"id": "one", "name": "U.N. Network", "sources": source},
            {"id": "two", "name": "UN-Network", "sources": source},
        ],
    }
    reg = eucoop.load(data, include_default=False)
    with pytest.raises(AmbiguousLookupError) as info:
        reg.lookup("UN\ud800Network")  # not a word character: the forgiving key of both
    printable_everywhere(info.value)
    assert str(info.value) == "'UN\\ud800Network' could mean any of: one, two"


def test_exceptions_built_by_hand_are_shown_escaped() -> None:
    for exc in (
        DataError([Problem("\udcff.json", "$.\ud800", "x\ny")]),
        UnknownEntityError("a", ["\ud800"], message="no \udcff here"),
        AmbiguousLookupError("\ud800", ["\udcff"]),
    ):
        printable_everywhere(exc)


@needs_bytes_names
def test_an_export_refused_names_its_path_escaped(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"\xff")))
    os.mkdir(os.fsencode(folder))
    with pytest.raises(OSError, match="is a folder") as info:
        write_json(eucoop.load(), folder)
    assert encodes(str(info.value))
    assert "\\udcff" in str(info.value)


# -- the command line ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@needs_bytes_names
def test_the_cli_names_a_bad_file_on_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_file(tmp_path, b'{"organisations": 5}')
    code, out, err = run(capsys, "--no-default", "--data", str(path))
    assert (code, out) == (1, "")
    shown_path = f"{shown(str(tmp_path))}/{SHOWN_NAME}"
    assert err == f"{shown_path}: $.organisations: expected a list, got an integer\n"
    assert encodes(err)


@needs_bytes_names
def test_the_cli_validate_json_escapes_a_bad_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_file(tmp_path, b'{"organisations": 5}')
    code, out, err = run(capsys, "--no-default", "validate", "--json", str(path))
    assert (code, err) == (1, "")
    assert encodes(out)
    assert "\\udcff\\udcfe.json" in out  # a JSON escape: reading it gives the name back
    assert json.loads(out)["problems"][0]["file"] == str(path)


@pytest.mark.parametrize("name", ["a\udcffb", "\ud800"])
def test_the_cli_names_an_unknown_entity_on_one_escaped_line(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = run(capsys, "show", name)
    assert (code, out) == (1, "")
    assert err == f"eucoop: no entity is called {name!r}\n"
    assert encodes(err)


def test_the_cli_shows_a_usage_error_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--\udcff\x1b[2J")
    assert (code, out) == (2, "")
    assert err.startswith("eucoop: error: unrecognized arguments: --\\udcff\\x1b[2J")
    assert err.count("\n") == 1
