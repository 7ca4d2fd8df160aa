"""The ``eucoop`` command line (also ``python -m eucoop``): the parser and one function per command."""

from eucoop._cli.commands import main

__all__ = ["main"]
