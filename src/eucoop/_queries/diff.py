"""What differs between two registries: entities, documents, values and items, row by row.

:func:`differences` compares the entities and documents of an *old* and a
*new* registry and gives a row (a :class:`Difference`) for each:

- a whole entity or document added or removed: one row, ``field=None``, with
  the entity (or document) as ``new`` or ``old``;
- a single value: one row named by its field (``"founded"``): ``added`` when
  it was ``None``, ``removed`` when it becomes ``None``, else ``changed``;
- a record that is a single value (an organisation's ``partnership``) is
  compared field by field (``"partnership.standing"``) when both sides have
  one, and is one row when only one side has it;
- a list or set: one row per item added or removed, items matched by their
  key (:func:`~eucoop._model.item_key`); an item whose key matches but whose value differs
  (a participant's ``until``) is one ``changed`` row;
- ``sources`` (an entity's, a partnership's) only when asked: every change of
  data cites something, and those rows would drown the others.

The fields compared are read from the model (:func:`~eucoop._model.fields_of`),
never listed here: a field added to a kind is compared too. Rows come in
registry order (kind, then id), then documents; within one entity, in the
order of its fields; within one list, the items of the old list (removed or
changed) in order, then the items only the new list has.

A diff is *record time*, what two versions of the data say; ``as_of`` is
*valid time*, what held on a day. A diff of two ``as_of`` views of one
registry is what began or ended between the two days.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, Self

import attrs

from eucoop._model import KINDS, Document, Entity, fields_of, item_key
from eucoop._queries import tables
from eucoop._queries.results import Shown
from eucoop._queries.rows import Column, rows_of
from eucoop._render import html

__all__ = [
    "CHANGES",
    "Diff",
    "Difference",
    "Explain",
    "differences",
    "explained_by",
]

#: The ways a row can differ, in the order counts list them.
CHANGES = ("added", "removed", "changed")

#: What explains a row: given the entity (or document) id, the field path and the item
#: (for a row of a list; else ``None``), the origin of the change behind it
#: (``"fix-iom.json: $.changes[0]"``), or ``None``. See :func:`explained_by`.
Explain = Callable[[str, str, Any], str | None]


def explained_by(explain: Explain | None, ident: str, field: str, item: object) -> str | None:
    """The change that explains a row of the new registry, as ``"file: location"``, or ``None``.

    This is where the ledger of changes plugs in. A registry built with
    changes passes its ledger's answer as *explain*, a function of the
    entity (or document) id, the field path of the row (``"founded"``,
    ``"partnership.standing"``, ``"participants"``) and, for a row of a
    list, the item (the new one; the old one when it was removed), to be
    matched by :func:`~eucoop._model.item_key` so that a trimmed ``as_of`` view still finds
    it. Without a ledger (*explain* is ``None``) nothing explains a row.
    Whole entities and documents are never asked about: they come from
    files, not from changes.

    >>> explained_by(None, "iom", "founded", None) is None
    True
    >>> explained_by(lambda i, f, x: f"mine.json: {i}.{f}", "iom", "founded", None)
    'mine.json: iom.founded'
    """
    return None if explain is None else explain(ident, field, item)


@attrs.frozen
class Difference:
    """One row of a :class:`Diff`: what differs between two registries, and how.

    - ``change``: ``"added"``, ``"removed"`` or ``"changed"``;
    - ``kind``: ``"organisation"``, ``"agreement"``... or ``"document"``;
    - ``id``: the entity's (or document's) id;
    - ``field``: the field path (``"founded"``, ``"partnership.standing"``,
      ``"sessions"``), or ``None`` for a whole entity or document;
    - ``old``, ``new``: the value, item, entity or document on each side
      (``None`` on the side that does not have it);
    - ``by``: the change (``"file: $.changes[0]"``) of the new registry
      that explains the row, if one does.

    >>> import eucoop
    >>> base = eucoop.load()
    >>> base.as_of("2019-01-01").diff(base.as_of("2020-01-01"))[0].new
    Participant(organisation='eu', role=<Role.OBSERVER: 'observer'>, since=PartialDate('2019-07'), until=None, note=None, framework=None)
    """  # noqa: E501 - a repr is one line

    change: str
    kind: str
    id: str
    field: str | None
    old: Any = None
    new: Any = None
    by: str | None = None

    def _repr_html_(self) -> str:
        return html(self)


def _labelled(value: Any) -> str:
    return value.title if isinstance(value, Document) else value.label


class Diff(Shown[Difference]):
    """What differs between two registries, a :class:`Difference` per row (``old.diff(new)``).

    A tuple: iterate it, index it, slice it (a slice is a :class:`Diff`). It
    shows itself as a table in notebooks, and as a short summary at a prompt.

    >>> import eucoop
    >>> base = eucoop.load()
    >>> d = base.as_of("2018-01-01").diff(base.as_of("2019-01-01"))
    >>> [(x.change, x.kind, x.id, x.field) for x in d][:2]  # doctest: +NORMALIZE_WHITESPACE
    [('added', 'organisation', 'un-network-on-migration', None),
     ('added', 'agreement', 'gcm', None)]
    >>> d.counts
    {'added': 3, 'removed': 0, 'changed': 0}
    """

    _labels: Mapping[tuple[str, str], str]

    def __new__(
        cls, rows: Iterable[Difference], labels: Mapping[tuple[str, str], str] | None = None
    ) -> Diff:
        self = super().__new__(cls, rows)
        self._set(_labels=dict(labels or {}))
        return self

    def _sliced(self, index: slice) -> Self:
        return type(self)(tuple.__getitem__(self, index), self._labels)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (tuple(self), self._labels)

    def label(self, kind: str, ident: str) -> str:
        """The name of the entity (its label) or document (its title) a row is about, or its id."""
        return self._labels.get((kind, ident), ident)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the entities and documents that differ, once each, in order."""
        return tuple(dict.fromkeys(r.id for r in self))

    @property
    def counts(self) -> dict[str, int]:
        """How many entities and documents were added, removed and changed (not rows).

        An entity with several rows counts once: as added or removed when it
        was added or removed whole, else as changed.
        """
        found = Counter(changes_of(self).values())
        return {c: found[c] for c in CHANGES}

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per difference.

        Columns: ``change``, ``kind``, ``id``, ``field``, ``old``, ``new``
        (the values themselves) and ``by``.

        >>> import eucoop
        >>> base = eucoop.load()
        >>> df = base.as_of("2019-01-01").diff(base.as_of("2020-01-01")).to_dataframe()
        >>> df.loc[0, ["change", "id", "field"]].tolist()
        ['added', 'greco', 'participants']
        """
        return tables.frame(DIFF_COLUMNS, rows_of(DIFF_COLUMNS, self))


#: The columns of a DataFrame of differences.
DIFF_COLUMNS = (
    Column("change", str, lambda d: d.change, required=True),
    Column("kind", str, lambda d: d.kind, required=True),
    Column("id", str, lambda d: d.id, required=True),
    Column("field", str, lambda d: d.field),
    Column("old", object, lambda d: d.old),
    Column("new", object, lambda d: d.new),
    Column("by", str, lambda d: d.by),
)


def changes_of(rows: Iterable[Difference]) -> dict[tuple[str, str], str]:
    """The change of each entity or document the rows are about, by ``(kind, id)``, in order.

    ``added`` or ``removed`` when it was added or removed whole, else ``changed``.
    """
    out: dict[tuple[str, str], str] = {}
    for r in rows:
        out[r.kind, r.id] = r.change if r.field is None else out.get((r.kind, r.id), "changed")
    return out


# -- comparing ------------------------------------------------------------------------


class _Field(NamedTuple):
    """A field to compare: its path, its attribute, whether it holds items, its record's fields."""

    path: str
    name: str
    many: bool
    record: tuple[_Field, ...] | None


@lru_cache(maxsize=64)
def _plan(cls: type, sources: bool, prefix: str = "") -> tuple[_Field, ...]:
    """The fields of *cls* a diff compares (``sources`` only if asked), read from the model."""
    out = []
    for f in fields_of(cls):
        if (f.name == "id" and not prefix) or (f.name == "sources" and not sources):
            continue
        path = prefix + f.name
        nested = f.nested  # a record compared field by field; a value with a text (a date,
        # an amount of money) is one value
        whole = f.many or nested is None or nested.__str__ is not object.__str__
        record = None if whole else _plan(nested, sources, path + ".")
        out.append(_Field(path, f.name, f.many, record))
    return tuple(out)


def _paired(old: Iterable[Any], new: Iterable[Any]) -> Iterator[tuple[str, Any, Any]]:
    """``(change, old item, new item)`` for the items of two lists (or sets) that differ.

    Equal items pair first (as many times as both lists hold them); of the
    rest, items with the same :func:`~eucoop._model.item_key` pair in order (``changed``);
    what is left was removed (old order) or added (new order).
    """
    if isinstance(old, frozenset):
        old, new = sorted(old, key=str), sorted(new, key=str)
    old, new = list(old), list(new)
    in_new, in_old = Counter(new), Counter(old)
    old_rest = [x for x in old if not _take(in_new, x)]
    new_rest = [y for y in new if not _take(in_old, y)]
    waiting: dict[object, deque[int]] = {}
    for i, y in enumerate(new_rest):
        waiting.setdefault(item_key(y), deque()).append(i)
    paired: set[int] = set()
    for x in old_rest:
        queue = waiting.get(item_key(x))
        if queue:
            i = queue.popleft()
            paired.add(i)
            yield "changed", x, new_rest[i]
        else:
            yield "removed", x, None
    for i, y in enumerate(new_rest):
        if i not in paired:
            yield "added", None, y


def _take(counts: Counter[Any], item: object) -> bool:
    """Whether *counts* still holds *item*; if so, one fewer."""
    if counts[item] > 0:
        counts[item] -= 1
        return True
    return False


def _compare(
    rows: list[Difference],
    *,
    head: tuple[str, str],
    old: object,
    new: object,
    plan: Sequence[_Field],
    explain: Explain | None,
) -> None:
    """Add the rows of every field of *plan* that differs between *old* and *new*."""
    kind, ident = head
    for f in plan:
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a == b:
            continue
        if f.many:
            for change, x, y in _paired(a, b):
                item = x if y is None else y
                by = explained_by(explain, ident, f.path, item)
                rows.append(Difference(change, kind, ident, f.path, x, y, by))
        elif f.record is not None and a is not None and b is not None:
            _compare(rows, head=head, old=a, new=b, plan=f.record, explain=explain)
        else:
            change = "added" if a is None else "removed" if b is None else "changed"
            by = explained_by(explain, ident, f.path, None)
            rows.append(Difference(change, kind, ident, f.path, a, b, by))


def _grouped(values: Iterable[Entity | Document]) -> dict[type, dict[str, Any]]:
    out: dict[type, dict[str, Any]] = {}
    for v in values:
        out.setdefault(type(v), {})[v.id] = v
    return out


def _class_order(cls: type) -> tuple[int, str]:
    """Kinds in the order of :data:`KINDS` (a class no longer a kind after them), documents last."""
    if cls is Document:
        return len(KINDS) + 1, ""
    return (KINDS.position(cls) if cls in KINDS else len(KINDS)), cls.__name__


def differences(
    old: Iterable[Entity | Document],
    new: Iterable[Entity | Document],
    *,
    sources: bool = False,
    explain: Explain | None = None,
) -> Diff:
    """What differs from the entities and documents *old* to *new* (see the module's rules).

    *explain* says which change of the new registry explains a row (see
    :func:`explained_by`); *sources* compares citations too.
    """
    olds, news = _grouped(old), _grouped(new)
    rows: list[Difference] = []
    labels: dict[tuple[str, str], str] = {}
    for cls in sorted(olds.keys() | news.keys(), key=_class_order):
        before, after = olds.get(cls, {}), news.get(cls, {})
        kind = "document" if cls is Document else cls.__name__.lower()
        plan = _plan(cls, sources)
        for ident in sorted(before.keys() | after.keys()):
            a, b = before.get(ident), after.get(ident)
            if a is b or a == b:
                continue
            n = len(rows)
            if a is None or b is None:
                rows.append(
                    Difference("added" if a is None else "removed", kind, ident, None, a, b)
                )
            else:
                _compare(rows, head=(kind, ident), old=a, new=b, plan=plan, explain=explain)
            if len(rows) > n:
                labels[kind, ident] = _labelled(b if b is not None else a)
    return Diff(rows, labels)
