"""The ``eucoop`` console script: the command line, and Ctrl-C while it starts up.

The script's entry point sits outside the ``eucoop`` package on purpose:
importing the package is most of the start-up, and an entry point inside it
would be imported only after it, where no ``try`` can reach. Interrupted
here, the script exits with status 130 and no traceback, as it does once
:func:`eucoop._cli.main` runs.
"""

try:
    from eucoop._cli import main
except KeyboardInterrupt:  # Ctrl-C while the eucoop package (or its command line) is imported
    raise SystemExit(130) from None

__all__ = ["main"]
