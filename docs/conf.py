"""Sphinx configuration for the eucoop documentation.

Build from the repository root::

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
    python -m sphinx -W --keep-going -b doctest docs docs/_build/doctest

The build needs no network. Links to the Python documentation come from a
small inventory written here (``PYTHON_OBJECTS``); set
``EUCOOP_DOCS_INTERSPHINX=1`` to fetch Python's full inventory instead.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

import eucoop  # noqa: E402 - after the path set-up above

# -- project ------------------------------------------------------------------

project = "eucoop"
author = "The eucoop developers"
copyright = "2025, the eucoop developers"
release = eucoop.__version__
version = ".".join(release.split(".")[:2])

# -- extensions ---------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    # local, in docs/_ext/
    "eucoop_catalogue",
    "eucoop_docs",
    "eucoop_shell",
    "eucoop_show",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# generated include-*.md files are parts of catalogue/index.md, not pages
exclude_patterns = [
    "_build",
    "examples",
    "catalogue/generated/include-*.md",
    "Thumbs.db",
    ".DS_Store",
]
templates_path: list[str] = []
nitpicky = True
# SearchResults is built by Registry.search from an internal record of what was found;
# its constructor is not for users, and that record type is not documented.
nitpick_ignore = [("py:class", "Found")]

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc ------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
# long signatures (the entities' keyword-only fields) get one parameter a line
python_maximum_signature_line_length = 88
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- doctest ------------------------------------------------------------------
# Every ``{doctest}`` block in the pages, every ``>>>`` example in the
# docstrings the API reference shows, and every ``{shell}`` session runs
# under ``-b doctest``.

doctest_global_setup = """
import datetime as dt
import eucoop
from eucoop import *
from eucoop_shell import run as _shell
"""
doctest_test_doctest_blocks = "default"

# -- notebook output ------------------------------------------------------------
# ``{eucoop-show}`` cells (docs/_ext/eucoop_show.py) run when a page is read and
# show what a notebook shows: the HTML card or table, a DataFrame, a figure.
# The cells of a page share one namespace, which starts as this code does.

eucoop_show_setup = """
import eucoop
from eucoop import *
reg = eucoop.load()
"""

# -- intersphinx --------------------------------------------------------------
# The objects of Python's documentation that these pages refer to, so that
# the links work (and ``-n`` passes) without fetching objects.inv.

PYTHON_OBJECTS = {
    "py:class": {
        "bool": "library/functions.html#bool",
        "int": "library/functions.html#int",
        "float": "library/functions.html#float",
        "str": "library/stdtypes.html#str",
        "tuple": "library/stdtypes.html#tuple",
        "list": "library/stdtypes.html#list",
        "dict": "library/stdtypes.html#dict",
        "frozenset": "library/stdtypes.html#frozenset",
        "object": "library/functions.html#object",
        "datetime.date": "library/datetime.html#datetime.date",
        "datetime.datetime": "library/datetime.html#datetime.datetime",
        "decimal.Decimal": "library/decimal.html#decimal.Decimal",
        "enum.Enum": "library/enum.html#enum.Enum",
        "enum.StrEnum": "library/enum.html#enum.StrEnum",
        "os.PathLike": "library/os.html#os.PathLike",
        "collections.abc.Mapping": "library/collections.abc.html#collections.abc.Mapping",
        "collections.abc.Iterable": "library/collections.abc.html#collections.abc.Iterable",
        "collections.abc.Iterator": "library/collections.abc.html#collections.abc.Iterator",
        "collections.abc.Callable": "library/collections.abc.html#collections.abc.Callable",
        "contextvars.ContextVar": "library/contextvars.html#contextvars.ContextVar",
        "typing.Any": "library/typing.html#typing.Any",
    },
    "py:exception": {
        "KeyError": "library/exceptions.html#KeyError",
        "ValueError": "library/exceptions.html#ValueError",
        "TypeError": "library/exceptions.html#TypeError",
        "ModuleNotFoundError": "library/exceptions.html#ModuleNotFoundError",
    },
    "py:function": {
        "str": "library/stdtypes.html#str",
        "len": "library/functions.html#len",
        "sorted": "library/functions.html#sorted",
    },
    "py:data": {
        "typing.Any": "library/typing.html#typing.Any",
    },
}


def _python_inventory() -> str:
    """Write ``PYTHON_OBJECTS`` as a Sphinx inventory and return its path."""
    lines = [
        f"{name} {role} 1 {uri} -"
        for role, objects in PYTHON_OBJECTS.items()
        for name, uri in objects.items()
    ]
    header = (
        "# Sphinx inventory version 2\n# Project: Python\n# Version: 3\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    path = DOCS / "_build" / "offline-inventories" / "python.inv"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = header.encode() + zlib.compress(("\n".join(lines) + "\n").encode())
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return str(path)


if os.environ.get("EUCOOP_DOCS_INTERSPHINX"):
    intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
else:
    intersphinx_mapping = {"python": ("https://docs.python.org/3", _python_inventory())}
intersphinx_timeout = 10

# -- HTML ---------------------------------------------------------------------

html_theme = "furo"
html_title = f"eucoop {release}"
html_static_path = ["_static"]
html_css_files = ["eucoop.css"]
# the data-file JSON Schema, at the address its $id names (written by eucoop_catalogue)
html_extra_path = ["catalogue/generated/extra"]
html_theme_options = {
    "source_repository": "https://github.com/eucoop/eucoop",
    "source_branch": "main",
    "source_directory": "docs/",
}

# sphinx-copybutton: copy commands, not prompts or output
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
