"""The checks across records: every kind of problem is found, and what is fine passes.

The checks ask each field's rules as one predicate per field: quickly, for a
record that passes, and again with messages for one that does not. These
tests hold the two to the same verdict on every kind of problem, and on the
valid corners near them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import eucoop
from eucoop import DataError
from eucoop._loading import convert, data_file, validate
from eucoop._loading.converter import converter


def problems_of(data: dict[str, Any]) -> list[eucoop.Problem]:
    """What the checks alone say of one file (which must convert whole)."""
    converted = convert("<data #1>", data)  # the name load gives a mapping
    assert converted.whole is not None, converted.problems
    return validate(converted.records)


def test_the_packaged_data_passes() -> None:
    assert problems_of(eucoop.load().to_dict()) == []


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
    "acronym empty": _set("dialogues.0.acronym", ""),
    "acronym clash": _set("dialogues.0.acronym", "po"),
    "alias blank": _set("organisations.1.aliases.0", "  "),  # "\t" is refused before the checks
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
def test_every_kind_of_problem_is_found(valid: dict[str, Any], name: str) -> None:
    BROKEN[name](valid)
    problems = problems_of(valid)
    assert problems, "the mutation should break a rule"
    with pytest.raises(DataError) as info:  # and the whole load says what the checks say
        eucoop.load(valid, include_default=False)
    assert list(info.value.problems) == problems


FINE: dict[str, Callable[[dict[str, Any]], None]] = {
    "a citation of a field path": _set("programmes.0.sources.0.fields.0", "participants[0].since"),
    "acronym equal to the name": _set("dialogues.0.acronym", "annual dialogue"),
    "name equal to the id": _set("dialogues.0.name", "Dia-One"),
    "an alias equal to the name": _set("organisations.1.aliases.0", "child body"),
    "participant dates on one day": _set("programmes.0.participants.0.until", "2016-12"),
    "a document without paragraphs": _set("documents.0.paragraphs", None),
}


@pytest.mark.parametrize("name", sorted(FINE))
def test_what_is_fine_passes(valid: dict[str, Any], name: str) -> None:
    FINE[name](valid)
    assert problems_of(valid) == []
    assert eucoop.load(valid, include_default=False)


def test_nothing_to_check() -> None:
    assert validate([]) == []


def test_tuples_from_python_mappings(valid: dict[str, Any]) -> None:
    """A mapping built in Python may hold tuples where JSON has lists."""
    prog = valid["programmes"][0]
    prog["countries"] = tuple(prog["countries"])
    prog["sources"] = tuple(prog["sources"])
    prog["policy_areas"] = tuple(prog["policy_areas"])
    assert converter(False).structure(valid, data_file()).programmes[0].countries == ("LY", "TR")
    prog_one = eucoop.load(valid, include_default=False).get("prog-one", eucoop.Programme)
    assert prog_one.countries == ("LY", "TR")
