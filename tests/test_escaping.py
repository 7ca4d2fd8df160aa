"""No text from the data reaches a notebook as markup, nor a terminal as a control character.

Every text field of the model (found from the model's own field declarations:
every ``str`` field free of a pattern, a code list or a reference, and the
web addresses) is filled with text holding tags, ampersands and quotes, in
every kind of record that holds one. Then every object a user can display is
rendered (found from the renderers registered with :func:`eucoop._render.html`
and :func:`eucoop._render.summary`, the public classes that have a
``_repr_html_``, and the line renderers of :mod:`eucoop._display.text`), in
the registry, in as-of views of it, and in query results: each entity and
document alone and on its registry's full card (``reg.card``), each value it
holds (money, dates, participants, citations, sessions, enum values), and
every value of every enum.

- the HTML holds no tag, attribute, comment or bare ``&`` that the renderers
  do not write themselves for data without markup;
- the text (``repr``, ``str``, the command line's cards and lists) holds no
  control character but the newlines between lines of a ``repr``.
"""

from __future__ import annotations

import copy
import inspect
import itertools
import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import PartialDate, Registry, Release
from eucoop._cli import main
from eucoop._display import text as text_cards
from eucoop._display.sections import change_row
from eucoop._model import COLLECTIONS, FieldInfo, Source, fields_of
from eucoop._model.enums import ENUMS
from eucoop._render import html, summary

from .conftest import VALID
from .strategies import text, whole_files

#: Dates for as-of views of the test file: most things going on; some uncertain (kept).
DAYS = ("2021-01-01", "2019-07-15")

#: Pieces of markup a text may hold. None of them is a tag, an attribute or an entity
#: the renderers write: any of them found in their output came from the data unescaped.
MARKUP = (
    "<script>alert(1)</script>",
    "<xss onxss='1'>",
    '<xss onxss="1">',
    "</td></tr></table></div>",
    "'><xss>",
    '"><xss>',
    "<!-- xss -->",
    "<![CDATA[xss]]>",
    "&zz",
    "& ",
    "&amp;",
    "&#60;",
    "<",
    ">",
    "'",
    '"',
)
#: The same, as a web address may hold them (no spaces).
URL_MARKUP = ("<script>", "'onxss='1", '"onxss="1', "<xss>", "&zz", "&amp;", ">", "<", "'", '"')


# -- the text fields, from the model ----------------------------------------------------


def _model_classes() -> list[type]:
    """Every model class a data file can hold, from the collections down."""
    found: list[type] = []
    todo = list(COLLECTIONS.values())
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            todo += [f.nested for f in fields_of(cls) if f.nested is not None]
    return found


def _is_free_text(cls: type, f: FieldInfo) -> bool:
    """Text a data file may fill with anything but control characters."""
    m = f.meta
    if f.item is not str or m.pattern or m.codes or m.refers_to:
        return False
    return not (cls is Source and f.name == "fields")  # a citation's fields name fields


def _is_url(f: FieldInfo) -> bool:
    return f.item is str and f.meta.pattern == "url"


TEXT_FIELDS = {(c, f.name) for c in _model_classes() for f in fields_of(c) if _is_free_text(c, f)}
URL_FIELDS = {(c, f.name) for c in _model_classes() for f in fields_of(c) if _is_url(f)}


def test_the_text_fields_are_found_from_the_model() -> None:
    names = {(c.__name__, n) for c, n in TEXT_FIELDS | URL_FIELDS}
    # A few that must be there: a sign that the search of the model works.
    assert {
        ("Document", "title"),
        ("Document", "publisher"),
        ("Document", "url"),
        ("Organisation", "name"),
        ("Organisation", "website"),
        ("Participant", "note"),
        ("Session", "place"),
        ("Partnership", "summary"),
        ("Programme", "activities"),
    } <= names
    assert ("Organisation", "id") not in names
    assert ("Organisation", "country") not in names


Fill = Callable[[str], str]


def fill(data: dict[str, Any], text_for: Fill, url_for: Fill) -> set[tuple[type, str]]:
    """Set every text field of every record in *data* (in place); return the fields set.

    *text_for* and *url_for* give the text for a field path.
    """
    filled: set[tuple[type, str]] = set()

    def record(value: dict[str, Any], cls: type, path: str) -> None:
        for f in fields_of(cls):
            where = f"{path}.{f.name}"
            if (cls, f.name) in TEXT_FIELDS:
                value[f.name] = (
                    [text_for(f"{where}[{i}]") for i in range(2)] if f.many else text_for(where)
                )
            elif (cls, f.name) in URL_FIELDS:
                value[f.name] = url_for(where)
            elif f.nested is not None and f.name in value:
                items = value[f.name] if f.many else [value[f.name]]
                for i, item in enumerate(items):
                    record(item, f.nested, f"{where}[{i}]")
            else:
                continue
            filled.add((cls, f.name))

    for collection, cls in COLLECTIONS.items():
        for i, item in enumerate(data.get(collection, ())):
            record(item, cls, f"{collection}[{i}]")
    return filled


# -- what can be displayed --------------------------------------------------------------


def _values(obj: object) -> Iterator[object]:
    """The model values held in *obj*'s fields, all the way down."""
    for f in fields_of(type(obj)):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, tuple | frozenset) else (value,):
            if attrs.has(type(item)):
                yield item
                yield from _values(item)


def displayed(reg: Registry) -> list[object]:
    """Everything a user may display: the registry, as-of views, their contents, query results."""
    shown: list[object] = []
    views = (reg.as_of(DAYS[0]), reg.as_of(DAYS[1], include_uncertain=True))
    for r in (reg, *views):
        found = r.search("xss")
        timeline = r.timeline()
        shown += [r, r.documents, r.filter(), r.partners(), timeline, *timeline]
        shown += [found, found[:1], *found.hits]
        for x in (*r, *r.documents):
            shown += [x, *_values(x), r.card(x.id)]  # its own card, and its registry's
        shown += [r.roles(o) for o in r.organisations]
        shown += [r.involving(o) for o in r.organisations]
        shown += [r.provenance(e) for e in r]
    shown += [value for enum in ENUMS for value in enum]  # every value of every enum
    # Diffs: everything added (its labels), and what an as-of view trims (items with text).
    for d in (Registry(()).diff(reg, sources=True), reg.diff(views[0], sources=True)):
        shown += [d, d[:1], *d]
    # the packaged data's release, with markup where it holds text
    shown.append(
        Release(data_version="<xss-release>&", released=PartialDate("2026"), facts_until=None)
    )
    # a change, with markup where it holds text, alone and in a ledger
    change = eucoop.Change(
        op=eucoop.ChangeOp.SET,
        target="x",
        field="<xss-field>&",
        value="<xss-value>&",
        before="<xss-before>&",
        reason="<xss-reason>&",
        sources=(Source(document="<xss-doc>&"),),
        file="<xss-file>&",
        location="$.changes[0]",
    )
    shown += [change, eucoop.Changes((change,)), reg.changes()]
    return shown


def text_lines(reg: Registry) -> dict[str, list[str]]:
    """The lines of every renderer of :mod:`eucoop._display.text` that gives lines, by name."""
    t = text_cards
    orgs = list(reg.organisations)
    cited = [(f"{e.id}: ", s) for e in reg for s in e.sources]
    docs = {d.id: d for d in reg.documents}
    parts = [(e, p) for e in reg for p in e.participants]
    return {
        "card_lines": [x for i in (*reg, *reg.documents) for x in t.card_lines(reg.card(i.id))],
        "change_lines": t.change_lines([change_row(c) for c in reg.changes()]),
        "counted": t.counted(t.kind_counts(reg)),
        "document_card": [x for d in reg.documents for x in t.document_card(reg, d)],
        "document_rows": t.document_rows(reg.documents),
        "entity_card": [x for e in reg for x in t.entity_card(reg, e)],
        "entity_rows": t.entity_rows(list(reg), kind=True),
        "field": [x for e in reg for k, v in t.card_facts(reg, e) for x in t.field(k, v)],
        "hit_lines": t.hit_lines(reg.search("xss").hits),
        "participant_line": [x for e, p in parts for x in t.participant_line(p, e.label)],
        "partner_lines": t.partner_lines(orgs),
        "registry_lines": t.registry_lines(reg),
        "role_lines": [x for o in orgs for x in t.role_lines(reg.roles(o), o.id)],
        "source_lines": t.source_lines(docs, cited),
        "sources_block": t.sources_block(reg, cited),
        "timeline_lines": t.timeline_lines(reg.timeline()),
        "wrap": [x for e in reg for x in t.wrap(e.description or e.name, "> ")],
    }


# -- the checks -------------------------------------------------------------------------


class _Markup(HTMLParser):
    """The tags (with their attributes' names) and anything else that is not text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: set[tuple[str, str]] = set()
        self.other: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add((tag, ""))
        self.tags |= {(tag, name) for name, _ in attrs}

    def handle_endtag(self, tag: str) -> None:
        self.tags.add((f"/{tag}", ""))

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"declaration {data!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data!r}")


#: An ampersand that does not begin a character reference.
BARE_AMPERSAND = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")
#: What a terminal must not be sent: the control characters (C0, DEL, C1).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _html_of(obj: object) -> str:
    page = obj._repr_html_()  # type: ignore[attr-defined]
    assert isinstance(page, str)
    return page


def _changes_file(data: dict[str, Any], text: Fill = lambda x: x) -> dict[str, Any]:
    """Changes to *data*, with *text* where the user writes: values, reasons, notes."""
    cite = [{"document": "doc-changes", "paragraph": 1}]
    described = data["organisations"][1].get("description")
    correction = {} if described is None else {"was": described, "reason": text("why-set")}
    return {
        "schema_version": 2,
        "documents": [{"id": "doc-changes", "title": text("notes"), "publisher": text("me")}],
        "changes": [
            {"op": "add", "target": "org-child", "field": "aliases", "value": text("alias"),
             "note": text("note"), "sources": cite},
            {"op": "set", "target": "org-child", "field": "description",
             "value": text("description"), "sources": cite, **correction},
            {"op": "retract", "target": "prog-one", "field": "countries", "was": "TR",
             "reason": text("why-retract"), "sources": cite},
        ],
    }  # fmt: skip


def _clean_markup() -> set[tuple[str, str]]:
    """The tags and attributes the renderers write for the test file, whose text holds no markup."""
    data = copy.deepcopy(VALID)
    reg = eucoop.load(data, _changes_file(data), include_default=False)
    tags: set[tuple[str, str]] = set()
    for obj in displayed(reg):
        if hasattr(obj, "_repr_html_"):
            tags |= _Markup(_html_of(obj)).tags
    return tags


ALLOWED = _clean_markup()


def check_html(page: str, what: str = "") -> None:
    """No markup in *page* that the renderers do not write (*what* page it is, for failures)."""
    found = _Markup(page)
    where = f"{what}: {page}"
    assert found.tags <= ALLOWED, (found.tags - ALLOWED, where)
    assert not found.other, (found.other, where)
    assert BARE_AMPERSAND.search(page) is None, where
    assert "<script" not in page.lower(), where
    assert "<xss" not in page, where


def check_text(shown: str, *, lines: bool = False) -> None:
    """No control character; a ``repr`` or ``str`` may break lines, a line may not."""
    assert CONTROL.search(shown if lines else shown.replace("\n", "")) is None, repr(shown)


def check_everything(reg: Registry) -> None:
    pages: dict[str, str] = {}  # views share many cards: each page is checked once
    for obj in displayed(reg):
        if hasattr(obj, "_repr_html_"):
            pages.setdefault(_html_of(obj), type(obj).__name__)
        check_text(repr(obj))
        check_text(str(obj))
    for page, what in pages.items():
        check_html(page, what)
    for name, lines in text_lines(reg).items():
        assert lines, name
        for line in lines:
            check_text(line, lines=True)


# -- what is covered: derived from the code ---------------------------------------------


def _marked() -> tuple[Registry, set[tuple[type, str]]]:
    """The test file with a fixed piece of markup in every text field."""
    data = copy.deepcopy(VALID)
    filled = fill(
        data,
        lambda path: f"<xss-{path}> & \"{path}\" '{path}'",
        lambda path: f"https://example.org/<xss>/'{path}'&zz",
    )
    changes = _changes_file(data, lambda what: f"<xss-{what}> & \"{what}\" '{what}'")
    return eucoop.load(data, changes, include_default=False), filled


def test_every_text_field_is_filled() -> None:
    _, filled = _marked()
    assert filled >= TEXT_FIELDS | URL_FIELDS


def test_every_renderer_is_exercised() -> None:
    reg, _ = _marked()
    shown = displayed(reg)
    types = {type(x) for x in shown}
    # Every type with an HTML renderer or a summary of its own, every public class
    # with a _repr_html_ (the model values use the fallback renderer), is displayed.
    rendered = {t for t in (*html.registry, *summary.registry) if t is not object}
    public = {
        c
        for c in (getattr(eucoop, n) for n in eucoop.__all__)
        if inspect.isclass(c) and hasattr(c, "_repr_html_")
    }
    for t in rendered | public:
        assert any(issubclass(x, t) for x in types), t
    assert set(_model_classes()) <= types  # every model value, documents and entities too
    # Every line renderer of the command line's text is called.
    gives_lines = {
        n
        for n in text_cards.__all__
        if callable(fn := getattr(text_cards, n))
        and inspect.signature(fn).return_annotation == "list[str]"
    }
    assert gives_lines == set(text_lines(reg))


def test_markup_in_every_text_field_stays_text() -> None:
    reg, _ = _marked()
    check_everything(reg)
    # and the text did arrive, escaped: the test file's document card shows its title
    doc = _html_of(reg.documents[0])
    assert "&lt;xss-documents[0].title&gt; &amp; &quot;documents[0].title&quot;" in doc


def test_the_command_line_prints_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg, _ = _marked()
    path = tmp_path / "marked.json"
    path.write_text(json.dumps(reg.to_dict()), encoding="utf-8")
    base = ["--no-default", "--data", str(path)]
    commands = [["summary"], ["partners"], ["timeline"], ["search", "xss"], ["as-of", DAYS[1]]]
    commands += [["list", c] for c in COLLECTIONS if c != "documents"]
    commands += [["show", e.id] for e in reg] + [["provenance", e.id] for e in reg]
    commands += [["involving", o.id] for o in reg.organisations]
    commands += [["diff", "--sources"], ["diff", str(path), "--sources"]]
    for command in commands:
        assert main([*base, *command]) == 0, command
        out, err = capsys.readouterr()
        assert out, command
        check_text(out)
        check_text(err)


# -- the property -----------------------------------------------------------------------


def _pieces(markup: tuple[str, ...], words: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """Pieces of text to fill fields with: markup, and any other text."""
    return st.lists(st.sampled_from(markup) | words, min_size=1, max_size=12)


url_words = st.text(alphabet=st.characters(categories=["L", "N", "P", "S"]), max_size=8)


@whole_files
@given(_pieces(MARKUP, text), _pieces(URL_MARKUP, url_words))
def test_any_markup_in_any_text_field_stays_text(texts: list[str], urls: list[str]) -> None:
    # Each field takes two pieces in turn, so that over the examples every piece of
    # markup lands in every field, next to every other.
    data = copy.deepcopy(VALID)
    turn = itertools.count()

    def text_for(path: str) -> str:
        # The path, after the markup, keeps every name, acronym and alias its own.
        i = next(turn)
        return f"{texts[i % len(texts)]}{texts[(i + 1) % len(texts)]} <xss-{path}>"

    def url_for(path: str) -> str:
        i = next(turn)
        return f"https://example.org/{path}/{urls[i % len(urls)]}{urls[(i + 1) % len(urls)]}"

    fill(data, text_for, url_for)
    reg = eucoop.load(data, _changes_file(data, text_for), include_default=False)
    check_everything(reg)


def test_the_checks_catch_raw_markup() -> None:
    # The checks themselves: a page with a tag, an attribute, a comment or a bare & fails.
    good = _html_of(_marked()[0].documents[0])
    check_html(good)
    for bad in ("<xss>", "<div onxss='1'>", "<!-- x -->", "a & b", "<script>"):
        with pytest.raises(AssertionError):
            check_html(good + bad)
    with pytest.raises(AssertionError):
        check_text("a\x1b[2Jb")
    with pytest.raises(AssertionError):
        check_text("a\nb", lines=True)
