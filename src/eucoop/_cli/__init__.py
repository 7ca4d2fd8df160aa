"""The ``eucoop`` command line (also ``python -m eucoop``).

Subcommands answer the questions the Python API answers: ``summary`` (the
default), ``list``, ``show``, ``search``, ``involving``, ``partners``,
``timeline``, ``as-of``, ``provenance``, ``validate``, ``diff``, ``schema``
and ``export``. The global options ``--data FILE``, ``--no-default`` and
``--json`` are accepted before and after the subcommand.

- :mod:`~eucoop._cli.parser`: the argument parser and the argument types;
- :mod:`~eucoop._cli.context`: what every command gets, and how it prints;
- :mod:`~eucoop._cli.commands`: the query commands, one function each;
- :mod:`~eucoop._cli.files`: ``validate``, ``schema`` and ``export``;
- :mod:`~eucoop._cli.diff`: ``diff``, two versions of the data compared;
- :mod:`~eucoop._cli.run`: :func:`main`, the command table and the error handling.

Text output comes from :mod:`eucoop._display.text`.
"""

from eucoop._cli.run import main

__all__ = ["main"]
