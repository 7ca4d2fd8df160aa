"""Show in the docs what a notebook shows: the ``eucoop-show`` directive.

A ``{eucoop-show}`` block is a notebook cell. Its content is Python; the
statements run, and the value of the last line, if it is an expression, is
shown the way Jupyter shows it::

    ```{eucoop-show}
    reg["iom"]
    ```

- a value with ``_repr_html_`` (every eucoop result, a pandas DataFrame) is
  embedded as that HTML, so the page shows the very card a notebook shows;
- a matplotlib figure is saved as a PNG and shown as an image;
- anything else is shown as its ``repr``, as a notebook would.

The page shows the code as a Python block, then the output in a
``div.eucoop-show-output`` (styled in ``_static/eucoop.css``).

The cells of one page share one namespace, which starts from
``eucoop_show_setup`` (a string of Python in ``conf.py``), so a page reads as
one session. The code runs whenever the page is read, under every builder
(``-b doctest`` too): an exception is a build error that names the page and
the line, so an example that stops working fails the build (``-W``).

Why not MyST-NB: it would replace myst-parser as the Markdown parser and run
a Jupyter kernel during the build. The values shown here render themselves
(``_repr_html_``), so running the code in the Sphinx process and embedding
that HTML gives the same picture with no kernel and no new dependency, and
the pages' ``{doctest}`` blocks stay exactly as they are.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path
from typing import Any

#: Where figures are written, under the source folder (images must be there):
#: docs/_build/ is git-ignored and excluded from the pages.
FIGURES = Path("_build", "eucoop-show")


def run_cell(code: str, namespace: dict[str, Any], filename: str = "<eucoop-show>") -> Any:
    """Run *code* in *namespace*; return the value of its last line if that is an expression.

    >>> ns = {}
    >>> run_cell("x = 2\\nx * 21", ns)
    42
    >>> run_cell("y = 1", ns) is None
    True
    """
    tree = ast.parse(code, filename=filename, mode="exec")
    last: ast.expr | None = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop().value
    exec(compile(tree, filename, "exec"), namespace)  # noqa: S102 - the docs' own code
    if last is None:
        return None
    expression = ast.Expression(body=last)
    return eval(compile(expression, filename, "eval"), namespace)  # noqa: S307


def is_figure(value: object) -> bool:
    """Whether *value* is a matplotlib figure (without importing matplotlib)."""
    return any(
        cls.__module__.startswith("matplotlib.") and cls.__name__ == "Figure"
        for cls in type(value).__mro__
    )


def html_of(value: object) -> str | None:
    """The HTML a notebook shows for *value*, or None when it has none."""
    method = getattr(value, "_repr_html_", None)
    if method is None or isinstance(value, type):
        return None
    html = method()
    return html if isinstance(html, str) else None


def save_figure(fig: Any, stem: str, out: Path) -> Path:
    """Save the matplotlib figure *fig* as ``<out>/<stem>.png`` and close it."""
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{stem}.png"
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return path


def setup(app):  # type: ignore[no-untyped-def]
    """Register ``eucoop-show`` and its ``eucoop_show_setup`` configuration value."""
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    app.add_config_value("eucoop_show_setup", "", "env", types=[str])

    class ShowDirective(SphinxDirective):
        has_content = True

        def namespace(self) -> dict[str, Any]:
            # temp_data lives while one document is read: one namespace a page
            ns: dict[str, Any] | None = self.env.temp_data.get("eucoop_show_namespace")
            if ns is None:
                ns = {"__name__": "__eucoop_show__"}
                setup_code = self.config.eucoop_show_setup
                if setup_code:
                    exec(compile(setup_code, "eucoop_show_setup", "exec"), ns)  # noqa: S102
                self.env.temp_data["eucoop_show_namespace"] = ns
            return ns

        def run(self) -> list[nodes.Node]:
            code = "\n".join(self.content)
            if not code.strip():
                raise self.error("eucoop-show: no code")
            source, line = self.get_source_info()
            filename = f"{source}:{line}"
            try:
                value = run_cell(code, self.namespace(), filename)
            except Exception as exc:
                msg = f"eucoop-show: the code raised {type(exc).__name__}: {exc}"
                raise self.error(msg) from exc
            cell = nodes.container(classes=["eucoop-show"])
            block = nodes.literal_block(code, code, language="python")
            cell += block
            self.set_source_info(block)
            output = self.output(value)
            if output is not None:
                out = nodes.container(classes=["eucoop-show-output"])
                out += output
                cell += out
            return [cell]

        def output(self, value: object) -> nodes.Node | None:
            if value is None:
                return None
            if is_figure(value):
                count = self.env.new_serialno("eucoop-show")
                digest = hashlib.sha1(self.env.docname.encode()).hexdigest()[:8]  # noqa: S324
                stem = f"{self.env.docname.replace('/', '-')}-{digest}-{count}"
                save_figure(value, stem, Path(self.env.srcdir) / FIGURES)
                # a URI starting with "/" is relative to the source folder
                uri = "/" + (FIGURES / f"{stem}.png").as_posix()
                return nodes.image(uri=uri, alt=f"figure drawn by {stem}")
            html = html_of(value)
            if html is not None:
                return nodes.raw("", html, format="html")
            text = repr(value)
            return nodes.literal_block(text, text, language="text", classes=["eucoop-show-text"])

    app.add_directive("eucoop-show", ShowDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
