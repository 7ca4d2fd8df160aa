"""The argument parser of the ``eucoop`` command, and the types of its arguments.

Each argument type turns one shell word into a value or raises
:class:`argparse.ArgumentTypeError`, which the parser reports on one line
(exit status 2). Kind names are read by :func:`eucoop._model.kind_of`, the
one reader of kind names; suggestions come from :func:`eucoop._text.suggest`.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from enum import Enum
from typing import Any, NoReturn, TypeVar

from eucoop._display.text import columns
from eucoop._model import KINDS, UNRANKED, PartialDate, PolicyArea, Role, Standing, kind_of
from eucoop._queries.filters import CONDITIONS, country_code
from eucoop._resources import version
from eucoop._text import a, shown, suggest

__all__ = [
    "FORMATS",
    "Formatter",
    "Parser",
    "build_parser",
    "country_arg",
    "date_arg",
    "enum_arg",
    "kind_arg",
    "positive_int",
]

E = TypeVar("E", bound=Enum)

#: The formats ``export`` writes.
FORMATS = ("json", "csv", "sqlite")


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help wrapped to the terminal's width (:func:`columns`), epilogs kept as written."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=columns())


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print one line and exit with status 2 (what the user typed shown escaped)."""
        self.exit(2, shown(f"{self.prog}: error: {message} (see '{self.prog} --help')") + "\n")

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # Python before 3.12 drops "--" given as an option's value ("--from=--") and sets
        # the option to [], unconverted: read it with the option's type, which refuses it.
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            return self._get_value(action, "--")
        return super()._get_values(action, arg_strings)


# -- argument types ------------------------------------------------------------------


def date_arg(text: str) -> PartialDate:
    """A date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        why = str(exc)
        if repr(text) in why:
            raise argparse.ArgumentTypeError(why) from None
        msg = f"invalid date {text!r}: {why}"
        raise argparse.ArgumentTypeError(msg) from None


def enum_arg(cls: type[E], what: str, *more: str) -> Callable[[str], E | str]:
    """A reader of the values of *cls* in any case, with spaces or dashes for underscores.

    The words *more* are read too, as themselves (``unranked`` for a standing).
    """
    values: dict[str, E | str] = {m.value: m for m in cls} | {w: w for w in more}

    def convert(text: str) -> E | str:
        key = "_".join(text.lower().replace("-", " ").split())
        if key in values:
            return values[key]
        close = suggest(key, list(values))
        hint = f"; did you mean {close[0]!r}?" if close else ""
        msg = f"{text!r} is not {a(what)}{hint}"
        raise argparse.ArgumentTypeError(msg)

    convert.__name__ = what
    return convert


def kind_arg(text: str) -> str:
    """The collection a kind name names: ``org``, ``Programme``, ``dialogues``...

    >>> kind_arg("org"), kind_arg("Programme")
    ('organisations', 'programmes')
    """
    try:
        return kind_of(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def country_arg(text: str) -> str:
    """An ISO 3166-1 alpha-2 country code, from a code in any case or a country's name.

    Read as ``Registry.filter(country=...)`` reads it (:func:`country_code`).

    >>> country_arg("ly"), country_arg("Libya")
    ('LY', 'LY')
    """
    try:
        return country_code(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    """A whole number of one or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a positive whole number, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


_AREA = enum_arg(PolicyArea, "policy area")
_ROLE = enum_arg(Role, "role")
_STANDING = enum_arg(Standing, "standing", UNRANKED)
#: The standings ``--standing`` takes, in the help's words.
_STANDINGS = ", ".join([*(s.value for s in Standing), UNRANKED + " (no standing)"])


# -- the parser ----------------------------------------------------------------------


def _add_globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options accepted both before and after the subcommand.

    After the subcommand they default to SUPPRESS, so that a subcommand that
    does not repeat them leaves what was given before it alone.
    """
    quiet: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    group = parser.add_argument_group("global options")
    group.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        dest="data" if top else "data_after",
        default=[] if top else argparse.SUPPRESS,
        help="a data file or folder to load on top of the packaged data (repeatable)",
    )
    group.add_argument(
        "--no-default",
        action="store_true",
        help="leave out the packaged data: use only the --data files",
        **quiet,
    )
    group.add_argument("--json", action="store_true", help="print machine-readable JSON", **quiet)


#: How the command line reads the value of each kind of filter condition.
_READERS: dict[str, Callable[[str], Any]] = {
    "area": _AREA,
    "country": country_arg,
    "region": str,
    "organisation": str,
    "role": _ROLE,
    "date": date_arg,
}


def _filters(parser: argparse.ArgumentParser, *, kind_needed: bool = True) -> None:
    """The kind (an argument) and an option for each condition of ``Registry.filter`` offered.

    ``list`` and ``export`` take the same; ``export`` without a kind means every kind.
    """
    *most, last = [k.collection for k in KINDS]
    kinds = f"{', '.join(most)} or {last}" if most else last
    parser.add_argument(
        "kind",
        type=kind_arg,
        metavar="KIND",
        nargs=None if kind_needed else "?",
        help=f"{kinds} (singular too)" + ("" if kind_needed else "; every kind if not given"),
    )
    for c in CONDITIONS:
        if c.option:
            flag = "--" + c.name.replace("_", "-")
            parser.add_argument(flag, type=_READERS[c.takes], metavar=c.metavar, help=c.help)


#: The words an option takes, listed at the end of the help of each command that has it.
_VOCABULARY = {
    "area": f"Policy areas: {', '.join(x.value for x in PolicyArea)}.",
    "role": f"Roles: {', '.join(r.value for r in Role)}.",
    "standing": f"Standings: {_STANDINGS}.",
}


def _epilog(*which: str) -> str:
    """The help's closing paragraphs: the words of *which* options, and the exit status."""
    paragraphs = [_VOCABULARY[w] for w in which]
    if not which:
        paragraphs += [
            *_VOCABULARY.values(),
            "Exit status: 0 ok (an empty result too), 1 unknown name, bad data file"
            " or unwritable file, 2 bad usage or value.",
        ]
    return "\n\n".join(textwrap.fill(p, columns() - 2) for p in paragraphs)


def build_parser() -> Parser:
    """The parser of the whole command line: the global options and every subcommand."""
    parser = Parser(
        prog="eucoop",
        description=textwrap.fill(
            "The EU's cooperation with international organisations in migration "
            "and home affairs: ask the dataset from the shell.",
            columns(),
        ),
        epilog=_epilog(),
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"eucoop {version()}")
    _add_globals(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, help_: str, *words: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=_epilog(*words) if words else None,
            formatter_class=Formatter,
        )
        _add_globals(p, top=False)
        return p

    command("summary", "what the dataset holds (the default)")

    p = command("list", "list the entities of one kind", "area", "role")
    _filters(p)

    p = command("show", "everything about one entity, with its sources")
    p.add_argument("name", nargs="+", metavar="NAME", help="an id, name, acronym or alias")

    p = command("search", "full-text search, best match first")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--kind", type=kind_arg, help="only this kind")
    p.add_argument("--limit", type=positive_int, metavar="N", help="at most N results")

    p = command("involving", "what an organisation takes part in, and in which role", "role")
    p.add_argument("organisation", nargs="+", metavar="ORG")
    p.add_argument("--role", type=_ROLE, help="only this role")
    p.add_argument(
        "--no-bodies",
        dest="include_bodies",
        action="store_false",
        help="the organisation alone, not what it takes part in through its bodies",
    )

    p = command("partners", "the EU's partner organisations, closest first", "area", "standing")
    p.add_argument("--area", type=_AREA, metavar="AREA", help="a policy area")
    p.add_argument("--standing", type=_STANDING, help=_STANDINGS)

    p = command("timeline", "every dated fact, in order")
    p.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help="from this date")
    p.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help="up to this date")

    p = command("as-of", "what existed or was in force on a date")
    p.add_argument("date", type=date_arg, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument(
        "--include-uncertain",
        action="store_true",
        help="also keep what is dated too coarsely to tell",
    )
    p.add_argument(
        "--include-unknown",
        action="store_true",
        help="also keep what has no known start and nothing dated before the date",
    )

    p = command("provenance", "where a fact comes from: the sources of an entity or field")
    p.add_argument("name", metavar="NAME")
    p.add_argument("field", nargs="?", metavar="FIELD", help="e.g. budget, partnership.standing")

    p = command("validate", "check data files against the packaged data")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = command("diff", "what differs between two versions of the data")
    p.add_argument(
        "old",
        nargs="?",
        metavar="OLD",
        help="a complete dataset (export --format json), loaded alone; default: the packaged data",
    )
    p.add_argument(
        "new",
        nargs="?",
        metavar="NEW",
        help="another, loaded alone; default: what this command loads (with --data)",
    )
    p.add_argument("--sources", action="store_true", help="compare the citations too")

    p = command("schema", "print the JSON Schema of data files (for editors and CI)")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="write it to a file instead (-: standard output)"
    )

    p = command(
        "export",
        "write the dataset (or what matches, as for list) as JSON, CSV or SQLite",
        "area",
        "role",
    )
    _filters(p, kind_needed=False)
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="json, csv (a folder, or a .zip) or sqlite; by default from the file name",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="where to write; - writes JSON to standard output",
    )
    return parser
