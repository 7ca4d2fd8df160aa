"""The four entity kinds: organisations, agreements, dialogues and programmes.

All are frozen, slotted, keyword-only attrs classes sharing the fields of
:class:`Entity`. Collections are tuples or frozensets, never lists. This
module also holds the one answer to "which kind is this name?"
(:func:`kind_of`) and "which names find this entity?" (:func:`lookup_keys`
and :func:`loose_keys`).
"""

from typing import ClassVar

import attrs

from eucoop._arguments import wrong_type
from eucoop._model.enums import AgreementKind, Frequency, OrganisationKind, PolicyArea
from eucoop._model.fields import meta
from eucoop._model.typecheck import typed
from eucoop._model.values import (
    Document,
    Money,
    PartialDate,
    Participant,
    Partnership,
    Repr,
    Session,
    Source,
)
from eucoop._text import fold, loose

__all__ = [
    "COLLECTIONS",
    "KINDS",
    "Agreement",
    "Dialogue",
    "Entity",
    "Organisation",
    "Programme",
    "key_fields",
    "key_texts",
    "kind_of",
    "lookup_keys",
    "loose_keys",
]


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Entity(Repr):
    """Fields every entity has. Not instantiated itself: use one of the four kinds."""

    #: The plural key of this kind in a data file (``"organisations"``...).
    collection: ClassVar[str] = ""

    id: str = attrs.field(metadata=meta(pattern="id", search=8.0))
    name: str = attrs.field(metadata=meta(nonempty=True, search=8.0))
    acronym: str | None = attrs.field(default=None, metadata=meta(nonempty=True, search=10.0))
    aliases: tuple[str, ...] = attrs.field(
        default=(), metadata=meta(nonempty=True, search=6.0, label="also called")
    )
    description: str | None = attrs.field(default=None, metadata=meta(search=3.0))
    policy_areas: frozenset[PolicyArea] = frozenset()
    participants: tuple[Participant, ...] = attrs.field(
        default=(), metadata=meta(export="organisations")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(),
        metadata=meta(min_items=1, export="skip", empty_message="must cite at least one source"),
    )

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


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Organisation(Entity):
    """An international organisation, a body within one, an EU institution or a forum.

    ``participants`` holds memberships and observer seats *in* this
    organisation (the EU is an observer of GRECO since July 2019);
    ``partnership`` is the EU's own relationship with it.
    """

    collection: ClassVar[str] = "organisations"

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


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Agreement(Entity):
    """A formal instrument or framework: a convention, compact, declaration, letters...

    ``participants`` holds parties, signatories and those who led the process.
    """

    collection: ClassVar[str] = "agreements"

    kind: AgreementKind = AgreementKind.OTHER
    legally_binding: bool | None = None
    adopted: PartialDate | None = None
    in_force: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="adopted"))
    adopted_by: str | None = attrs.field(default=None, metadata=meta(refers_to="organisations"))


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Dialogue(Entity):
    """A recurring or one-off meeting or forum, with its known sessions.

    ``established`` is when it first met or was set up, where a source says so.
    """

    collection: ClassVar[str] = "dialogues"

    established: PartialDate | None = None
    frequency: Frequency | None = attrs.field(default=None, metadata=meta(label="meets"))
    sessions: tuple[Session, ...] = attrs.field(default=(), metadata=meta(export="sessions"))
    venues: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=2.0))


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Programme(Entity):
    """A programme, initiative, task force or funding line.

    ``country_count`` holds a count the sources give without the list;
    ``countries`` the ISO 3166-1 alpha-2 codes they do name.
    """

    collection: ClassVar[str] = "programmes"

    launched: PartialDate | None = None
    ended: PartialDate | None = attrs.field(default=None, metadata=meta(not_before="launched"))
    budget: Money | None = attrs.field(default=None, metadata=meta(export="flatten"))
    countries: tuple[str, ...] = attrs.field(
        default=(), metadata=meta(pattern="country", codes="countries")
    )
    country_count: int | None = attrs.field(default=None, metadata=meta(minimum=0))
    regions: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=2.0))
    activities: tuple[str, ...] = attrs.field(default=(), metadata=meta(search=3.0))


#: The four entity kinds, in the order data files list them.
KINDS: tuple[type[Entity], ...] = (Organisation, Agreement, Dialogue, Programme)


#: The data-file collections, in the order files list them, and the class of their items.
COLLECTIONS: dict[str, type[Entity] | type[Document]] = {
    "documents": Document,
    **{k.collection: k for k in KINDS},
}

_KIND_NAMES: dict[str, str] = {
    **{c: c for c in COLLECTIONS},
    **{cls.__name__.lower(): c for c, cls in COLLECTIONS.items()},
}


def kind_of(kind: type | str, *, documents: bool = False) -> str:
    """The data-file collection a kind names: a class, or its name in any case and number.

    An unambiguous start of three letters or more will do (``"org"``,
    ``"prog"``). Documents count only when *documents* is true. Any other
    class or name is a :class:`ValueError` that lists the kinds; anything
    else, a :class:`TypeError`.

    >>> kind_of("Programme"), kind_of(Organisation), kind_of("agree")
    ('programmes', 'organisations', 'agreements')
    """
    allowed = {c for c in COLLECTIONS if documents or c != "documents"}
    found: set[str] = set()
    if isinstance(kind, type):
        found = {c for c in allowed if COLLECTIONS[c] is kind}
    elif isinstance(kind, str):
        key = kind.strip().lower()
        if key in _KIND_NAMES:
            found = {_KIND_NAMES[key]} & allowed
        elif len(key) >= 3:
            found = {c for n, c in _KIND_NAMES.items() if n.startswith(key)} & allowed
    else:
        raise wrong_type("kind", "an entity class or a kind's name", kind)
    if len(found) == 1:
        return found.pop()
    names = [c for c in COLLECTIONS if c in allowed]
    shown = kind.__name__ if isinstance(kind, type) else repr(kind)
    msg = f"unknown kind {shown}; expected one of: {', '.join(names)}"
    raise ValueError(msg)


def key_texts(entity: Entity) -> list[str]:
    """The texts an entity is looked up by: its id, name, acronym and aliases, in that order."""
    texts = [entity.id, entity.name]
    if entity.acronym is not None:
        texts.append(entity.acronym)
    texts.extend(entity.aliases)
    return texts


def lookup_keys(entity: Entity) -> list[str]:
    """Every key an entity is looked up by: its id, then its names folded as lookups fold them.

    Names, acronyms and aliases are folded with :func:`eucoop._text.fold`
    (case, accents and spacing do not count); :func:`key_fields` names the
    field of each key, in the same order.

    >>> e = Organisation(id="x", name="Ex", acronym="EX", aliases=("The Ex",))
    >>> lookup_keys(e), key_fields(e)
    (['x', 'ex', 'ex', 'the ex'], ['id', 'name', 'acronym', 'aliases[0]'])
    """
    texts = key_texts(entity)
    texts[1:] = map(fold, texts[1:])  # the id is a key as it is
    return texts


def loose_keys(entity: Entity) -> list[str]:
    """The forgiving key of each of :func:`key_texts`, which a lookup tries when no key fits.

    Made by :func:`eucoop._text.loose` (punctuation and a leading "the" do not
    count either), the function a lookup applies to what it is asked. Two
    texts with the same folded key have the same forgiving key, so two
    entities that share no forgiving key share no key at all, and no lookup
    can take one for the other.

    >>> loose_keys(Organisation(id="un-x", name="The U.N. X", acronym="UNX!"))
    ['un x', 'un x', 'unx']
    """
    return list(map(loose, key_texts(entity)))


def key_fields(entity: Entity) -> list[str]:
    """The field path of each key :func:`lookup_keys` gives, in the same order."""
    fields = ["id", "name"]
    if entity.acronym is not None:
        fields.append("acronym")
    fields.extend(f"aliases[{i}]" for i in range(len(entity.aliases)))
    return fields
