"""Building entities and values in Python runs the same type checks as loading."""

from __future__ import annotations

import contextlib
import json
import pickle
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import (
    DataError,
    Document,
    Money,
    Organisation,
    PartialDate,
    Participant,
    Partnership,
    PolicyArea,
    Programme,
    Role,
    Source,
)
from eucoop._model.typecheck import checked_already, problem

from .conftest import bench_module
from .strategies import data_files, whole_files


@pytest.fixture(scope="module")
def iom() -> Organisation:
    found = eucoop.load()["iom"]
    assert isinstance(found, Organisation)
    return found


# -- the cases of the issue, and one of each kind of annotation ---------------------------


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"name": None}, TypeError, "Organisation.name must be a string, not None"),
        ({"id": 5}, TypeError, "Organisation.id must be a string, not an int"),
        ({"founded": "1951"}, TypeError, "Organisation.founded must be None or a PartialDate"),
        (
            {"aliases": ["x"]},
            TypeError,
            "Organisation.aliases must be a tuple of strings, not a list: write ('x',)",
        ),
        ({"aliases": ("x", 5)}, TypeError, "Organisation.aliases item 1 must be a string"),
        ({"acronym": True}, TypeError, "Organisation.acronym must be None or a string, not a bool"),
        ({"member_count": True}, TypeError, "must be None or an integer, not a bool"),
        ({"member_count": 1.0}, TypeError, "must be None or an integer, not a float"),
        ({"member_count": 2**63}, ValueError, "Organisation.member_count: integer out of range"),
        ({"name": "Red\x1b[31m"}, ValueError, "control character '\\x1b' at position 3"),
        ({"name": "\ud800"}, ValueError, "unpaired surrogate"),
        ({"kind": "un_agency"}, TypeError, "must be an OrganisationKind, not a str: write"),
        ({"kind": "igo"}, TypeError, "Organisation.kind must be an OrganisationKind, not a str"),
        ({"policy_areas": ["migration"]}, TypeError, "must be a frozenset of PolicyArea values"),
        ({"policy_areas": frozenset({"migration"})}, TypeError, "PolicyArea('migration')"),
        ({"sources": ("dg-home-io",)}, TypeError, "Organisation.sources item 0 must be a Source"),
        ({"partnership": {"standing": None}}, TypeError, "must be None or a Partnership"),
    ],
)
def test_evolve_refuses_a_wrong_type(
    iom: Organisation, changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        attrs.evolve(iom, **changes)
    assert message in str(info.value)


def test_evolve_with_the_right_types_builds_a_frozen_entity(iom: Organisation) -> None:
    new = attrs.evolve(iom, aliases=("OIM",), founded=PartialDate(1951), member_count=None)
    assert new.aliases == ("OIM",)
    assert type(new.aliases) is tuple
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        new.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Source(document=5), "Source.document must be a string, not an int"),  # type: ignore[arg-type]
        (
            lambda: Source(document="d", paragraph="3"),  # type: ignore[arg-type]
            "Source.paragraph must be None or an integer",
        ),
        (
            lambda: Participant(organisation="eu", role="observer"),  # type: ignore[arg-type]
            "Participant.role must be a Role, not a str: write Role('observer')",
        ),
        (
            lambda: Document(id="d", title="T", publisher=None),  # type: ignore[arg-type]
            "Document.publisher must be a string, not None",
        ),
        (
            lambda: Money(amount="12", currency="EUR"),  # type: ignore[arg-type]
            "Money.amount must be a Decimal, not a str",
        ),
        (
            lambda: Partnership(formalised_by=["a"]),  # type: ignore[arg-type]
            "Partnership.formalised_by must be a tuple of strings, not a list",
        ),
        (
            lambda: Programme(id="p", name="P", budget="EUR 5"),  # type: ignore[arg-type]
            "Programme.budget must be None or a Money, not a str",
        ),
    ],
)
def test_values_refuse_a_wrong_type(build: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        build()
    assert str(info.value) == message or str(info.value).startswith(message)


def test_the_type_check_comes_before_a_fields_own_rule() -> None:
    """Money's own validators (finite, not negative) still run, after the type."""
    with pytest.raises(ValueError, match="must not be negative"):
        Money(amount=Decimal(-1), currency="EUR")
    with pytest.raises(ValueError, match="three-letter"):
        Money(amount=Decimal(1), currency="eur")


def test_problem_names_none_for_a_good_value() -> None:
    assert problem(tuple[str, ...], ("a", "b")) is None
    assert problem(frozenset[PolicyArea], frozenset({PolicyArea.MIGRATION})) is None
    assert problem(int | None, None) is None
    assert problem(frozenset[PolicyArea], frozenset({"x"})) == (
        "item 'x' must be a PolicyArea, not a str"
    )


# -- what loading builds passes the checks it skipped --------------------------------------


def _validate_deep(value: object) -> int:
    """Run every attrs validator of *value* and of the model values inside it; count them."""
    if not attrs.has(type(value)):
        if isinstance(value, tuple | frozenset):
            return sum(_validate_deep(v) for v in value)
        return 0
    attrs.validate(value)  # type: ignore[arg-type]
    names = [a.name for a in attrs.fields(type(value))]  # type: ignore[arg-type]
    return 1 + sum(_validate_deep(getattr(value, name)) for name in names)


def test_every_packaged_value_passes_its_type_checks() -> None:
    reg = eucoop.load()
    checked = sum(_validate_deep(e) for e in reg) + sum(_validate_deep(d) for d in reg.documents)
    assert checked > len(reg) + len(reg.documents)


@whole_files
@given(data_files())
def test_every_loaded_value_passes_its_type_checks(data: dict[str, Any]) -> None:
    """The loader builds without the validators (its hooks checked the same types)."""
    reg = eucoop.load(data, include_default=False)
    for e in reg:
        _validate_deep(e)


def test_rebuilding_a_loaded_entity_keeps_it_equal(iom: Organisation) -> None:
    assert attrs.evolve(iom) == iom
    assert pickle.loads(pickle.dumps(iom)) == iom  # noqa: S301 - our own bytes


# -- the switch the loader uses -------------------------------------------------------------


def test_validators_run_again_after_a_load_and_after_a_failed_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"organisations": [{"id": "x", "name": 5}]}), encoding="utf-8")
    with pytest.raises(DataError):
        eucoop.load(bad)
    assert not attrs.validators.get_disabled()
    with pytest.raises(TypeError):
        Source(document=None)  # type: ignore[arg-type]


def test_the_switch_nests_and_restores_what_it_found() -> None:
    with checked_already():
        with checked_already():
            Source(document=None)  # type: ignore[arg-type] # not checked: the loader's own block
        Source(document=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Source(document=None)  # type: ignore[arg-type]


def test_the_loader_never_touches_attrs_switch() -> None:
    """attrs' switch is the process's: eucoop neither sets it nor resets what a user set."""
    seen: list[bool] = []

    @attrs.frozen
    class Probe:
        x: int = attrs.field(validator=lambda *_: seen.append(attrs.validators.get_disabled()))

    with checked_already():
        Probe(1)
    assert seen == [False]
    attrs.validators.set_disabled(True)
    try:
        eucoop.load(eucoop.load().to_dict(), include_default=False)
        assert attrs.validators.get_disabled(), "a user's own switch is left as it was"
    finally:
        attrs.validators.set_disabled(False)


def test_the_switch_is_local_to_the_loading_thread() -> None:
    """The issue's case: while one thread builds a registry, another builds invalid values.

    Every invalid value built in the other thread is refused: the program's own attrs class
    with a validator, and eucoop's ``Money`` (a negative amount, a currency of the wrong type).
    """

    @attrs.frozen
    class Port:
        number: int = attrs.field(validator=attrs.validators.instance_of(int))

    data = bench_module("synth").make_dataset(3000)
    loading = threading.Event()
    done = threading.Event()
    accepted: list[object] = []
    tries = [0]

    def build_invalid() -> None:
        loading.wait()
        while not done.is_set():
            tries[0] += 1
            for make in (
                lambda: Port("not a number"),  # type: ignore[arg-type]
                lambda: Money(Decimal(-5), "EUR"),
                lambda: Money(Decimal(5), 5),  # type: ignore[arg-type]
                lambda: Source(document=None),  # type: ignore[arg-type]
            ):
                with contextlib.suppress(TypeError, ValueError):
                    accepted.append(make())

    other = threading.Thread(target=build_invalid)
    other.start()
    try:
        loading.set()
        for _ in range(3):
            eucoop.load(data, include_default=False)
    finally:
        done.set()
        other.join()
    assert tries[0] > 0
    assert accepted == []
    assert not attrs.validators.get_disabled()


def test_overlapping_loads_in_threads_leave_the_checks_on() -> None:
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def one() -> None:
        try:
            start.wait()
            for _ in range(3):
                eucoop.load(eucoop.load().to_dict(), include_default=False)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert not attrs.validators.get_disabled()


# -- amounts: one grammar for Money.parse and the loader -------------------------------------


def _loaded_budget(amount: object) -> eucoop.Money | eucoop.DataError:
    """What loading a data file with a budget of *amount* gives: the Money, or the error."""
    data = {
        "documents": [{"id": "doc", "title": "T", "publisher": "P"}],
        "programmes": [
            {
                "id": "p",
                "name": "P",
                "budget": {"amount": amount, "currency": "EUR"},
                "sources": [{"document": "doc"}],
            }
        ],
    }
    try:
        programme = eucoop.load(data, include_default=False)["p"]
    except DataError as exc:
        return exc
    assert isinstance(programme, Programme)
    assert programme.budget is not None
    return programme.budget


def _agree(amount: str | int) -> None:
    """Money.parse and the loader take the same amounts, and refuse the others alike."""
    loaded = _loaded_budget(amount)
    try:
        parsed = Money.parse(amount, "EUR")
    except ValueError as exc:
        assert isinstance(loaded, DataError), amount
        [p] = loaded.problems
        assert p.location == "$.programmes[0].budget.amount"
        assert p.message == str(exc)
        return
    assert loaded == parsed
    assert isinstance(loaded, Money)
    assert loaded.amount.as_tuple() == parsed.amount.as_tuple()  # the same digits, too


@pytest.mark.parametrize(
    "text",
    [
        *("1_000", " 12 ", "+5", "1e3", "1e1000000000000", "1.", ".5"),
        *("-0", "-0.0", "-00", "-5", "-", "NaN", "-Infinity", "sNaN", "", "\u0661"),
    ],
)
def test_money_parse_refuses_what_a_data_file_may_not_hold(text: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"amount|decimal") as info:
        Money.parse(text, "EUR")
    path = tmp_path / "mine.json"
    data = {
        "documents": [{"id": "doc", "title": "T", "publisher": "P"}],
        "programmes": [
            {
                "id": "p",
                "name": "P",
                "budget": {"amount": text, "currency": "EUR"},
                "sources": [{"document": "doc"}],
            }
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError) as loaded:
        eucoop.load(path, include_default=False)
    [p] = loaded.value.problems
    assert p.location == "$.programmes[0].budget.amount"
    assert p.message == str(info.value)
    _agree(text)


@pytest.mark.parametrize("text", ["0", "00", "0.00", "007", "12.50", "440000000"])
def test_money_parse_takes_what_a_data_file_may_hold(text: str) -> None:
    _agree(text)
    assert Money.parse(text, "EUR").amount == Decimal(text)


#: Strings near the grammar of amounts: digits, signs, points, exponents, spaces, specials.
_AMOUNT_TEXT = st.one_of(
    st.text(alphabet="0123456789.-+eE_ ", max_size=8),
    st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "-0", "-0.0"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: format(d, "f")),
)


@given(_AMOUNT_TEXT)
def test_money_parse_agrees_with_the_loader_on_any_text(text: str) -> None:
    _agree(text)


@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_money_parse_agrees_with_the_loader_on_any_integer(n: int) -> None:
    _agree(n)


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_money_parse_reads_integers_and_their_digits_alike(n: int) -> None:
    assert Money.parse(n, "EUR") == Money.parse(str(n), "EUR") == Money(Decimal(n), "EUR")


def test_money_parse_refuses_an_integer_past_64_bits() -> None:
    with pytest.raises(ValueError, match="integer out of range"):
        Money.parse(2**63, "EUR")


def test_role_strings_are_refused_but_members_taken() -> None:
    seat = Participant(organisation="eu", role=Role("observer"))
    assert seat.role is Role.OBSERVER
