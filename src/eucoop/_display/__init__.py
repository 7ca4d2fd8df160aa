"""Display: how values look to people, as HTML in notebooks and as text in a terminal.

Importing this room registers the HTML renderer of each type with
:func:`eucoop._render.html`, which the values' ``_repr_html_`` call.
"""

from eucoop._display import html

__all__ = ["html"]
