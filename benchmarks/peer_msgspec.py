"""The second peer for load benchmarks: msgspec frozen Structs mirroring ``peer.py``'s models.

The same fields, types, defaults, enums (eucoop's own) and nesting as the
pydantic peer; unknown fields are forbidden and types strict (msgspec's
default: no ``42`` for a string, no ``"abc"`` for a list, no ``1`` for
``true``). The per-value checks are mirrored too: id and date syntax by
pattern, calendar validity and non-negative finite amounts in
``__post_init__``, ISO country and currency codes as literals, non-negative
counts, at least one source. One difference: msgspec reads a JSON number
given for an amount exactly, from its digits, where eucoop and the pydantic
peer refuse it.

Like the pydantic peer, it makes none of eucoop's checks across records and
builds no index, so the comparison flatters the peer.

Import this module only where msgspec is installed (``benchmarks/requirements.txt``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct
from peer_rules import COUNTRIES, CURRENCIES, DATE_PATTERN, ID_PATTERN, check_date

from eucoop import (
    AgreementKind,
    Frequency,
    OrganisationKind,
    PolicyArea,
    PublisherKind,
    Role,
    Standing,
)

__all__ = ["DataFileModel", "decoder"]

Id = Annotated[str, Meta(pattern=ID_PATTERN)]
PartialDate = Annotated[str, Meta(pattern=DATE_PATTERN)]
Country = Literal[COUNTRIES]  # type: ignore[valid-type]
Currency = Literal[CURRENCIES]  # type: ignore[valid-type]
Count = Annotated[int, Meta(ge=0)]


def _dates(*values: str | None) -> None:
    for value in values:
        if value is not None:
            check_date(value)


class _Model(Struct, frozen=True, forbid_unknown_fields=True):
    pass


class Source(_Model):
    document: str
    paragraph: int | None = None
    fields: tuple[str, ...] = ()


class Document(_Model):
    id: Id
    title: str
    publisher: str
    publisher_kind: PublisherKind | None = None
    url: str | None = None
    paragraphs: int | None = None
    language: str | None = None
    accessed: PartialDate | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        _dates(self.accessed)


class Participant(_Model):
    organisation: str
    role: Role
    since: PartialDate | None = None
    until: PartialDate | None = None
    note: str | None = None
    framework: str | None = None

    def __post_init__(self) -> None:
        _dates(self.since, self.until)


class Session(_Model):
    start: PartialDate
    end: PartialDate | None = None
    place: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        _dates(self.start, self.end)


class Money(_Model):
    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        if not self.amount.is_finite() or self.amount < 0:
            msg = "an amount must be a finite number, not negative"
            raise ValueError(msg)


class Partnership(_Model):
    standing: Standing | None = None
    areas: frozenset[PolicyArea] = frozenset()
    since: PartialDate | None = None
    formalised_by: tuple[str, ...] = ()
    summary: str | None = None
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.since)


class Entity(_Model, kw_only=True):
    id: Id
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    policy_areas: frozenset[PolicyArea] = frozenset()
    participants: tuple[Participant, ...] = ()
    sources: Annotated[tuple[Source, ...], Meta(min_length=1)]


class Organisation(Entity):
    kind: OrganisationKind = OrganisationKind.OTHER
    parent: str | None = None
    founded: PartialDate | None = None
    headquarters: str | None = None
    country: Country | None = None
    website: str | None = None
    member_count: Count | None = None
    partnership: Partnership | None = None

    def __post_init__(self) -> None:
        _dates(self.founded)


class Agreement(Entity):
    kind: AgreementKind = AgreementKind.OTHER
    legally_binding: bool | None = None
    adopted: PartialDate | None = None
    in_force: PartialDate | None = None
    adopted_by: str | None = None

    def __post_init__(self) -> None:
        _dates(self.adopted, self.in_force)


class Dialogue(Entity):
    established: PartialDate | None = None
    frequency: Frequency | None = None
    sessions: tuple[Session, ...] = ()
    venues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.established)


class Programme(Entity):
    launched: PartialDate | None = None
    ended: PartialDate | None = None
    budget: Money | None = None
    countries: tuple[Country, ...] = ()
    country_count: Count | None = None
    regions: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.launched, self.ended)


class DataFileModel(_Model):
    """The top level of a data file."""

    schema_version: Literal[1] | None = None
    documents: tuple[Document, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    dialogues: tuple[Dialogue, ...] = ()
    programmes: tuple[Programme, ...] = ()


def decoder() -> msgspec.json.Decoder[DataFileModel]:
    """The decoder benchmarks time: ``decoder().decode(data)``."""
    return msgspec.json.Decoder(DataFileModel)
