"""Queries that return several entities: each says what it holds."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, assert_type

import eucoop
from eucoop import (
    Agreement,
    Dialogue,
    Diff,
    Difference,
    Entity,
    Involvement,
    Organisation,
    Programme,
    Provenance,
    Registry,
    Results,
    Roles,
    SearchResults,
    Source,
    Timeline,
    TimelineEntry,
)

reg = eucoop.load()

# Asking for a kind gives that kind.
assert_type(reg.filter(kind=Organisation), Results[Organisation])
assert_type(reg.filter(kind=Programme, country="Libya"), Results[Programme])
headquarters = [o.headquarters for o in reg.filter(kind=Organisation)]
assert_type(headquarters, list[str | None])
assert_type(
    [p.budget for p in reg.filter(kind=Programme, area="migration")], list[eucoop.Money | None]
)

# A kind given by name, or none, gives entities of any kind.
assert_type(reg.filter(kind="organisation"), Results[Entity])
assert_type(reg.filter(country="LY"), Results[Entity])
assert_type(reg.filter(area="migration", active_on="2019"), Results[Entity])


# What an organisation takes part in can be of any kind: an Involvement is Results of entities,
# with who of the organisation took part in each.
assert_type(reg.involving("IOM"), Involvement)
assert_type(reg.involving("IOM", role="implementer"), Involvement)
involved: Results[Entity] = reg.involving("EU", include_bodies=False)
assert_type(reg.involving("EU").through, Mapping[str, tuple[str, ...]])

# Queries about organisations give organisations.
assert_type(reg.partners(), Results[Organisation])
assert_type(reg.partners(area="migration", standing="key"), Results[Organisation])
assert_type(reg.children("un-general-assembly"), Results[Organisation])
assert_type(reg.ancestors("unodc"), Results[Organisation])
standings = [o.partnership.standing for o in reg.partners() if o.partnership]
assert_type(standings, list[eucoop.Standing | None])

# Agreements in force are agreements.
assert_type(reg.in_force("2019-01-01"), Results[Agreement])
assert_type([a.in_force for a in reg.in_force("2019")], list[eucoop.PartialDate | None])

# The collections of each kind are results of that kind (tuples too).
assert_type(reg.organisations, Results[Organisation])
assert_type(reg.agreements, Results[Agreement])
assert_type(reg.dialogues, Results[Dialogue])
assert_type(reg.programmes, Results[Programme])
assert_type(reg.documents, Results[eucoop.Document])
assert_type(reg.organisations[:2], Results[Organisation])

# A result is a tuple: indexing, iterating and ids.
partners = reg.partners()
assert_type(partners[0], Organisation)
assert_type(partners.ids, tuple[str, ...])
for organisation in partners[:3]:
    assert_type(organisation, Organisation)
assert_type(len(partners), int)

# A slice is a result of the same type; an index, one item.
assert_type(reg.partners()[:3], Results[Organisation])
assert_type(reg.partners()[:3].ids, tuple[str, ...])
assert_type(reg.filter(kind=Programme)[1:], Results[Programme])
assert_type(reg.search("refugee")[:5], SearchResults)
assert_type(reg.search("refugee")[0], Entity)
assert_type(reg.timeline("2018")[:2], Timeline)
assert_type(reg.timeline("2018")[0], TimelineEntry)
assert_type(reg.roles("IOM")[:2], Roles)
assert_type(reg.roles("IOM")[0], tuple[Entity, eucoop.Participant])
assert_type(reg.provenance("iom")[:1], Provenance)
assert_type(reg.provenance("iom")[0], Source)
assert_type(reg.provenance("iom").documents, Results[eucoop.Document])

# Search, timelines and views of the past.
found = reg.search("refugee")
assert_type(found, SearchResults)
assert_type(found.hits[0].score, float)
assert_type(reg.timeline("2018"), Timeline)
for entry in reg.timeline("2018", "2018"):
    assert_type(entry, TimelineEntry)
    assert_type(entry.date, eucoop.PartialDate)
assert_type(reg.as_of("2019-01-01"), Registry)
assert_type(reg.as_of("2019-01-01").filter(kind=Organisation), Results[Organisation])

if TYPE_CHECKING:  # checked, never run
    # The deprecated spelling still type-checks (it warns at run time).
    assert_type(reg.filter(kind=Programme, policy_area="migration"), Results[Programme])

# What a type checker must refuse (checked, never run).
if TYPE_CHECKING:
    # A kind given by name: the fields of one kind need narrowing.
    reg.filter(kind="organisation")[0].headquarters  # type: ignore[attr-defined]
    # A misspelt condition.
    reg.filter(contry="LY")  # type: ignore[call-overload]

# A diff is a tuple of differences; a slice is a diff.
changes = reg.as_of("2018").diff(reg.as_of("2019"), sources=True)
assert_type(changes, Diff)
assert_type(changes[0], Difference)
assert_type(changes[:1], Diff)
assert_type(changes[0].field, str | None)
assert_type(changes.counts, dict[str, int])
