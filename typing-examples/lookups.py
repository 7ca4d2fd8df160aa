"""Getting one entity: by id, by any name, with or without naming its kind."""

from typing import TYPE_CHECKING, assert_type

import eucoop
from eucoop import Agreement, Entity, Organisation, Programme

reg = eucoop.load()

# Without a kind, an entity of any kind.
assert_type(reg.get("iom"), Entity)
assert_type(reg["iom"], Entity)
assert_type(reg.lookup("IOM"), Entity)

# With a kind, that kind: its own fields type-check.
iom = reg.lookup("IOM", Organisation)
assert_type(iom, Organisation)
assert_type(iom.headquarters, str | None)
assert_type(reg.get("iom", Organisation), Organisation)
assert_type(reg.lookup("GCM", Agreement).legally_binding, bool | None)
assert_type(reg.lookup(reg["iom"], Organisation), Organisation)

# Fields every entity has need no kind.
assert_type(reg.get("iom").name, str)
assert_type(reg.lookup("UNHCR").policy_areas, frozenset[eucoop.PolicyArea])


def budget_of(name: str) -> eucoop.Money | None:
    """A function in users' code: the lookup's kind gives the field its type."""
    return reg.lookup(name, Programme).budget


assert_type(budget_of("EU-IOM Joint Initiative"), eucoop.Money | None)

# What a type checker must refuse (checked, never run).
if TYPE_CHECKING:
    # Without a kind, the fields of one kind: ask for the kind.
    reg.get("iom").headquarters  # type: ignore[attr-defined]
    reg.lookup("IOM").partnership  # type: ignore[attr-defined]
    # A kind is an entity class.
    reg.lookup("IOM", str)  # type: ignore[type-var]
