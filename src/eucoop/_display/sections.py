"""What goes in a card, part by part: one plan that the text card and the HTML card both render.

The command line's card (``eucoop show``), the notebook's card of
:meth:`Registry.card <eucoop.Registry.card>` and an entity's own
``_repr_html_`` are all drawn from :func:`entity_plan`: the labelled lines,
the sections, who takes part, what an organisation takes part in, its bodies
and the citations, in that order. The renderers decide only how each part
looks (names with ids and links in HTML, names wrapped to the terminal in
text); which parts there are, and in which order, is decided here once.

An entity's own card knows no registry for sure (the same entity may sit in
a registry and in its as-of views, each with other bodies and roles), so it
leaves out what only a registry knows and says how to ask for the full card:
:attr:`EntityPlan.more`.

The plan also decides what comes from the user's changes (design, section
5.4): each value a change made is *marked* (the renderers add ``*``), the
changes of the entity are rows of :data:`YOUR_CHANGES` (:class:`ChangeRow`),
the citations from the user's layer are tagged :data:`YOUR_DATA`, and a
changed entity's card says that its prose is not rewritten (:data:`NOT_REWRITTEN`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from eucoop._display.common import (
    PROSE,
    capitalised,
    is_record,
    joined_fields,
    joined_text,
    line_fields,
    line_items,
    section_fields,
)
from eucoop._loading.items import describe, shown
from eucoop._model import (
    Change,
    ChangeOp,
    Document,
    Entity,
    FieldInfo,
    Organisation,
    Participant,
    Source,
    item_key,
)
from eucoop._registry import Registry

__all__ = [
    "BODIES",
    "MARK",
    "NOT_REWRITTEN",
    "PARTICIPANTS",
    "TAKES_PART_IN",
    "YOUR_CHANGES",
    "YOUR_DATA",
    "ChangeRow",
    "EntityPlan",
    "Line",
    "Marks",
    "Section",
    "Taking",
    "change_row",
    "cited_by",
    "entity_plan",
    "lines_of",
    "marks_of",
    "user_tags",
]

#: The line naming an organisation's bodies (the organisations whose parent it is).
BODIES = "Bodies"
#: The section of who takes part in an entity.
PARTICIPANTS = "Participants"
#: The section of what an organisation takes part in.
TAKES_PART_IN = "Takes part in"
#: The section listing the changes the user's files made to the entity.
YOUR_CHANGES = "Your changes"
#: The tag of a citation from the user's layer (a change's, or a whole entity of theirs).
YOUR_DATA = "your data"
#: What the renderers write after a value that comes from a change.
MARK = "*"
#: What a changed entity's card says: marks, where its changes are, and its prose as it was.
NOT_REWRITTEN = (
    f"{MARK} Your data changes this entity: values marked {MARK} come from your changes"
    f" (see {YOUR_CHANGES}); its prose is not rewritten to match them."
)

#: The values some changes made: ``(path, None)`` for a single value, ``(path, key)`` for an
#: item of a list (its :func:`~eucoop._model.item_key`), as :func:`marks_of` gives them.
Marks = frozenset[tuple[str, object]]


def marks_of(changes: Iterable[Change]) -> Marks:
    """What *changes* made, as :data:`Marks`: what they added and set, not what they retracted.

    A value set on an item of a list (a participant's ``until``) marks the
    item, as it now is.

    >>> from eucoop._model import PartialDate
    >>> sorted(marks_of([Change(op=ChangeOp.SET, target="x", field="founded", value=None)]))
    [('founded', None)]
    """
    out: set[tuple[str, object]] = set()
    for c in changes:
        if c.op is ChangeOp.ADD:
            out.add((c.field, item_key(c.value)))
        elif c.op is ChangeOp.SET and c.item is None:
            out.add((c.field, None))
        elif c.op is ChangeOp.SET:
            head, _, last = c.field.rpartition(".")
            now = attrs.evolve(c.item, **{last: c.value})  # type: ignore[misc]
            out.add((head, item_key(now)))
    return frozenset(out)


def _marked(marks: Marks, path: str, item: object = None) -> bool:
    """Whether a change made the value at *path* (the *item* of its list), or what holds it."""
    if not marks:
        return False
    key = None if item is None else item_key(item)
    if (path, key) in marks:
        return True
    while "." in path:  # a record a change set whole (a partnership that was not there)
        path = path.rpartition(".")[0]
        if (path, None) in marks:
            return True
    return False


class Line(NamedTuple):
    """A labelled line of a card: its items in order, and the text between them.

    *refers*: the items are ids of entities (shown by name); *url*: they are web addresses.
    """

    label: str
    items: tuple[Any, ...]
    between: str = "; "
    refers: bool = False
    url: bool = False
    #: Whether each item comes from a change (:data:`MARK`); empty when none does.
    marks: tuple[bool, ...] = ()

    def marked(self, i: int) -> bool:
        """Whether the item at *i* comes from a change."""
        return bool(self.marks) and self.marks[i]


def lines_of(value: object, marks: Marks = frozenset(), prefix: str = "") -> list[Line]:
    """The lines of the fields of *value* that are set, in the order :func:`line_fields` gives.

    *marks* are the values changes made (:func:`marks_of`), *prefix* the
    path of *value* in its entity (``"partnership."``).

    >>> from eucoop._model import Money, Programme
    >>> programme = Programme(id="p", name="P", budget=Money.parse(5, "EUR"))
    >>> [(x.label, x.items, x.marks) for x in lines_of(programme, marks_of([]))]
    [('Budget', (Money(amount=Decimal('5'), currency='EUR'),), ())]
    """
    out: list[Line] = []
    for f in line_fields(type(value)):
        path = prefix + f.name
        joined = joined_text(f, value)
        held = getattr(value, f.name)
        if joined is not None:
            items, between = [joined] if joined else [], ""
            flags = [any(_marked(marks, prefix + n) for n in joined_fields(f))]
        else:
            items, between = line_items(f, held)
            if f.many and is_record(f):  # a count: marked if a change made one of them
                flags = [any(_marked(marks, path, x) for x in held)]
            elif f.many:
                flags = [_marked(marks, path, x) for x in items]
            else:
                flags = [_marked(marks, path) for _ in items]
        if items:
            url = f.meta.pattern == "url"
            line = Line(capitalised(f.label), tuple(items), between, bool(f.meta.refers_to), url)
            out.append(line._replace(marks=tuple(flags)) if any(flags) else line)
    return out


class Section(NamedTuple):
    """A section of a card under its heading: a field's value that does not fit a line.

    A record's section (a partnership) has its :attr:`lines` and its prose
    (text, and whether a change made it); a list's, whether a change made
    each item (:attr:`marks`).
    """

    heading: str
    field: FieldInfo
    value: Any
    lines: tuple[Line, ...] = ()
    prose: tuple[tuple[str, bool], ...] = ()
    marks: tuple[bool, ...] = ()


class Taking(NamedTuple):
    """A row of :data:`PARTICIPANTS` or :data:`TAKES_PART_IN`: the entity on the other side.

    *kind* is that entity's kind, said in :data:`TAKES_PART_IN` (there, it can be anything);
    *marked*: a change added the row, or set one of its values.
    """

    ident: str
    part: Participant
    kind: str = ""
    marked: bool = False


class ChangeRow(NamedTuple):
    """A row of :data:`YOUR_CHANGES`: one change of the entity, in words.

    ``field``: its path (``"founded"``, ``"participants.until"``); ``what``:
    ``old -> new``, ``+ item``, ``- item`` or the value set, after the item it
    is about when it is about one; ``why``: what it did, and its reason
    (``"corrected: ..."``, ``"retracted: ..."``, ``"added"``, ``"set"``);
    ``origin``: where it was written; ``note``: its note, if any.
    """

    field: str
    what: str
    why: str
    origin: str
    note: str = ""


def change_row(c: Change) -> ChangeRow:
    """*c* as a row of :data:`YOUR_CHANGES`.

    >>> c = Change(op=ChangeOp.RETRACT, target="p", field="countries", before="TR", reason="Why.")
    >>> change_row(c)
    ChangeRow(field='countries', what='- TR', why='retracted: Why.', origin='', note='')
    """
    if c.op is ChangeOp.ADD:
        what, verb = f"+ {shown(c.value)}", "added"
    elif c.op is ChangeOp.RETRACT:
        what, verb = f"- {shown(c.before)}", "retracted"
    elif c.before is not None:
        what, verb = f"{shown(c.before)} -> {shown(c.value)}", "corrected"
    else:
        what, verb = shown(c.value), "set"
    if c.item is not None and c.op is ChangeOp.SET:
        what = f"{describe(c.item)}: {what}"
    why = f"{verb}: {c.reason}" if c.reason else verb
    return ChangeRow(c.field, what, why, c.origin, c.note or "")


class EntityPlan(NamedTuple):
    """The parts of an entity's card, in order; a renderer shows those that are not empty."""

    entity: Entity
    lines: tuple[Line, ...]
    sections: tuple[Section, ...]
    participants: tuple[Taking, ...]
    takes_part_in: tuple[Taking, ...]
    cited: tuple[tuple[str, Source], ...]
    #: How to get the full card, when this one leaves out what only a registry knows.
    more: str = ""
    #: The rows of :data:`YOUR_CHANGES`, in load order.
    changes: tuple[ChangeRow, ...] = ()
    #: :data:`NOT_REWRITTEN` for an entity the user's changes change, else empty.
    note: str = ""
    #: Whether a change made the description.
    description_marked: bool = False
    #: The tag of each citation from the user's layer (:data:`YOUR_DATA`), when the entity
    #: cites from both layers (an entity all of the user's needs no tags).
    tags: Mapping[Source, str] = MappingProxyType({})


def user_tags(sources: Any, origin: bool = False) -> dict[Source, str]:
    """The tag of each citation of a :class:`~eucoop.Provenance` from the user's layer.

    :data:`YOUR_DATA`, and with *origin* where it comes from
    (``"your data: fix-iom.json: $.changes[0]"``).
    """
    return {
        s: f"{YOUR_DATA}: {o}" if origin and o else YOUR_DATA
        for s, layer, o in zip(sources, sources.layers, sources.origins, strict=True)
        if layer == "user"
    }


def _section(f: FieldInfo, value: Any, marks: Marks) -> Section:
    heading = capitalised(f.label)
    if f.many:
        return Section(heading, f, value, marks=tuple(_marked(marks, f.name, x) for x in value))
    prose = tuple(
        (getattr(value, n), _marked(marks, f"{f.name}.{n}"))
        for n in sorted(PROSE)
        if getattr(value, n, None)
    )
    return Section(heading, f, value, tuple(lines_of(value, marks, f.name + ".")), prose)


def entity_plan(e: Entity, reg: Registry | None, *, full: bool = True) -> EntityPlan:
    """The card of *e*: with *full* and a registry, with its bodies and what it takes part in.

    Without them, an organisation's card says in :attr:`EntityPlan.more` how
    to get the full one (``reg.card('iom')``). With a registry, what the
    user's changes made is marked and listed (see the module's notes).
    """
    changes = () if reg is None else reg.changes(e.id)
    marks = marks_of(changes)
    lines = lines_of(e, marks)
    takes: tuple[Taking, ...] = ()
    more = ""
    if isinstance(e, Organisation):
        if full and reg is not None:
            bodies = reg.children(e)
            if bodies:
                lines.append(Line(BODIES, tuple(b.id for b in bodies), refers=True))
            takes = tuple(
                Taking(
                    o.id, p, o.kind_name, _marked(marks_of(reg.changes(o.id)), "participants", p)
                )
                for o, p in reg.roles(e, include_bodies=False)
            )
        else:
            more = f"reg.card({e.id!r})"
    sections: list[Section] = []
    cited = [("", s) for s in e.sources]
    for f in section_fields(type(e)):
        value = getattr(e, f.name)
        if value:
            sections.append(_section(f, value, marks))
            cited += [(f"{f.name}: ", s) for s in getattr(value, "sources", ())]
    participants = tuple(
        Taking(p.organisation, p, marked=_marked(marks, "participants", p)) for p in e.participants
    )
    # the user's citations are told apart from the packaged ones where an entity has both
    cited_by_layer = None if reg is None else reg.provenance(e)
    mixed = cited_by_layer is not None and "packaged" in cited_by_layer.layers
    tags = user_tags(cited_by_layer) if mixed else {}
    return EntityPlan(
        e,
        tuple(lines),
        tuple(sections),
        participants,
        takes,
        tuple(cited),
        more,
        changes=tuple(change_row(c) for c in changes),
        note=NOT_REWRITTEN if changes else "",
        description_marked=_marked(marks, "description"),
        tags=tags,
    )


def cited_by(reg: Registry, doc: Document) -> list[Entity]:
    """The entities of *reg* that cite *doc*, their partnerships' citations included."""
    return [e for e in reg if any(s.document == doc.id for s in reg.provenance(e))]
