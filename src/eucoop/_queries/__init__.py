"""Queries: what the registry answers, each from entities and indexes, never the Registry.

- :mod:`~eucoop._queries.lookup`: names to entities, and suggestions;
- :mod:`~eucoop._queries.indexes`: roles, children, areas, countries, regions;
- :mod:`~eucoop._queries.filters`: what ``filter`` looks up and the values it accepts;
- :mod:`~eucoop._queries.search`: the full-text index;
- :mod:`~eucoop._queries.time`: spans, statuses and timeline entries;
- :mod:`~eucoop._queries.asof`: trimming entities to one day;
- :mod:`~eucoop._queries.provenance`: the citations behind one field;
- :mod:`~eucoop._queries.diff`: what differs between two registries;
- :mod:`~eucoop._queries.ledger`: the changes applied, and the layer of each citation;
- :mod:`~eucoop._queries.tables`: flat rows, DataFrames and graphs;
- :mod:`~eucoop._queries.results`: the tuples queries return;
- :mod:`~eucoop._queries.involvement`: what an organisation takes part in, and through whom;
- :mod:`~eucoop._queries.order`: a sort key for dates that may be missing.
"""

from eucoop._queries.diff import Diff, Difference
from eucoop._queries.involvement import Involvement
from eucoop._queries.ledger import Changes
from eucoop._queries.order import by_date
from eucoop._queries.provenance import Provenance
from eucoop._queries.results import (
    Results,
    Roles,
    SearchResults,
    Timeline,
)
from eucoop._queries.search import Hit
from eucoop._queries.time import TimelineEntry

__all__ = [
    "Diff",
    "Difference",
    "Changes",
    "Hit",
    "Involvement",
    "Provenance",
    "Results",
    "Roles",
    "SearchResults",
    "Timeline",
    "TimelineEntry",
    "by_date",
]
