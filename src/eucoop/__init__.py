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

from eucoop import _display  # registers the HTML of every value shown in notebooks
from eucoop._card import Card
from eucoop._exceptions import (
    AmbiguousLookupError,
    CurrencyMismatchError,
    DataError,
    Problem,
    UnknownEntityError,
)
from eucoop._load import load
from eucoop._model import (
    Agreement,
    AgreementKind,
    Change,
    ChangeOp,
    DateLike,
    Dialogue,
    Document,
    Entity,
    Frequency,
    Money,
    Organisation,
    OrganisationKind,
    PartialDate,
    Participant,
    Partnership,
    PolicyArea,
    Precision,
    Programme,
    PublisherKind,
    Release,
    Role,
    Session,
    Source,
    Standing,
)
from eucoop._queries import (
    Changes,
    Diff,
    Difference,
    Hit,
    Involvement,
    Provenance,
    Results,
    Roles,
    SearchResults,
    Timeline,
    TimelineEntry,
    by_date,
)
from eucoop._registry import Registry
from eucoop._resources import version

__all__ = [
    "AgreementKind",
    "Agreement",
    "AmbiguousLookupError",
    "Card",
    "CurrencyMismatchError",
    "Change",
    "ChangeOp",
    "Changes",
    "DataError",
    "DateLike",
    "Dialogue",
    "Diff",
    "Difference",
    "Document",
    "Entity",
    "Frequency",
    "Hit",
    "Involvement",
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
    "Provenance",
    "Release",
    "PublisherKind",
    "Registry",
    "Results",
    "Role",
    "Roles",
    "SearchResults",
    "Session",
    "Source",
    "Standing",
    "Timeline",
    "TimelineEntry",
    "UnknownEntityError",
    "__version__",
    "by_date",
    "load",
]

del _display


def __getattr__(name: str) -> str:
    """``eucoop.__version__``, read from the installed package's metadata on first ask."""
    if name == "__version__":
        return version()
    msg = f"module 'eucoop' has no attribute {name!r}"
    raise AttributeError(msg)
