"""The peer for load benchmarks: pydantic v2 models mirroring eucoop's data-file format.

Same fields, types, defaults, enums (eucoop's own) and nesting; unknown keys
are forbidden and types strict, as eucoop's converter is (no ``42`` for a
string, no ``"abc"`` for a list, no ``1`` for ``true``, no binary float for an
amount). Value checks that eucoop makes per value are mirrored too: id syntax,
ISO date syntax and calendar validity, three-letter currency codes in the ISO
list, ISO country codes, non-negative amounts and counts, at least one source.

What pydantic does *not* do here, and eucoop does on load: the checks across
records (unique ids and lookup keys, references that resolve, no parent
cycles, citations inside their documents, dates in order) and building the
registry's indexes. So the comparison flatters the peer.

Import this module only where pydantic is installed (``benchmarks/requirements.txt``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from peer_rules import COUNTRIES, CURRENCIES, DATE_PATTERN, ID_PATTERN, check_date
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
)

from eucoop import (
    AgreementKind,
    Frequency,
    OrganisationKind,
    PolicyArea,
    PublisherKind,
    Role,
    Standing,
)

__all__ = ["DataFileModel", "adapter"]


def _no_float(value: Any) -> Any:
    if isinstance(value, float):
        msg = "amounts must be written as a string or an integer, not a binary float"
        raise TypeError(msg)
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
PartialDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(check_date)]
Country = Literal[COUNTRIES]  # type: ignore[valid-type]
Currency = Literal[CURRENCIES]  # type: ignore[valid-type]
Amount = Annotated[
    Decimal, BeforeValidator(_no_float), Field(ge=0, allow_inf_nan=False, strict=False)
]
Count = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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


class Participant(_Model):
    organisation: str
    role: Role
    since: PartialDate | None = None
    until: PartialDate | None = None
    note: str | None = None
    framework: str | None = None


class Session(_Model):
    start: PartialDate
    end: PartialDate | None = None
    place: str | None = None
    note: str | None = None


class Money(_Model):
    amount: Amount
    currency: Currency


class Partnership(_Model):
    standing: Standing | None = None
    areas: frozenset[PolicyArea] = frozenset()
    since: PartialDate | None = None
    formalised_by: tuple[str, ...] = ()
    summary: str | None = None
    sources: tuple[Source, ...] = ()


class Entity(_Model):
    id: Id
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    policy_areas: frozenset[PolicyArea] = frozenset()
    participants: tuple[Participant, ...] = ()
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]


class Organisation(Entity):
    kind: OrganisationKind = OrganisationKind.OTHER
    parent: str | None = None
    founded: PartialDate | None = None
    headquarters: str | None = None
    country: Country | None = None
    website: str | None = None
    member_count: Count | None = None
    partnership: Partnership | None = None


class Agreement(Entity):
    kind: AgreementKind = AgreementKind.OTHER
    legally_binding: bool | None = None
    adopted: PartialDate | None = None
    in_force: PartialDate | None = None
    adopted_by: str | None = None


class Dialogue(Entity):
    established: PartialDate | None = None
    frequency: Frequency | None = None
    sessions: tuple[Session, ...] = ()
    venues: tuple[str, ...] = ()


class Programme(Entity):
    launched: PartialDate | None = None
    ended: PartialDate | None = None
    budget: Money | None = None
    countries: tuple[Country, ...] = ()
    country_count: Count | None = None
    regions: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()


class DataFileModel(_Model):
    """The top level of a data file."""

    schema_version: Literal[1] | None = None
    documents: tuple[Document, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    dialogues: tuple[Dialogue, ...] = ()
    programmes: tuple[Programme, ...] = ()


def adapter() -> TypeAdapter[DataFileModel]:
    """The validator benchmarks time: ``adapter().validate_json(data)``."""
    return TypeAdapter(DataFileModel)
