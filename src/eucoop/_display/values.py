"""Short HTML for the small values: money, dates, enum values, participants, citations, sessions.

A value shown alone in a notebook (``programme.budget``, ``org.kind``,
``entity.participants[0]``) reads as it does on a card, with what it is
dimmed after it, rather than as its ``repr`` in a ``<pre>`` block. A
participant and a citation are the rows their cards show (the same renderers:
:func:`~eucoop._display.html.taking_part`,
:func:`~eucoop._display.html.sources_html`), naming the organisation or the
document from a live registry that knows it.
"""

from __future__ import annotations

from enum import Enum

from eucoop._display.common import in_words, plain, session_text
from eucoop._display.html import (
    DIM,
    box,
    card_table,
    heading,
    holding,
    sources_html,
    taking_part,
)
from eucoop._display.sections import Taking, lines_of
from eucoop._exceptions import UnknownEntityError
from eucoop._model import Money, PartialDate, Participant, Release, Session, Source
from eucoop._model.enums import ENUMS
from eucoop._registry import Registry
from eucoop._render import escape, html

__all__ = [
    "enum_html",
    "money_html",
    "partial_date_html",
    "participant_html",
    "release_html",
    "session_html",
    "source_html",
]


def _short(text: str, what: str) -> str:
    """*text*, then what it is, dimmed: the HTML of a value that fits a line."""
    return box(f"{escape(text)} <span style='{DIM}'>{escape(what)}</span>")


@html.register(Money)
def money_html(money: Money) -> str:
    """``EUR 440,000,000``, as the cards write an amount."""
    return _short(str(money), "Money")


@html.register(PartialDate)
def partial_date_html(date: PartialDate) -> str:
    """``2012-07``, and how precisely it is known."""
    return _short(str(date), f"PartialDate, known to the {date.precision}")


def enum_html(value: Enum) -> str:
    """An enum value in words, then its class and its spelling in data files and filters."""
    return _short(in_words(value.value), f"{type(value).__name__} {value.value!r}")


for _enum in ENUMS:
    html.register(_enum, enum_html)


@html.register(Session)
def session_html(session: Session) -> str:
    """When and where a dialogue met, and the note."""
    return _short(session_text(session), "Session")


@html.register(Participant)
def participant_html(part: Participant) -> str:
    """The role, then who takes part (by name from a registry that knows it), when, the note."""
    reg = holding(lambda r: part.organisation in r)
    row = (in_words(part.role), taking_part(reg, Taking(part.organisation, part)))
    return box(card_table([row]))


def _document_holder(ident: str) -> Registry | None:
    def has(r: Registry) -> bool:
        try:
            r.document(ident)
        except UnknownEntityError:
            return False
        return True

    return holding(has)


@html.register(Source)
def source_html(source: Source) -> str:
    """The document cited (its title a link, from a registry that holds it), then the paragraph."""
    reg = _document_holder(source.document)
    docs = {} if reg is None else {source.document: reg.document(source.document)}
    return box(sources_html(docs, [("", source)]))


@html.register(Release)
def release_html(release: Release) -> str:
    """The packaged data's version, its date, and how current its sources are."""
    rows = [(x.label, escape(x.between.join(map(plain, x.items)))) for x in lines_of(release)]
    return box(heading("eucoop data release"), card_table(rows))
