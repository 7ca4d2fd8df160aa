"""The enumerations of the model: string enums whose values are the data-file spelling."""

from enum import StrEnum
from typing import Final

from eucoop._render import html

__all__ = [
    "ENUMS",
    "AgreementKind",
    "ChangeOp",
    "Frequency",
    "OrganisationKind",
    "PolicyArea",
    "Precision",
    "PublisherKind",
    "Role",
    "Standing",
    "UNRANKED",
]


class _InNotebooks:
    """What gives enum values their notebook HTML, from :func:`eucoop._render.html`.

    A mixin, because an enum's own body may not define a ``_sunder_`` name
    such as ``_repr_html_``.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html(self)


class _StrEnum(_InNotebooks, StrEnum):
    """A string enum whose ``str()`` is its value, shown in words in notebooks."""


class Precision(_StrEnum):
    """How precisely a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PolicyArea(_StrEnum):
    """A field of policy in which cooperation takes place.

    >>> PolicyArea("refugee_protection")
    <PolicyArea.REFUGEE_PROTECTION: 'refugee_protection'>
    """

    MIGRATION = "migration"
    ASYLUM = "asylum"
    REFUGEE_PROTECTION = "refugee_protection"
    MIGRANT_PROTECTION = "migrant_protection"
    RETURN_AND_REINTEGRATION = "return_and_reintegration"
    INTEGRATION = "integration"
    LABOUR_MIGRATION = "labour_migration"
    MIGRATION_DATA = "migration_data"
    MOBILITY = "mobility"
    DEVELOPMENT = "development"
    HUMANITARIAN_RESPONSE = "humanitarian_response"
    HUMAN_RIGHTS = "human_rights"
    CAPACITY_BUILDING = "capacity_building"
    DRUGS = "drugs"
    ORGANISED_CRIME = "organised_crime"
    CRIME_PREVENTION = "crime_prevention"
    CRIMINAL_JUSTICE = "criminal_justice"
    CORRUPTION = "corruption"
    FIREARMS = "firearms"
    MONEY_LAUNDERING = "money_laundering"
    COUNTER_TERRORISM = "counter_terrorism"
    RULE_OF_LAW = "rule_of_law"
    DEMOCRACY = "democracy"
    PEACE_AND_STABILITY = "peace_and_stability"


class Role(_StrEnum):
    """The part an organisation plays in an agreement, dialogue or programme."""

    PARTY = "party"
    OBSERVER = "observer"
    MEMBER = "member"
    PARTICIPANT = "participant"
    SIGNATORY = "signatory"
    LEAD = "lead"
    COORDINATOR = "coordinator"
    SECRETARIAT = "secretariat"
    ORGANISER = "organiser"
    HOST = "host"
    FUNDER = "funder"
    IMPLEMENTER = "implementer"
    PARTNER = "partner"
    CONTRIBUTOR = "contributor"
    SUPPORTER = "supporter"
    FOUNDER = "founder"


class OrganisationKind(_StrEnum):
    """What sort of body an :class:`~eucoop.Organisation` is."""

    INTERGOVERNMENTAL_ORGANISATION = "intergovernmental_organisation"
    REGIONAL_ORGANISATION = "regional_organisation"
    UN_AGENCY = "un_agency"
    UN_BODY = "un_body"
    EU_INSTITUTION = "eu_institution"
    EU_BODY = "eu_body"
    MONITORING_BODY = "monitoring_body"
    NETWORK = "network"
    FORUM = "forum"
    OTHER = "other"


class AgreementKind(_StrEnum):
    """What sort of instrument an :class:`~eucoop.Agreement` is."""

    CONVENTION = "convention"
    COMPACT = "compact"
    DECLARATION = "declaration"
    PARTNERSHIP_FRAMEWORK = "partnership_framework"
    LETTERS_OF_EXCHANGE = "letters_of_exchange"
    POLICY_FRAMEWORK = "policy_framework"
    COMMUNICATION = "communication"
    RESOLUTION = "resolution"
    JOINT_STATEMENT = "joint_statement"
    OTHER = "other"


class Frequency(_StrEnum):
    """How often a :class:`~eucoop.Dialogue` meets."""

    ANNUAL = "annual"
    BIENNIAL = "biennial"
    PERIODIC = "periodic"
    IRREGULAR = "irregular"
    ONE_OFF = "one_off"


class Standing(_StrEnum):
    """How the EU itself ranks a partner organisation."""

    PRINCIPAL = "principal"
    KEY = "key"
    CLOSE = "close"
    REGULAR = "regular"


#: The one name of a partnership without a :class:`Standing` (``standing`` is ``None``):
#: what ``partners(standing=...)`` and ``--standing`` select it by, and what the command
#: line, the notebook tables and cards, and the catalogue show for it.
UNRANKED: Final = "unranked"


class PublisherKind(_StrEnum):
    """Who stands behind a cited :class:`~eucoop.Document`.

    - ``official``: the organisation itself, an EU institution, the UN system or a
      government (or one of its agencies);
    - ``reference``: an established encyclopedia, library, archive or academic
      repository, at its own address (not a copy or mirror of it);
    - ``press``: an established news outlet.

    The packaged data cites nothing else.

    >>> PublisherKind("reference")
    <PublisherKind.REFERENCE: 'reference'>
    """

    OFFICIAL = "official"
    REFERENCE = "reference"
    PRESS = "press"


class ChangeOp(_StrEnum):
    """What a change of a data file does to the data below it (see :class:`~eucoop.Change`).

    - ``add``: adds one item to a list (a session, a participant, a country...);
    - ``set``: gives an empty field a value, or replaces one (with ``was`` and a ``reason``);
    - ``retract``: removes a value or one item of a list, saying why.

    >>> ChangeOp("retract")
    <ChangeOp.RETRACT: 'retract'>
    """

    ADD = "add"
    SET = "set"
    RETRACT = "retract"


#: Every enumeration above, for code that treats them all alike (the converter).
ENUMS: tuple[type[StrEnum], ...] = tuple(_StrEnum.__subclasses__())
