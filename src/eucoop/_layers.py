"""The layers of a registry: the files it was loaded from, the changes they made, diffs.

A part of :class:`~eucoop.Registry` kept in a room of its own, as
:mod:`eucoop._history` and :mod:`eucoop._relations` are. The registry keeps
a ledger (:class:`~eucoop._queries.ledger.Ledger`): the changes its files
applied, in load order, and the file each entity and document was written
in. From it come the changes (:meth:`~Layers.changes`), where a record was
written (:meth:`~Layers.origin`), what each of the user's files holds
(:attr:`~Layers.user_files`), and which change explains a row of a diff.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Self

from eucoop._arguments import flag, string, wrong_type
from eucoop._model import ChangeOp, Document, Entity
from eucoop._queries.diff import Diff, differences
from eucoop._queries.filters import choice
from eucoop._queries.ledger import Changes, Ledger
from eucoop._queries.results import Results

if TYPE_CHECKING:
    from collections.abc import Iterator

    from eucoop._queries.results import Frozen

    _Base = Frozen
else:
    _Base = object

__all__ = ["Layers"]


class Layers(_Base):
    """What a registry knows of the files it came from (a part of :class:`~eucoop.Registry`)."""

    __slots__ = ()

    if TYPE_CHECKING:
        documents: Results[Document]
        _documents: Mapping[str, Document]
        _ledger: Ledger

        def __iter__(self) -> Iterator[Entity]: ...
        def _find(self, name: str | Entity, argument: str) -> Entity: ...

    def changes(
        self,
        ident: str | Entity | None = None,
        field: str | None = None,
        *,
        op: ChangeOp | str | None = None,
    ) -> Changes:
        """The changes data files made to the data below them, in load order (the ledger).

        Of one entity or document (*ident*), of one *field* (and the paths
        under it), of one *op* (``"add"``, ``"set"``, ``"retract"``). Each
        :class:`~eucoop.Change` keeps what it replaced (``before``) and the
        citations of that (``before_sources``); retracted values are found
        only here. See :doc:`/data-model`.

        >>> import eucoop
        >>> len(eucoop.load().changes())
        0
        """
        ident_id = None
        if isinstance(ident, str) and ident in self._documents:
            ident_id = ident
        elif ident is not None:
            ident_id = self._find(ident, "ident").id
        if field is not None:
            string(field, "field", "a field path or None")
        want = None if op is None else choice(ChangeOp, op, "op")
        return Changes(self._ledger.select(ident_id, field, want))

    def origin(self, ident: str | Entity) -> str:
        """The file an entity (by id, name, or itself) or a document (by id) was written in.

        A packaged file (``"eucoop/data/organisations.json"``) or one of
        yours, as :func:`eucoop.load` was given it; the values your changes
        made are in :meth:`changes`, each with its :attr:`~eucoop.Change.origin`.

        >>> import eucoop
        >>> eucoop.load().origin("IOM")
        'eucoop/data/organisations.json'
        """
        if isinstance(ident, str) and ident in self._documents:
            return self._ledger.files.get(ident, "")
        return self._ledger.files.get(self._find(ident, "ident").id, "")

    @property
    def user_files(self) -> Mapping[str, Mapping[str, int]]:
        """Your files (all files, without the packaged data): what each adds and changes.

        By file name, as :func:`eucoop.load` was given it: how many
        ``entities`` and ``documents`` it adds and how many ``changes`` it
        makes; files that add records first, in load order, then those that
        only make changes. Empty for the packaged data alone.

        >>> import eucoop
        >>> dict(eucoop.load().user_files)
        {}
        """
        return MappingProxyType(self._ledger.user_files(self._documents))

    def diff(self, other: Self, *, sources: bool = False) -> Diff:
        """What differs from this registry to *other*: a row per entity, value or item.

        Whole entities and documents added or removed, single values changed
        (``old -> new``), items of lists added, removed or changed (see
        :class:`Diff`); citations too with ``sources=True``. Works between any
        two registries: two versions of the data (record time), or two
        :meth:`as_of` views (valid time: what began or ended between two days).
        A row that a change of *other* explains names it in ``by``
        (``"fix-iom.json: $.changes[0]"``).

        >>> import eucoop
        >>> base = eucoop.load()
        >>> [(x.change, x.id, x.field) for x in base.as_of("2019").diff(base.as_of("2020"))]
        [('added', 'greco', 'participants')]
        >>> base.diff(base)
        <Diff: no differences>
        """
        if not isinstance(other, Layers):
            raise wrong_type("other", "a Registry", other)
        ledger = other._ledger
        return differences(
            (*self, *self.documents),
            (*other, *other.documents),
            sources=flag(sources, "sources"),
            explain=ledger.explain if ledger.changes else None,
        )
