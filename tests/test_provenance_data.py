"""The packaged dataset's citations: what they rest on, and that every value has one.

- every cited document says what kind of publisher stands behind it, and none
  is a copy of another site;
- every non-empty field of every entity (``kind`` and the partnership's own
  fields included) has a citation naming it, or a citation of the entity as a
  whole.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

import eucoop
from eucoop import Organisation, Partnership
from eucoop._model import fields_of

REG = eucoop.load()

#: Hosts of copies and look-alikes that once stood in for the pages they copied.
MIRRORS = (
    "kiwix",
    "ipfs",
    "zxc.wiki",
    "dewiki.de",
    "graphsearch.epfl.ch",
    "sawacon.org",
    "academia-lab.com",
    "fdocuments",
    "vlex.com",
    "eumonitor.eu",
    "unjobnet.org",
    "princeton.edu/~achaney",
)


def _empty(value: object) -> bool:
    return value is None or value in ("", (), frozenset())


def _values(entity: eucoop.Entity) -> list[str]:
    """The entity's non-empty fields as provenance paths (``"kind"``, ``"partnership.since"``)."""
    paths = []
    for f in fields_of(type(entity)):
        value = getattr(entity, f.name)
        if f.name in ("id", "sources") or _empty(value):
            continue
        if isinstance(value, Partnership):
            paths += [
                f"partnership.{p.name}"
                for p in fields_of(Partnership)
                if p.name != "sources" and not _empty(getattr(value, p.name))
            ]
        else:
            paths.append(f.name)
    return paths


def _supported(entity: eucoop.Entity, path: str) -> bool:
    """Whether a citation names *path*, or cites the whole entity (or whole partnership)."""
    if path.startswith("partnership."):
        assert isinstance(entity, Organisation)
        assert entity.partnership is not None
        own = path.removeprefix("partnership.")
        return any(own in s.fields or not s.fields for s in entity.partnership.sources)
    return any(path in s.fields or not s.fields for s in entity.sources)


# -- documents ---------------------------------------------------------------------


def test_every_document_has_a_kind_of_publisher() -> None:
    missing = [d.id for d in REG.documents if d.publisher_kind is None]
    assert missing == []


def test_no_document_is_a_copy_of_another_site() -> None:
    for d in REG.documents:
        assert d.url is not None, d.id
        assert not any(m in d.url for m in MIRRORS), d.id


def test_reference_works_are_read_at_their_own_address() -> None:
    hosts = {urlsplit(d.url or "").hostname for d in REG.documents}
    wikipedia = {h for h in hosts if h and "wikipedia" in h}
    assert wikipedia
    assert all(h.endswith(".wikipedia.org") for h in wikipedia), wikipedia


def test_every_document_is_cited() -> None:
    cited = {s.document for e in REG for s in REG.provenance(e.id)}
    assert {d.id for d in REG.documents} == cited


# -- field-level provenance ----------------------------------------------------------


@pytest.mark.parametrize("ident", [e.id for e in REG])
def test_every_value_has_a_source_naming_it(ident: str) -> None:
    entity = REG[ident]
    unsupported = [p for p in _values(entity) if not _supported(entity, p)]
    assert unsupported == [], ident
    for path in _values(entity):
        assert REG.provenance(ident, path), path


def test_the_kind_of_the_un_is_sourced() -> None:
    sources = REG.provenance("un", "kind")
    assert sources
    assert all("kind" in s.fields for s in sources)


def test_removed_facts_stay_removed() -> None:
    # Found only on pages outside the three classes: left empty rather than cited.
    unoct, cted = REG["unoct"], REG["cted"]
    assert isinstance(unoct, Organisation)
    assert isinstance(cted, Organisation)
    assert (unoct.headquarters, unoct.parent, cted.headquarters) == (None, None, None)
    assert "A/RES/71/1" not in (REG["new-york-declaration"].description or "")
    assert "A/RES/73/151" not in (REG["gcr"].description or "")


def test_dialogues_with_dated_sessions_are_established_at_the_first() -> None:
    # ``established`` comes from the first session, with that session's citation.
    for ident in (
        "gfmd",
        "oecd-high-level-policy-forum-migration-integration",
        "un-high-level-dialogue-migration-development",
    ):
        dialogue = REG[ident]
        assert isinstance(dialogue, eucoop.Dialogue)
        assert dialogue.established == min(s.start for s in dialogue.sessions), ident
        assert all("established" in s.fields for s in REG.provenance(ident, "established"))
    assert [s.document for s in REG.provenance("gfmd", "established")] == ["gfmd-belgium-2007"]
