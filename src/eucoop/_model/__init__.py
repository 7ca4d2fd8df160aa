"""The model: value types, the four entity kinds, and what each field is.

- :mod:`~eucoop._model.enums`: the string enums;
- :mod:`~eucoop._model.fields`: the per-field facts (:func:`~eucoop._model.fields.meta`)
  every other room reads;
- :mod:`~eucoop._model.dates`: partial dates;
- :mod:`~eucoop._model.values`: money, sources, documents, participants...;
- :mod:`~eucoop._model.entity`: what every entity has, and the names it is found by;
- :mod:`~eucoop._model.kinds`: what a kind declares, and :data:`KINDS`, the table of kinds;
- :mod:`~eucoop._model.entities`: organisations, agreements, dialogues, programmes;
- :mod:`~eucoop._model.release`: the packaged data's version, date and span of knowledge;
- :mod:`~eucoop._model.changes`: changes a data file makes to the data below it;
- :mod:`~eucoop._model.identity`: what tells the items of a list apart.
"""

from eucoop._model.changes import Change, ChangeOp, RawChange
from eucoop._model.dates import query_date
from eucoop._model.entities import Agreement, Dialogue, Organisation, Programme
from eucoop._model.entity import Entity, KeyName, key_names, lookup_keys, loose_keys
from eucoop._model.enums import (
    UNRANKED,
    AgreementKind,
    Frequency,
    OrganisationKind,
    PolicyArea,
    Precision,
    PublisherKind,
    Role,
    Standing,
)
from eucoop._model.fields import (
    FieldInfo,
    Meta,
    field_head,
    field_names,
    fields_of,
    meta,
    per_class,
)
from eucoop._model.identity import ITEM_KEYS, item_key
from eucoop._model.kinds import (
    COLLECTIONS,
    KINDS,
    Dated,
    Event,
    Kind,
    entity_kind,
    kind_of,
)
from eucoop._model.release import Release
from eucoop._model.spans import Status, dates_in, existence, happened_by, status
from eucoop._model.values import (
    DateLike,
    Document,
    Money,
    PartialDate,
    Participant,
    Partnership,
    Session,
    Source,
)

__all__ = [
    "COLLECTIONS",
    "ITEM_KEYS",
    "KINDS",
    "UNRANKED",
    "Agreement",
    "AgreementKind",
    "Change",
    "ChangeOp",
    "DateLike",
    "Dated",
    "Dialogue",
    "Document",
    "Entity",
    "Event",
    "FieldInfo",
    "Frequency",
    "KeyName",
    "Kind",
    "Meta",
    "Money",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Participant",
    "Partnership",
    "PolicyArea",
    "Precision",
    "Programme",
    "PublisherKind",
    "RawChange",
    "Release",
    "Role",
    "Session",
    "Source",
    "Standing",
    "Status",
    "entity_kind",
    "dates_in",
    "existence",
    "happened_by",
    "status",
    "field_head",
    "field_names",
    "item_key",
    "fields_of",
    "key_names",
    "kind_of",
    "lookup_keys",
    "loose_keys",
    "meta",
    "per_class",
    "query_date",
]
