"""The kinds of entity, each declared once, beside its class, and the table of them.

A kind is an :class:`~eucoop._model.entity.Entity` class declared with
:func:`entity_kind`::

    @entity_kind("programmes", start=("launched",), end=("ended",),
                 events={"ended": "{label} ends"}, columns=("launched", "ended", "budget"))
    @attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
    class Programme(Entity): ...

That one declaration says everything the other rooms ask of a kind: its
collection in data files, when one of its entities begins and ends (which
as-of views and ``active_on`` read), the dated facts of its timeline, the
columns of its table in a notebook and its colour in plots. Which of its
fields hold references, participants, search text or export columns is
declared on the fields themselves (:mod:`eucoop._model.fields`). The rooms
read :data:`KINDS`, never a list of their own, and a class that is not a
kind is an error there, never something that "existed all along".

A date path names a date field (``"launched"``), a date in a record
(``"partnership.since"``) or the dates in a collection of records
(``"sessions.start"``: one per session).
"""

from collections.abc import Callable, Iterator, Mapping
from operator import attrgetter
from typing import Any, NamedTuple, NoReturn, TypeVar

import attrs

from eucoop._arguments import wrong_type
from eucoop._model.dates import PartialDate
from eucoop._model.entity import Entity
from eucoop._model.fields import field_names, fields_of
from eucoop._model.values import Document

__all__ = [
    "COLLECTIONS",
    "KINDS",
    "Dated",
    "Event",
    "Kind",
    "Kinds",
    "entity_kind",
    "kind_of",
]

E = TypeVar("E", bound=Entity)

#: The text of a dated fact: a template with ``{label}`` (the entity's acronym or
#: name), or a function of that label and the record the date is in.
EventText = str | Callable[[str, Any], str]


# The module's annotations are evaluated, not postponed: typing.NamedTuple would compile
# each postponed (string) annotation of its fields at import.
class Dated(NamedTuple):
    """One dated fact of an entity: its ``path``, its ``date`` and the ``record`` it is in.

    ``path`` is the field path (``"sessions[1].start"``); ``record`` is the
    entity itself, or the record the date is a field of (a session...).
    """

    path: str
    date: PartialDate
    record: Any


class Event(NamedTuple):
    """A dated fact a kind's timeline shows: the date's path, and the text of the entry."""

    path: str
    text: EventText

    def label(self, label: str, record: Any) -> str:
        """The entry's text for an entity labelled *label*, the date being in *record*."""
        text = self.text
        return text.replace("{label}", label) if isinstance(text, str) else text(label, record)


class _Path(NamedTuple):
    """A date path, split: the entity's field, the field of its record (or ""), many records."""

    head: str
    tail: str
    many: bool

    def first(self, entity: Any, which: Callable[[list[PartialDate]], PartialDate]) -> Any:
        """The date at this path (of several, the one *which* picks), or None."""
        if not self.tail:  # the common case, asked of every entity by as-of views
            return getattr(entity, self.head)
        dates = [d.date for d in self.dates(entity)]
        return which(dates) if dates else None

    def dates(self, entity: Any) -> Iterator[Dated]:
        value = getattr(entity, self.head)
        if value is None:
            return
        if not self.tail:
            yield Dated(self.head, value, entity)
        elif self.many:
            for i, item in enumerate(value):
                date = getattr(item, self.tail)
                if date is not None:
                    yield Dated(f"{self.head}[{i}].{self.tail}", date, item)
        else:
            date = getattr(value, self.tail)
            if date is not None:
                yield Dated(f"{self.head}.{self.tail}", date, value)


def _split(cls: type, path: str) -> _Path:
    """*path* as a :class:`_Path` of *cls*; a :class:`ValueError` if it names no date."""
    head, _, tail = path.partition(".")
    info = {f.name: f for f in fields_of(cls)}.get(head)
    inner = None if info is None else info.nested if tail else info.item
    date = None if inner is None or not tail else {f.name: f for f in fields_of(inner)}.get(tail)
    if info is None or (date.item if date is not None else inner) is not PartialDate:
        msg = f"{cls.__name__} has no date {path!r}"
        raise ValueError(msg)
    return _Path(head, tail, info.many)


@attrs.frozen
class Kind:
    """What one kind of entity is: see :func:`entity_kind`, which makes them."""

    #: The class.
    cls: type[Entity]
    #: Its key in data files and its name in the registry: ``"organisations"``.
    collection: str
    #: Date paths of its beginning: the first that holds a date gives it (the earliest).
    start: tuple[str, ...] = ()
    #: Date paths of its end, the last day it held: the first that holds a date (the latest).
    end: tuple[str, ...] = ()
    #: Its dated facts, as the timeline shows them: every start and end path among them.
    events: tuple[Event, ...] = ()
    #: The fields (or ``field.field`` paths) its table shows after its id and name.
    columns: tuple[str, ...] = ()
    #: Its colour in plots.
    colour: str = "#777777"
    _start: tuple[_Path, ...] = attrs.field(init=False, repr=False, eq=False)
    _end: tuple[_Path, ...] = attrs.field(init=False, repr=False, eq=False)
    _events: tuple[tuple[_Path, Event], ...] = attrs.field(init=False, repr=False, eq=False)
    _span: Callable[[Any], tuple[Any, Any]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        cls = self.cls
        if not (isinstance(cls, type) and issubclass(cls, Entity) and attrs.has(cls)):
            msg = f"a kind is an attrs class derived from Entity, not {cls!r}"
            raise TypeError(msg)
        for path in self.columns:
            head, _, tail = path.partition(".")
            info = {f.name: f for f in fields_of(cls)}.get(head)
            inner = None if info is None else info.nested
            if info is None or (tail and (inner is None or tail not in field_names(inner))):
                msg = f"{cls.__name__} has no field {path!r} to show in its table"
                raise ValueError(msg)
        object.__setattr__(self, "_start", tuple(_split(cls, p) for p in self.start))
        object.__setattr__(self, "_end", tuple(_split(cls, p) for p in self.end))
        object.__setattr__(self, "_events", tuple((_split(cls, e.path), e) for e in self.events))
        object.__setattr__(self, "_span", self._make_span())

    @property
    def noun(self) -> str:
        """One of its entities, in words: ``"organisation"``."""
        return self.cls.__name__.lower()

    def counted(self, n: int) -> str:
        """*n* of its entities, in words: ``"1 organisation"``, ``"7 organisations"``."""
        return f"{n} {self.noun if n == 1 else self.collection}"

    def span(self, entity: Entity) -> tuple[PartialDate | None, PartialDate | None]:
        """When *entity* began and ended (its last day), each ``None`` when not known."""
        return self._span(entity)

    def _make_span(self) -> Callable[[Any], tuple[Any, Any]]:
        """:meth:`span` as one function: as-of views and filters ask it of every entity."""
        starts, ends = self._start, self._end
        simple = all(not p.tail for p in (*starts, *ends))
        if simple and len(starts) == 1 and len(ends) <= 1:  # one date field each: quick
            if ends:
                return attrgetter(starts[0].head, ends[0].head)  # a pair, made in C
            start = attrgetter(starts[0].head)
            return lambda e: (start(e), None)

        def span(entity: Any) -> tuple[Any, Any]:
            first = last = None
            for path in starts:
                first = path.first(entity, min)
                if first is not None:
                    break
            for path in ends:
                last = path.first(entity, max)
                if last is not None:
                    break
            return first, last

        return span

    def dated(self, entity: Entity) -> Iterator[tuple[Event, Dated]]:
        """Every dated fact of *entity* its kind declares, with the event it is."""
        for path, event in self._events:
            for found in path.dates(entity):
                yield event, found

    @property
    def ends(self) -> frozenset[str]:
        """The fields its end paths start with (an as-of view keeps an end still to come)."""
        return frozenset(p.head for p in self._end)


class Kinds:
    """The table of kinds, in the order data files list them: :data:`KINDS`.

    Iterating gives the :class:`Kind` of each; :meth:`of` the kind of a class,
    and an error for a class that is not one.
    """

    def __init__(self) -> None:
        self._kinds: dict[type, Kind] = {}
        self._position: dict[type, int] = {}
        #: The class of each kind -> its :meth:`Kind.span`, for the callers that ask it of
        #: every entity (as-of views, ``active_on``): one lookup, one call.
        self.spans: dict[type, Callable[[Any], tuple[Any, Any]]] = {}

    def add(self, kind: Kind) -> None:
        """Declare another kind (see :func:`entity_kind`): a new class and collection."""
        taken = {"documents", "schema_version", "changes", *(k.collection for k in self)}
        if kind.cls in self._kinds or kind.collection in taken:
            msg = f"{kind.cls.__name__} ({kind.collection!r}) is a kind already"
            raise ValueError(msg)
        self._changed({**self._kinds, kind.cls: kind})

    def remove(self, cls: type) -> None:
        """Undeclare the kind of *cls* (for tests that declare one of their own)."""
        kinds = dict(self._kinds)
        del kinds[cls]
        self._changed(kinds)

    def _changed(self, kinds: dict[type, Kind]) -> None:
        # Each is replaced whole, never changed in place: a reader sees the old or the new.
        self._kinds = kinds
        self._position = {c: i for i, c in enumerate(kinds)}
        self.spans = {c: k._span for c, k in kinds.items()}

    def __iter__(self) -> Iterator[Kind]:
        return iter(tuple(self._kinds.values()))

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, cls: object) -> bool:
        return cls in self._kinds

    def snapshot(self) -> tuple[Kind, ...]:
        """The kinds as they are now: a key for what is made from them once."""
        return tuple(self._kinds.values())

    def of(self, cls: type) -> Kind:
        """The kind of the class *cls*; a :class:`TypeError` if it is not one."""
        found = self._kinds.get(cls)
        return _unknown(cls) if found is None else found

    def position(self, cls: type) -> int:
        """Where the kind of *cls* comes in the table (for sorting by kind)."""
        found = self._position.get(cls)
        return _unknown(cls) if found is None else found

    def named(self, collection: str) -> Kind:
        """The kind whose collection is *collection*; a :class:`KeyError` if none is."""
        for kind in self._kinds.values():
            if kind.collection == collection:
                return kind
        raise KeyError(collection)


def _unknown(cls: object) -> NoReturn:
    name = getattr(cls, "__name__", cls)
    msg = f"{name!r} is not a kind of entity (a kind is declared with entity_kind)"
    raise TypeError(msg)


#: Every kind of entity, in the order data files list them.
KINDS = Kinds()


def entity_kind(
    collection: str,
    *,
    start: tuple[str, ...] = (),
    end: tuple[str, ...] = (),
    events: Mapping[str, EventText] | None = None,
    columns: tuple[str, ...] = (),
    colour: str = "#777777",
) -> Callable[[type[E]], type[E]]:
    """Declare an attrs class derived from Entity a kind of entity, and add it to :data:`KINDS`.

    - *collection*: its key in data files and its name in the registry;
    - *start*, *end*: date paths of when one of them begins and ends (the
      first path that holds a date gives it);
    - *events*: the text of each dated fact of its timeline, by date path:
      ``"{label} enters into force"``, or a function of the label and the
      record the date is in. Every start and end path is a dated fact, by
      default ``"{label} <the field's label>"`` (``"IOM founded"``);
    - *columns*: the fields its table shows after its id and name;
    - *colour*: its colour in plots.

    A path that names no date, or a column no field, is a :class:`ValueError`.
    """

    def declare(cls: type[E]) -> type[E]:
        labels = {f.name: f.label for f in fields_of(cls)}
        texts: dict[str, EventText] = {}
        for path in (*start, *end, *(events or {})):
            default = "{label} " + labels.get(path, path.replace("_", " "))
            texts[path] = (events or {}).get(path, default)
        kind = Kind(
            cls,
            collection,
            start=start,
            end=end,
            events=tuple(Event(p, t) for p, t in texts.items()),
            columns=columns,
            colour=colour,
        )
        KINDS.add(kind)
        cls.collection = collection
        return cls

    return declare


class _Collections(Mapping[str, type[Entity] | type[Document]]):
    """The data-file collections, in the order files list them, and the class of their items."""

    def __getitem__(self, key: str) -> type[Entity] | type[Document]:
        return Document if key == "documents" else KINDS.named(key).cls

    def __iter__(self) -> Iterator[str]:
        yield "documents"
        for kind in KINDS:
            yield kind.collection

    def __len__(self) -> int:
        return 1 + len(KINDS)


#: The data-file collections, in the order files list them, and the class of their items:
#: documents, then the collection of each of :data:`KINDS`.
COLLECTIONS: Mapping[str, type[Entity] | type[Document]] = _Collections()


def _kind_names() -> dict[str, str]:
    """Every name of a collection: itself, and its class's name in lower case."""
    return {
        **{c: c for c in COLLECTIONS},
        **{cls.__name__.lower(): c for c, cls in COLLECTIONS.items()},
    }


def kind_of(kind: type | str, *, documents: bool = False) -> str:
    """The data-file collection a kind names: a class, or its name in any case and number.

    An unambiguous start of three letters or more will do (``"org"``,
    ``"prog"``). Documents count only when *documents* is true. Any other
    class or name is a :class:`ValueError` that lists the kinds; anything
    else, a :class:`TypeError`.

    >>> kind_of("Programme"), kind_of("agree")
    ('programmes', 'agreements')
    """
    allowed = {c for c in COLLECTIONS if documents or c != "documents"}
    found: set[str] = set()
    if isinstance(kind, type):
        found = {c for c in allowed if COLLECTIONS[c] is kind}
    elif isinstance(kind, str):
        names = _kind_names()
        key = kind.strip().lower()
        if key in names:
            found = {names[key]} & allowed
        elif len(key) >= 3:
            found = {c for n, c in names.items() if n.startswith(key)} & allowed
    else:
        raise wrong_type("kind", "an entity class or a kind's name", kind)
    if len(found) == 1:
        return found.pop()
    names_allowed = [c for c in COLLECTIONS if c in allowed]
    shown = kind.__name__ if isinstance(kind, type) else repr(kind)
    msg = f"unknown kind {shown}; expected one of: {', '.join(names_allowed)}"
    raise ValueError(msg)
