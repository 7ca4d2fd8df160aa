"""Cards that say the same everywhere, and small values that show as HTML.

``reg.card(name)`` is the command line's ``eucoop show`` card, in text and in
HTML alike, both drawn from one plan of a card's parts; an entity's own card
leaves out what only a registry knows and says how to get it. Money, dates,
enum values, participants, citations and sessions show as a line of HTML,
never as an escaped ``repr``. The registry's card stays short however many
partners there are, and an as-of view's card counts what its entities cite.
(Markup in every text field of every renderer: ``test_escaping.py``.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import Card, Money, PartialDate, Participant, Registry, Role, Session, Source
from eucoop._cli import main
from eucoop._display import sections
from eucoop._display.common import NAMES_SHOWN, cited_documents, in_words, registry_facts
from eucoop._model.enums import ENUMS

from .conftest import bench_module
from .strategies import partial_dates


@pytest.fixture(scope="module")
def packaged() -> Registry:
    return eucoop.load()


def _text(html: str) -> str:
    """The text of a piece of HTML, tags removed, entities read, spaces squeezed."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


# -- the full card ----------------------------------------------------------------------


def test_card_is_the_command_lines_card(
    packaged: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("iom", "un", "eu-iom-joint-initiative", "gcr", "dg-home-io"):
        assert main(["show", name]) == 0
        printed = capsys.readouterr().out
        card = packaged.card(name)
        assert str(card) == repr(card) == printed.rstrip("\n"), name


def test_card_finds_names_entities_and_documents(packaged: Registry) -> None:
    iom = packaged["iom"]
    assert packaged.card("International Organization for Migration").item is iom
    assert packaged.card(iom).item is iom
    assert packaged.card("dg-home-io").item is packaged.document("dg-home-io")
    assert packaged.card("iom") == packaged.card("IOM")
    with pytest.raises(eucoop.UnknownEntityError):
        packaged.card("no-such-thing")
    with pytest.raises(TypeError, match="name must be"):
        packaged.card(3)  # type: ignore[arg-type]


def test_card_html_has_the_command_lines_sections(packaged: Registry) -> None:
    card = packaged.card("un")
    html = card._repr_html_()
    assert html.startswith("<div class='eucoop'")
    text, shown = str(card), _text(html)
    for heading in ("Bodies", "Takes part in", "Sources"):
        assert heading in text
        assert heading in shown
    # the same bodies, in the same order, by name (with their ids in HTML)
    bodies = [b.label for b in packaged.children("un")]
    assert "; ".join(bodies) in re.sub(r"\s+", " ", text)
    for body in packaged.children("un"):
        assert f"<code>{body.id}</code>" in html
    # what it takes part in, with the kind of each
    roles = packaged.roles("iom")
    iom = packaged.card("iom")._repr_html_()
    for entity, _ in roles:
        assert f"<code>{entity.id}</code>" in iom
    assert "[programme]" in str(packaged.card("iom"))
    assert "(programme" in iom


def test_own_card_points_to_the_full_one(packaged: Registry) -> None:
    own = packaged["iom"]._repr_html_()
    assert "Takes part in" not in own
    assert "<code>reg.card(&#x27;iom&#x27;)</code>" in own
    assert "Takes part in" in packaged.card("iom")._repr_html_()
    assert "reg.card(" not in packaged.card("iom")._repr_html_()
    # a kind whose card needs no registry says nothing of the sort
    assert "reg.card(" not in packaged["gcr"]._repr_html_()


def test_one_plan_for_both_cards(packaged: Registry) -> None:
    # The text card and the HTML card show the plan's parts, in the plan's order.
    for entity in packaged:
        plan = sections.entity_plan(entity, packaged)
        text, html = str(packaged.card(entity)), _text(packaged.card(entity)._repr_html_())
        headings = [s.heading for s in plan.sections]
        headings += [sections.PARTICIPANTS] if plan.participants else []
        headings += [sections.TAKES_PART_IN] if plan.takes_part_in else []
        headings.append("Sources")
        lines = text.splitlines()
        at = [lines.index(h) for h in headings]
        assert at == sorted(at), entity.id
        found = [html.index(h) for h in headings]
        assert found == sorted(found), entity.id
        for line in plan.lines:
            assert line.label in text
            assert line.label in html


def test_card_of_an_as_of_view_reads_the_view(packaged: Registry) -> None:
    then = packaged.as_of("2016-01-01")
    assert then.card("iom").registry is then
    assert len(packaged.roles("iom")) > len(then.roles("iom"))
    assert str(then.card("iom")).count("\n") < str(packaged.card("iom")).count("\n")


def test_document_card_names_what_cites_it(packaged: Registry) -> None:
    card = packaged.card("dg-home-io")
    assert "Cited by" in str(card)
    assert "<code>iom</code>" in card._repr_html_()


# -- small values -----------------------------------------------------------------------


def _one_line(html: str) -> str:
    assert html.startswith("<div class='eucoop'"), html
    assert "<pre>" not in html
    return _text(html)


def test_small_values_show_in_words(packaged: Registry) -> None:
    programme = packaged.get("eu-iom-joint-initiative", eucoop.Programme)
    assert programme.budget is not None
    assert _one_line(programme.budget._repr_html_()) == "EUR 440,000,000 Money"
    assert _one_line(PartialDate("2012-07")._repr_html_()) == (
        "2012-07 PartialDate, known to the month"
    )
    kind = packaged.get("iom", eucoop.Organisation).kind
    assert _one_line(kind._repr_html_()) == (
        "intergovernmental organisation OrganisationKind 'intergovernmental_organisation'"
    )
    part = programme.participants[0]
    assert _one_line(part._repr_html_()).startswith(
        f"{part.role} {packaged[part.organisation].label}"
    )
    source = programme.sources[0]
    assert "Collaboration with international organisations" in _one_line(source._repr_html_())
    dialogue = next(d for d in packaged.dialogues if d.sessions)
    assert _one_line(dialogue.sessions[0]._repr_html_()).endswith("Session")
    assert packaged.release is not None
    assert f"Data version {packaged.release.data_version}" in _one_line(
        packaged.release._repr_html_()
    )


def test_every_enum_value_shows_in_words() -> None:
    for enum in ENUMS:
        for value in enum:
            shown = _one_line(value._repr_html_())  # type: ignore[attr-defined]
            assert shown == f"{in_words(value)} {type(value).__name__} {str(value)!r}"


def test_values_no_registry_knows_show_their_ids() -> None:
    part = Participant(organisation="nobody-knows", role=Role.HOST)
    assert "<code>nobody-knows</code>" in part._repr_html_()
    source = Source(document="no-such-document", paragraph=4)
    html = source._repr_html_()
    assert "<code>no-such-document</code>" in html
    assert "paragraph 4" in html


@given(partial_dates(), st.decimals(min_value=0, max_value=10**12, places=2))
def test_dates_and_money_show_as_their_text(date: PartialDate, amount: Any) -> None:
    assert _one_line(date._repr_html_()).startswith(f"{date} PartialDate")
    money = Money(amount=amount, currency="EUR")
    assert _one_line(money._repr_html_()) == f"{money} Money"
    session = Session(start=date, place="<b>Vienna</b>")
    assert "&lt;b&gt;Vienna&lt;/b&gt;" in session._repr_html_()


# -- the registry's card ----------------------------------------------------------------


@pytest.fixture(scope="module")
def big() -> Registry:
    return eucoop.load(bench_module("synth").make_dataset(20_000), include_default=False)


def test_registry_card_of_thousands_stays_short(big: Registry) -> None:
    partners = big.partners()
    assert len(big.organisations) >= 5000
    assert len(partners) > 1000
    html = big._repr_html_()
    rows = dict(re.findall(r"<th[^>]*>([^<]*)</th><td[^>]*>([^<]*)</td>", html))
    partner_rows = [v for v in rows.values() if re.match(r"\w[\w ]*: ", v) and " more" in v]
    assert partner_rows
    for row in partner_rows:
        assert len(row.split(", ")) == NAMES_SHOWN
        assert re.search(r" and [0-9,]+ more$", row)
    # the card as a whole: its facts, and tables of at most 60 rows
    assert len(html) < 200_000
    assert html.count("<tr>") <= 60 * 5 + 5
    assert len(repr(big)) < 200
    text = big.card(big.organisations[0].id)  # a card of a big registry works too
    assert isinstance(text, Card)


def test_as_of_card_counts_the_documents_its_entities_cite(packaged: Registry) -> None:
    then = packaged.as_of("2016-01-01")
    cited = {s.document for e in then for s in then.provenance(e)}
    assert len(cited) < len(then.documents)  # the view holds every document of its registry
    assert cited_documents(then).ids == tuple(d.id for d in then.documents if d.id in cited)
    facts = dict(registry_facts(then))
    assert facts["Documents"].startswith(f"{len(cited)} cited; ")
    html = then._repr_html_()
    assert f"Documents ({len(cited)})</summary>" in html
    assert f"{len(cited)} cited" in html
    whole = dict(registry_facts(packaged))
    assert whole["Documents"] == f"{len(packaged.documents)} cited"
