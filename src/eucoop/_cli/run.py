"""The entry point: parse, run the command, and turn every error into one line.

Exit status: 0 on success (an empty result included), 1 for an unknown or
ambiguous name, a bad data file or a file that cannot be read or written,
2 for a usage error or a bad value (a date, a policy area...), 130 when
interrupted (Ctrl-C). Errors are one line each on stderr, never a traceback.
A terminal that cannot show a character gets a replacement character (``?``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

from eucoop._cli import commands, diff, files
from eucoop._cli.context import Context, Failure, err, printable, terminal_columns
from eucoop._cli.parser import build_parser
from eucoop._display import text
from eucoop._exceptions import AmbiguousLookupError, DataError, UnknownEntityError

__all__ = ["COMMANDS", "main"]

#: The function of each subcommand; ``summary`` runs when none is given.
COMMANDS: dict[str, Callable[[Context], int]] = {
    "summary": commands.summary,
    "list": commands.list_entities,
    "show": commands.show,
    "search": commands.search,
    "involving": commands.involving,
    "partners": commands.partners,
    "timeline": commands.timeline,
    "as-of": commands.as_of,
    "provenance": commands.provenance,
    "validate": files.validate,
    "diff": diff.diff,
    "schema": files.schema,
    "export": files.export,
}


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _os_message(exc: OSError) -> str:
    if exc.strerror and exc.filename:
        return f"{exc.strerror}: {exc.filename}"
    return str(exc)


@contextlib.contextmanager
def _replacing_unencodable() -> Iterator[None]:
    """Let stdout and stderr print ``?`` for what their encoding cannot show, not fail.

    The streams are the program's: a caller of :func:`main` gets them back as
    they were.
    """
    changed = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        errors = getattr(stream, "errors", None)
        if reconfigure is not None and isinstance(errors, str):
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
                changed.append((reconfigure, errors))
    try:
        yield
    finally:
        for reconfigure, errors in changed:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=errors)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    try:
        with _replacing_unencodable(), text.wrapped_at(terminal_columns()):
            return _run(argv)
    except KeyboardInterrupt:
        return 130


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    command = COMMANDS[args.command or "summary"]
    try:
        return command(Context(args))
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except DataError as exc:
        sys.stderr.write(printable(f"{exc}\n"))
        return 1
    except (UnknownEntityError, AmbiguousLookupError, Failure) as exc:
        err(str(exc))
        return 1
    except OSError as exc:
        err(_os_message(exc))
        return 1
    except ValueError as exc:
        err(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - never a traceback; say what went wrong
        err(f"unexpected error ({type(exc).__name__}: {exc}); please report it")
        return 1
