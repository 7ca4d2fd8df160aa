"""Text for a terminal: cards and lists wrapped to :func:`columns` columns.

One renderer per thing (:func:`entity_card`, :func:`document_card`, :func:`entity_rows`,
:func:`hit_lines`, :func:`registry_lines`...), each returning lines for its caller to print:
the command line prints them, and the ``repr`` of query results shows their first lines.
Which fields a card shows, in which order and in which words, comes from
:mod:`eucoop._display.common`, which the HTML cards share.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from eucoop._card import Card
from eucoop._display.common import (
    BULLETED,
    by_standing,
    capitalised,
    cite,
    counted,
    in_words,
    kind_counts,
    kind_text,
    plain,
    registry_facts,
    session_text,
    span,
    when_and_note,
)
from eucoop._display.sections import (
    MARK,
    PARTICIPANTS,
    TAKES_PART_IN,
    YOUR_CHANGES,
    ChangeRow,
    Line,
    Section,
    cited_by,
    entity_plan,
    lines_of,
)
from eucoop._model import (
    UNRANKED,
    Document,
    Entity,
    Organisation,
    Participant,
    Session,
    Source,
)
from eucoop._queries import Hit, TimelineEntry
from eucoop._registry import Registry

__all__ = [
    "LABEL",
    "WIDTH",
    "by_standing",
    "capitalised",
    "card_lines",
    "change_lines",
    "cite",
    "columns",
    "counted",
    "document_card",
    "document_rows",
    "entity_card",
    "entity_rows",
    "field",
    "hit_lines",
    "card_facts",
    "kind_counts",
    "kind_line",
    "name_of",
    "participant_line",
    "partner_lines",
    "registry_lines",
    "role_lines",
    "session_text",
    "source_lines",
    "sources_block",
    "span",
    "timeline_lines",
    "in_words",
    "wrap",
    "wrapped_at",
]

#: Text is wrapped to this many columns unless :func:`wrapped_at` says otherwise.
WIDTH = 80

#: The width of the text being made, in this context (a thread, a task) only.
_COLUMNS: ContextVar[int] = ContextVar("eucoop_columns", default=WIDTH)


def columns() -> int:
    """How many columns text is wrapped to here: :data:`WIDTH` outside :func:`wrapped_at`."""
    return _COLUMNS.get()


@contextmanager
def wrapped_at(width: int) -> Iterator[None]:
    """Wrap the text made inside the block to *width* columns (the command line's terminal).

    Only the current context sees it, and it ends with the block.

    >>> with wrapped_at(40):
    ...     columns()
    40
    >>> columns()
    80
    """
    token = _COLUMNS.set(width)
    try:
        yield
    finally:
        _COLUMNS.reset(token)


#: The width of the label column of cards.
LABEL = 18

#: Text never breaks at this character; wrap() turns it back into a space.
_GLUE = "\x00"


# -- wrapping and small pieces -----------------------------------------------------


def wrap(
    text: str, first: str = "", rest: str | None = None, *, keep: Iterable[str] = ()
) -> list[str]:
    """*text* wrapped to :func:`columns` after the prefix *first*; later lines indented like it.

    Words are never broken, nor is any of the strings in *keep* (file paths,
    say), even where it holds spaces.

    >>> wrap("one two three", "> ", "  ")
    ['> one two three']
    """
    import textwrap  # noqa: PLC0415 - only text for a terminal needs it, not import eucoop

    rest = " " * len(first) if rest is None else rest
    for whole in keep:
        text = text.replace(whole, whole.replace(" ", _GLUE))
    lines = textwrap.wrap(
        text,
        columns(),
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


def name_of(reg: Registry, ident: str) -> str:
    """The label of the entity *ident* names, or *ident* itself when *reg* lacks it."""
    return reg[ident].label if ident in reg else ident


def kind_line(e: Entity) -> str:
    """The second line of a card: ``"Organisation (network); id: zmo"``."""
    return f"{kind_text(e)}; id: {e.id}"


def participant_line(p: Participant, what: str, marked: bool = False) -> list[str]:
    """The role, then *what* takes part (or in what), with its span and note; then the mark."""
    extra = when_and_note(p)
    text = _marked(what + (f" ({extra})" if extra else ""), marked)
    return wrap(text, f"  {in_words(p.role):<{LABEL - 2}}")


def sources_block(
    reg: Registry, cited: Sequence[tuple[str, Source]], tags: Mapping[Source, str] | None = None
) -> list[str]:
    """Citations grouped by document, with each document's title, publisher (and its kind) and URL.

    *cited* pairs each citation with a scope printed before it (``"partnership: "``);
    *tags* are written after the citations they tag, in brackets (``[your data]``).
    """
    return source_lines({d.id: d for d in reg.documents}, cited, tags)


def source_lines(
    docs: Mapping[str, Document],
    cited: Sequence[tuple[str, Source]],
    tags: Mapping[Source, str] | None = None,
) -> list[str]:
    """:func:`sources_block` with the documents given by id (those missing show their id only)."""
    by_doc: dict[str, dict[str, list[str]]] = {}
    for scope, s in cited:
        tag = None if tags is None else tags.get(s)
        text = cite(s) + ("" if tag is None else f" [{tag}]")
        by_doc.setdefault(s.document, {}).setdefault(scope, []).append(text)
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


def _line_text(reg: Registry, line: Line) -> str:
    """A line's items in words: names for the entities it refers to; a change's marked."""
    return line.between.join(
        (name_of(reg, x) if line.refers else plain(x)) + (f" {MARK}" if line.marked(i) else "")
        for i, x in enumerate(line.items)
    )


def _marked(text: str, marked: bool) -> str:
    return f"{text} {MARK}" if marked else text


def _lines_of(reg: Registry, value: object) -> list[tuple[str, str]]:
    """``(label, text)`` for the fields of *value* that are set and shown on a line."""
    return [(line.label, _line_text(reg, line)) for line in lines_of(value)]


def card_facts(reg: Registry, e: Entity) -> list[tuple[str, str]]:
    """``(label, text)`` for the key fields of a card, and the organisation's bodies."""
    return [(line.label, _line_text(reg, line)) for line in entity_plan(e, reg).lines]


def _section(reg: Registry, section: Section) -> list[str]:
    """The lines under a section's heading: bullets, a record's fields, or a line per record."""
    lines: list[str] = []
    f, value = section.field, section.value
    if f.name in BULLETED:
        for item, marked in zip(value, section.marks, strict=True):
            lines += wrap(_marked(item, marked), "  - ", "    ")
    elif not f.many:
        for line in section.lines:
            lines += field(line.label, _line_text(reg, line))
        for prose, marked in section.prose:
            lines += wrap(_marked(prose, marked), "  ")
    else:
        for item, marked in zip(value, section.marks, strict=True):
            if isinstance(item, Session):
                text = session_text(item)
            else:  # a record of another kind: its fields that are set, on one line
                text = "; ".join(t for _, t in _lines_of(reg, item))
            lines += wrap(_marked(text, marked), "  ", "    ")
    return lines


def change_lines(rows: Sequence[ChangeRow]) -> list[str]:
    """The rows of a card's "Your changes": the field, what changed and why, then the origin.

    >>> from eucoop._display.sections import ChangeRow
    >>> change_lines([ChangeRow("countries", "- TR", "retracted: Why.", "r.json: $.changes[0]")])
    ['  countries       - TR  retracted: Why.', '                  r.json: $.changes[0]']
    """
    lines: list[str] = []
    for row in rows:
        lines += field(row.field, f"{row.what}  {row.why}")
        lines += wrap(row.origin, " " * LABEL, keep=[row.origin])
        if row.note:
            lines += wrap(f"note: {row.note}", " " * LABEL)
    return lines


def entity_card(reg: Registry, e: Entity) -> list[str]:
    """Everything about an entity (:func:`~eucoop._display.sections.entity_plan`), wrapped."""
    plan = entity_plan(e, reg)
    lines = [*wrap(e.label), *wrap(kind_line(e))]
    if e.description:
        lines += ["", *wrap(_marked(e.description, plan.description_marked), "  ")]
    if plan.note:
        lines += ["", *wrap(plan.note, "  ", "    ")]
    if plan.lines:
        lines.append("")
        for line in plan.lines:
            lines += field(line.label, _line_text(reg, line))
    for section in plan.sections:
        lines += ["", section.heading, *_section(reg, section)]
    if plan.participants:
        lines += ["", PARTICIPANTS]
        for row in plan.participants:
            lines += participant_line(row.part, name_of(reg, row.ident), row.marked)
    if plan.takes_part_in:
        lines += ["", TAKES_PART_IN]
        for row in plan.takes_part_in:
            what = f"{name_of(reg, row.ident)} [{row.kind}]"
            lines += participant_line(row.part, what, row.marked)
    if plan.changes:
        lines += ["", YOUR_CHANGES, *change_lines(plan.changes)]
    lines += ["", "Sources", *sources_block(reg, plan.cited, plan.tags)]
    return lines


def document_card(reg: Registry, doc: Document) -> list[str]:
    """A cited document: its fields, and the entities that cite it."""
    lines = [*wrap(doc.title), f"Document; id: {doc.id}", ""]
    for label, text in _lines_of(reg, doc):
        lines += field(label, text)
    citing = [e.label for e in cited_by(reg, doc)]
    lines += field("Cited by", "; ".join(citing) if citing else "nothing")
    return lines


def card_lines(card: Card) -> list[str]:
    """The lines of a :class:`~eucoop.Card`: the card of its entity or of its document."""
    item = card.item
    if isinstance(item, Document):
        return document_card(card.registry, item)
    return entity_card(card.registry, item)


# -- lists --------------------------------------------------------------------------


def entity_rows(
    entities: Sequence[Entity], *, kind: bool = False, marked: Container[str] = ()
) -> list[str]:
    """One line per entity: (its kind,) its id and its label, wrapped; ``*`` after *marked* ids."""
    return _id_rows(
        [
            (f"{e.kind_name:<13}" if kind else "", e.id, e.label + (" *" if e.id in marked else ""))
            for e in entities
        ]
    )


def document_rows(docs: Sequence[Document]) -> list[str]:
    """One line per document: its id and its title, wrapped."""
    return _id_rows([("", d.id, d.title) for d in docs])


def _id_rows(rows: Sequence[tuple[str, str, str]]) -> list[str]:
    """``(head, id, text)`` rows: the ids in a column (up to 30 wide), the texts wrapped after."""
    width = min(max((len(ident) for _, ident, _ in rows), default=0), 30)
    lines: list[str] = []
    for head, ident, text in rows:
        if len(ident) > width:
            lines.append(head + ident)
            lines += wrap(text, " " * (len(head) + width + 2))
        else:
            lines += wrap(text, f"{head}{ident:<{width}}  ")
    return lines


def hit_lines(hits: Iterable[Hit]) -> list[str]:
    """Search hits: the score, the entity, and the fields that matched."""
    lines: list[str] = []
    for h in hits:
        lines += wrap(f"{h.entity.label} [{h.entity.id}]", f"{h.score:6.1f}  ", " " * 8)
        lines += wrap("matched " + ", ".join(h.fields), " " * 8)
    return lines


def role_lines(pairs: Iterable[tuple[Entity, Participant]], owner: str | None = None) -> list[str]:
    """What an organisation takes part in: the role, the kind, the entity, span and note.

    A participant other than *owner* (one of its bodies) is named: "through eeas".
    """
    lines: list[str] = []
    for e, p in pairs:
        body = f"through {p.organisation}" if owner not in (None, p.organisation) else ""
        extra = "; ".join(x for x in (body, when_and_note(p)) if x)
        text = e.label + (f" ({extra})" if extra else "")
        lines += wrap(text, f"{in_words(p.role):<12} {e.kind_name:<13}")
    return lines


def partner_lines(orgs: Iterable[Organisation]) -> list[str]:
    """The EU's partners: standing and name, then the areas and since when."""
    lines: list[str] = []
    for o in orgs:
        p = o.partnership
        if p is None:
            continue
        lines += wrap(o.label, f"{in_words(p.standing or UNRANKED):<10}")
        details = [", ".join(sorted(in_words(a) for a in p.areas))]
        details.append(f"since {p.since}" if p.since else "")
        text = "; ".join(d for d in details if d)
        if text:
            lines += wrap(text, " " * 12)
    return lines


def timeline_lines(entries: Iterable[TimelineEntry], marked: Container[int] = ()) -> list[str]:
    """One dated fact a line: the date, then what happened; ``*`` after the *marked* entries."""
    lines: list[str] = []
    for i, t in enumerate(entries):
        lines += wrap(_marked(t.label, i in marked), f"{t.date!s:<10}  ")
    return lines


def registry_lines(reg: Registry) -> list[str]:
    """What a registry holds: its entities, documents, EU partners and timeline."""
    lines: list[str] = []
    for label, text in registry_facts(reg):
        lines += field(label, text)
    return lines
