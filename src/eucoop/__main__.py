"""``python -m eucoop``: the command line."""

from eucoop._cli import main

raise SystemExit(main())
