"""Issue 17, section 4: every wrong argument of the public API gets a plain answer.

A wrong type is a ``TypeError`` that names the argument and says what it takes
(``name must be a name, an id or an Entity, not None``), never an
``AttributeError`` or an error from deep inside; a number out of range is a
``ValueError``; an empty path is a problem of ``load``, never the current folder.
"""

# Every call here passes what the API's types refuse: that is the point.
# mypy: disable-error-code="arg-type, call-overload, type-var, list-item, misc"

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eucoop
from eucoop import (
    AmbiguousLookupError,
    DataError,
    Money,
    Organisation,
    PartialDate,
    Participant,
    Registry,
    Role,
    Source,
    UnknownEntityError,
)
from eucoop._cli import main

REG = eucoop.load()
Call = Callable[[Any], object]

#: Of the wrong type wherever a string (or a value read from one) is taken.
NOT_TEXT: tuple[object, ...] = (b"iom", 42, 4.2, ["iom"], {"iom": 1}, object(), 1j)
#: ... and where None, a class or a bool will not do either.
REQUIRED = (*NOT_TEXT, None, str, True)
#: ... where None will do.
OPTIONAL = (*NOT_TEXT, str, True)
#: ... a kind (a class, or its name): a class of another sort is a ValueError (unknown kind).
KIND = (*NOT_TEXT, True)
#: ... True or False.
FLAG = (*NOT_TEXT, None, str, 0, 1, "yes")
#: ... a whole number or None.
NUMBER = (b"3", 4.0, "3", ["iom"], {"iom": 1}, object(), 1j, True, str)
#: ... a year, or the ISO form of a date.
YEAR = (b"2019", 2019.0, ["iom"], {"iom": 1}, object(), 1j, True, str, None)
#: ... an amount: a decimal string or an integer.
AMOUNT = (b"1", 1.5, ["1"], {"iom": 1}, object(), 1j, True, str, None)
#: ... an iterable.
NOT_ITERABLE = (None, 42, 4.2, True, object(), 1j, str)
#: ... a path or a mapping.
NOT_A_PATH = (None, 42, 4.2, True, object(), 1j, b"mine.json", ["mine.json"], str)


def _plot(start: object = None, end: object = None) -> object:
    pytest.importorskip("matplotlib")
    return REG.plot_timeline(start, end)


def _sources(field: object) -> object:
    return Source(document="dg-home-io", fields=("budget",)).supports(field)


def _participant(day: object) -> object:
    return Participant(organisation="eu", role=Role.PARTY).active_on(day)


def _hits(hits: object) -> object:
    pytest.importorskip("pandas")
    return REG.search("migration").to_dataframe(hits=hits)


#: (what is called, the argument's name as the message gives it, the call, values of wrong types)
CASES: list[tuple[str, str, Call, tuple[object, ...]]] = [
    ("get", "ident", REG.get, REQUIRED),
    ("get(kind=)", "kind", lambda v: REG.get("iom", v), KIND),
    ("reg[...]", "ident", lambda v: REG[v], REQUIRED),
    ("document", "ident", REG.document, REQUIRED),
    ("lookup", "name", REG.lookup, REQUIRED),
    ("card", "name", REG.card, REQUIRED),
    ("lookup(kind=)", "kind", lambda v: REG.lookup("iom", v), KIND),
    ("involving", "organisation", REG.involving, REQUIRED),
    ("involving(role=)", "role", lambda v: REG.involving("iom", role=v), OPTIONAL),
    ("roles", "organisation", REG.roles, REQUIRED),
    ("children", "organisation", REG.children, REQUIRED),
    ("ancestors", "organisation", REG.ancestors, REQUIRED),
    ("partners(area=)", "area", lambda v: REG.partners(area=v), OPTIONAL),
    ("partners(standing=)", "standing", lambda v: REG.partners(standing=v), OPTIONAL),
    ("filter(kind=)", "kind", lambda v: REG.filter(kind=v), KIND),
    ("filter(area=)", "area", lambda v: REG.filter(area=v), OPTIONAL),
    ("filter(country=)", "country", lambda v: REG.filter(country=v), OPTIONAL),
    ("filter(region=)", "region", lambda v: REG.filter(region=v), OPTIONAL),
    ("filter(participant=)", "participant", lambda v: REG.filter(participant=v), OPTIONAL),
    ("filter(role=)", "role", lambda v: REG.filter(role=v), OPTIONAL),
    ("filter(active_on=)", "active_on", lambda v: REG.filter(active_on=v), OPTIONAL),
    ("filter(policy_area=)", "policy_area", lambda v: REG.filter(policy_area=v), OPTIONAL),
    ("search", "text", REG.search, REQUIRED),
    ("search(kind=)", "kind", lambda v: REG.search("migration", kind=v), KIND),
    ("search(limit=)", "limit", lambda v: REG.search("migration", limit=v), NUMBER),
    ("timeline(start)", "start", REG.timeline, OPTIONAL),
    ("timeline(end)", "end", lambda v: REG.timeline(None, v), OPTIONAL),
    ("as_of", "date", REG.as_of, REQUIRED),
    (
        "as_of(include_uncertain=)",
        "include_uncertain",
        lambda v: REG.as_of("2019", include_uncertain=v),
        FLAG,
    ),
    ("in_force", "date", REG.in_force, REQUIRED),
    (
        "in_force(include_uncertain=)",
        "include_uncertain",
        lambda v: REG.in_force("2019", include_uncertain=v),
        FLAG,
    ),
    ("uncertain_on", "date", REG.uncertain_on, REQUIRED),
    ("unknown_on", "date", REG.unknown_on, REQUIRED),
    ("existed", "ident", lambda v: REG.existed(v, "2019"), REQUIRED),
    ("existed(on)", "on", lambda v: REG.existed("iom", v), REQUIRED),
    (
        "as_of(include_unknown=)",
        "include_unknown",
        lambda v: REG.as_of("2019", include_unknown=v),
        FLAG,
    ),
    ("provenance", "ident", REG.provenance, REQUIRED),
    ("diff", "other", REG.diff, (*REQUIRED, "mine.json", ())),
    ("diff(sources=)", "sources", lambda v: REG.diff(REG, sources=v), FLAG),
    ("provenance(field=)", "field", lambda v: REG.provenance("iom", v), OPTIONAL),
    ("changes", "ident", REG.changes, OPTIONAL),
    ("origin", "ident", REG.origin, REQUIRED),
    ("changes(field=)", "field", lambda v: REG.changes("iom", v), OPTIONAL),
    ("changes(op=)", "op", lambda v: REG.changes(op=v), OPTIONAL),
    ("to_records", "kind", REG.to_records, (*NOT_TEXT, None, True)),
    ("to_dataframe", "kind", REG.to_dataframe, (*NOT_TEXT, None, True)),
    ("plot_timeline(start)", "start", _plot, OPTIONAL),
    ("plot_timeline(end)", "end", lambda v: _plot(None, v), OPTIONAL),
    ("Provenance.document", "ident", lambda v: REG.provenance("iom").document(v), REQUIRED),
    ("SearchResults.to_dataframe(hits=)", "hits", _hits, FLAG),
    ("load", "load() argument 1", eucoop.load, NOT_A_PATH),
    ("load(include_default=)", "include_default", lambda v: eucoop.load(include_default=v), FLAG),
    ("Registry(entities)", "entities", Registry, NOT_ITERABLE),
    ("Registry(documents)", "documents", lambda v: Registry((), v), NOT_ITERABLE),
    ("PartialDate(year)", "year", PartialDate, YEAR),
    ("PartialDate(month)", "month", lambda v: PartialDate(2019, v), NUMBER),
    ("PartialDate(day)", "day", lambda v: PartialDate(2019, 7, v), NUMBER),
    ("PartialDate.parse", "text", PartialDate.parse, REQUIRED),
    ("PartialDate.coerce", "value", PartialDate.coerce, REQUIRED),
    ("PartialDate.contains", "other", lambda v: PartialDate(2019).contains(v), REQUIRED),
    ("Money.parse(amount)", "amount", lambda v: Money.parse(v, "EUR"), AMOUNT),
    ("Money.parse(currency)", "Money.currency", lambda v: Money.parse("1", v), REQUIRED),
    ("Money(amount)", "Money.amount", lambda v: Money(v, "EUR"), REQUIRED),
    ("Source(document=)", "Source.document", lambda v: Source(document=v), REQUIRED),
    ("Source.supports", "field", _sources, REQUIRED),
    (
        "Participant(role=)",
        "Participant.role",
        lambda v: Participant(organisation="eu", role=v),
        REQUIRED,
    ),
    ("Participant.active_on", "date", _participant, REQUIRED),
]


def _wrong_calls() -> list[Any]:
    out = []
    for label, argument, call, wrong in CASES:
        for value in wrong:
            out.append(pytest.param(argument, call, value, id=f"{label}-{value!r:.12}"))
    return out


@pytest.mark.parametrize(("argument", "call", "value"), _wrong_calls())
def test_a_wrong_type_is_a_type_error_naming_the_argument(
    argument: str, call: Call, value: object
) -> None:
    with pytest.raises(TypeError) as info:
        call(value)
    message = str(info.value)
    assert type(info.value) is TypeError, message
    assert message.startswith(f"{argument} must be "), message
    assert ", not " in message, message


def test_every_public_callable_with_arguments_is_covered() -> None:
    """A new public method with arguments needs a line in CASES (or a reason below)."""
    covered = {label.split("(")[0].split("[")[0] for label, *_ in CASES}
    no_arguments = {"to_dict", "to_networkx", "plot_network"}
    for name in dir(Registry):
        if not name.startswith("_") and callable(getattr(Registry, name)):
            assert name in covered | no_arguments, name


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: REG.lookup(None), "name must be a name, an id or an Entity, not None"),
        (lambda: REG.lookup(b"iom"), "name must be a name, an id or an Entity, not bytes"),
        (lambda: REG.search(None), "text must be a string, not None"),
        (lambda: REG.involving(None), "organisation must be a name, an id or an Entity, not None"),
        (lambda: REG.children(42), "organisation must be a name, an id or an Entity, not an int"),
        (lambda: REG.filter(region=["Sahel"]), "region must be a string, not a list"),
        (lambda: REG.provenance(None), "ident must be a name, an id or an Entity, not None"),
        (lambda: REG.get("iom", 5), "kind must be an entity class or a kind's name, not an int"),
        (lambda: REG.lookup(str), "name must be a name, an id or an Entity, not the class str"),
        (lambda: REG.as_of("2019", include_uncertain="no"), "include_uncertain must be True or"),
        (lambda: REG.search("x", limit=2.0), "limit must be a whole number or None, not a float"),
    ],
)
def test_the_cases_of_the_issue(call: Callable[[], object], message: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value).startswith(message)


# -- numbers out of range ------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0, -1, -100])
def test_a_limit_below_one_is_a_value_error(limit: int) -> None:
    with pytest.raises(ValueError, match=f"limit must be at least 1, not {limit}"):
        REG.search("migration", limit=limit)


def test_a_limit_keeps_that_many_results() -> None:
    everything = REG.search("migration")
    assert len(everything) > 2
    assert REG.search("migration", limit=2) == everything[:2]
    assert REG.search("migration", limit=10**30) == everything
    assert REG.search("migration", limit=None) == everything


def test_a_limit_may_be_any_integer_type() -> None:
    numpy = pytest.importorskip("numpy")
    assert len(REG.search("migration", limit=numpy.int64(2))) == 2
    with pytest.raises(TypeError, match="limit must be a whole number or None, not a float64"):
        REG.search("migration", limit=numpy.float64(2))


# -- kinds: a class, or a kind's name, wherever a kind is taken ------------------------------


@pytest.mark.parametrize(
    "kind", [Organisation, "organisation", "organisations", "org", eucoop.Entity]
)
def test_get_and_lookup_take_a_kind_as_filter_and_search_do(kind: Any) -> None:
    assert REG.get("iom", kind).id == "iom"
    assert REG.lookup("IOM", kind).id == "iom"


@pytest.mark.parametrize("kind", [int, eucoop.Registry, eucoop.Document, "widget"])
def test_a_kind_that_is_none_of_the_four_is_a_value_error(kind: Any) -> None:
    for call in (REG.get, REG.lookup):
        with pytest.raises(ValueError, match="unknown kind"):
            call("iom", kind)
    with pytest.raises(ValueError, match="unknown kind"):
        REG.filter(kind=kind)
    with pytest.raises(ValueError, match="unknown kind"):
        REG.search("migration", kind=kind)


def test_an_unknown_class_is_named_plainly() -> None:
    with pytest.raises(ValueError, match=r"^unknown kind Registry; expected one of"):
        REG.filter(kind=eucoop.Registry)
    with pytest.raises(ValueError, match=r"^unknown kind or table Registry; expected one of"):
        REG.to_records(eucoop.Registry)


def test_an_entity_of_another_kind_is_still_an_unknown_entity() -> None:
    with pytest.raises(UnknownEntityError, match="'gcr' is an agreement, not an organisation"):
        REG.get("gcr", "organisation")


# -- membership ---------------------------------------------------------------------------


def test_membership_answers_for_anything() -> None:
    iom = REG["iom"]
    assert "iom" in REG
    assert iom in REG  # an entity is in a registry holding its id
    assert iom not in REG.as_of("1950")
    for other in (None, 42, b"iom", ["iom"], {"iom": 1}):
        assert other not in REG


# -- the registry's constructor -----------------------------------------------------------


def test_a_registry_holds_entities_of_the_four_kinds_only() -> None:
    with pytest.raises(TypeError, match=r"^every entity must be an Organisation, an Agreement"):
        Registry([REG["iom"], REG.documents[0]])
    with pytest.raises(TypeError, match=r"^every document must be a Document, not an Organisation"):
        Registry([], [REG["iom"]])


def test_a_registry_built_from_iterators_is_the_registry() -> None:
    rebuilt = Registry(iter(REG), iter(REG.documents))
    assert list(rebuilt) == list(REG)
    assert rebuilt.documents == REG.documents


# -- load: empty paths -------------------------------------------------------------------


@pytest.fixture
def folder_with_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[..., Path], valid: Any
) -> Path:
    """The current folder, holding a valid data file that an empty path must not read."""
    write(valid)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("", "it is empty (an unset variable?)"),
        (" ", "it is white space only"),
        ("\t\n", "it is white space only"),
    ],
)
def test_an_empty_path_is_a_problem_not_the_current_folder(
    folder_with_data: Path, path: str, why: str
) -> None:
    with pytest.raises(DataError) as info:
        eucoop.load(path, include_default=False)
    (problem,) = info.value.problems
    assert (problem.file, problem.location) == ("<data #1>", "$")
    assert problem.message == f"not a usable path: {why}; write '.' for the current folder"


def test_an_empty_path_among_others_is_one_problem_among_theirs(
    folder_with_data: Path,
) -> None:
    with pytest.raises(DataError) as info:
        eucoop.load("mine.json", "", "missing.json", include_default=False)
    files = [p.file for p in info.value.problems]
    assert files == ["<data #2>", "missing.json"]


def test_an_empty_path_like_is_refused_too(folder_with_data: Path) -> None:
    class Empty(os.PathLike[str]):
        def __fspath__(self) -> str:
            return ""

    with pytest.raises(DataError, match="not a usable path: it is empty"):
        eucoop.load(Empty(), include_default=False)


def test_the_current_folder_is_read_when_asked_for(folder_with_data: Path) -> None:
    # Path("") is Path("."): pathlib cannot tell them apart, so both read the folder.
    for path in (".", Path("."), Path("")):
        assert "org-parent" in eucoop.load(path, include_default=False)


def test_paths_in_a_list_get_a_hint() -> None:
    with pytest.raises(TypeError) as info:
        eucoop.load(["a.json", "b.json"])
    assert str(info.value) == (
        "load() argument 1 must be a path or a mapping, not a list: "
        "give each path as an argument of its own, load(*paths)"
    )


def test_a_path_like_giving_bytes_is_a_type_error() -> None:
    class Bytes(os.PathLike[bytes]):
        def __fspath__(self) -> bytes:
            return b"mine.json"

    with pytest.raises(TypeError, match=r"^load\(\) argument 1 must be a path or a mapping"):
        eucoop.load(Bytes())


def test_a_wrong_argument_is_refused_before_any_file_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"  # a DataError, were it read first
    with pytest.raises(TypeError, match=r"load\(\) argument 2"):
        eucoop.load(missing, None)


# -- arbitrary objects ---------------------------------------------------------------------

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=8),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from([int, str, Organisation, object(), dt.date(2019, 7, 1), Decimal(1)]),
    st.sampled_from([REG["iom"], REG["gcr"], PartialDate(2019), Role.PARTY]),
    # texts no data file may hold: a lone surrogate, NUL, an escape sequence, white space
    st.sampled_from(["\ud800", "iom\x00", "\x1b[31m", " \t", "", "\u0301", "ǅ"]),
)

#: Every public call taking a string (or a value read from one), by the name of its argument.
STRING_TAKING: dict[str, Call] = {
    "get": REG.get,
    "get(kind=)": lambda v: REG.get("iom", v),
    "document": REG.document,
    "lookup": REG.lookup,
    "card": REG.card,
    "lookup(kind=)": lambda v: REG.lookup("iom", v),
    "involving": REG.involving,
    "involving(role=)": lambda v: REG.involving("iom", role=v),
    "roles": REG.roles,
    "children": REG.children,
    "ancestors": REG.ancestors,
    "partners(area=)": lambda v: REG.partners(area=v),
    "partners(standing=)": lambda v: REG.partners(standing=v),
    **{
        f"filter({name}=)": lambda v, name=name: REG.filter(**{name: v})
        for name in ("kind", "area", "country", "region", "participant", "role", "active_on")
    },
    "search": REG.search,
    "search(kind=)": lambda v: REG.search("migration", kind=v),
    "search(limit=)": lambda v: REG.search("migration", limit=v),
    "timeline": lambda v: REG.timeline(v, v),
    "as_of": REG.as_of,
    "in_force": REG.in_force,
    "uncertain_on": REG.uncertain_on,
    "unknown_on": REG.unknown_on,
    "existed": lambda v: REG.existed(v, "2019"),
    "provenance": REG.provenance,
    "provenance(field=)": lambda v: REG.provenance("iom", v),
    "changes": REG.changes,
    "changes(op=)": lambda v: REG.changes(op=v),
    "to_records": REG.to_records,
    "Provenance.document": lambda v: REG.provenance("iom").document(v),
    "PartialDate": PartialDate,
    "PartialDate.parse": PartialDate.parse,
    "PartialDate.coerce": PartialDate.coerce,
    "PartialDate.contains": lambda v: PartialDate(2019).contains(v),
    "Money.parse": lambda v: Money.parse(v, "EUR"),
    "Money.parse(currency)": lambda v: Money.parse("1", v),
    "Source.supports": _sources,
    "Participant.active_on": _participant,
}

PLAIN_ERRORS = (TypeError, ValueError, UnknownEntityError, AmbiguousLookupError)


@pytest.mark.parametrize("name", list(STRING_TAKING))
@settings(max_examples=60)  # for each call: the kinds of value drawn are few
@given(value=ANYTHING)
def test_anything_given_is_answered_or_plainly_refused(name: str, value: object) -> None:
    try:
        STRING_TAKING[name](value)
    except PLAIN_ERRORS as exc:
        if type(exc) is TypeError:  # ours, naming the argument: not Python's own from inside
            assert " must be " in str(exc), (name, value, exc)
    except KeyError as exc:  # pragma: no cover - the failure this test is for
        pytest.fail(f"{name}({value!r}): a bare KeyError: {exc}")


def test_the_command_line_refuses_an_empty_data_path(
    folder_with_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", "", "list", "organisations"]) == 1
    out, err = capsys.readouterr()
    assert "org-parent" not in out
    assert err.strip() == (
        "<data #1>: $: not a usable path: it is empty (an unset variable?); "
        "write '.' for the current folder"
    )
