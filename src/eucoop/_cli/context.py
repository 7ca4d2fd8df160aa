"""What every command gets (the options, the registry loaded on first use) and how it prints."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable

from eucoop._load import load
from eucoop._registry import Registry

__all__ = ["Context", "Failure", "err", "out", "out_json", "printable"]

# C0 and C1 control characters and DEL, but not the newline: never sent to a terminal raw.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_JSON_CONTROL = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 itself


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


def printable(text: str) -> str:
    r"""*text* with every control character but the newline shown as an escape.

    Escape sequences in names (``\x1b[2J``...) reach the terminal as text:

    >>> printable("a\x1b[31mb\tc\n")
    'a\\x1b[31mb\\x09c\n'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def out(lines: Iterable[str]) -> None:
    """Print *lines* on stdout, control characters escaped (:func:`printable`)."""
    sys.stdout.write(printable("".join(f"{line}\n" for line in lines)))


def out_json(value: object) -> None:
    r"""Print *value* as indented JSON on stdout (DEL and C1 characters as ``\u`` escapes)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    sys.stdout.write(_JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def err(message: str) -> None:
    """Print *message* on one line of stderr, after ``eucoop:``, control characters escaped."""
    sys.stderr.write(f"eucoop: {printable(' '.join(message.split()))}\n")
