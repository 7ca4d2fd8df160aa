"""The registry: access, lookup, involving, partners, hierarchy, provenance, caching."""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import eucoop
from eucoop import (
    Agreement,
    AmbiguousLookupError,
    Dialogue,
    Entity,
    Organisation,
    Programme,
    Registry,
    Role,
    Source,
    UnknownEntityError,
)

Write = Callable[..., Path]


@pytest.fixture
def reg(valid: dict[str, Any]) -> Registry:
    return eucoop.load(valid, include_default=False)


class TestCollection:
    def test_collections_sorted_tuples(self, reg: Registry) -> None:
        assert [o.id for o in reg.organisations] == ["org-child", "org-parent"]
        assert isinstance(reg.programmes, tuple)
        assert [d.id for d in reg.documents] == ["doc-a"]

    def test_len_iter_contains(self, reg: Registry) -> None:
        assert len(reg) == 5
        assert [e.id for e in reg] == ["org-child", "org-parent", "agr-one", "dia-one", "prog-one"]
        assert "agr-one" in reg
        assert "doc-a" not in reg  # documents are not entities
        assert 42 not in reg

    def test_get(self, reg: Registry) -> None:
        assert reg.get("prog-one") is reg["prog-one"]
        assert reg.get("prog-one", Programme).budget is not None
        with pytest.raises(
            UnknownEntityError, match=r"^'prog-one' is a programme, not an organisation$"
        ):
            reg.get("prog-one", Organisation)

    def test_unknown_id_suggests(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError) as info:
            reg["prog-on"]
        assert info.value.suggestions == ("prog-one",)
        assert str(info.value) == "no entity is called 'prog-on'; did you mean 'prog-one'?"
        assert isinstance(info.value, KeyError)

    def test_unknown_without_suggestion(self, reg: Registry) -> None:
        with pytest.raises(KeyError) as info:
            reg.get("zzzzzzzz")
        assert str(info.value) == "no entity is called 'zzzzzzzz'"

    def test_document(self, reg: Registry) -> None:
        assert reg.document("doc-a").paragraphs == 5
        with pytest.raises(UnknownEntityError, match="did you mean 'doc-a'"):
            reg.document("doc-b")

    def test_repr(self, reg: Registry) -> None:
        assert repr(reg) == (
            "<Registry: 2 organisations, 1 agreement, 1 dialogue, 1 programme, 1 document>"
        )

    def test_entities_are_frozen(self, reg: Registry) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            reg["org-parent"].name = "x"  # type: ignore[misc]
        assert not hasattr(reg["org-parent"], "__dict__")


class TestLookup:
    @pytest.mark.parametrize(
        ("key", "ident"),
        [
            ("org-parent", "org-parent"),
            ("PO", "org-parent"),
            ("po", "org-parent"),
            ("Parent Organisation", "org-parent"),
            ("  parent   ORGANISATION ", "org-parent"),
            ("the child", "org-child"),
            ("Kind Korper", "org-child"),  # accents do not matter
            ("KIND KÖRPER", "org-child"),
            ("Child", "org-child"),  # loose: "The Child" without "the"
            ("P.O.", "org-parent"),  # loose: punctuation dropped
        ],
    )
    def test_lookup(self, reg: Registry, key: str, ident: str) -> None:
        assert reg.lookup(key).id == ident

    def test_lookup_entity(self, reg: Registry) -> None:
        assert reg.lookup(reg["agr-one"]) is reg["agr-one"]

    def test_unknown_with_suggestions(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError) as info:
            reg.lookup("Parent Organisatoin")
        assert info.value.suggestions == ("PO",)

    def test_prefix_suggestion(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError) as info:
            reg.lookup("annual")
        assert "Annual Dialogue" in info.value.suggestions

    def test_ambiguous(self, valid: dict[str, Any]) -> None:
        valid["dialogues"][0]["aliases"] = ["U.N. body"]
        valid["agreements"][0]["aliases"] = ["UN Body!"]
        reg = eucoop.load(valid, include_default=False)
        with pytest.raises(AmbiguousLookupError) as info:
            reg.lookup("un body")
        assert info.value.candidates == ("agr-one", "dia-one")
        assert str(info.value) == "'un body' could mean any of: agr-one, dia-one"
        assert reg.lookup("U.N. body").id == "dia-one"  # the exact spelling still works


class TestKindTypedLookup:
    def test_of_the_kind(self, reg: Registry) -> None:
        org = reg.lookup("Parent Organisation", Organisation)
        assert type(org) is Organisation
        assert org.headquarters == "Geneva"
        assert reg.lookup("FA", Agreement).adopted is not None
        assert reg.lookup(reg["org-child"], Organisation).id == "org-child"
        assert reg.lookup("po", Entity).id == "org-parent"  # any entity will do

    def test_of_another_kind(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError) as info:
            reg.lookup("FA", Organisation)
        assert str(info.value) == "'FA' is an agreement, not an organisation"
        assert isinstance(info.value, KeyError)
        with pytest.raises(UnknownEntityError, match="'prog-one' is a programme, not a dialogue"):
            reg.lookup(reg["prog-one"], Dialogue)

    def test_unknown_names_still_suggest(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError, match="did you mean 'PO'"):
            reg.lookup("Parent Organisatoin", Organisation)

    def test_as_get_does(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError, match="is an agreement, not an organisation"):
            reg.get("agr-one", Organisation)
        assert reg.lookup("agr-one", Agreement) is reg.get("agr-one", Agreement)


class TestKindTypedFilter:
    @pytest.mark.parametrize("kind", [Organisation, Agreement, Dialogue, Programme])
    def test_only_that_kind(self, reg: Registry, kind: type[Entity]) -> None:
        found = reg.filter(kind=kind)
        assert found
        assert all(type(e) is kind for e in found)
        assert found == reg.filter(kind=kind.__name__.lower())

    def test_fields_of_the_kind(self, reg: Registry) -> None:
        assert [o.headquarters for o in reg.filter(kind=Organisation)] == [None, "Geneva"]


EXAMPLES = Path(__file__).resolve().parents[1] / "typing-examples"


@pytest.mark.parametrize("name", ["dates.py", "lookups.py", "results.py"])
def test_typing_examples_run(name: str) -> None:
    """What the typing examples state about types holds when they run (mypy checks the rest)."""
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == ["dates.py", "lookups.py", "results.py"]
    namespace = runpy.run_path(str(EXAMPLES / name))
    assert "reg" in namespace


class TestWhoDoesWhat:
    def test_involving(self, reg: Registry) -> None:
        alone = reg.involving("org-parent", include_bodies=False)
        assert alone.ids == ("org-child", "dia-one", "prog-one")
        assert reg.involving("org-parent").ids == ("org-child", "agr-one", "dia-one", "prog-one")
        assert reg.involving("PO", role="host").ids == ("dia-one",)
        assert reg.involving("org-parent", role=Role.LEAD, include_bodies=False) == ()
        led = reg.involving("org-parent", role=Role.LEAD)
        assert (led.ids, dict(led.through)) == (("agr-one",), {"agr-one": ("org-child",)})
        assert reg.involving("org-child").ids == ("agr-one", "prog-one")

    @pytest.mark.parametrize("call", ["involving", "roles", "children", "ancestors"])
    def test_organisation_queries_need_an_organisation(self, reg: Registry, call: str) -> None:
        with pytest.raises(UnknownEntityError) as info:
            getattr(reg, call)("FA")
        assert str(info.value) == "'FA' is an agreement, not an organisation"
        with pytest.raises(UnknownEntityError, match="'agr-one' is an agreement"):
            getattr(reg, call)(reg["agr-one"])

    def test_filter_participant_must_be_an_organisation(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError, match="is a programme, not an organisation"):
            reg.filter(participant="prog-one")

    def test_involving_unknown(self, reg: Registry) -> None:
        with pytest.raises(UnknownEntityError):
            reg.involving("nobody")
        with pytest.raises(ValueError, match="'boss' is not a valid Role"):
            reg.involving("org-parent", role="boss")
        with pytest.raises(ValueError, match=r"'hots' is not a valid Role \(did you mean 'host'"):
            reg.involving("org-parent", role="hots")

    def test_roles(self, reg: Registry) -> None:
        pairs = reg.roles("org-parent", include_bodies=False)
        assert [(e.id, str(p.role)) for e, p in pairs] == [
            ("org-child", "observer"),
            ("dia-one", "host"),
            ("prog-one", "funder"),
        ]
        with_bodies = reg.roles("org-parent")
        assert [(e.id, p.organisation) for e, p in with_bodies] == [
            ("org-child", "org-parent"),
            ("agr-one", "org-child"),
            ("dia-one", "org-parent"),
            ("prog-one", "org-parent"),
            ("prog-one", "org-child"),
        ]

    def test_partners(self, reg: Registry) -> None:
        assert reg.partners().ids == ("org-child",)
        assert reg.partners(area="migration", standing="key").ids == ("org-child",)
        assert reg.partners(area="asylum").ids == ("org-child",)  # from its policy areas
        assert reg.partners(area="drugs") == ()
        assert reg.partners(standing="principal") == ()

    def test_partners_unknown_values_suggest(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match=r"'migraton' is not a valid PolicyArea \(did you"):
            reg.partners(area="migraton")
        kye = r"'kye' is not a valid Standing or 'unranked' \(did you mean 'key'"
        with pytest.raises(ValueError, match=kye):
            reg.partners(standing="kye")
        with pytest.raises(ValueError, match=r"^'zzz' is not a valid Standing or 'unranked'$"):
            reg.partners(standing="zzz")

    def test_children_and_ancestors(self, reg: Registry) -> None:
        assert reg.children("org-parent").ids == ("org-child",)
        assert reg.children("org-child") == ()
        assert reg.ancestors("org-child").ids == ("org-parent",)
        assert reg.ancestors("org-parent") == ()


class TestProvenance:
    def test_named_field(self, reg: Registry) -> None:
        assert reg.provenance("prog-one", "budget") == (
            Source(document="doc-a", paragraph=5, fields=("budget", "country_count")),
        )

    def test_falls_back_to_general_sources(self, reg: Registry) -> None:
        assert [s.paragraph for s in reg.provenance("prog-one", "launched")] == [4]

    def test_all(self, reg: Registry) -> None:
        assert len(reg.provenance("org-child")) == 2
        assert len(reg.provenance(reg["prog-one"])) == 2

    def test_partnership(self, reg: Registry) -> None:
        assert [s.fields for s in reg.provenance("org-child", "partnership")] == [("standing",)]
        assert [s.fields for s in reg.provenance("org-child", "partnership.standing")] == [
            ("standing",)
        ]
        # nothing names partnership.since: the entity's general sources, if any
        assert reg.provenance("org-child", "partnership.since") == ()

    def test_indexed_field(self, valid: dict[str, Any]) -> None:
        valid["programmes"][0]["sources"].append(
            {"document": "doc-a", "paragraph": 1, "fields": ["participants"]}
        )
        reg = eucoop.load(valid, include_default=False)
        assert [s.paragraph for s in reg.provenance("prog-one", "participants[0].since")] == [1]
        assert [s.paragraph for s in reg.provenance("prog-one", "launched")] == [4]

    def test_indexed_field_cited_in_a_file(self, valid: dict[str, Any]) -> None:
        valid["programmes"][0]["sources"][0]["fields"] = ["participants[0].since"]
        reg = eucoop.load(valid, include_default=False)
        assert [s.paragraph for s in reg.provenance("prog-one", "participants[0].since")] == [5]

    def test_unknown_field(self, reg: Registry) -> None:
        with pytest.raises(ValueError, match="'budgett' is not a field of Programme"):
            reg.provenance("prog-one", "budgett")


class TestLoadCache:
    def test_cached(self) -> None:
        assert eucoop.load() is eucoop.load()

    def test_user_files_are_not_cached(self, valid: dict[str, Any]) -> None:
        a = eucoop.load(valid, include_default=False)
        b = eucoop.load(valid, include_default=False)
        assert a is not b
        assert list(a) == list(b)

    def test_threads_see_whole_registries(self, valid: dict[str, Any], write: Write) -> None:
        bad = dict(valid, organisations=[{"id": 1}])
        good_path, bad_path = write(valid, "good.json"), write(bad, "bad.json")
        seen: list[int] = []

        def worker(path: Path) -> None:
            for _ in range(20):
                try:
                    seen.append(len(eucoop.load(path, include_default=False)))
                except eucoop.DataError as exc:
                    seen.append(len(exc.problems))

        threads = [threading.Thread(target=worker, args=(p,)) for p in (good_path, bad_path) * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with pytest.raises(eucoop.DataError) as info:
            eucoop.load(bad_path, include_default=False)
        # every bad load reports the same problems; every good one, the whole registry
        assert sorted(set(seen)) == sorted({len(info.value.problems), 5})
        assert eucoop.load() is eucoop.load()

    def test_first_load_is_thread_safe(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from eucoop import _load

        monkeypatch.setattr(_load, "_default", None)
        results: list[Registry] = []
        threads = [threading.Thread(target=lambda: results.append(eucoop.load())) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({id(r) for r in results}) == 1


class TestPackagedData:
    STABLE = (
        "eu",
        "european-commission",
        "eeas",
        "un",
        "unhcr",
        "iom",
        "unodc",
        "oecd",
        "council-of-europe",
        "greco",
        "african-union",
    )

    @pytest.mark.parametrize("ident", STABLE)
    def test_stable_ids(self, ident: str) -> None:
        reg = eucoop.load()
        assert reg[ident].id == ident
        assert isinstance(reg[ident], Organisation)

    def test_every_entity_has_sources(self) -> None:
        for entity in eucoop.load():
            assert entity.sources, entity.id

    def test_source_page_document(self) -> None:
        doc = eucoop.load().document("dg-home-io")
        assert doc.paragraphs == 34
        assert doc.url is not None
        assert doc.url.startswith("https://home-affairs.ec.europa.eu/")

    def test_every_cited_document_has_a_url(self) -> None:
        reg = eucoop.load()
        for doc in reg.documents:
            assert doc.url, doc.id
            assert doc.url.startswith("http"), doc.id


def test_suggestions_in_a_large_registry(valid: dict[str, Any]) -> None:
    """Past 500 names with the same first letter, suggestions narrow by a longer prefix."""
    doc = [{"document": "doc-a"}]
    valid["organisations"] += [
        {"id": f"r-{i}", "name": f"Refugee Network {i}", "sources": doc} for i in range(1200)
    ]
    reg = eucoop.load(valid, include_default=False)
    with pytest.raises(UnknownEntityError) as info:
        reg.lookup("Refugee Netwrk 417")
    assert "Refugee Network 417" in info.value.suggestions
    with pytest.raises(UnknownEntityError) as info:
        reg.lookup("Refugee Netw")  # the beginning of many names
    assert all(s.startswith("Refugee Network ") for s in info.value.suggestions)


def test_involving_keeps_kind_and_id_order(valid: dict[str, Any]) -> None:
    valid["agreements"][0]["participants"].append({"organisation": "org-child", "role": "party"})
    reg = eucoop.load(valid, include_default=False)
    assert reg.involving("org-child").ids == ("agr-one", "prog-one")  # agr-one once
    assert [e.id for e, _ in reg.roles("org-child")] == ["agr-one", "agr-one", "prog-one"]
