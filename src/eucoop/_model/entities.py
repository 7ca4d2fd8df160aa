"""The four entity kinds: organisations, agreements, dialogues and programmes.

All are frozen, slotted, keyword-only attrs classes sharing the fields of
:class:`~eucoop._model.entity.Entity`. Collections are tuples or frozensets,
never lists. Each is declared a kind, once, with
:func:`~eucoop._model.kinds.entity_kind`: its collection, when it begins and
ends, its dated facts, its table's columns (see :mod:`eucoop._model.kinds`).
"""

import attrs

from eucoop._model.entity import Entity
from eucoop._model.enums import AgreementKind, Frequency, OrganisationKind
from eucoop._model.fields import meta
from eucoop._model.kinds import entity_kind
from eucoop._model.typecheck import typed
from eucoop._model.values import Money, PartialDate, Partnership, Session

__all__ = ["Agreement", "Dialogue", "Organisation", "Programme"]


@entity_kind(
    "organisations",
    start=("founded",),
    events={"partnership.since": "EU partnership with {label}"},
    columns=("kind", "partnership", "partnership.areas"),
    colour="#0072B2",
)
@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Organisation(Entity):
    """An international organisation, a body within one, an EU institution or a forum.

    ``participants`` holds memberships and observer seats *in* this
    organisation (the EU is an observer of GRECO since July 2019);
    ``partnership`` is the EU's own relationship with it.
    """

    kind: OrganisationKind = OrganisationKind.OTHER
    parent: str | None = attrs.field(
        default=None, metadata=meta(refers_to="organisations", label="part of")
    )
    founded: PartialDate | None = None
    headquarters: str | None = attrs.field(default=None, metadata=meta(search=1.0))
    country: str | None = attrs.field(
        default=None, metadata=meta(pattern="country", codes="countries")
    )
    website: str | None = attrs.field(default=None, metadata=meta(pattern="url"))
    member_count: int | None = attrs.field(default=None, metadata=meta(minimum=0, label="members"))
    partnership: Partnership | None = attrs.field(
        default=None, metadata=meta(export="flatten", label="EU partnership")
    )


@entity_kind(
    "agreements",
    start=("adopted",),
    events={"in_force": "{label} enters into force"},
    columns=("kind", "adopted", "in_force"),
    colour="#D55E00",
)
@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Agreement(Entity):
    """A formal instrument or framework: a convention, compact, declaration, letters...

    ``participants`` holds parties, signatories and those who led the process.
    """

    kind: AgreementKind = AgreementKind.OTHER
    legally_binding: bool | None = None
    adopted: PartialDate | None = None
    in_force: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="adopted"))
    adopted_by: str | None = attrs.field(default=None, metadata=meta(refers_to="organisations"))


def _meets(label: str, session: Session) -> str:
    """A session's entry in the timeline: ``"GFMD meets in Brussels (first meeting)"``."""
    where = f" in {session.place}" if session.place else ""
    what = f" ({session.note})" if session.note else ""
    return f"{label} meets{where}{what}"


@entity_kind(
    "dialogues",
    start=("established",),
    events={"sessions.start": _meets},
    columns=("frequency", "sessions"),
    colour="#009E73",
)
@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Dialogue(Entity):
    """A recurring or one-off meeting or forum, with its known sessions.

    ``established`` is when it first met or was set up, where a source says so.
    """

    established: PartialDate | None = None
    frequency: Frequency | None = attrs.field(default=None, metadata=meta(label="meets"))
    sessions: tuple[Session, ...] = attrs.field(default=(), metadata=meta(export="sessions"))
    venues: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=2.0))


@entity_kind(
    "programmes",
    start=("launched",),
    end=("ended",),
    events={"ended": "{label} ends"},
    columns=("launched", "ended", "budget"),
    colour="#CC79A7",
)
@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Programme(Entity):
    """A programme, initiative, task force or funding line.

    ``country_count`` holds a count the sources give without the list;
    ``countries`` the ISO 3166-1 alpha-2 codes they do name.
    """

    launched: PartialDate | None = None
    ended: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="launched"))
    budget: Money | None = attrs.field(default=None, metadata=meta(export="flatten"))
    countries: tuple[str, ...] = attrs.field(
        default=(), metadata=meta(pattern="country", codes="countries")
    )
    country_count: int | None = attrs.field(default=None, metadata=meta(minimum=0))
    regions: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=2.0))
    activities: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=3.0))
