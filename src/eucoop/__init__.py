"""eucoop: the EU's cooperation with international organisations, as sourced data.

The European Union's cooperation with international organisations in migration
and home affairs, as a typed, immutable, sourced dataset with a query API.

>>> import eucoop
>>> reg = eucoop.load()
>>> reg.lookup("IOM").name
'International Organization for Migration'
>>> [s.paragraph for s in reg.provenance("eu-iom-joint-initiative", "budget")]
[10]

The public names below are imported on first use (:pep:`562`), so that
``import eucoop`` stays cheap for scripts and the command line; nothing else
changes for the user: ``from eucoop import Organisation`` works as usual.
"""

from __future__ import annotations

from importlib import import_module

# Not typing.TYPE_CHECKING: importing typing would double the cost of importing
# eucoop. Type checkers treat any constant of this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from eucoop._entities import Agreement, Dialogue, Entity, Organisation, Programme
    from eucoop._exceptions import AmbiguousLookupError, DataError, Problem, UnknownEntityError
    from eucoop._load import load
    from eucoop._registry import Registry
    from eucoop._results import Results, SearchResults, Timeline
    from eucoop._search import Hit
    from eucoop._time import TimelineEntry
    from eucoop._values import (
        AgreementKind,
        DateLike,
        Document,
        Frequency,
        Money,
        OrganisationKind,
        PartialDate,
        Participant,
        Partnership,
        PolicyArea,
        Precision,
        Role,
        Session,
        Source,
        Standing,
    )

    __version__: str

__all__ = [
    "AgreementKind",
    "Agreement",
    "AmbiguousLookupError",
    "DataError",
    "DateLike",
    "Dialogue",
    "Document",
    "Entity",
    "Frequency",
    "Hit",
    "Money",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Participant",
    "Partnership",
    "PolicyArea",
    "Precision",
    "Problem",
    "Programme",
    "Registry",
    "Results",
    "Role",
    "SearchResults",
    "Session",
    "Source",
    "Standing",
    "Timeline",
    "TimelineEntry",
    "UnknownEntityError",
    "__version__",
    "load",
]

#: Where each public name lives.
_HOMES = {
    "eucoop._entities": ("Agreement", "Dialogue", "Entity", "Organisation", "Programme"),
    "eucoop._exceptions": ("AmbiguousLookupError", "DataError", "Problem", "UnknownEntityError"),
    "eucoop._load": ("load",),
    "eucoop._registry": ("Registry",),
    "eucoop._results": ("Results", "SearchResults", "Timeline"),
    "eucoop._search": ("Hit",),
    "eucoop._time": ("TimelineEntry",),
    "eucoop._values": (
        "AgreementKind",
        "DateLike",
        "Document",
        "Frequency",
        "Money",
        "OrganisationKind",
        "PartialDate",
        "Participant",
        "Partnership",
        "PolicyArea",
        "Precision",
        "Role",
        "Session",
        "Source",
        "Standing",
    ),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is not None:
        value = getattr(import_module(module), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("eucoop")
        except PackageNotFoundError:  # pragma: no cover - not installed
            return "0+unknown"
    msg = f"module 'eucoop' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
