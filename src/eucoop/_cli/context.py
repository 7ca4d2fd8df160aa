"""What every command gets (the options, the registry loaded on first use) and how it prints."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from eucoop._load import load
from eucoop._registry import Registry

__all__ = ["Context", "Failure", "err", "out", "out_json"]


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


def out(lines: Iterable[str]) -> None:
    """Print *lines* on stdout."""
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def out_json(value: object) -> None:
    """Print *value* as indented JSON on stdout."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def err(message: str) -> None:
    """Print *message* on one line of stderr, after ``eucoop:``."""
    sys.stderr.write(f"eucoop: {' '.join(message.split())}\n")
