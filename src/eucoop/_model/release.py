"""The packaged data's release: its data version, its date, and what it knows of time.

The data has a version of its own, independent of the package's: semantic
versioning for data (MINOR for new facts, PATCH for corrections, MAJOR when ids
or meanings change), kept in ``eucoop/data/_release.json`` with the date it
was released.
"""

from collections.abc import Iterable

import attrs

from eucoop._model.dates import PartialDate
from eucoop._model.fields import meta
from eucoop._model.spans import dates_in
from eucoop._model.typecheck import typed
from eucoop._model.values import Document, Repr

__all__ = ["Release"]


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Release(Repr):
    """Which version of the packaged data a registry holds, and how current it is.

    ``retrieved_first`` and ``retrieved_last`` span the days the cited pages
    were read (the documents' ``accessed``); ``facts_until`` is the latest date
    any fact of the packaged data carries: what the data cannot know of comes
    after it.

    >>> import eucoop
    >>> release = eucoop.load().release
    >>> release.data_version, str(release.released)
    ('1.0.1', '2026-12-06')
    """

    data_version: str = attrs.field(metadata=meta(label="data version"))
    released: PartialDate
    retrieved_first: PartialDate | None = attrs.field(
        default=None, metadata=meta(label="sources read from")
    )
    retrieved_last: PartialDate | None = attrs.field(
        default=None, metadata=meta(label="sources read until")
    )
    facts_until: PartialDate | None = attrs.field(
        default=None, metadata=meta(label="latest dated fact")
    )

    @classmethod
    def of(cls, data_version: str, released: PartialDate, values: Iterable[object]) -> "Release":
        """The release of the packaged *values* (entities and documents)."""
        values = list(values)
        accessed = [d.accessed for d in values if type(d) is Document and d.accessed is not None]
        facts = [d for v in values if type(v) is not Document for d in dates_in(v)]
        return cls(
            data_version=data_version,
            released=released,
            retrieved_first=min(accessed, default=None),
            retrieved_last=max(accessed, default=None),
            facts_until=max(facts, default=None),
        )

    def __str__(self) -> str:
        read = ""
        if self.retrieved_first is not None and self.retrieved_last is not None:
            first, last = self.retrieved_first, self.retrieved_last
            read = f"; sources read {first}" + (f" to {last}" if last != first else "")
        return f"version {self.data_version}, released {self.released}{read}"
