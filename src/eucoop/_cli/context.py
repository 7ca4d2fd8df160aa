"""What every command gets (the options, the registry loaded on first use) and how it prints."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterable
from typing import Any

from eucoop._display.text import WIDTH
from eucoop._load import load
from eucoop._queries.filters import CONDITIONS
from eucoop._registry import Registry
from eucoop._text import shown

__all__ = [
    "Context",
    "Failure",
    "conditions",
    "err",
    "out",
    "out_json",
    "printable",
    "terminal_columns",
]

#: The narrowest and the widest the command line wraps its text, whatever the terminal says.
COLUMNS_RANGE = (40, 120)

# DEL, the C1 control characters and lone surrogates: json.dumps escapes C0 in strings
# itself, and the document's own line breaks are C0 (hence not eucoop._text.UNSHOWN).
_JSON_UNSHOWN = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


class Failure(Exception):
    """A one-line error that exits with status 1."""


class Context:
    """What every command needs: the options and the registry, loaded on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json: bool = args.json
        self.no_default: bool = args.no_default
        self.data: list[str] = [*args.data, *getattr(args, "data_after", [])]
        self._reg: Registry | None = None

    def load(self, *extra: str) -> Registry:
        """The packaged data (unless --no-default), the --data files and *extra*."""
        paths = [*self.data, *extra]
        if not paths and not self.no_default:
            return load()
        return load(*paths, include_default=not self.no_default)

    @property
    def reg(self) -> Registry:
        """The registry the command works on."""
        if self._reg is None:
            self._reg = self.load()
        return self._reg


def conditions(args: argparse.Namespace) -> dict[str, Any]:
    """The filter conditions given as options (``list`` and ``export``), by name: None if not."""
    return {c.name: getattr(args, c.name) for c in CONDITIONS if c.option}


def printable(text: str) -> str:
    r"""*text* with every control character but the newline shown as an escape.

    Escape sequences in names (``\x1b[2J``...) reach the terminal as text, and
    a lone surrogate (a file name that is not UTF-8) as ``\udcff``: the lines
    are :func:`eucoop._text.shown`.

    >>> printable("a\x1b[31mb\tc\n\udcff")
    'a\\x1b[31mb\\x09c\n\\udcff'
    """
    if text.isprintable():
        return text
    return "\n".join(map(shown, text.split("\n")))


def out(lines: Iterable[str]) -> None:
    """Print *lines* on stdout, control characters escaped (:func:`printable`)."""
    sys.stdout.write(printable("".join(f"{line}\n" for line in lines)))


def out_json(value: object) -> None:
    r"""Print *value* as indented JSON on stdout (DEL, C1 and lone surrogates as ``\u`` escapes)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    sys.stdout.write(_JSON_UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def terminal_columns() -> int:
    """The width to wrap to: ``COLUMNS`` if set, else the terminal's, else :data:`WIDTH`.

    Output that is not a terminal (a pipe, a file) gets :data:`WIDTH` columns
    (80) unless ``COLUMNS`` says otherwise; the width is kept within
    :data:`COLUMNS_RANGE`.
    """
    width = WIDTH
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdecimal() and len(env) < 6:
        width = int(env)
    else:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            if sys.stdout.isatty():
                width = os.get_terminal_size(sys.stdout.fileno()).columns
    low, high = COLUMNS_RANGE
    return min(max(width, low), high)


def err(message: str) -> None:
    """Print *message* on one line of stderr, after ``eucoop:``, control characters escaped."""
    sys.stderr.write(f"eucoop: {printable(' '.join(message.split()))}\n")
