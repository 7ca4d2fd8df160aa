"""Where a fact comes from: the citations of an entity that support one field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

from eucoop._arguments import string
from eucoop._model import Document, Entity, Organisation, Source, field_head, field_names
from eucoop._queries import tables
from eucoop._queries.results import Results, Shown

__all__ = ["Provenance", "provenance"]


def provenance(entity: Entity, field: str | None = None) -> tuple[Source, ...]:
    """The sources naming *field* of *entity*, else its general ones.

    See :meth:`Registry.provenance` for the paths *field* may be.

    >>> from eucoop._model import Programme
    >>> p = Programme(id="p", name="P", sources=(Source(document="d", fields=("budget",)),
    ...                                          Source(document="e")))
    >>> [s.document for s in provenance(p, "budget")], [s.document for s in provenance(p, "name")]
    (['d'], ['e'])
    """
    p = entity.partnership if isinstance(entity, Organisation) else None
    part_sources = p.sources if p is not None else ()
    if field is None:
        return entity.sources + part_sources
    head = field_head(string(field, "field", "a field's name or None"))
    rest = field[len(head) + 1 :]
    if head not in field_names(type(entity)):
        msg = f"{field!r} is not a field of {type(entity).__name__}"
        raise ValueError(msg)
    found = tuple(s for s in entity.sources if s.supports(field))
    if head == "partnership" and p is not None:
        if rest:
            found += tuple(s for s in part_sources if s.supports(rest))
            found = found or tuple(s for s in part_sources if not s.fields)
        else:
            found += part_sources
    return found or tuple(s for s in entity.sources if not s.fields)


class Provenance(Shown[Source]):
    """The citations behind a fact, each a :class:`~eucoop.Source`, with the documents they cite.

    >>> import eucoop
    >>> sources = eucoop.load().provenance("eu-iom-joint-initiative", "budget")
    >>> sources[0].paragraph, sources.documents[0].title
    (10, 'Collaboration with international organisations')
    """

    _cited: Mapping[str, Document]
    #: The layer of each citation, in order: ``"packaged"``, or ``"user"`` for a user's file.
    layers: tuple[str, ...]
    #: Where each citation comes from, in order: the packaged file
    #: (``"eucoop/data/organisations.json"``), the change that brought it
    #: (``"fix-iom.json: $.changes[0]"``) or the user's file of a whole entity.
    origins: tuple[str, ...]

    def __new__(
        cls,
        sources: Iterable[Source],
        documents: Mapping[str, Document],
        layers: Iterable[str] | None = None,
        origins: Iterable[str] | None = None,
    ) -> Provenance:
        self = super().__new__(cls, sources)
        cited = {s.document: documents[s.document] for s in self if s.document in documents}
        n = len(self)
        kinds = ("user",) * n if layers is None else tuple(layers)
        self._set(
            _cited=cited, layers=kinds, origins=("",) * n if origins is None else tuple(origins)
        )
        return self

    def _sliced(self, index: slice) -> Self:
        return type(self)(
            tuple.__getitem__(self, index), self._cited, self.layers[index], self.origins[index]
        )

    @classmethod
    def _joined(cls, first: Shown[Any], second: Shown[Any]) -> Shown[Any]:
        cited = {**getattr(first, "_cited", {}), **getattr(second, "_cited", {})}
        layers = (*getattr(first, "layers", ()), *getattr(second, "layers", ()))
        origins = (*getattr(first, "origins", ()), *getattr(second, "origins", ()))
        return cls((*first, *second), cited, layers, origins)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (tuple(self), self._cited, self.layers, self.origins)

    @property
    def documents(self) -> Results[Document]:
        """The documents cited, once each, in the order first cited."""
        return Results(self._cited.values())

    def document(self, ident: str) -> Document | None:
        """The cited document with id *ident*, or ``None`` if none of these cite it."""
        return self._cited.get(string(ident, "ident", "an id (a string)"))

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one numbered row per citation.

        Columns: ``document_id``, the document's ``title``, the ``paragraph``,
        the ``fields`` it supports, the document's ``url``, and the citation's
        ``layer`` and ``origin`` (see :attr:`layers`, :attr:`origins`).

        >>> import eucoop
        >>> df = eucoop.load().provenance("eu-iom-joint-initiative", "budget").to_dataframe()
        >>> df.loc[0, "document_id"], int(df.loc[0, "paragraph"])
        ('dg-home-io', 10)
        """
        return tables.provenance_frame(self, self._cited, self.layers, self.origins)
