"""``python -m eucoop``: the command line (exit status 130, no traceback, on Ctrl-C)."""

try:
    from eucoop._cli import main
except KeyboardInterrupt:  # interrupted while starting up
    raise SystemExit(130) from None

raise SystemExit(main())
