"""What the installed package holds: the files in ``eucoop/data``, and its version.

A normal install (a wheel, an editable install, a checkout) has them as files
on disk, read directly; any other loader (a zip file, say) is asked through
:mod:`importlib.resources`, which is slower to import, so it is only imported
then.
"""

from __future__ import annotations

import os
from functools import cache

__all__ = ["data_files", "read", "version"]

_HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _on_disk() -> bool:
    return os.path.isdir(_HERE)


def data_files() -> list[str]:
    """The names of the packaged data files (``*.json`` not starting with ``_``), sorted."""
    if _on_disk():
        names = os.listdir(_HERE)
    else:
        from importlib.resources import files  # noqa: PLC0415 - see the module docstring

        names = [p.name for p in files("eucoop.data").iterdir()]
    return sorted(n for n in names if n.endswith(".json") and not n.startswith("_"))


def read(name: str) -> bytes:
    """The bytes of one packaged file, e.g. ``read("_iso.json")``."""
    if _on_disk():
        with open(os.path.join(_HERE, name), "rb") as f:
            return f.read()
    from importlib.resources import files  # noqa: PLC0415 - see the module docstring

    return files("eucoop.data").joinpath(name).read_bytes()


@cache
def version() -> str:
    """The installed eucoop's version (``"0+unknown"`` when it runs from a bare checkout)."""
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415 - rarely needed
    from importlib.metadata import version as installed  # noqa: PLC0415

    try:
        return installed("eucoop")
    except PackageNotFoundError:  # pragma: no cover - not installed
        return "0+unknown"
