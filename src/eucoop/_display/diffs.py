"""How a diff looks: ``+``, ``-`` and ``old -> new`` lines for a terminal, a table in notebooks.

The text is csv-diff's and daff's: one line per entity or document that
differs (``+`` added, ``-`` removed, ``~`` changed: its kind, id and name),
and under a changed one a line per field, its value as ``old -> new``, or
``+ item`` and ``- item`` for what a list gained or lost, with the change
that explains it at the end of the line when the new registry knows it.
Lines are wrapped to :func:`~eucoop._display.text.columns`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from eucoop._display.common import capitalised, cite, in_words, plain, session_text, when_and_note
from eucoop._display.tables import HtmlColumn, html_table
from eucoop._display.text import columns, wrap
from eucoop._model import Document, Entity, Participant, Session, Source, fields_of
from eucoop._queries.diff import CHANGES, Diff, Difference, changes_of
from eucoop._render import escape, html, summary
from eucoop._text import and_join, plural

__all__ = ["BY_COLUMN", "SIGNS", "by_column", "diff_counts", "diff_lines", "value_text"]

#: The sign of each change at the start of its line.
SIGNS = {"added": "+", "removed": "-", "changed": "~"}
#: The column the change that explains a line starts at, at most: a diff whose longest
#: change would pass the text's width starts them all further left, where its lines leave room.
BY_COLUMN = 57
#: Where a field's value starts on its line.
VALUE_COLUMN = 18


def value_text(value: Any) -> str:
    """A value, an item of a list or a whole entity in words, on one line.

    >>> from eucoop._model import PartialDate, Role
    >>> value_text(Participant(organisation="eu", role=Role.OBSERVER, since=PartialDate(2019, 7)))
    'eu observer (since 2019-07)'
    >>> value_text(Source(document="dg-home-io", paragraph=3))
    'dg-home-io, paragraph 3'
    """
    if isinstance(value, Entity):
        return value.label
    if isinstance(value, Document):
        return value.title
    if isinstance(value, Session):
        return session_text(value)
    if isinstance(value, Participant):
        extra = when_and_note(value)
        return f"{value.organisation} {in_words(value.role)}" + (f" ({extra})" if extra else "")
    if isinstance(value, Source):
        return f"{value.document}, {cite(value)}"
    if _is_record(value):
        shown = [(f.label, getattr(value, f.name)) for f in fields_of(type(value))]
        return "; ".join(
            f"{k} {value_text(v)}" for k, v in shown if v not in (None, (), frozenset())
        )
    if isinstance(value, tuple):
        return "; ".join(map(value_text, value))
    return plain(value)


def _is_record(value: object) -> bool:
    return attrs.has(type(value)) and type(value).__str__ is object.__str__


def _item_name(item: Any) -> str:
    """What names an item of a list by its key: ``"eu observer since 2019-07"``."""
    if isinstance(item, Participant):
        since = f" since {item.since}" if item.since else ""
        return f"{item.organisation} {in_words(item.role)}{since}"
    if isinstance(item, Session):
        return f"session of {item.start}"
    if isinstance(item, Source):
        where = "" if item.paragraph is None else f", paragraph {item.paragraph}"
        return item.document + where
    return value_text(item)


def _changed_text(old: Any, new: Any) -> str:
    """``old -> new``; for two records, what names them and only the fields that differ."""
    if not (_is_record(old) and type(old) is type(new)):
        return f"{value_text(old)} -> {value_text(new)}"
    changed = [
        f"{f.label} {value_text(a) or '(none)'} -> {value_text(b) or '(none)'}"
        for f in fields_of(type(old))
        if (a := getattr(old, f.name)) != (b := getattr(new, f.name))
    ]
    return f"{_item_name(old)}: {'; '.join(changed)}"


def diff_counts(diff: Iterable[Difference]) -> str:
    """What a diff holds, counted by entity and document: ``"1 document added, 1 entity changed"``.

    >>> diff_counts([])
    'no differences'
    """
    found = changes_of(diff)
    parts = []
    for change in CHANGES:
        entities = sum(1 for (k, _), c in found.items() if c == change and k != "document")
        documents = sum(1 for (k, _), c in found.items() if c == change and k == "document")
        counted = [
            plural(n, what) for n, what in ((entities, "entity"), (documents, "document")) if n
        ]
        if counted:
            parts.append(f"{and_join(counted)} {change}")
    return ", ".join(parts) or "no differences"


def by_column(diff: Iterable[Difference]) -> int:
    """Where the changes that explain a diff's lines start: one column for them all.

    :data:`BY_COLUMN`, or further left when the longest would not fit in
    :func:`~eucoop._display.text.columns` there (never into the values' column).
    """
    longest = max((len(r.by) for r in diff if r.by is not None), default=0)
    return max(VALUE_COLUMN + 2, min(BY_COLUMN, columns() - longest))


def _field_line(row: Difference, column: int = BY_COLUMN) -> list[str]:
    """A field's line: its path, ``old -> new`` (or ``+ item``, ``- item``), and its change.

    The change goes at *column* on the value's last line, if it fits there; else under it.
    """
    if row.change == "changed":
        text = _changed_text(row.old, row.new)
    else:
        text = f"{SIGNS[row.change]} {value_text(row.new if row.old is None else row.old)}"
    lines = wrap(text, f"    {row.field:<{VALUE_COLUMN - 5}} ", " " * VALUE_COLUMN)
    if row.by is not None:
        at = max(column, len(lines[-1]) + 2)
        if at + len(row.by) <= columns():
            lines[-1] = f"{lines[-1]:<{at}}{row.by}"
        else:
            lines += wrap(row.by, " " * VALUE_COLUMN)
    return lines


def diff_lines(diff: Diff) -> list[str]:
    """A diff in text: a head line per entity or document, a line per field that changed."""
    lines: list[str] = []
    head = None
    column = by_column(diff)
    for row in diff:
        if (row.kind, row.id) != head:
            head = (row.kind, row.id)
            sign = SIGNS[row.change if row.field is None else "changed"]
            first = f"{sign} {row.kind:<13} {row.id}  "
            lines += wrap(diff.label(row.kind, row.id), first, " " * 4)
        if row.field is not None:
            lines += _field_line(row, column)
    return lines


@summary.register(Diff)
def _diff(diff: Diff) -> str:
    return f"<Diff: {diff_counts(diff)}>"


_COLUMNS: list[HtmlColumn] = [
    ("change", lambda r: escape(r.change)),
    ("kind", lambda r: escape(r.kind)),
    ("id", lambda r: escape(r.id)),
    ("field", lambda r: escape(r.field or "")),
    ("old", lambda r: escape(value_text(r.old))),
    ("new", lambda r: escape(value_text(r.new))),
    ("by", lambda r: escape(r.by or "")),
]


@html.register(Diff)
def diff_html(diff: Diff) -> str:
    """A diff as a table: a row per difference, the counts as its caption."""
    return html_table(_COLUMNS, diff, capitalised(diff_counts(diff)))


@html.register(Difference)
def difference_html(row: Difference) -> str:
    """One difference, as a row of a diff's table."""
    return html_table(_COLUMNS, [row], f"a difference ({row.change})")
