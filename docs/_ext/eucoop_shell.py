"""Shell sessions in the docs that the doctest builder runs for real.

A ``shell`` block shows a terminal session::

    ```{shell}
    $ eucoop partners --standing principal
    principal United Nations Office on Drugs and Crime (UNODC)
    ```

The HTML build shows it as written (a ``console`` block, so the copy button
copies the commands only). The doctest builder turns each ``$`` line into a
call of :func:`run` (as ``_shell``), which runs the command in ``bash`` inside
``docs/examples/`` (with the ``eucoop`` of the Python running Sphinx first
on ``PATH``) and prints what it printed, standard error included; the lines
after the command are the expected output, compared exactly.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Where shell examples run: the example data files live here.
EXAMPLES = HERE.parent / "examples"
PROMPT = "$ "

_bin_dir: Path | None = None


def _eucoop_bin() -> Path:
    """A folder holding an ``eucoop`` script that runs this interpreter's eucoop."""
    global _bin_dir  # noqa: PLW0603 - made once per process
    if _bin_dir is None:
        _bin_dir = Path(tempfile.mkdtemp(prefix="eucoop-docs-bin-"))
        script = _bin_dir / "eucoop"
        script.write_text(
            f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m eucoop "$@"\n', encoding="utf-8"
        )
        script.chmod(0o755)
    return _bin_dir


def run(command: str, cwd: Path | str = EXAMPLES) -> None:
    """Run one shell *command* and print its output, without trailing blanks."""
    env = dict(os.environ)
    env["PATH"] = f"{_eucoop_bin()}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"
    env["COLUMNS"] = "80"
    done = subprocess.run(  # noqa: S603 - the docs' own commands
        ["bash", "-c", command],  # noqa: S607
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if lines:
        print("\n".join(lines))


def to_doctest(lines: list[str]) -> str:
    """The doctest source for a session: ``$ cmd`` lines become calls of :func:`run`.

    Blank output lines become ``<BLANKLINE>``; the doctest namespace must
    hold :func:`run` as ``_shell`` (``conf.py``'s ``doctest_global_setup``).
    """
    out: list[str] = []
    for line in lines:
        if line.startswith(PROMPT):
            out.append(f">>> _shell({line[len(PROMPT) :]!r})")
        elif not line.strip():
            out.append("<BLANKLINE>")
        else:
            out.append(line)
    # a blank line closing a command's output is not output
    while out and out[-1] == "<BLANKLINE>":
        out.pop()
    return "\n".join(out)


def setup(app):  # type: ignore[no-untyped-def]
    """Register the ``shell`` directive."""
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective

    class ShellDirective(SphinxDirective):
        """A terminal session, shown as written and run by the doctest builder."""

        has_content = True
        optional_arguments = 1  # doctest group
        final_argument_whitespace = True

        def run(self) -> list[nodes.Node]:
            lines = list(self.content)
            if not lines or not lines[0].startswith(PROMPT):
                raise self.error(f"a shell block starts with a {PROMPT!r} command line")
            shown = "\n".join(lines)
            node = nodes.literal_block(shown, shown)
            node["language"] = "console"
            node["testnodetype"] = "doctest"
            node["groups"] = [self.arguments[0].strip()] if self.arguments else ["default"]
            node["test"] = to_doctest(lines)
            node["options"] = {}
            self.set_source_info(node)
            return [node]

    app.add_directive("shell", ShellDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
