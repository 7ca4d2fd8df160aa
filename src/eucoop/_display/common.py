"""What the text and the HTML renderers share: what a card shows, in which order, in words.

A card's fields are read from the model (:func:`eucoop._model.fields_of`): a
field added to an entity shows up on its card, in text and in HTML, under its
label. Only which fields share a line and which are sections are written here,
with the small pieces both renderers word the same way (spans of time,
citations, enum values with spaces).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from eucoop._model import (
    KINDS,
    UNRANKED,
    Document,
    Entity,
    FieldInfo,
    Organisation,
    PartialDate,
    Participant,
    Session,
    Source,
    Standing,
    fields_of,
    per_class,
)
from eucoop._queries import Results
from eucoop._registry import Registry
from eucoop._text import plural

__all__ = [
    "BULLETED",
    "HEAD",
    "PROSE",
    "TAIL",
    "by_standing",
    "capitalised",
    "cite",
    "cited_documents",
    "counted",
    "from_your_data",
    "is_record",
    "joined_fields",
    "joined_text",
    "kind_counts",
    "kind_text",
    "layer_counts",
    "line_fields",
    "line_items",
    "names_shown",
    "plain",
    "registry_facts",
    "section_fields",
    "session_text",
    "span",
    "when_and_note",
    "in_words",
]

#: Shown in a card's head: the label, the kind line and the description.
HEAD = frozenset({"id", "name", "acronym", "kind", "description", "title"})
#: Sections every entity card ends with, after the sections of its kind.
TAIL = ("participants", "sources")
#: Lists of sentences: a section of bullets rather than one line.
BULLETED = frozenset({"activities"})
#: Prose: a paragraph without a label.
PROSE = frozenset({"summary"})


def in_words(value: object) -> str:
    """An enum value (or any value) in words: underscores as spaces, ``un`` and ``eu`` as acronyms.

    >>> in_words("intergovernmental_organisation"), in_words("un_body")
    ('intergovernmental organisation', 'UN body')
    """
    return " ".join(w.upper() if w in ("un", "eu") else w for w in str(value).split("_"))


def capitalised(label: str) -> str:
    """*label* with its first letter upper case, the rest left alone (``EU partnership``)."""
    return label[:1].upper() + label[1:]


def kind_text(e: Entity) -> str:
    """The kind of an entity in words: ``"Organisation (network)"``, ``"Programme"``."""
    what = capitalised(e.kind_name)
    sub = getattr(e, "kind", None)
    if sub is not None and str(sub) != "other":
        what += f" ({in_words(sub)})"
    return what


def span(since: PartialDate | None, until: PartialDate | None) -> str:
    """When something held: ``"2010 to 2011-05"``, ``"since 2010"``, ``"until 2011-05"`` or nothing.

    >>> span(PartialDate(2010), None)
    'since 2010'
    """
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return ""


def when_and_note(p: Participant) -> str:
    """A participation's span, framework and note: ``"since 2019-07; as an observer state"``."""
    under = f"under {p.framework}" if p.framework else ""
    return "; ".join(x for x in (span(p.since, p.until), under, p.note) if x)


def session_text(s: Session) -> str:
    """``"2019-06-03 to 2019-06-04, Vienna"``: when, where, and the note."""
    when = span(s.start, s.end).removeprefix("since ")
    return ", ".join(x for x in (when, s.place, s.note) if x)


def cite(s: Source) -> str:
    """``"paragraph 10 (budget, country_count)"`` or ``"whole document"``."""
    text = "whole document" if s.paragraph is None else f"paragraph {s.paragraph}"
    if s.fields:
        text += f" ({', '.join(s.fields)})"
    return text


# -- which fields, in which order ------------------------------------------------


def is_record(f: FieldInfo) -> bool:
    """Whether *f* holds records (a section of their own), not values that fit a line."""
    return f.nested is not None and f.nested.__str__ is object.__str__


def _place(e: Any) -> str:
    return ", ".join(x for x in (e.headquarters, e.country) if x)


def _countries(e: Any) -> str:
    named = ", ".join(e.countries)
    count = "" if e.country_count is None else f"{e.country_count} in all"
    return f"{named} ({count})" if named and count else named or count


#: Fields that share their line with another: the field whose line it is, the one it
#: takes in, and the text of both ("Headquarters  Geneva, CH").
_JOINED: dict[str, tuple[str, Callable[[Any], str]]] = {
    "headquarters": ("country", _place),
    "countries": ("country_count", _countries),
}


def joined_fields(f: FieldInfo) -> tuple[str, ...]:
    """The names of the fields whose text a line of *f* shows: *f*'s, and the one it takes in.

    >>> joined_fields(fields_of(Organisation)[11])
    ('headquarters', 'country')
    """
    joined = _JOINED.get(f.name)
    return (f.name,) if joined is None else (f.name, joined[0])


def joined_text(f: FieldInfo, value: object) -> str | None:
    """The text of a line that joins *f* with another field, or ``None`` if *f* joins none."""
    joined = _JOINED.get(f.name)
    return None if joined is None else joined[1](value)


@per_class
def line_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of *cls* a card shows one a line, in order.

    Its own facts come first, in the order the class lists them, then counts
    of records, then the entities it refers to.

    >>> [f.name for f in line_fields(Organisation)]
    ['aliases', 'policy_areas', 'founded', 'headquarters', 'website', 'member_count', 'parent']
    """
    taken = {other for other, _ in _JOINED.values()}
    skip = {*HEAD, *TAIL, *BULLETED, *PROSE, *taken}
    shown = [f for f in fields_of(cls) if f.name not in skip and not (is_record(f) and not f.many)]
    return tuple(sorted(shown, key=lambda f: 2 if f.meta.refers_to else 1 if is_record(f) else 0))


@per_class
def section_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of *cls* shown as sections of their own: lists of sentences and records.

    >>> [f.name for f in section_fields(Organisation)]
    ['partnership']
    """
    return tuple(
        f for f in fields_of(cls) if f.name not in TAIL and (f.name in BULLETED or is_record(f))
    )


def plain(value: object) -> str:
    """A value in words, on one line: enums with spaces, sets sorted, booleans yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return in_words(value)
    if isinstance(value, frozenset):
        return ", ".join(sorted(plain(v) for v in value))
    return str(value)


def line_items(f: FieldInfo, value: Any) -> tuple[list[Any], str]:
    """A field's value as the items its line shows, in order, and the text between them.

    No items for an empty value (a partnership without standing is unranked); the count
    of records; a set sorted by its words.

    >>> line_items(fields_of(Organisation)[5], frozenset({"rule_of_law", "drugs"}))
    (['drugs', 'rule_of_law'], ', ')
    """
    if value is None and f.item is Standing:
        return [UNRANKED], ""
    if value is None or (isinstance(value, str | tuple | frozenset) and not value):
        return [], ""
    if f.many and is_record(f):
        return [len(value)], ""
    if isinstance(value, frozenset):
        return sorted(value, key=plain), ", "
    return list(value) if f.many else [value], ", " if f.meta.codes else "; "


# -- counts ----------------------------------------------------------------------


def kind_counts(entities: Iterable[Entity]) -> dict[str, int]:
    """How many entities of each kind, by collection, in the order of :data:`KINDS`."""
    counts = dict.fromkeys((k.collection for k in KINDS), 0)
    for e in entities:
        counts[e.collection] = counts.get(e.collection, 0) + 1
    return counts


def counted(counts: dict[str, int]) -> list[str]:
    """``["7 organisations", "1 dialogue"]``: the kinds there are, counted.

    >>> counted({"organisations": 7, "agreements": 0, "dialogues": 1})
    ['7 organisations', '1 dialogue']
    """
    return [KINDS.named(coll).counted(n) for coll, n in counts.items() if n]


def by_standing(orgs: Iterable[Organisation]) -> dict[str, list[Organisation]]:
    """Partner organisations grouped by standing (:data:`~eucoop._model.UNRANKED` without one)."""
    out: dict[str, list[Organisation]] = {}
    for org in orgs:
        p = org.partnership
        key = UNRANKED if p is None or p.standing is None else str(p.standing)
        out.setdefault(key, []).append(org)
    return out


#: A line of the registry's card names this many organisations at most, then counts the rest.
NAMES_SHOWN = 12


def names_shown(orgs: Sequence[Organisation]) -> str:
    """The short names of *orgs*, up to :data:`NAMES_SHOWN`, then how many more there are.

    >>> names_shown([Organisation(id=f"o{i}", name=f"O{i}") for i in range(14)])
    'O0, O1, O2, O3, O4, O5, O6, O7, O8, O9, O10, O11 and 2 more'
    """
    names = ", ".join(o.acronym or o.name for o in orgs[:NAMES_SHOWN])
    rest = len(orgs) - NAMES_SHOWN
    return names + (f" and {rest:,} more" if rest > 0 else "")


def cited_documents(reg: Registry) -> Results[Document]:
    """The documents that the entities of *reg* cite, partnerships included, in order.

    An :meth:`~eucoop.Registry.as_of` view holds every document of its
    registry; this is what its own entities cite.
    """
    ids = {s.document for e in reg for s in reg.provenance(e)}
    return Results(d for d in reg.documents if d.id in ids)


def registry_facts(reg: Registry) -> list[tuple[str, str]]:
    """``(label, text)``: what a registry holds, its EU partners (a line per standing), its span."""
    kinds = counted(kind_counts(reg))
    facts = [] if reg.release is None else [("Data", str(reg.release))]
    facts.append(("Entities", f"{len(reg)}: {', '.join(kinds)}" if kinds else "none"))
    left = [f"{n} {why}" for why, n in reg.left_out.items() if n]
    if left:
        facts.append(("Left out", ", ".join(left) + " (the data cannot date them on this day)"))
    if reg.unsure:
        facts.append(("Not certain", f"{len(reg.unsure)} kept that the data cannot date"))
    cited = len(cited_documents(reg))
    uncited = len(reg.documents) - cited
    held = f"; {uncited} more held that none of its entities cites" if uncited else ""
    facts.append(("Documents", f"{cited} cited{held}"))
    partners = by_standing(reg.partners())
    for i, (standing, orgs) in enumerate(partners.items()):
        facts.append(("EU partners" if i == 0 else "", f"{standing}: " + names_shown(orgs)))
    if not partners:
        facts.append(("EU partners", "none"))
    timeline = reg.timeline()
    if timeline:
        dated = plural(len(timeline), "dated fact")
        facts.append(("Timeline", f"{timeline[0].date} to {timeline[-1].date} ({dated})"))
    else:
        facts.append(("Timeline", "no dated facts"))
    for i, (file, counts) in enumerate(reg.user_files.items()):
        facts.append(("Your data" if i == 0 else "", f"{file}: {layer_counts(counts)}"))
    return facts


def layer_counts(counts: Mapping[str, int]) -> str:
    """What a file of the user's adds and changes, in words (those it has).

    >>> layer_counts({"entities": 0, "documents": 1, "changes": 1})
    '1 document, 1 change'
    """
    nouns = {"entities": "entity", "documents": "document", "changes": "change"}
    return ", ".join(plural(n, nouns[k]) for k, n in counts.items() if n) or "nothing"


def from_your_data(reg: Registry, origin: str) -> bool:
    """Whether *origin* (a file, or a change in one) is the user's, on top of packaged data.

    Without packaged data every file is the user's, and nothing needs telling apart.
    """
    if reg.release is None or not origin:
        return False
    files = reg.user_files
    return origin in files or origin.split(": $", 1)[0] in files
