"""The ledger: the changes a registry's files made, and which layer each fact comes from.

A registry keeps the changes it applied, in load order, and the file each of
its entities and documents was written in. From them, provenance tells a
packaged citation from a user's (:attr:`Provenance.layers`) and says where
each comes from (:attr:`Provenance.origins`), by the rules of section 5.1 of
the design: a change answers for its own path and everything under it, and a
path that holds a changed one gets both layers.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from eucoop._model import Change, ChangeOp, Entity, Source, item_key
from eucoop._queries.results import Shown
from eucoop._queries.rows import SEP, Column, rows_of
from eucoop._queries.tables import frame

__all__ = ["PACKAGED", "USER", "Changes", "Ledger", "Placed", "change_path", "changes_frame"]

#: The layer of a fact of the packaged data, and of one from a user's file.
PACKAGED, USER = "packaged", "user"


class Placed(Protocol):
    """What the ledger reads of a loaded record: its file and its value's id."""

    @property
    def file(self) -> str: ...
    @property
    def value(self) -> Any: ...


Cite = Callable[[Entity, "str | None"], tuple[Source, ...]]


def appended(change: Change) -> tuple[Source, ...]:
    """The citations a change adds to its entity: its sources, naming its field."""
    if change.op is ChangeOp.RETRACT:
        return ()
    if change.op is ChangeOp.ADD and change.field == "sources":
        return (change.value,)  # type: ignore[return-value] # an added citation
    return tuple(attrs.evolve(s, fields=(change.field,)) for s in change.sources)


def change_path(
    change: Change, entity: Entity, where: dict[int, dict[Any, int]] | None = None
) -> str | None:
    """Where *change* put its value in *entity*, with indices: ``"sessions[1]"``, or None.

    None for a retraction (nothing is left to cite), an added citation, or
    a value *entity* no longer holds (an as-of view trimmed it). *where*
    keeps the index of each list's items between calls about one entity.
    """
    where = {} if where is None else where

    def index(items: tuple[Any, ...], item: object) -> int | None:
        found = where.get(id(items))
        if found is None:
            found = where[id(items)] = {}
            for i, x in enumerate(items):
                found.setdefault(x, i)
        return found.get(item)

    if change.op is ChangeOp.RETRACT or (change.op is ChangeOp.ADD and change.field == "sources"):
        return None
    *heads, last = change.field.split(".")
    obj: Any = entity
    path = ""
    for seg in heads:
        value = getattr(obj, seg, None)
        if isinstance(value, tuple):  # an item chosen by "item": find it as changed
            try:
                i = index(value, attrs.evolve(change.item, **{last: change.value}))  # type: ignore[misc]
            except TypeError:
                return None
            if i is None:
                return None
            path += f"{'.' if path else ''}{seg}[{i}]"
            obj = value[i]
        elif value is None:
            return None
        else:
            path += f"{'.' if path else ''}{seg}"
            obj = value
    path += f"{'.' if path else ''}{last}"
    if change.op is ChangeOp.ADD:
        items = getattr(obj, last, ())
        if isinstance(items, tuple):
            i = index(items, change.value)
            if i is None:
                return None
            path += f"[{i}]"
    return path


def _prefixes(path: str) -> list[str]:
    """*path* and every path holding it: ``sessions``, ``sessions[3]``, ``sessions[3].start``."""
    cuts = [i for i, ch in enumerate(path) if ch in ".["]
    return [path[:i] for i in cuts] + [path]


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


class Ledger:
    """The changes applied, in load order, and the file of each entity and document."""

    __slots__ = ("_at", "_by_target", "_files", "_paths", "_records", "changes", "packaged")

    def __init__(
        self,
        changes: Iterable[Change] = (),
        records: Iterable[Placed] = (),
        packaged: frozenset[str] = frozenset(),
        files: Mapping[str, str] | None = None,
    ) -> None:
        self.changes: tuple[Change, ...] = tuple(changes)
        self.packaged = packaged
        self._records = records
        self._files = files
        self._by_target: dict[str, list[Change]] = {}
        #: The paths of each changed entity's changes, for the entity they were found in.
        self._paths: dict[str, tuple[Entity, list[tuple[Change, str]]]] = {}
        self._at: dict[str, tuple[Entity, dict[str, list[Change]]]] = {}  # the same, by path
        for c in self.changes:
            self._by_target.setdefault(c.target, []).append(c)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.changes, (), self.packaged, dict(self.files))

    @property
    def files(self) -> Mapping[str, str]:
        """The file each entity and document was written in, by id (made on first ask)."""
        if self._files is None:
            self._files = {r.value.id: r.file for r in self._records}
            self._records = ()
        return self._files

    def of(self, ident: str) -> list[Change]:
        """The changes of the entity or document *ident*, in load order."""
        return self._by_target.get(ident, [])

    def layer(self, file: str) -> str:
        """``"packaged"`` for a packaged file, else ``"user"``."""
        return PACKAGED if file in self.packaged else USER

    def select(self, ident: str | None, field: str | None, op: ChangeOp | None) -> list[Change]:
        """The changes of *ident* (all when None), of *field* or under it, of *op*."""
        found = self.changes if ident is None else self.of(ident)
        return [
            c
            for c in found
            if (field is None or _under(c.field, field)) and (op is None or c.op is op)
        ]

    def sourced(
        self, entity: Entity, field: str | None, cite: Cite
    ) -> tuple[tuple[Source, ...], tuple[str, ...], tuple[str, ...]]:
        """The citations of *field* of *entity*, their layers and their origins (section 5.1)."""
        own = self.files.get(entity.id, "")
        own_layer = self.layer(own) if own else USER
        changes = [c for c in self.of(entity.id) if c.op is not ChangeOp.RETRACT]
        if not changes:
            found = cite(entity, field)
            return found, (own_layer,) * len(found), (own,) * len(found)
        by: dict[Source, Change] = {}
        for c in changes:
            for s in appended(c):
                by.setdefault(s, c)
        if field is None:
            found = cite(entity, None)
        else:
            paths = self.paths(entity)
            answering = self.answering(entity, field)
            if answering:
                found = tuple(s for c in answering for s in appended(c))
            else:
                mine = {s for c in changes if c.field != "sources" for s in appended(c)}
                plain = attrs.evolve(
                    entity, sources=tuple(s for s in entity.sources if s not in mine)
                )
                found = cite(plain, field)
                found += tuple(s for c, p in paths if _under(p, field) for s in appended(c))
        layers = tuple(USER if s in by else own_layer for s in found)
        origins = tuple(by[s].origin if s in by else own for s in found)
        return found, layers, origins

    def paths(self, entity: Entity) -> list[tuple[Change, str]]:
        """Each change of *entity* with where it put its value (:func:`change_path`)."""
        found = self._paths.get(entity.id)
        if found is None or found[0] is not entity:
            where: dict[int, dict[Any, int]] = {}
            changes = self.of(entity.id)
            pairs = [(c, change_path(c, entity, where)) for c in changes]
            found = self._paths[entity.id] = (entity, [(c, p) for c, p in pairs if p is not None])
        return found[1]

    def answering(self, entity: Entity, path: str) -> list[Change]:
        """The changes of *entity* that answer for *path*: at it, or at a path holding it."""
        if entity.id not in self._by_target:
            return []
        at = self._at.get(entity.id)
        if at is None or at[0] is not entity:
            by_path: dict[str, list[Change]] = {}
            for c, p in self.paths(entity):
                by_path.setdefault(p, []).append(c)
            at = self._at[entity.id] = (entity, by_path)
        return [c for prefix in _prefixes(path) for c in at[1].get(prefix, ())]

    def origin_of(self, entity: Entity, path: str) -> str:
        """Where the fact at *path* of *entity* comes from: its change, else its file."""
        found = self.answering(entity, path)
        return found[0].origin if found else self.files.get(entity.id, "")

    def explain(self, ident: str, field: str, item: object) -> str | None:
        """The change that explains a row of a diff to this registry, or None.

        The seam :func:`~eucoop._queries.diff.explained_by` describes: *field*
        is the row's path, *item* the list item it is about (``None`` for a
        single value). Items are matched by :func:`~eucoop._model.item_key`,
        so an as-of view that trimmed the list still finds them.
        """
        key = None if item is None else item_key(item)
        for c in self.of(ident):
            if _explains(c, field, item, key):
                return c.origin
        return None

    def user_files(self, documents: Container[str]) -> dict[str, dict[str, int]]:
        """What each file of the user layer adds and changes: entities, documents, changes.

        *documents* tells document ids from entity ids. Files that add records
        come first, in load order, then files that only make changes.
        """
        out: dict[str, dict[str, int]] = {}

        def counts(file: str) -> dict[str, int]:
            return out.setdefault(file, {"entities": 0, "documents": 0, "changes": 0})

        for ident, file in self.files.items():
            if file not in self.packaged:
                counts(file)["documents" if ident in documents else "entities"] += 1
        for c in self.changes:
            if c.file is not None and c.file not in self.packaged:
                counts(c.file)["changes"] += 1
        return out


def _explains(c: Change, field: str, item: object, key: object) -> bool:
    """Whether *c* made the value at *field* (with *item*, of *key*: a row of a list)."""
    if item is None:
        return c.field == field and c.item is None
    if c.field == field:
        if c.op is ChangeOp.ADD:
            return item_key(c.value) == key
        return c.op is ChangeOp.RETRACT and item_key(c.before) == key
    head, _, last = c.field.rpartition(".")
    if head == field and c.item is not None and "." not in last:  # a value of a chosen item
        changed = attrs.evolve(c.item, **{last: c.value})  # type: ignore[misc]
        return key in (item_key(c.item), item_key(changed))
    return field.rpartition(".")[2] == "sources" and any(item_key(s) == key for s in appended(c))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


CHANGE_COLUMNS = (
    Column("op", str, lambda c: c.op.value, required=True),
    Column("target", str, lambda c: c.target, required=True),
    Column("field", str, lambda c: c.field, required=True),
    Column("before", str, lambda c: _text(c.before)),
    Column("value", str, lambda c: _text(c.value)),
    Column("was", str, lambda c: _text(c.was)),
    Column("reason", str, lambda c: c.reason),
    Column("sources", str, lambda c: SEP.join(s.document for s in c.sources) or None),
    Column("origin", str, lambda c: c.origin or None),
)


def changes_frame(changes: Sequence[Any]) -> Any:
    """A DataFrame of changes, for ``Changes.to_dataframe()``: one numbered row each."""
    return frame(CHANGE_COLUMNS, rows_of(CHANGE_COLUMNS, changes))


class Changes(Shown[Change]):
    """Changes that data files made to the data below them, in load order: the ledger.

    What :meth:`Registry.changes` returns; each is a :class:`~eucoop.Change`.

    >>> import eucoop
    >>> eucoop.load().changes()
    <Changes: none>
    """

    __slots__ = ()

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per change.

        Columns: ``op``, ``target``, ``field``, ``before``, ``value``, ``was``,
        ``reason``, the ``sources`` (document ids) and the ``origin``; values as
        text, as the command line shows them.

        >>> import eucoop
        >>> list(eucoop.load().changes().to_dataframe().columns)[:3]
        ['op', 'target', 'field']
        """
        return changes_frame(self)
