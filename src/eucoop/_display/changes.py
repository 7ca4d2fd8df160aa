"""Changes in words: one line per change, the ledger's ``repr`` and its HTML table.

The same words serve the ``repr`` of :class:`~eucoop.Changes` and of one
:class:`~eucoop.Change`, their notebook tables, and ``eucoop validate``'s
lines on what a file corrects or retracts.
"""

from __future__ import annotations

from eucoop._display.reprs import listing
from eucoop._display.tables import HtmlColumn, html_table
from eucoop._loading.items import shown
from eucoop._model import Change, ChangeOp
from eucoop._queries import Changes
from eucoop._render import escape, html, summary
from eucoop._text import plural

__all__ = ["change_line", "changes_html", "correction"]


def _value(value: object) -> str:
    return "(nothing)" if value is None else shown(value)


def change_line(c: Change) -> str:
    """One change in a line: ``set iom founded: 1951 -> 1951-12-05``."""
    where = f"{c.op.value} {c.target} {c.field}"
    if c.op is ChangeOp.ADD:
        return f"{where}: + {_value(c.value)}"
    if c.op is ChangeOp.RETRACT:
        return f"{where}: - {_value(c.before)}"
    if c.before is None:
        return f"{where}: {_value(c.value)}"
    return f"{where}: {_value(c.before)} -> {_value(c.value)}"


def correction(c: Change) -> str | None:
    """What *c* replaces or removes, for ``eucoop validate``; None for an addition.

    ``corrects iom founded: 1951 -> 1951-12-05 (fix-iom.json: $.changes[0])``,
    ``retracts TR from eu-financial-support-unhcr countries (...)``.
    """
    if c.op is ChangeOp.RETRACT:
        return f"retracts {_value(c.before)} from {c.target} {c.field} ({c.origin})"
    if c.op is ChangeOp.SET and c.before is not None:
        return (
            f"corrects {c.target} {c.field}: {_value(c.before)} -> {_value(c.value)} ({c.origin})"
        )
    return None


@summary.register(Change)
def _change(c: Change) -> str:
    origin = f" ({c.origin})" if c.origin else ""
    return f"<Change {change_line(c)}{origin}>"


def _counts(changes: Changes) -> str:
    ops = [op for op in ChangeOp if any(c.op is op for c in changes)]
    each = ", ".join(f"{sum(c.op is op for c in changes)} {op.value}" for op in ops)
    return f"{plural(len(changes), 'change')} ({each})"


@summary.register(Changes)
def _changes(changes: Changes) -> str:
    if not changes:
        return "<Changes: none>"
    lines = lambda cs: [f"{change_line(c)}  ({c.origin})" for c in cs]  # noqa: E731
    return listing(f"Changes: {_counts(changes)}", changes, lines)


_COLUMNS: list[HtmlColumn] = [
    ("op", lambda c: escape(c.op.value)),
    ("target", lambda c: escape(c.target)),
    ("field", lambda c: escape(c.field)),
    ("before", lambda c: "" if c.before is None else escape(shown(c.before))),
    ("value", lambda c: "" if c.value is None else escape(shown(c.value))),
    ("reason", lambda c: escape(c.reason or "")),
    ("sources", lambda c: escape(", ".join(s.document for s in c.sources))),
    ("origin", lambda c: escape(c.origin)),
]


@html.register(Changes)
def changes_html(changes: Changes) -> str:
    """The ledger as a table: a row per change, in load order."""
    return html_table(_COLUMNS, changes, _counts(changes) if changes else "no changes")


@html.register(Change)
def _change_html(c: Change) -> str:
    return html_table(_COLUMNS, [c], "a change")
