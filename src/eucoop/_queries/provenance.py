"""Where a fact comes from: the citations of an entity that support one field."""

from __future__ import annotations

from eucoop._arguments import string
from eucoop._model import Entity, Organisation, Source, field_head, field_names

__all__ = ["provenance"]


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
