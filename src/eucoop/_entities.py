"""The four entity kinds: organisations, agreements, dialogues and programmes.

All are frozen, slotted, keyword-only attrs classes sharing the fields of
:class:`Entity`. Collections are tuples or frozensets, never lists.
"""

from typing import ClassVar

import attrs

from eucoop._values import (
    AgreementKind,
    Frequency,
    Money,
    OrganisationKind,
    PartialDate,
    Participant,
    Partnership,
    PolicyArea,
    Session,
    Source,
    _Repr,
)

__all__ = ["KINDS", "Agreement", "Dialogue", "Entity", "Organisation", "Programme"]


@attrs.frozen(kw_only=True, repr=False)
class Entity(_Repr):
    """Fields every entity has. Not instantiated itself: use one of the four kinds."""

    #: The plural key of this kind in a data file (``"organisations"``...).
    collection: ClassVar[str] = ""

    id: str
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    policy_areas: frozenset[PolicyArea] = frozenset()
    participants: tuple[Participant, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def kind_name(self) -> str:
        """The class name in lower case: ``"organisation"``, ``"programme"``..."""
        return type(self).__name__.lower()

    @property
    def label(self) -> str:
        """The name, with the acronym when there is one: ``"International ... (IOM)"``."""
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def _repr_html_(self) -> str:
        from eucoop._html import entity_html  # noqa: PLC0415 - only notebooks need it

        return entity_html(self)


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Entity):
    """An international organisation, a body within one, an EU institution or a forum.

    ``participants`` holds memberships and observer seats *in* this
    organisation (the EU is an observer of GRECO since July 2019);
    ``partnership`` is the EU's own relationship with it.
    """

    collection: ClassVar[str] = "organisations"

    kind: OrganisationKind = OrganisationKind.OTHER
    parent: str | None = None
    founded: PartialDate | None = None
    headquarters: str | None = None
    country: str | None = None
    website: str | None = None
    member_count: int | None = None
    partnership: Partnership | None = None


@attrs.frozen(kw_only=True, repr=False)
class Agreement(Entity):
    """A formal instrument or framework: a convention, compact, declaration, letters...

    ``participants`` holds parties, signatories and those who led the process.
    """

    collection: ClassVar[str] = "agreements"

    kind: AgreementKind = AgreementKind.OTHER
    legally_binding: bool | None = None
    adopted: PartialDate | None = None
    in_force: PartialDate | None = None
    adopted_by: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Dialogue(Entity):
    """A recurring or one-off meeting or forum, with its known sessions."""

    collection: ClassVar[str] = "dialogues"

    frequency: Frequency | None = None
    sessions: tuple[Session, ...] = ()
    venues: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Programme(Entity):
    """A programme, initiative, task force or funding line.

    ``country_count`` holds a count the sources give without the list;
    ``countries`` the ISO 3166-1 alpha-2 codes they do name.
    """

    collection: ClassVar[str] = "programmes"

    launched: PartialDate | None = None
    ended: PartialDate | None = None
    budget: Money | None = None
    countries: tuple[str, ...] = ()
    country_count: int | None = None
    regions: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()


#: The four entity kinds, in the order data files list them.
KINDS: tuple[type[Entity], ...] = (Organisation, Agreement, Dialogue, Programme)
