"""Display: how values look to people, as HTML in notebooks and as text in a terminal.

- :mod:`~eucoop._display.html`: HTML cards and tables. Importing this room
  registers the HTML renderer of each type with :func:`eucoop._render.html`,
  which the values' ``_repr_html_`` call.
- :mod:`~eucoop._display.text`: text cards and lists wrapped to 80 columns,
  for the command line, which imports it itself (``import eucoop`` need not).
"""

from eucoop._display import html

__all__ = ["html"]
