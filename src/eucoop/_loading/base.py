"""What changes are resolved against (the base), and a change once resolved.

The base is the whole entities and documents of every file loaded; a
resolved change knows its target's record, the way down to its field, its
typed value and what it replaces (see :mod:`eucoop._loading.changes`).
"""

from __future__ import annotations

from collections.abc import Iterable

from eucoop._loading.converter import Located
from eucoop._model import ChangeOp, Document, RawChange
from eucoop._text import Nearby, did_you_mean

__all__ = ["Base", "Resolved"]


class Base:
    """The whole entities and documents of every file loaded: what changes apply to."""

    def __init__(self, records: Iterable[Located]) -> None:
        self.by_id: dict[str, Located] = {}
        for rec in records:
            self.by_id.setdefault(rec.value.id, rec)
        self.paragraphs = {
            i: r.value.paragraphs or 1 << 62
            for i, r in self.by_id.items()
            if type(r.value) is Document
        }
        self._nearby: dict[str, Nearby] = {}

    def hint(self, word: str, pool: str) -> str:
        """The "did you mean" of an unknown id among the entities (or the documents)."""
        nearby = self._nearby.get(pool)
        if nearby is None:
            ids = (i for i, r in self.by_id.items() if (type(r.value) is Document) == (pool == "d"))
            nearby = self._nearby[pool] = Nearby(list(ids))
        return did_you_mean(word, nearby, cutoff=0.75)


class Resolved:
    """One change found in the base: where it goes, its typed value, what it replaces."""

    __slots__ = (
        "before",
        "file",
        "final",
        "index",
        "item",
        "location",
        "named",
        "order",
        "path",
        "position",
        "raw",
        "record",
        "steps",
        "touch",
        "value",
        "was",
    )

    def __init__(self, file: str, order: int, position: int, raw: RawChange) -> None:
        self.file, self.order, self.position, self.raw = file, order, position, raw
        self.location = f"$.changes[{position}]"
        self.record: Located | None = None
        #: The way down to the field: (field, index of the item chosen, or None) per step.
        self.steps: list[tuple[str, int | None]] = []
        #: In a list, the index of the item retracted (None: not a retraction of an item).
        self.index: int | None = None
        self.item: object = None  # the item of a list the change is about, as the data held it
        self.value: object = None
        self.was: object = None
        self.before: object = None
        self.touch: tuple[object, ...] = ()
        self.path = ""  # its path with indices: "participants[0].until"
        self.final = ""  # the name of the field it changes, at the end of the path
        self.named = raw.field  # what its sources name in the entity

    @property
    def origin(self) -> str:
        """``fix-iom.json: $.changes[0]``."""
        return f"{self.file}: {self.location}"

    @property
    def target(self) -> str:
        return self.raw.target

    @property
    def op(self) -> ChangeOp:
        return self.raw.op
