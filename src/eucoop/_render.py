"""The one entry point for showing a value as HTML, whatever room the value lives in.

:func:`html` is a :func:`functools.singledispatch` function: the model, the
query results and the registry call it from their ``_repr_html_``, and the
display room (:mod:`eucoop._display`) registers the renderer of each type.
Dependencies so point one way: everything below the display room knows only
this function, never the renderers.
"""

from functools import singledispatch

__all__ = ["escape", "html"]

#: What HTML text must not hold raw, and what it becomes (as :func:`html.escape` does).
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """*text* safe inside HTML, quotes included: :func:`html.escape` without its import cost.

    (The standard module loads a table of every named entity, which took
    longer than anything else ``import eucoop`` did.)

    >>> escape("<a href='x'>&</a>")
    '&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;'
    """
    return text.translate(_ENTITIES)


@singledispatch
def html(value: object) -> str:
    """The HTML for *value*; a type without a renderer of its own gets its escaped ``repr``.

    >>> html(3 < 4)
    '<pre>True</pre>'
    >>> html("<b>")
    '<pre>&#x27;&lt;b&gt;&#x27;</pre>'
    """
    return f"<pre>{escape(repr(value))}</pre>"
