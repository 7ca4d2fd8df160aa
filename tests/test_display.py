"""How values show themselves: HTML cards and tables, short reprs, and result types that slice.

Every cell of every card and table is checked for its own ``text-align:left``
(front ends right-align cells otherwise), every text from the data for
escaping; cards name what they refer to, with ids, from the registry that
holds them. ``tests/test_kernel.py`` runs the same displays on a real kernel.
"""

from __future__ import annotations

import gc
import re
import weakref
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import (
    Document,
    Hit,
    Organisation,
    PartialDate,
    Partnership,
    PolicyArea,
    Programme,
    Provenance,
    PublisherKind,
    Registry,
    Results,
    Roles,
    SearchResults,
    Source,
    Standing,
    Timeline,
)
from eucoop._display import common, reprs, tables
from eucoop._render import REGISTRIES, summary


@pytest.fixture
def reg(valid: dict[str, Any]) -> Registry:
    valid["organisations"][0]["description"] = "<script>alert('x')</script> & more"
    return eucoop.load(valid, include_default=False)


@pytest.fixture(scope="module")
def packaged() -> Registry:
    return eucoop.load()


class _Cells(HTMLParser):
    """The styles of the td and th tags, the tables and the links of a piece of HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tables: list[str] = []
        self.links: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        got = dict(attrs)
        if tag in ("td", "th"):
            self.cells.append(got.get("style") or "")
        elif tag == "table":
            self.tables.append(got.get("style") or "")
        elif tag == "a":
            self.links.append(got.get("href") or "")


def _left_aligned(html: str) -> _Cells:
    """The cells of *html*, having checked that every one is aligned left, and tables too."""
    found = _Cells(html)
    assert found.cells
    assert all("text-align:left" in style for style in found.cells), html
    assert all("margin:0.3em auto 0.3em 0" in style for style in found.tables)
    return found


# -- entity cards ------------------------------------------------------------------------


def test_entity_card_is_escaped(reg: Registry) -> None:
    html = reg["org-parent"]._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in html
    assert "Parent Organisation (PO)" in html


def test_entity_card_contents(reg: Registry) -> None:
    html = reg["org-child"]._repr_html_()
    _left_aligned(html)
    assert "Organisation (UN body) &middot; <code>org-child</code>" in html  # humanised kind
    assert "un_body" not in html
    assert ">Also called</th>" in html  # labels from the fields' metadata
    assert "The Child; Kind Körper" in html
    assert ">Members</th><td style='" in html
    assert ">Part of</th>" in html
    assert "Parent Organisation (PO) <code>org-parent</code>" in html  # the parent, named
    assert ">EU partnership</div>" in html
    assert ">Formalised by</th>" in html
    assert "First Agreement (FA) <code>agr-one</code>" in html
    assert "A key partner." in html  # the partnership's summary
    assert ">observer</th>" in html  # a participant: the role, the name with its id, when
    assert "Parent Organisation (PO) <code>org-parent</code> <span" in html
    assert "(since 2019-07)" in html
    html = reg["prog-one"]._repr_html_()
    assert "EUR 440,000,000" in html
    assert "LY, TR (26 in all)" in html
    assert "<li>protecting migrants</li>" in html
    assert "(2016-12 to 2021)" in html
    assert ">implementer</th>" in html
    assert "Child Body <code>org-child</code>" in html
    assert "return and reintegration" in html
    html = reg["dia-one"]._repr_html_()
    assert "<li>2013-10-03 to 2013-10-04, New York</li><li>2020-01-16, forum</li>" in html
    assert ">Meets</th>" in html
    html = reg["agr-one"]._repr_html_()
    assert ">Legally binding</th><td style='" in html
    assert ">no</td>" in html


def test_entity_card_links_its_website_and_sources(reg: Registry) -> None:
    html = reg["org-child"]._repr_html_()
    found = _left_aligned(reg["org-parent"]._repr_html_())
    assert "https://example.org" in found.links  # the website
    assert "https://example.org/a" in _Cells(html).links  # the document cited
    assert ">A test document</a> <code>doc-a</code>" in html
    assert "paragraph 2 (member_count)<br>partnership: paragraph 2 (standing)" in html


def test_participant_note_in_card(valid: dict[str, Any]) -> None:
    valid["programmes"][0]["participants"][1]["note"] = "a <b>note</b>"
    reg = eucoop.load(valid, include_default=False)
    assert "(a &lt;b&gt;note&lt;/b&gt;)</span>" in reg["prog-one"]._repr_html_()


def test_partnership_without_standing(valid: dict[str, Any]) -> None:
    valid["organisations"][1]["partnership"] = {"areas": ["drugs"]}
    reg = eucoop.load(valid, include_default=False)
    html = reg["org-child"]._repr_html_()
    assert ">EU partnership</div>" in html
    assert ">Areas</th><td style='" in html
    assert ">drugs</td>" in html
    assert ">Standing</th><td style='" in html
    assert ">unranked</td>" in html


def test_card_of_an_entity_no_registry_holds_shows_ids() -> None:
    org = Organisation(
        id="lone",
        name="Lone <Body>",
        parent="elsewhere",
        website="javascript:alert(1)",
        sources=(Source(document="notes", paragraph=2),),
    )
    html = org._repr_html_()
    _left_aligned(html)
    assert "Lone &lt;Body&gt;" in html
    assert ">Part of</th><td style='" in html
    assert "'><code>elsewhere</code></td>" in html  # the id alone: no registry names it
    assert "<a " not in html  # not a web address, so no link
    assert "javascript:alert(1)" in html
    assert "<li><code>notes</code><br>paragraph 2</li>" in html


def test_card_names_come_from_the_registry_holding_the_entity(reg: Registry) -> None:
    then = reg.as_of("2015")  # a session to come is trimmed: a new object, held only here
    assert then["dia-one"] is not reg["dia-one"]
    assert "Parent Organisation (PO) <code>org-parent</code>" in then["dia-one"]._repr_html_()
    lookalike = attrs.evolve(reg["org-child"])  # equal, but in no registry
    assert lookalike == reg["org-child"]
    assert "Parent Organisation (PO)" not in lookalike._repr_html_()


def test_registries_are_held_weakly(valid: dict[str, Any]) -> None:
    reg = eucoop.load(valid, include_default=False)
    assert reg in REGISTRIES
    held = weakref.ref(reg)
    del reg
    gc.collect()
    assert held() is None


# -- other values -----------------------------------------------------------------------


def test_document_card(reg: Registry, packaged: Registry) -> None:
    html = reg.document("doc-a")._repr_html_()
    found = _left_aligned(html)
    assert found.links == ["https://example.org/a", "https://example.org/a"]  # title and URL
    assert "Document &middot; <code>doc-a</code>" in html
    assert ">Publisher</th><td style='" in html
    assert ">URL</th>" in html
    citing = "Child Body <code>org-child</code>; Parent Organisation (PO) <code>org-parent</code>"
    assert citing in html
    page = packaged.document("dg-home-io")._repr_html_()
    assert "<details><summary>44 entities</summary><ul" in page  # many: folded away
    lone = Document(id="x", title="Untitled", publisher="Me")._repr_html_()
    assert "Cited by" not in lone
    assert "<a " not in lone


def test_partnership_card(reg: Registry) -> None:
    p = reg.get("org-child", Organisation).partnership
    assert p is not None
    html = p._repr_html_()
    _left_aligned(html)
    assert "EU partnership with Child Body" in html
    assert "First Agreement (FA) <code>agr-one</code>" in html
    assert "<p style='text-align:left;margin:0.4em 0'>A key partner.</p>" in html
    assert "partnership: " not in html
    assert ">A test document</a>" in html
    lone = Partnership(formalised_by=("agr-x",))._repr_html_()
    assert "<div style='font-size:1.15em;font-weight:bold'>EU partnership</div>" in lone
    assert "<code>agr-x</code>" in lone


def test_registry_card(reg: Registry) -> None:
    html = reg._repr_html_()
    _left_aligned(html)
    assert ">eucoop registry</div>" in html
    assert ">5: 2 organisations, 1 agreement, 1 dialogue, 1 programme</td>" in html
    assert ">key: Child Body</td>" in html
    assert ">Timeline</th>" in html
    for summary_ in ("Organisations (2)", "Agreements (1)", "Documents (1)"):
        assert f"<summary style='cursor:pointer'>{summary_}</summary>" in html
    assert ">Parent Organisation (PO)</td>" in html  # the table of organisations
    then = reg.as_of("2019")
    assert ">eucoop registry as of 2019-01-01</div>" in then._repr_html_()
    assert "Programmes (" not in reg.as_of("2016")._repr_html_()  # none yet: no table


def test_registry_date(reg: Registry) -> None:
    assert reg.date is None
    then = reg.as_of("2019-07")
    assert then.date == PartialDate(2019, 7, 1)
    assert then.as_of("2020").date == PartialDate(2020, 1, 1)
    assert repr(then).startswith("<Registry as of 2019-07-01: 1 organisation, 1 agreement, ")
    assert repr(reg) == (
        "<Registry: 2 organisations, 1 agreement, 1 dialogue, 1 programme, 1 document>"
    )


# -- tables of results -----------------------------------------------------------------


def _rows(html: str) -> int:
    return html.count("<tr>")


def test_tables_of_each_kind(packaged: Registry) -> None:
    html = packaged.partners(area="migration")._repr_html_()
    _left_aligned(html)
    assert re.findall(r">([^<>]+)</th>", html) == [
        "id",
        "name",
        "kind",
        "EU partnership",
        "areas",
    ]
    assert ">key</td>" in html
    assert ">close</td>" in html
    assert "5 organisations</div>" in html
    assert ">principal</td>" in packaged.partners()._repr_html_()  # UNODC: no "since" (issue 13)
    assert ">adopted</th>" in packaged.agreements._repr_html_()
    assert ">compact</td>" in packaged.agreements._repr_html_()
    dialogues = packaged.dialogues._repr_html_()
    assert ">meets</th>" in dialogues
    assert ">2: 2020-01-16 to 2020-01-17</td>" in dialogues
    assert ">budget</th>" in packaged.programmes._repr_html_()
    mixed = packaged.involving("iom")._repr_html_()
    assert re.findall(r">([^<>]+)</th>", mixed) == ["id", "kind", "name"]
    assert "1 organisation, 1 agreement, 2 programmes</div>" in mixed


def test_table_leaves_out_empty_columns(reg: Registry) -> None:
    html = reg.filter(kind="programme", country="LY")._repr_html_()
    assert ">launched</th>" in html
    none_ended = Programme(id="p", name="P", launched=PartialDate(2020))
    html = Results([none_ended])._repr_html_()
    assert ">launched</th>" in html
    assert ">ended</th>" not in html
    assert ">budget</th>" not in html
    one = Organisation(id="o", name="O", partnership=Partnership())
    assert ">unranked</td>" in Results([one])._repr_html_()


def test_tables_of_documents_and_nothing(reg: Registry, packaged: Registry) -> None:
    html = reg.documents._repr_html_()
    found = _left_aligned(html)
    assert found.links == ["https://example.org/a"]
    assert "1 document</div>" in html
    many = packaged.documents._repr_html_()
    assert _rows(many) == tables.MAX_ROWS + 1  # the heading, then the first rows
    assert "103 documents; the first 60 shown (slice it to see others)" in many
    assert "no entities</div>" in Results([])._repr_html_()


def test_search_hit_and_timeline_tables(reg: Registry) -> None:
    hits = reg.search("joint")._repr_html_()
    _left_aligned(hits)
    assert ">matched in</th>" in hits
    assert ">name</td>" in hits
    assert "1 found: 1 programme</div>" in hits
    assert "0 found</div>" in reg.search("zzz")._repr_html_()
    hit = reg.search("joint").hits[0]._repr_html_()
    assert _rows(hit) == 2
    assert ">prog-one</td>" in hit
    timeline = reg.timeline("2016", "2016")._repr_html_()
    _left_aligned(timeline)
    assert ">2016-12</td>" in timeline
    assert ">Joint Programme launched</td>" in timeline
    entry = reg.timeline("2016", "2016")[0]._repr_html_()
    assert _rows(entry) == 2
    assert ">launched</td>" in entry


def test_roles_and_provenance_tables(reg: Registry) -> None:
    roles = reg.roles("org-parent", include_bodies=False)._repr_html_()
    _left_aligned(roles)
    assert re.findall(r">([^<>]+)</th>", roles) == [
        "role",
        "kind",
        "id",
        "name",
        "when, and a note",
    ]
    assert ">funder</td>" in roles
    assert ">2016-12 to 2021</td>" in roles
    assert "3 roles in 3 entities</div>" in roles
    sources = reg.provenance("prog-one")._repr_html_()
    found = _left_aligned(sources)
    assert found.links == ["https://example.org/a", "https://example.org/a"]
    assert ">A test document</a> <code>doc-a</code>" in sources
    assert ">5</td>" in sources
    assert ">budget, country_count</td>" in sources
    assert ">the entity as a whole</td>" in sources
    assert "2 citations of 1 document</div>" in sources
    unknown = Provenance([Source(document="gone")], {})._repr_html_()
    assert "><code>gone</code></td>" in unknown
    assert ">whole document</td>" in unknown


# -- short reprs ------------------------------------------------------------------------


def test_search_repr_is_short(packaged: Registry) -> None:
    found = packaged.search("migration")
    text = repr(found)
    assert len(text) < 1200  # the tuple of entities would be tens of thousands
    # every field of every entity, as attrs would show them
    assert sum(len(repr(attrs.asdict(e, recurse=False))) for e in found) > 20 * len(text)
    lines = text.splitlines()
    assert lines[0].startswith(f"SearchResults: {len(found)} found (")
    assert lines[0].endswith(", best first")
    assert len(lines) <= reprs.MAX_LINES + 2
    assert re.fullmatch(r"\.\.\. and \d+ more", lines[-1])
    assert found[0].id in text
    assert repr(packaged.search("zzzz")) == "SearchResults: nothing found"


def test_results_reprs(reg: Registry, packaged: Registry) -> None:
    assert repr(reg.filter(kind="organisation")) == (
        "Results: 2 organisations\norg-child   Child Body\norg-parent  Parent Organisation (PO)"
    )
    mixed = repr(reg.involving("org-parent", include_bodies=False)).splitlines()
    assert mixed[0] == "Involvement: 1 organisation, 1 dialogue, 1 programme"
    assert mixed[1] == "organisation org-child  Child Body"
    assert repr(Results([])) == "Results: none"
    every = repr(packaged.filter())
    assert every.startswith("Results: 24 organisations, 9 agreements, 7 dialogues, 7 programmes")
    assert len(every.splitlines()) <= reprs.MAX_LINES + 2
    assert every.endswith("more")
    docs = repr(reg.documents)
    assert docs == "Results: 1 document\ndoc-a  A test document"


def test_other_reprs(reg: Registry) -> None:
    roles = repr(reg.roles("org-parent", include_bodies=False))
    assert roles.splitlines() == [
        "Roles: 3 roles in 1 organisation, 1 dialogue, 1 programme",
        "observer     organisation Child Body (since 2019-07)",
        "host         dialogue     Annual Dialogue",
        "funder       programme    Joint Programme (2016-12 to 2021)",
    ]
    assert repr(reg.roles("org-child")[:0]) == "Roles: none"
    timeline = repr(reg.timeline("2016", "2018"))
    assert timeline.splitlines()[:2] == [
        "Timeline: 3 dated facts, 2016-12 to 2018-12-17",
        "2016-12     Joint Programme launched",
    ]
    assert repr(reg.timeline("1000", "1000")) == "Timeline: no dated facts"
    sources = repr(reg.provenance("prog-one", "budget"))
    assert sources.splitlines()[:3] == [
        "Provenance: 1 citation of 1 document",
        "  doc-a           A test document",
        "                  Tests",
    ]
    assert "paragraph 5 (budget, country_count)" in sources
    assert repr(reg.provenance("prog-one")[:0]) == "Provenance: no citations"
    hit = reg.search("joint").hits[0]
    assert repr(hit) == f"<Hit prog-one {hit.score:g}: matched {', '.join(hit.fields)}>"


def test_provenance_repr_says_how_many_documents_it_leaves_out(packaged: Registry) -> None:
    text = repr(packaged.provenance("iom"))
    assert text.startswith("Provenance: 11 citations of 4 documents\n")
    assert text.endswith("... and 3 more documents")


def test_listing_shows_one_item_at_least() -> None:
    long = [[f"line {i}" for i in range(30)]]
    text = reprs.listing("Head", [long, long], lambda xs: [s for x in xs for s in x[0]], "book")
    assert text.splitlines()[-1] == "... and 1 more book"
    assert len(text.splitlines()) == 32


def test_summary_of_a_type_without_its_own() -> None:
    class Pair(tuple[int, ...]):
        pass

    assert summary(Pair((1, 2))) == "Pair(1, 2)"
    assert summary(3) == "int()"


# -- result types ----------------------------------------------------------------------


def test_slices_keep_their_type(reg: Registry, packaged: Registry) -> None:
    partners = packaged.partners()[:3]
    assert type(partners) is Results
    assert partners.ids == ("unodc", "iom", "oecd")
    assert type(packaged.organisations[::2]) is Results
    assert packaged.organisations[-1].id == "unodc"
    found = packaged.search("libya")
    first = found[:2]
    assert type(first) is SearchResults
    assert first.ids == found.ids[:2]
    assert first.hits == found.hits[:2]
    assert found[1:][0] is found[1]
    assert type(packaged.timeline()[:3]) is Timeline
    roles = packaged.roles("iom")
    assert type(roles[1:]) is Roles
    assert roles[1:].ids == roles.ids[1:]
    sources = packaged.provenance("iom")
    assert type(sources[:1]) is Provenance
    assert sources[:1].documents[0].id == "dg-home-io"
    assert sources[-1:].documents.ids == (sources[-1].document,)


@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30))
def test_results_add_up_to_a_result_of_their_type(a: int, b: int, c: int) -> None:
    packaged = eucoop.load()
    found = packaged.search("migration")
    timeline = packaged.timeline()
    sources = packaged.provenance("iom") + packaged.provenance("un")
    pairs: list[tuple[Any, Any, Any]] = [
        (packaged.organisations[a:b], packaged.programmes[:c], Results),
        (found[a:b], found[b:c], SearchResults),
        (found[:a], packaged.organisations[:b], Results),
        (packaged.organisations[:a], found[:b], Results),
        (timeline[b:c], timeline[a:b], Timeline),
        (packaged.roles("iom")[:a], packaged.roles("un")[:b], Roles),
        (sources[a:b], sources[:c], Provenance),
    ]
    for first, second, kind in pairs:
        both: Any = first + second
        assert type(both) is kind
        assert len(both) == len(first) + len(second)
        assert sorted(map(id, both)) == sorted(map(id, (*first, *second)))
        assert isinstance(both._repr_html_(), str)
        assert repr(both)
    joined: Any = found[a:b] + found[b:c]
    assert joined.hits == found[a:b].hits + found[b:c].hits
    ordered = timeline[b:c] + timeline[a:b]
    assert list(ordered) == sorted(ordered)
    cited = sources[a:b] + sources[:c]
    assert {d.id for d in cited.documents} == {s.document for s in cited}


def test_unrelated_results_do_not_add_up(packaged: Registry) -> None:
    with pytest.raises(TypeError, match="cannot add Roles to Timeline: they hold different"):
        packaged.timeline() + packaged.roles("iom")
    with pytest.raises(TypeError, match="cannot add documents and entities"):
        packaged.partners() + packaged.documents
    two = packaged.search("libya") + packaged.search("refugee")  # two searches: no hits
    assert type(two) is Results
    assert two.ids == packaged.search("libya").ids + packaged.search("refugee").ids
    plain = packaged.partners()[:1] + ("x",)  # noqa: RUF005 - the + under test
    assert type(plain) is tuple
    assert plain == (packaged["unodc"], "x")
    assert type(("x",) + packaged.partners()[:1]) is tuple  # noqa: RUF005 - the + under test
    assert type(packaged.partners()[:0] + packaged.documents[:1]) is Results


def test_result_types_are_immutable_tuples(reg: Registry) -> None:
    results: list[Any] = [
        reg.organisations,
        reg.documents,
        reg.search("joint"),
        reg.timeline(),
        reg.roles("org-parent"),
        reg.provenance("prog-one"),
    ]
    assert all(isinstance(result, tuple) for result in results)
    for result in results:
        with pytest.raises(AttributeError, match="is immutable"):
            result.ids = ()
        with pytest.raises(AttributeError, match="is immutable"):
            del result.anything
    assert reg.organisations == tuple(reg.organisations)
    assert isinstance(reg.organisations, Results)
    assert isinstance(reg.documents, Results)


def test_search_hits_are_made_once(reg: Registry) -> None:
    found = reg.search("joint")
    assert found.hits is found.hits
    assert isinstance(found.hits[0], Hit)


def test_provenance_documents(reg: Registry) -> None:
    sources = reg.provenance("prog-one")
    assert sources.documents.ids == ("doc-a",)
    assert sources.document("doc-a") is reg.document("doc-a")
    assert sources.document("nope") is None


def test_words_writes_acronyms() -> None:
    assert common.in_words("eu_institution") == "EU institution"
    assert common.in_words("rule_of_law") == "rule of law"
    assert common.in_words("unknown") == "unknown"


def test_entities_documents_and_partnerships_have_one_line_reprs(packaged: Registry) -> None:
    iom = packaged.get("iom", Organisation)
    assert repr(iom) == "<Organisation iom: International Organization for Migration (IOM)>"
    assert repr(Programme(id="p", name="P")) == "<Programme p: P>"
    for e in packaged:
        assert repr(e) == f"<{type(e).__name__} {e.id}: {e.label}>"
    lone = Document(id="x", title="Untitled", publisher="Me")
    assert repr(lone) == "<Document x: Untitled>"
    official = Document(
        id="d", title="T" * 70, publisher="Me", publisher_kind=PublisherKind.OFFICIAL
    )
    assert repr(official) == f"<Document d: {'T' * (reprs.TITLE_WIDTH - 3)}... [official]>"
    for d in packaged.documents:
        assert len(repr(d)) <= len(d.id) + reprs.TITLE_WIDTH + 30
    assert repr(iom.partnership) == (
        "<Partnership key: migration, development, humanitarian_response and 1 more;"
        " formalised by eu-iom-strategic-partnership>"
    )
    asylum = frozenset({PolicyArea.ASYLUM})
    dated = Partnership(standing=Standing.CLOSE, since=PartialDate(2016), areas=asylum)
    assert repr(dated) == "<Partnership close since 2016: asylum>"
    assert repr(Partnership(areas=asylum)) == "<Partnership: asylum>"
    assert repr(Partnership(formalised_by=("a", "b"))) == "<Partnership formalised by a, b>"
    assert repr(Partnership()) == "<Partnership>"
    # a tuple of them (what a plain tuple of a result shows) stays short too
    assert len(tuple.__repr__(packaged.organisations)) < 100 * len(packaged.organisations)
