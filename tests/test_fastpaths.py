"""The fast paths agree with the detailed ones they stand in for.

Loading takes two fast paths on well-formed data: the quick converter hooks
(``_quick``) instead of cattrs' detailed ones, and the all-clear
(``_allclear``) instead of the record-by-record checks. Each may only say
yes where the detailed path says yes, with the same result, and must say no
(handing over to the detailed path) everywhere else.
"""

from __future__ import annotations

import copy
import gc
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eucoop
from eucoop import DataError, _load
from eucoop._allclear import all_clear
from eucoop._converter import DataFile, _converter, convert
from eucoop._gc import gc_paused
from eucoop._quick import Reject, make_hook, module_source
from eucoop._validate import validate

from .strategies import data_files, whole_files
from .test_hardening import json_values, mutated

COLUMNS = ("documents", "organisations", "agreements", "dialogues", "programmes")


def verdicts(data: dict[str, Any]) -> tuple[Any, list[Any], dict[str, str]]:
    """The all-clear's answer and the located checks' problems and keys, for one file."""
    converted = convert("<data #1>", data)  # the name load gives a mapping
    assert converted.whole is not None, converted.problems
    cleared = all_clear(*(list(getattr(converted.whole, c)) for c in COLUMNS))
    keys: dict[str, str] = {}
    problems = validate(converted.records, keys=keys)
    return cleared, problems, keys


# -- the quick converter -----------------------------------------------------------------


@whole_files
@given(data_files())
def test_quick_and_detailed_converters_agree_on_valid_files(data: dict[str, Any]) -> None:
    quick = _converter(False).structure(data, DataFile)
    assert quick == _converter(True).structure(data, DataFile)
    assert [type(e) for e in quick.organisations] == [eucoop.Organisation] * len(
        quick.organisations
    )


def _agree(data: dict[str, Any]) -> None:
    try:
        detailed = _converter(True).structure(data, DataFile)
    except Exception:  # noqa: BLE001 - what matters is that the quick one fails too
        with pytest.raises(Exception):  # noqa: B017, PT011 - any exception hands over
            _converter(False).structure(data, DataFile)
        return
    try:
        quick = _converter(False).structure(data, DataFile)
    except Exception:  # noqa: BLE001 - declining is allowed; the detailed one then runs
        return
    assert quick == detailed


@whole_files
@given(data_files(), st.data())
def test_quick_converter_declines_what_the_detailed_one_rejects(
    data: dict[str, Any], choice: st.DataObject
) -> None:
    _, data = mutated(data, choice)
    _agree(data)


@whole_files
@given(data_files(), st.data(), json_values)
def test_quick_converter_on_arbitrary_json_anywhere(
    data: dict[str, Any], choice: st.DataObject, value: Any
) -> None:
    _, data = mutated(data, choice, value, label="place")
    _agree(data)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("paragraph", True),  # a bool is not an integer
        ("paragraph", 2.0),
        ("fields", ("a", 1)),
        ("fields", "budget"),
        ("document", None),
    ],
)
def test_quick_source_hook_declines_near_misses(
    valid: dict[str, Any], where: str, value: Any
) -> None:
    valid["programmes"][0]["sources"][0][where] = value
    _agree(valid)


def test_quick_hooks_accept_tuples_from_python_mappings(valid: dict[str, Any]) -> None:
    """A mapping built in Python may hold tuples where JSON has lists: both paths take them."""
    prog = valid["programmes"][0]
    prog["countries"] = tuple(prog["countries"])
    prog["sources"] = tuple(prog["sources"])
    prog["policy_areas"] = tuple(prog["policy_areas"])
    _agree(valid)
    assert _converter(False).structure(valid, DataFile).programmes[0].countries == ("LY", "TR")


# -- the all-clear -------------------------------------------------------------------------


@whole_files
@given(data_files())
def test_all_clear_passes_generated_files_with_the_same_indexes(data: dict[str, Any]) -> None:
    cleared, problems, keys = verdicts(data)
    assert problems == []
    assert cleared is not None
    assert cleared.keys == keys
    assert sorted(cleared.by_id) == sorted(e["id"] for c in COLUMNS[1:] for e in data.get(c, []))


def test_all_clear_passes_the_packaged_data() -> None:
    cleared, problems, keys = verdicts(eucoop.load().to_dict())
    assert problems == []
    assert cleared is not None
    assert cleared.keys == keys


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation setting one place, given as ``collection.index.key[.key...]``."""
    coll, index, *keys = path.split(".")

    def mutate(data: dict[str, Any]) -> None:
        target = data[coll][int(index)]
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        last = keys[-1]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


BROKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "document id malformed": _set("documents.0.id", "Doc A"),
    "document url": _set("documents.0.url", "ftp://example.org"),
    "document paragraphs": _set("documents.0.paragraphs", 0),
    "document title blank": _set("documents.0.title", "   "),
    "entity id malformed": _set("dialogues.0.id", "Dia_One"),
    "duplicate entity id": _set("dialogues.0.id", "agr-one"),
    "entity has a document id": _set("dialogues.0.id", "doc-a"),
    "name blank": _set("dialogues.0.name", "  "),
    "name clash": _set("dialogues.0.name", "first AGREEMENT"),
    "name is another's id": _set("dialogues.0.name", "prog-one"),
    "acronym blank": _set("dialogues.0.acronym", " "),
    "acronym clash": _set("dialogues.0.acronym", "po"),
    "alias blank": _set("organisations.1.aliases.0", "\t"),
    "alias clash": _set("organisations.1.aliases.0", "Joint  Programme"),
    "alias clash, accented": _set("organisations.1.aliases.1", "Jöint Programme"),
    "no sources": _set("dialogues.0.sources", []),
    "unknown document": _set("dialogues.0.sources.0.document", "doc-zz"),
    "cites an entity": _set("dialogues.0.sources.0.document", "agr-one"),
    "paragraph zero": _set("dialogues.0.sources.0.paragraph", 0),
    "paragraph past the end": _set("dialogues.0.sources.0.paragraph", 6),
    "unknown field": _set("programmes.0.sources.0.fields.0", "budgett"),
    "field of another kind": _set("programmes.0.sources.0.fields.0", "sessions"),
    "unknown participant": _set("dialogues.0.participants.0.organisation", "org-zz"),
    "participant not an organisation": _set("dialogues.0.participants.0.organisation", "agr-one"),
    "participant dates reversed": _set("programmes.0.participants.0.until", "2016-11"),
    "own parent": _set("organisations.1.parent", "org-child"),
    "unknown parent": _set("organisations.1.parent", "org-zz"),
    "parent not an organisation": _set("organisations.1.parent", "agr-one"),
    "parent cycle": _set("organisations.0.parent", "org-child"),
    "country": _set("organisations.0.country", "XX"),
    "website": _set("organisations.0.website", "example.org"),
    "member count": _set("organisations.1.member_count", -1),
    "formalised by unknown": _set("organisations.1.partnership.formalised_by.0", "agr-zz"),
    "formalised by an organisation": _set(
        "organisations.1.partnership.formalised_by.0", "org-parent"
    ),
    "partnership paragraph": _set("organisations.1.partnership.sources.0.paragraph", 9),
    "partnership field": _set("organisations.1.partnership.sources.0.fields.0", "budget"),
    "adopted by unknown": _set("agreements.0.adopted_by", "org-zz"),
    "adopted by a dialogue": _set("agreements.0.adopted_by", "dia-one"),
    "in force before adopted": _set("agreements.0.in_force", "2018-11"),
    "session ends before it starts": _set("dialogues.0.sessions.0.end", "2013-10-02"),
    "ended before launched": _set("programmes.0.ended", "2016-11"),
    "programme country": _set("programmes.0.countries.1", "XX"),
    "country count": _set("programmes.0.country_count", -3),
    "currency not in ISO 4217": _set("programmes.0.budget.currency", "XYZ"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_all_clear_declines_every_kind_of_problem(valid: dict[str, Any], name: str) -> None:
    BROKEN[name](valid)
    cleared, problems, _ = verdicts(valid)
    assert problems, "the mutation should break a rule"
    assert cleared is None
    with pytest.raises(DataError) as info:  # and the whole load says what the checks say
        eucoop.load(valid, include_default=False)
    assert list(info.value.problems) == problems


FINE: dict[str, Callable[[dict[str, Any]], None]] = {
    "a citation of a field path": _set("programmes.0.sources.0.fields.0", "participants[0].since"),
    "an empty acronym": _set("dialogues.0.acronym", ""),
    "acronym equal to the name": _set("dialogues.0.acronym", "annual dialogue"),
    "name equal to the id": _set("dialogues.0.name", "Dia-One"),
    "an alias equal to the name": _set("organisations.1.aliases.0", "child body"),
    "participant dates on one day": _set("programmes.0.participants.0.until", "2016-12"),
    "a document without paragraphs": _set("documents.0.paragraphs", None),
}


@pytest.mark.parametrize("name", sorted(FINE))
def test_all_clear_passes_what_the_checks_pass(valid: dict[str, Any], name: str) -> None:
    FINE[name](valid)
    cleared, problems, keys = verdicts(valid)
    assert problems == []
    assert cleared is not None
    assert cleared.keys == keys


def test_all_clear_with_nothing_to_check() -> None:
    cleared = all_clear([], [], [], [], [])
    assert cleared is not None
    assert cleared == ({}, {})


# -- the collector ---------------------------------------------------------------------------


class Node:
    """A collector-tracked object."""


def test_what_a_pause_built_goes_to_the_oldest_generation() -> None:
    """Unless something is frozen already: CPython 3.12 starts with frozen objects of its own."""
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert not gc.isenabled()
        made = Node()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # nothing thawed, nothing left frozen
    promoted = any(o is made for o in gc.get_objects(generation=2))
    assert promoted is (frozen == 0)


def _fail_while_paused(made: list[Node]) -> None:
    with gc_paused():
        made.append(Node())
        raise KeyError


def test_a_failed_pause_restores_the_collector_and_promotes_nothing() -> None:
    gc.collect()  # so that the few allocations below cannot reach an older generation
    made: list[Node] = []
    with pytest.raises(KeyError):
        _fail_while_paused(made)
    assert gc.isenabled()
    assert not any(o is made[0] for o in gc.get_objects(generation=2))


def test_nested_pauses_and_a_disabled_collector_are_left_alone() -> None:
    gc.disable()
    try:
        with gc_paused():
            with gc_paused():
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_program_froze_stay_frozen() -> None:
    gc.collect()
    mine = Node()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            Node()
        assert gc.get_freeze_count() == frozen
        assert not any(o is mine for o in gc.get_objects())
    finally:
        gc.unfreeze()


# -- the generator's corners ---------------------------------------------------------------


# (this module's annotations are strings, and the generator takes real types)
Checked: Any = attrs.make_class(
    "Checked",
    {
        "count": attrs.field(type=int, validator=attrs.validators.ge(0)),
        "label": attrs.field(type=str | None, default=None),  # type: ignore[arg-type]
    },
    frozen=True,
    kw_only=True,
)
Grown: Any = attrs.make_class("Grown", {"when": attrs.field(type=complex)}, frozen=True)
Holder: Any = attrs.make_class("Holder", {"inner": attrs.field(type=Checked)}, frozen=True)


def _no_nested(t: Any) -> Any:
    msg = f"not asked for {t!r}"
    raise AssertionError(msg)


def test_a_class_with_validators_is_built_by_calling_it() -> None:
    hook = make_hook(Checked, lambda v, _t: v, {}, _no_nested)
    assert hook({"count": 2}) == Checked(count=2)
    with pytest.raises(ValueError, match="count"):
        hook({"count": -1})
    with pytest.raises(Reject):
        hook({"count": 1, "other": 2})


def _not_quick(t: Any) -> Callable[..., Any]:
    return lambda value, _t=None: value


Counts: Any = attrs.make_class("Counts", {"n": attrs.field(type=tuple[int, ...])}, frozen=True)
Five: Any = attrs.make_class("Five", {"n": attrs.field(type=int, default=5)}, frozen=True)
Twice: Any = attrs.make_class(
    "Twice",
    {
        "a": attrs.field(type=eucoop.Role),
        "first": attrs.field(type=Checked),
        "b": attrs.field(type=eucoop.Role | None, default=None),  # type: ignore[arg-type]
        "rest": attrs.field(type=tuple[Checked, ...], default=()),
    },
    frozen=True,
)


def test_shared_names_are_defined_once() -> None:
    hook = make_hook(
        Twice, lambda v, _t: v, {}, lambda t: make_hook(t, lambda v, _t: v, {}, _no_nested)
    )
    made = hook({"a": "lead", "b": "host", "first": {"count": 1}, "rest": [{"count": 2}]})
    assert (made.a, made.b, made.first.count, made.rest[0].count) == (
        eucoop.Role.LEAD,
        eucoop.Role.HOST,
        1,
        2,
    )


def test_types_the_generator_does_not_know_fail_loudly() -> None:
    with pytest.raises(TypeError, match="no quick conversion"):
        make_hook(Grown, lambda v, _t: v, {}, _no_nested)
    with pytest.raises(TypeError, match="no quick conversion"):
        make_hook(Counts, lambda v, _t: v, {}, _no_nested)
    with pytest.raises(TypeError, match="no quick default"):
        make_hook(Five, lambda v, _t: v, {}, _no_nested)
    with pytest.raises(TypeError, match="no quick hook"):
        make_hook(Holder, lambda v, _t: v, {}, _not_quick)


def test_when_the_all_clear_declines_the_located_checks_build_the_same_registry(
    valid: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = eucoop.load(valid, include_default=False)
    monkeypatch.setattr(_load, "all_clear", lambda *_: None)
    checked = eucoop.load(valid, include_default=False)
    assert checked.to_dict() == plain.to_dict()
    assert checked._keys == plain._keys
    assert [e.id for e in checked.involving("org-parent")] == [
        e.id for e in plain.involving("org-parent")
    ]


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("agreements", 0, "legally_binding"), "yes", "expected true or false, got a string"),
        (("programmes", 0, "budget", "amount"), [1], "expected a decimal string or an integer"),
        (("programmes", 0, "country_count"), 2.5, "expected an integer, got a number"),
    ],
)
def test_leaf_types_the_quick_path_declines_are_located(
    valid: dict[str, Any], where: tuple[Any, ...], value: Any, message: str
) -> None:
    target: Any = valid
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    with pytest.raises(DataError) as info:
        eucoop.load(valid, include_default=False)
    location = "$." + ".".join(f"{k}" if isinstance(k, str) else f"[{k}]" for k in where)
    location = location.replace(".[", "[")
    assert [(p.location, p.message[: len(message)]) for p in info.value.problems] == [
        (location, message)
    ]


def test_the_written_hooks_are_the_generated_ones() -> None:
    """``_hooks.py`` is what ``python -m eucoop._quick`` writes for the model as it is."""
    from eucoop import _hooks

    written = Path(_hooks.__file__).read_text(encoding="utf-8")
    assert written == module_source(DataFile), "run: python -m eucoop._quick > src/eucoop/_hooks.py"
    assert set(_hooks.HOOKS) == {
        DataFile,
        eucoop.Document,
        eucoop.Organisation,
        eucoop.Agreement,
        eucoop.Dialogue,
        eucoop.Programme,
        eucoop.Source,
        eucoop.Participant,
        eucoop.Session,
        eucoop.Partnership,
    }


def test_the_fast_converter_uses_the_written_hooks() -> None:
    from eucoop import _hooks

    for cls, hook in _hooks.HOOKS.items():
        assert _converter(False).get_structure_hook(cls) is hook


def test_a_hook_made_at_run_time_matches_the_written_one(valid: dict[str, Any]) -> None:
    from eucoop._converter import _DATES, _structure_date

    made: dict[type, Any] = {}

    def nested(t: Any) -> Any:
        if t not in made:
            made[t] = make_hook(t, _structure_date, _DATES, nested)
        return made[t]

    hook = nested(DataFile)
    assert hook(valid) == _converter(False).structure(valid, DataFile)
    assert hook is not _converter(False).get_structure_hook(DataFile)


# -- files the loader may empty as it converts them ------------------------------------------


@whole_files
@given(data_files())
def test_converting_a_file_it_owns_gives_what_the_fast_converter_gives(
    data: dict[str, Any],
) -> None:
    owned = copy.deepcopy(data)
    converted = convert("f.json", owned, lambda: pytest.fail("no need to parse again"))
    assert converted.whole == _converter(False).structure(data, DataFile)
    assert all(item is None for c in COLUMNS for item in owned.get(c, []))


@whole_files
@given(data_files(), st.data())
def test_a_broken_file_says_what_the_same_mapping_says(
    tmp_path_factory: Any, data: dict[str, Any], choice: st.DataObject
) -> None:
    """A file is emptied as it is converted, then parsed again when something is wrong."""
    _, data = mutated(data, choice)
    path = tmp_path_factory.mktemp("owned") / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError) as from_mapping:
        eucoop.load(data, include_default=False)
    with pytest.raises(DataError) as from_file:
        eucoop.load(path, include_default=False)
    assert [(p.location, p.message) for p in from_file.value.problems] == [
        (p.location, p.message) for p in from_mapping.value.problems
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"zz_unknown": 1},
        {"schema_version": "1"},
        {"programmes": {"id": "x"}},
    ],
)
def test_top_level_trouble_in_a_file_it_owns(
    valid: dict[str, Any], write: Callable[..., Path], change: dict[str, Any]
) -> None:
    valid.update(change)
    with pytest.raises(DataError) as from_mapping:
        eucoop.load(copy.deepcopy(valid), include_default=False)
    with pytest.raises(DataError) as from_file:
        eucoop.load(write(valid), include_default=False)
    assert [(p.location, p.message) for p in from_file.value.problems] == [
        (p.location, p.message) for p in from_mapping.value.problems
    ]
