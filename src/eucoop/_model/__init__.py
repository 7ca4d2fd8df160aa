"""The model: value types, the four entity kinds, and what each field is.

- :mod:`~eucoop._model.enums`: the string enums;
- :mod:`~eucoop._model.fields`: the per-field facts (:func:`~eucoop._model.fields.meta`)
  every other room reads;
- :mod:`~eucoop._model.dates`: partial dates;
- :mod:`~eucoop._model.values`: money, sources, documents, participants...;
- :mod:`~eucoop._model.entities`: organisations, agreements, dialogues, programmes.
"""

from eucoop._model.dates import query_date
from eucoop._model.entities import (
    COLLECTIONS,
    KINDS,
    Agreement,
    Dialogue,
    Entity,
    Organisation,
    Programme,
    key_fields,
    key_texts,
    kind_of,
    lookup_keys,
    loose_keys,
)
from eucoop._model.enums import (
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
    "KINDS",
    "Agreement",
    "AgreementKind",
    "DateLike",
    "Dialogue",
    "Document",
    "Entity",
    "FieldInfo",
    "Frequency",
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
    "Role",
    "Session",
    "Source",
    "Standing",
    "field_head",
    "field_names",
    "fields_of",
    "key_fields",
    "key_texts",
    "kind_of",
    "lookup_keys",
    "loose_keys",
    "meta",
    "per_class",
    "query_date",
]
