"""Text for a terminal: cards and lists wrapped to :data:`WIDTH` columns.

One renderer per thing (:func:`entity_card`, :func:`document_card`, :func:`entity_rows`,
:func:`hit_lines`, :func:`registry_lines`...), each returning lines for its caller to print.
A card's key fields are read from the model (:func:`eucoop._model.fields_of`): a field added
to an entity shows up on its card under its label. Only the card's wording of a few labels,
and the fields that share a line, are written here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from eucoop._model import (
    KINDS,
    Document,
    Entity,
    FieldInfo,
    Organisation,
    PartialDate,
    Participant,
    Session,
    Source,
    fields_of,
)
from eucoop._queries import Hit, TimelineEntry
from eucoop._registry import Registry
from eucoop._text import plural

__all__ = [
    "LABEL",
    "WIDTH",
    "by_standing",
    "capitalised",
    "cite",
    "counted",
    "document_card",
    "entity_card",
    "entity_rows",
    "field",
    "hit_lines",
    "key_fields",
    "kind_counts",
    "kind_line",
    "name_of",
    "participant_line",
    "partner_lines",
    "registry_lines",
    "role_lines",
    "session_text",
    "sources_block",
    "span",
    "timeline_lines",
    "words",
    "wrap",
]

#: Text is wrapped to this many columns.
WIDTH = 80
#: The width of the label column of cards.
LABEL = 18

#: Shown in a card's head: the label, the kind line and the description.
_HEAD = frozenset({"id", "name", "acronym", "kind", "description", "title"})
#: Sections every entity card ends with, after the sections of its kind.
_TAIL = ("participants", "sources")
#: Lists of sentences: a section of bullets rather than one line.
_BULLETED = frozenset({"activities"})
#: Prose: a paragraph without a label.
_PROSE = frozenset({"summary"})
#: Text never breaks at this character; wrap() turns it back into a space.
_GLUE = "\x00"


# -- wrapping and small pieces -----------------------------------------------------


def wrap(
    text: str, first: str = "", rest: str | None = None, *, keep: Iterable[str] = ()
) -> list[str]:
    """*text* wrapped to WIDTH after the prefix *first*; later lines indented like it.

    Words are never broken, nor is any of the strings in *keep* (file paths,
    say), even where it holds spaces.

    >>> wrap("one two three", "> ", "  ")
    ['> one two three']
    """
    rest = " " * len(first) if rest is None else rest
    for whole in keep:
        text = text.replace(whole, whole.replace(" ", _GLUE))
    lines = textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines] or [first.rstrip()]


def field(label: str, text: str) -> list[str]:
    """A labelled line of a card, wrapped under its text.

    A label too long for its column gets a line of its own.

    >>> field("Founded", "1951")
    ['  Founded         1951']
    >>> field("Kind of publisher", "official")
    ['  Kind of publisher', '                  official']
    """
    if len(label) > LABEL - 3:
        return [f"  {label}", *wrap(text, " " * LABEL)]
    return wrap(text, f"  {label:<{LABEL - 2}}")


def words(value: object) -> str:
    """An enum value (or any value) with its underscores as spaces."""
    return str(value).replace("_", " ")


def capitalised(label: str) -> str:
    """*label* with its first letter upper case, the rest left alone (``EU partnership``)."""
    return label[:1].upper() + label[1:]


def name_of(reg: Registry, ident: str) -> str:
    """The label of the entity *ident* names, or *ident* itself when *reg* lacks it."""
    return reg[ident].label if ident in reg else ident


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


def kind_line(e: Entity) -> str:
    """The second line of a card: ``"Organisation (network); id: zmo"``."""
    what = capitalised(e.kind_name)
    sub = getattr(e, "kind", None)
    if sub is not None and str(sub) != "other":
        what += f" ({words(sub)})"
    return f"{what}; id: {e.id}"


def participant_line(p: Participant, what: str) -> list[str]:
    """The role, then *what* takes part (or in what), with its span and note."""
    extra = [x for x in (span(p.since, p.until), p.note) if x]
    text = what + (f" ({'; '.join(extra)})" if extra else "")
    return wrap(text, f"  {words(p.role):<{LABEL - 2}}")


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


def sources_block(reg: Registry, cited: Sequence[tuple[str, Source]]) -> list[str]:
    """Citations grouped by document, with each document's title, publisher (and its kind) and URL.

    *cited* pairs each citation with a scope printed before it (``"partnership: "``).
    """
    by_doc: dict[str, dict[str, list[str]]] = {}
    for scope, s in cited:
        by_doc.setdefault(s.document, {}).setdefault(scope, []).append(cite(s))
    docs = {d.id: d for d in reg.documents}
    pad = " " * LABEL
    lines: list[str] = []
    for ident, cites in by_doc.items():
        doc = docs.get(ident)
        head = f"  {ident:<{LABEL - 3}} "
        if len(head) > LABEL:
            lines.append(head.rstrip())
            head = pad
        if doc is not None:
            lines += wrap(doc.title, head)
            kind = f" [{doc.publisher_kind}]" if doc.publisher_kind else ""
            lines += wrap(doc.publisher + kind, pad)
            if doc.url:
                lines.append(pad + doc.url)
            head = pad
        for scope, texts in cites.items():
            lines += wrap(scope + "; ".join(texts), head)
            head = pad
    return lines


# -- cards --------------------------------------------------------------------------


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


def _record(f: FieldInfo) -> bool:
    """Whether *f* holds records (a section of their own), not values that fit a line."""
    return f.nested is not None and f.nested.__str__ is object.__str__


def _value(reg: Registry, f: FieldInfo, value: Any) -> str:
    """A field's value on one line: names for references, a count of records."""
    if value is None or (isinstance(value, str | tuple | frozenset) and not value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if f.many and _record(f):
        return str(len(value))
    items = value if f.many else (value,)
    texts = [
        name_of(reg, x) if f.meta.refers_to else words(x) if isinstance(x, Enum) else str(x)
        for x in items
    ]
    if isinstance(value, frozenset):
        return ", ".join(sorted(texts))
    return (", " if f.meta.codes else "; ").join(texts)


def _lines_of(reg: Registry, value: object) -> list[tuple[str, str]]:
    """``(label, text)`` for the fields of *value* that are set and shown on a line.

    Its own facts come first, in the order the class lists them, then counts
    of records, then the entities it refers to.
    """
    joined = {other for other, _ in _JOINED.values()}
    out: list[tuple[int, str, str]] = []
    for f in fields_of(type(value)):
        if f.name in {*_HEAD, *_TAIL, *_BULLETED, *_PROSE, *joined} or (_record(f) and not f.many):
            continue
        if f.name in _JOINED:
            text = _JOINED[f.name][1](value)
        else:
            text = _value(reg, f, getattr(value, f.name))
        rank = 2 if f.meta.refers_to else 1 if _record(f) else 0
        if text:
            out.append((rank, capitalised(f.label), text))
    return [(label, text) for _, label, text in sorted(out, key=lambda x: x[0])]


def key_fields(reg: Registry, e: Entity) -> list[tuple[str, str]]:
    """``(label, text)`` for the key fields of a card, and the organisation's bodies."""
    out = _lines_of(reg, e)
    if isinstance(e, Organisation):
        children = reg.children(e)
        if children:
            out.append(("Bodies", "; ".join(c.label for c in children)))
    return out


def _section(reg: Registry, f: FieldInfo, value: Any) -> list[str]:
    """The lines under a section's heading: bullets, a record's fields, or a line per record."""
    lines: list[str] = []
    if f.name in _BULLETED:
        for item in value:
            lines += wrap(item, "  - ", "    ")
    elif not f.many:
        for label, text in _lines_of(reg, value):
            lines += field(label, text)
        for name in sorted(_PROSE):
            if getattr(value, name, None):
                lines += wrap(getattr(value, name), "  ")
    else:
        for item in value:
            if isinstance(item, Session):
                text = session_text(item)
            else:  # pragma: no cover - sessions are the only such records so far
                text = "; ".join(t for _, t in _lines_of(reg, item))
            lines += wrap(text, "  ", "    ")
    return lines


def entity_card(reg: Registry, e: Entity) -> list[str]:
    """Everything about an entity: key fields, its sections, who takes part, the sources."""
    lines = [*wrap(e.label), *wrap(kind_line(e))]
    if e.description:
        lines += ["", *wrap(e.description, "  ")]
    fields = key_fields(reg, e)
    if fields:
        lines.append("")
        for label, text in fields:
            lines += field(label, text)
    cited = [("", s) for s in e.sources]
    for f in fields_of(type(e)):
        value = getattr(e, f.name)
        if value and f.name not in _TAIL and (f.name in _BULLETED or _record(f)):
            lines += ["", capitalised(f.label), *_section(reg, f, value)]
            cited += [(f"{f.name}: ", s) for s in getattr(value, "sources", ())]
    if e.participants:
        lines += ["", "Participants"]
        for part in e.participants:
            lines += participant_line(part, name_of(reg, part.organisation))
    roles = reg.roles(e) if isinstance(e, Organisation) else ()
    if roles:
        lines += ["", "Takes part in"]
        for other, part in roles:
            lines += participant_line(part, f"{other.label} [{other.kind_name}]")
    lines += ["", "Sources", *sources_block(reg, cited)]
    return lines


def document_card(reg: Registry, doc: Document) -> list[str]:
    """A cited document: its fields, and the entities that cite it."""
    lines = [*wrap(doc.title), f"Document; id: {doc.id}", ""]
    for f in fields_of(Document):
        value = getattr(doc, f.name)
        if f.name not in _HEAD and value not in (None, ""):
            lines += field(capitalised(f.label), str(value))
    citing = [e.label for e in reg if any(s.document == doc.id for s in e.sources)]
    lines += field("Cited by", "; ".join(citing) if citing else "nothing")
    return lines


# -- lists --------------------------------------------------------------------------


def entity_rows(entities: Sequence[Entity], *, kind: bool = False) -> list[str]:
    """One line per entity: (its kind,) its id and its label, wrapped."""
    width = min(max((len(e.id) for e in entities), default=0), 30)
    lines: list[str] = []
    for e in entities:
        head = f"{e.kind_name:<13}" if kind else ""
        if len(e.id) > width:
            lines.append(head + e.id)
            lines += wrap(e.label, " " * (len(head) + width + 2))
        else:
            lines += wrap(e.label, f"{head}{e.id:<{width}}  ")
    return lines


def hit_lines(hits: Iterable[Hit]) -> list[str]:
    """Search hits: the score, the entity, and the fields that matched."""
    lines: list[str] = []
    for h in hits:
        lines += wrap(f"{h.entity.label} [{h.entity.id}]", f"{h.score:6.1f}  ", " " * 8)
        lines += wrap("matched " + ", ".join(h.fields), " " * 8)
    return lines


def role_lines(pairs: Iterable[tuple[Entity, Participant]]) -> list[str]:
    """What an organisation takes part in: the role, the kind, the entity, span and note."""
    lines: list[str] = []
    for e, p in pairs:
        extra = [x for x in (span(p.since, p.until), p.note) if x]
        text = e.label + (f" ({'; '.join(extra)})" if extra else "")
        lines += wrap(text, f"{words(p.role):<12} {e.kind_name:<13}")
    return lines


def partner_lines(orgs: Iterable[Organisation]) -> list[str]:
    """The EU's partners: standing and name, then the areas and since when."""
    lines: list[str] = []
    for o in orgs:
        p = o.partnership
        if p is None:
            continue
        lines += wrap(o.label, f"{words(p.standing or 'unranked'):<10}")
        details = [", ".join(sorted(words(a) for a in p.areas))]
        details.append(f"since {p.since}" if p.since else "")
        text = "; ".join(d for d in details if d)
        if text:
            lines += wrap(text, " " * 12)
    return lines


def timeline_lines(entries: Iterable[TimelineEntry]) -> list[str]:
    """One dated fact a line: the date, then what happened."""
    lines: list[str] = []
    for t in entries:
        lines += wrap(t.label, f"{t.date!s:<10}  ")
    return lines


def kind_counts(reg: Registry) -> dict[str, int]:
    """How many entities of each kind, by collection, in the order of :data:`KINDS`."""
    return {k.collection: len(getattr(reg, k.collection)) for k in KINDS}


def counted(counts: dict[str, int]) -> list[str]:
    """``["7 organisations", "1 dialogue"]``: the kinds there are, counted."""
    return [plural(n, coll[:-1]) for coll, n in counts.items() if n]


def by_standing(orgs: Iterable[Organisation]) -> dict[str, list[Organisation]]:
    """Partner organisations grouped by their standing (``"unranked"`` without one)."""
    out: dict[str, list[Organisation]] = {}
    for org in orgs:
        p = org.partnership
        key = "unranked" if p is None or p.standing is None else str(p.standing)
        out.setdefault(key, []).append(org)
    return out


def registry_lines(reg: Registry) -> list[str]:
    """What a registry holds: its entities, documents, EU partners and timeline."""
    kinds = counted(kind_counts(reg))
    lines = field("Entities", f"{len(reg)}: {', '.join(kinds)}" if kinds else "none")
    lines += field("Documents", f"{len(reg.documents)} cited")
    partners = by_standing(reg.partners())
    for i, (standing, orgs) in enumerate(partners.items()):
        text = f"{standing}: " + ", ".join(o.acronym or o.name for o in orgs)
        lines += field("EU partners" if i == 0 else "", text)
    if not partners:
        lines += field("EU partners", "none")
    timeline = reg.timeline()
    if timeline:
        dated = plural(len(timeline), "dated fact")
        lines += field("Timeline", f"{timeline[0].date} to {timeline[-1].date} ({dated})")
    else:
        lines += field("Timeline", "no dated facts")
    return lines
