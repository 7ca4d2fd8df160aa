"""eucoop: the EU's cooperation with international organisations, as sourced data.

The European Union's cooperation with international organisations in migration
and home affairs, as a typed, immutable, sourced dataset with a query API.

>>> import eucoop
>>> reg = eucoop.load()
>>> reg.lookup("IOM").name
'International Organization for Migration'
>>> [s.paragraph for s in reg.provenance("eu-iom-joint-initiative", "budget")]
[10]
"""

from __future__ import annotations

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


def __getattr__(name: str) -> Any:
    # ``__version__`` is read from the installed metadata on first use: importing
    # importlib.metadata costs more than the rest of ``import eucoop``.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("eucoop")
        except PackageNotFoundError:  # pragma: no cover - not installed
            return "0+unknown"
    msg = f"module 'eucoop' has no attribute {name!r}"
    raise AttributeError(msg)


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
