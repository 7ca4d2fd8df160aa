"""HTML for notebooks: compact cards and tables, every piece of text escaped."""

from __future__ import annotations

from collections.abc import Iterable

from eucoop._model import KINDS, Entity, Money, PartialDate, Partnership, Session, fields_of
from eucoop._queries import Hit, Results, SearchResults, Timeline
from eucoop._registry import Registry
from eucoop._render import escape, html

__all__ = ["entities_html", "entity_html", "hits_html", "registry_html", "timeline_html"]

_SKIP = {"id", "name", "acronym", "description", "participants", "sources", "partnership"}
_STYLE = "border-collapse:collapse;text-align:left"


def _text(value: object) -> str:
    """A field value as plain text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, PartialDate | Money):
        return str(value)
    if isinstance(value, Session):
        out = str(value.start) + (f" to {value.end}" if value.end else "")
        out += f", {value.place}" if value.place else ""
        return out + (f" ({value.note})" if value.note else "")
    if isinstance(value, frozenset):
        return ", ".join(sorted(str(v) for v in value))
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f"<tr><th style='padding-right:1em'>{escape(k)}</th><td>{escape(v)}</td></tr>"
        for k, v in pairs
        if v
    )


@html.register
def entity_html(entity: Entity) -> str:
    """A card: title, description, key fields, who takes part, and the sources."""
    title = escape(entity.label)
    kind = escape(entity.kind_name)
    parts = [f"<div class='eucoop-entity'><strong>{title}</strong> <em>{kind}</em> "]
    parts.append(f"<code>{escape(entity.id)}</code>")
    if entity.description:
        parts.append(f"<p>{escape(entity.description)}</p>")
    fields = [
        (f.label, _text(getattr(entity, f.name)))
        for f in fields_of(type(entity))
        if f.name not in _SKIP
    ]
    partnership = getattr(entity, "partnership", None)
    if isinstance(partnership, Partnership):
        fields.append(("EU partnership", _partnership_text(partnership)))
    parts.append(f"<table style='{_STYLE}'>{_rows(fields)}</table>")
    if entity.participants:
        items = "".join(
            f"<li>{escape(p.organisation)}: {escape(str(p.role))}"
            + (escape(f" since {p.since}") if p.since else "")
            + (escape(f" until {p.until}") if p.until else "")
            + (f" <small>({escape(p.note)})</small>" if p.note else "")
            + "</li>"
            for p in entity.participants
        )
        parts.append(f"<p>Participants:</p><ul>{items}</ul>")
    cites = ", ".join(
        escape(s.document + (f" ¶{s.paragraph}" if s.paragraph else "")) for s in entity.sources
    )
    parts.append(f"<p><small>Sources: {cites}</small></p></div>")
    return "".join(parts)


def _partnership_text(p: Partnership) -> str:
    bits = [str(p.standing) if p.standing else "partner"]
    if p.areas:
        bits.append("in " + _text(p.areas))
    if p.since:
        bits.append(f"since {p.since}")
    if p.formalised_by:
        bits.append("formalised by " + ", ".join(p.formalised_by))
    return " ".join(bits)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table style='{_STYLE}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@html.register
def results_html(results: Results) -> str:  # type: ignore[type-arg] # any kind of entity
    """A table of entities: id, kind, name."""
    return entities_html(results)


def entities_html(entities: Iterable[Entity]) -> str:
    """A table of entities: id, kind, name."""
    return _table(("id", "kind", "name"), ((e.id, e.kind_name, e.label) for e in entities))


@html.register
def registry_html(reg: Registry) -> str:
    """Counts per kind, then a short table of the organisations."""
    counts = [(k.collection, str(len(getattr(reg, k.collection)))) for k in KINDS]
    counts.append(("documents", str(len(reg.documents))))
    return (
        "<div class='eucoop-registry'><strong>eucoop registry</strong>"
        + _table(("collection", "entries"), counts)
        + "</div>"
    )


@html.register
def search_html(results: SearchResults) -> str:
    """Search results: id, name, score, and the fields that matched."""
    return hits_html(results.hits)


def hits_html(hits: Iterable[Hit]) -> str:
    """Search results: id, name, score, and the fields that matched."""
    return _table(
        ("id", "name", "score", "matched in"),
        ((h.entity.id, h.entity.label, f"{h.score:g}", ", ".join(h.fields)) for h in hits),
    )


@html.register
def timeline_html(entries: Timeline) -> str:
    """Timeline entries: date, entity id, what happened."""
    return _table(("date", "entity", "event"), ((str(t.date), t.entity, t.label) for t in entries))
