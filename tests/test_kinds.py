"""Kinds are declared once, with their classes: a fifth kind needs no other edit.

The four kinds are named only by the model and the public face; every other
room reads :data:`eucoop._model.KINDS`. A kind declared in a test, the way the
four are (:func:`eucoop._model.entity_kind`), is loaded, looked up, involved,
dated, trimmed, tabled and shown like them.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import eucoop
from eucoop import DataError, Entity, PartialDate, Registry
from eucoop._cli.parser import build_parser
from eucoop._cli.run import main
from eucoop._display import text
from eucoop._display.tables import html_columns
from eucoop._export import csv_tables
from eucoop._model import COLLECTIONS, KINDS, Kind, entity_kind, fields_of, kind_of, meta
from eucoop._queries.filters import CONDITIONS
from eucoop._queries.time import entity_span, timeline_entries

SRC = Path(eucoop.__file__).parent

#: The four kinds, by class name and collection name.
FOUR = {
    "Organisation": "organisation",
    "organisations": "organisation",
    "Agreement": "agreement",
    "agreements": "agreement",
    "Dialogue": "dialogue",
    "dialogues": "dialogue",
    "Programme": "programme",
    "programmes": "programme",
}
_WORD = re.compile(r"\b(" + "|".join(FOUR) + r")\b")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _kinds_named(scope: ast.AST, docstrings: set[int]) -> dict[str, int]:
    """The kinds a scope's own code names (not its nested scopes'), with a line of each.

    Docstrings, bare annotations and ``if TYPE_CHECKING:`` imports are for
    readers and type checkers, not code that runs: they are left out.
    """
    found: dict[str, int] = {}
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, _SCOPES) or (isinstance(node, ast.AnnAssign) and node.value is None):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        names: list[str] = []
        if isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.alias):
            names = [node.name]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [] if id(node) in docstrings else _WORD.findall(node.value)
        for name in names:
            if name in FOUR:
                found.setdefault(FOUR[name], getattr(node, "lineno", 0))
        todo.extend(ast.iter_child_nodes(node))
    return found


def test_only_the_model_and_the_public_face_list_the_kinds() -> None:
    """Outside ``_model/`` and ``__init__.py``, no scope of code names two of the four kinds.

    A function, class body or module that names two kinds (their classes or
    collections) is a list of kinds by hand, which a fifth kind would miss.
    One kind alone is a feature of that kind (an organisation's partners, an
    agreement's entry into force), not a list.
    """
    lists = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "_model" or rel == Path("__init__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, _SCOPES))]:
            named = _kinds_named(scope, docstrings)
            if len(named) > 1:
                where = getattr(scope, "name", "<module>")
                lists.append(f"{rel}: {where} names {sorted(named.items())}")
    assert lists == []


def test_the_scan_finds_a_list_of_kinds() -> None:
    """The scan above is not blind: a list by hand, in code or in a string, is found."""
    tree = ast.parse(
        "KINDS = (Organisation, Agreement)\n"
        "def f():\n    '''organisations, agreements'''\n    return 'dialogues or programmes'\n"
    )
    docstrings = _docstrings(tree)
    assert set(_kinds_named(tree, docstrings)) == {"organisation", "agreement"}
    function = tree.body[1]
    assert set(_kinds_named(function, docstrings)) == {"dialogue", "programme"}


# -- a fifth kind ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Seat:
    """A seat on a network's board: a record the four kinds have nothing like."""

    organisation: str | None = attrs.field(default=None, metadata=meta(refers_to="organisations"))
    since: PartialDate | None = None


@attrs.frozen(kw_only=True)
class Member:
    """A member of a network: a record that cannot be without its organisation."""

    organisation: str = attrs.field(metadata=meta(refers_to="organisations"))
    role: str | None = None


@pytest.fixture
def network() -> Iterator[type[Entity]]:
    """A fifth kind, declared as the four are, and undeclared after the test.

    Its founders are ids held in a tuple and its seats records with an
    optional reference and a date, shapes the four kinds do not have.
    """

    @entity_kind(
        "networks",
        start=("launched",),
        events={"seats.since": "{label} seats a member"},
        columns=("launched", "founders"),
        colour="#E69F00",
    )
    @attrs.frozen(kw_only=True, repr=False)
    class Network(Entity):
        """A network of organisations."""

        launched: PartialDate | None = None
        founders: tuple[str, ...] = attrs.field(
            default=(), metadata=meta(refers_to="organisations")
        )
        seats: tuple[Seat, ...] = ()
        members: tuple[Member, ...] = ()

    yield Network
    KINDS.remove(Network)


def _data(valid: dict[str, Any]) -> dict[str, Any]:
    valid["networks"] = [
        {
            "id": "net-one",
            "name": "Migration Research Network",
            "acronym": "MRN",
            "launched": "2015-06",
            "founders": ["org-parent", "org-child"],
            "seats": [
                {"organisation": "org-child"},
                {"organisation": "org-parent", "since": "2017"},
            ],
            "members": [
                {"organisation": "org-child", "role": "chair"},
                {"organisation": "org-parent"},
            ],
            "participants": [
                {"organisation": "org-parent", "role": "member"},
                {"organisation": "org-child", "role": "member", "since": "2017"},
            ],
            "sources": [{"document": "doc-a", "paragraph": 1, "fields": ["launched"]}],
        }
    ]
    return valid


@pytest.fixture
def reg(network: type[Entity], valid: dict[str, Any]) -> Registry:
    return eucoop.load(_data(valid), include_default=False)


def test_a_fifth_kind_loads(reg: Registry, network: type[Entity]) -> None:
    net = reg["net-one"]
    assert type(net) is network
    assert reg.networks == (net,)  # type: ignore[attr-defined]
    assert list(reg)[-1] is net
    assert len(reg) == 6
    assert net.launched == PartialDate(2015, 6)  # type: ignore[attr-defined]
    assert list(COLLECTIONS)[-1] == "networks"
    assert kind_of("net") == "networks"
    assert [e.id for e in reg.filter(kind=network)] == ["net-one"]
    assert reg.search("research", kind="network").ids == ("net-one",)
    back = eucoop.load(reg.to_dict(), include_default=False)
    assert back["net-one"] == net
    assert "<Registry: 2 organisations, 1 agreement, 1 dialogue, 1 programme, 1 network" in repr(
        reg
    )


def test_a_fifth_kind_is_checked(network: type[Entity], valid: dict[str, Any]) -> None:
    data = _data(valid)
    data["networks"][0]["participants"][0]["organisation"] = "org-parnet"
    data["networks"][0]["launched"] = "2015-13"
    data["networks"].append({"id": "net-one", "name": "Again", "sources": []})
    with pytest.raises(DataError) as info:
        eucoop.load(data, include_default=False)
    assert [(p.location, p.message) for p in info.value.problems] == [
        ("$.networks[0].launched", "invalid date: month 13 is out of range 1..12"),
        ("$.networks[1].sources", "must cite at least one source"),
        (
            "$.networks[0].participants[0].organisation",
            "unknown organisation 'org-parnet' (did you mean 'org-parent'?)",
        ),
    ]


def test_a_fifth_kind_is_looked_up_and_involved(reg: Registry) -> None:
    net = reg["net-one"]
    assert reg.lookup("MRN") is net
    assert reg.lookup("migration research network") is net
    assert net in reg.involving("org-parent")
    assert net in reg.involving("PO", role="member")
    assert [(e.id, p.role) for e, p in reg.roles("org-child") if e is net] == [
        ("net-one", "member")
    ]


def test_a_fifth_kind_is_dated(reg: Registry) -> None:
    entries = [(str(t.date), t.label, t.field) for t in reg.timeline() if t.entity == "net-one"]
    assert entries == [
        ("2015-06", "MRN launched", "launched"),
        ("2017", "Child Body becomes member of MRN", "participants[1].since"),
        ("2017", "MRN seats a member", "seats[1].since"),
    ]
    assert entity_span(reg["net-one"]) == (PartialDate(2015, 6), None)
    assert [s.document for s in reg.provenance("net-one", "launched")] == ["doc-a"]


def test_a_fifth_kind_is_in_as_of_views_only_once_launched(reg: Registry) -> None:
    assert "net-one" not in reg.as_of("2015-05-31")
    assert "net-one" not in reg.as_of("2015-06-15")  # launched in June: not certain yet
    assert "net-one" in reg.as_of("2015-06-15", include_uncertain=True)
    then = reg.as_of("2016")  # before the child body was founded, and before the second seat
    net = then["net-one"]
    assert [p.organisation for p in net.participants] == ["org-parent"]
    assert net.founders == ("org-parent",)  # type: ignore[attr-defined]
    assert net.seats == (Seat(organisation=None),)  # type: ignore[attr-defined]
    assert net.members == (Member(organisation="org-parent"),)  # type: ignore[attr-defined]
    assert reg.as_of("2020")["net-one"] == reg["net-one"]
    assert [e.id for e in reg.uncertain_on("2015-06-15")] == ["net-one"]
    assert "net-one" in {e.id for e in reg.filter(active_on="2016")}


def test_a_fifth_kind_has_tables(reg: Registry) -> None:
    (row,) = reg.to_records("networks")
    assert row["id"] == "net-one"
    assert row["launched"] == "2015-06"
    assert row["participants"] == "org-parent; org-child"
    assert {r["kind"] for r in reg.to_records("entities")} >= {"network"}
    assert [r["entity_id"] for r in reg.to_records("participants")].count("net-one") == 2
    assert "networks.csv" in csv_tables(reg)
    assert reg.to_dataframe("networks").loc["net-one", "launched"] == "2015-06"


def test_a_fifth_kind_has_cards(reg: Registry, network: type[Entity]) -> None:
    net = reg["net-one"]
    card = text.entity_card(reg, net)
    assert card[:2] == ["Migration Research Network (MRN)", "Network; id: net-one"]
    assert "  Launched        2015-06" in card
    assert "  Founders        Parent Organisation (PO); Child Body" in card
    assert card[card.index("Seats") + 1 :][:2] == [
        "  Child Body",
        "  2017; Parent Organisation (PO)",
    ]
    html = net._repr_html_()
    assert "Launched" in html
    assert "<li>2017; Parent Organisation (PO) <code>org-parent</code></li>" in html
    assert [h for h, _ in html_columns(network)] == ["id", "name", "launched", "founders"]
    assert "2015-06" in reg.networks._repr_html_()  # type: ignore[attr-defined]
    assert repr(net) == "<Network net-one: Migration Research Network (MRN)>"
    assert "1 network" in reg._repr_html_()


def test_a_fifth_kind_on_the_command_line(
    network: type[Entity], valid: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "net.json"
    path.write_text(json.dumps(_data(valid)), encoding="utf-8")
    assert main(["--no-default", "--data", str(path), "list", "net"]) == 0
    assert capsys.readouterr().out.split() == [
        "net-one",
        "Migration",
        "Research",
        "Network",
        "(MRN)",
    ]
    assert main(["--no-default", "--data", str(path), "timeline", "--from", "2015"]) == 0
    assert "MRN launched" in capsys.readouterr().out


@attrs.frozen(kw_only=True)
class Stop:
    """A stop of a tour."""

    date: PartialDate


@attrs.frozen(kw_only=True)
class Tour(Entity):
    """Something with no date of its own: it begins and ends with its stops."""

    stops: tuple[Stop, ...] = ()


def test_a_span_from_many_records() -> None:
    """A start and an end read from a collection of records: the earliest, and the latest."""
    kind = Kind(Tour, "tours", start=("stops.date",), end=("stops.date",))
    stops = (Stop(date=PartialDate(2001)), Stop(date=PartialDate(1999, 5)))
    first, last = PartialDate(1999, 5), PartialDate(2001)
    assert kind.span(Tour(id="t", name="T", stops=stops)) == (first, last)
    assert kind.span(Tour(id="t", name="T")) == (None, None)
    assert Tour not in KINDS  # made, not declared


def test_an_entity_class_that_is_not_a_kind_is_an_error() -> None:
    """Never an entity that "existed all along" because no one knew its kind."""

    @attrs.frozen(kw_only=True)
    class Stray(Entity):
        started: PartialDate | None = None

    stray = Stray(id="stray", name="Stray", started=PartialDate(2030))
    with pytest.raises(TypeError, match="'Stray' is not a kind of entity"):
        entity_span(stray)
    with pytest.raises(TypeError, match="'Stray' is not a kind of entity"):
        timeline_entries([stray])
    with pytest.raises(TypeError, match="'Stray' is not a kind of entity"):
        Registry([stray])


def test_a_kind_declares_only_what_its_class_has() -> None:
    @attrs.frozen(kw_only=True)
    class Odd(Entity):
        begun: PartialDate | None = None

    with pytest.raises(ValueError, match="Odd has no date 'name'"):
        entity_kind("odds", start=("name",))(Odd)
    with pytest.raises(ValueError, match=r"Odd has no date 'sources\.paragraph'"):
        entity_kind("odds", events={"sources.paragraph": "{label} cited"})(Odd)
    with pytest.raises(ValueError, match="Odd has no field 'ended' to show in its table"):
        entity_kind("odds", columns=("ended",))(Odd)
    with pytest.raises(ValueError, match="is a kind already"):
        entity_kind("organisations", start=("begun",))(Odd)
    with pytest.raises(TypeError, match="a kind is an attrs class derived from Entity"):
        entity_kind("seats")(Seat)  # type: ignore[type-var]
    assert Odd not in KINDS
    with pytest.raises(KeyError):
        COLLECTIONS["odds"]
    with pytest.raises(ValueError, match="unknown kind Odd; expected one of: organisations, "):
        kind_of(Odd)


# -- filter's keywords -----------------------------------------------------------------


def test_filter_keywords_are_declared_once() -> None:
    """The typing overloads, the conditions table and the command line's options agree."""
    declared = {c.name for c in CONDITIONS}
    for overload in typing.get_overloads(Registry.filter):
        params = inspect.signature(overload).parameters
        assert set(params) - {"self"} == declared
    sub = next(
        a
        for a in build_parser()._actions
        if isinstance(a, __import__("argparse")._SubParsersAction)
    )
    options = {a.dest for a in sub.choices["list"]._actions if a.option_strings}
    offered = {c.name for c in CONDITIONS if c.option}
    assert offered <= options
    assert options - offered == {"help", "data_after", "no_default", "json"}
    reg = eucoop.load()
    with pytest.raises(TypeError, match="unexpected keyword argument 'are' \\(did you mean 'area'"):
        reg.filter(are="migration")  # type: ignore[call-overload]


# -- the strategies ------------------------------------------------------------------------


def test_generated_files_use_every_field_of_the_model() -> None:
    """The strategies are derived from the model: every field of every class is drawn."""
    from .strategies import data_files

    seen: set[tuple[str, str]] = set()

    def walk(cls: type, value: dict[str, Any]) -> None:
        for f in fields_of(cls):
            if f.name in value:
                seen.add((cls.__name__, f.name))
                inner = value[f.name]
                if f.nested is not None and f.item is not PartialDate:
                    for item in inner if f.many else [inner]:
                        walk(f.nested, item)

    @settings(max_examples=50, deadline=None, database=None, derandomize=True)
    @given(data_files())
    def collect(data: dict[str, Any]) -> None:
        for collection, cls in COLLECTIONS.items():
            for item in data.get(collection, []):
                walk(cls, item)

    collect()
    classes: set[type] = set(COLLECTIONS.values())
    todo = list(classes)
    while todo:
        for f in fields_of(todo.pop()):
            if f.nested is not None and f.item is not PartialDate and f.nested not in classes:
                classes.add(f.nested)
                todo.append(f.nested)
    every = {(cls.__name__, f.name) for cls in classes for f in fields_of(cls)}
    assert every - seen == set()
