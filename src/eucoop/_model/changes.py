"""Changes: values a data file adds to, corrects in or retracts from the data below it.

A data file may hold, besides whole entities, a list of ``changes``, each as
cited as a fact is (see :doc:`/data-model`). :class:`RawChange` is what one
says in the file, before its target is known; :class:`Change` is one as
loaded, with the typed value and what it replaced, kept in the registry's
ledger (:meth:`Registry.changes`).
"""

from typing import Any

import attrs

from eucoop._model.enums import ChangeOp
from eucoop._model.fields import meta
from eucoop._model.typecheck import typed
from eucoop._model.values import Repr, Source

__all__ = ["Change", "ChangeOp", "RawChange"]


@attrs.frozen(kw_only=True, repr=False, field_transformer=typed)
class Change(Repr):
    """One change a data file makes to the data below it: an addition, a correction, a retraction.

    ``target`` is the id of an entity or document of another file, ``field``
    a field path (``"founded"``, ``"partnership.standing"``, ``"sessions"``,
    ``"participants.until"``), ``item`` the list item it is about, when it is
    about one (the item as the data held it). ``value`` is what it sets or
    adds and ``was`` what it says it replaces or retracts, both typed as the
    field is (a :class:`~eucoop.PartialDate`, a :class:`~eucoop.Session`...);
    ``reason`` says why a value is replaced or retracted, and ``sources``
    cite the change.

    Once loaded, ``file`` and ``location`` say where it was written
    (``"fix-iom.json"``, ``"$.changes[0]"``), ``before`` is the value the data
    held there (``None`` for an addition) and ``before_sources`` the
    citations of that value, which the change's sources replace.

    >>> import eucoop
    >>> c = eucoop.Change(op=eucoop.ChangeOp.SET, target="iom", field="founded", value="x")
    >>> c.op.value, c.origin
    ('set', '')
    """

    op: ChangeOp
    target: str = attrs.field(metadata=meta(pattern="id"))
    field: str
    item: object = None
    value: object = None
    was: object = None
    reason: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    file: str | None = None
    location: str | None = None
    before: object = None
    before_sources: tuple[Source, ...] = ()

    @property
    def origin(self) -> str:
        """Where it was written, for people: ``"fix-iom.json: $.changes[0]"`` (empty if unknown)."""
        if self.file is None:
            return ""
        return f"{self.file}: {self.location}" if self.location else self.file


@attrs.frozen(kw_only=True)
class RawChange:
    """One change as a data file writes it: ``value``, ``was`` and ``item`` still plain JSON.

    Their types depend on the target's field, known only once every file is
    read; the loader structures them then (see :mod:`eucoop._loading.changes`).
    """

    op: ChangeOp
    target: str = attrs.field(metadata=meta(pattern="id"))
    field: str
    item: Any = None
    value: Any = None
    was: Any = None
    reason: str | None = attrs.field(default=None, metadata=meta(nonempty=True))
    note: str | None = None
    sources: tuple[Source, ...] = ()
