"""The entry points for showing a value, as HTML or as short text, whatever room it lives in.

:func:`html` and :func:`summary` are :func:`functools.singledispatch`
functions: the model, the query results and the registry call them from
their ``_repr_html_`` and ``__repr__``, and the display room
(:mod:`eucoop._display`) registers the renderers of each type. Dependencies
so point one way: everything below the display room knows only these
functions, never the renderers.

A value shown alone, such as an entity's card, names what it refers to (a
parent organisation, a cited document) from the registry that holds it:
registries add themselves to :data:`REGISTRIES` for renderers to find.
"""

from functools import singledispatch
from typing import Any
from weakref import WeakSet

__all__ = ["REGISTRIES", "escape", "html", "summary"]

#: Every registry alive (weakly held): renderers look up names and documents in them.
REGISTRIES: "WeakSet[Any]" = WeakSet()

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


@singledispatch
def summary(value: object) -> str:
    """The compact text a result's ``repr`` shows: a head line and its first rows.

    The display room registers the text of each type; a type without one
    shows its name and, for a tuple, its items.

    >>> class Pair(tuple[int, ...]): ...
    >>> summary(Pair((1, 2)))
    'Pair(1, 2)'
    """
    items = tuple.__repr__(value) if isinstance(value, tuple) else "()"
    return f"{type(value).__name__}{items}"
