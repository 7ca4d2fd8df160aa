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


def test_every_packaged_document_says_when_it_was_read() -> None:
    # ``accessed`` is optional in a user's file; every packaged document has one, to the day.
    undated = [d.id for d in REG.documents if d.accessed is None]
    assert undated == []
    assert {str(d.accessed.precision) for d in REG.documents if d.accessed} == {"day"}


def test_documents_are_what_they_say() -> None:
    ids = {d.id for d in REG.documents}
    # pages classed official that copied another site (English Wikipedia, a lexicon, a
    # commercial almanac) are gone: the facts cite the originals or an official page
    assert not ids & {"nfp-drugs-bg-unodc", "steiermark-un", "bpb-iom"}
    assert "United Nations Organization" not in REG["un"].aliases  # seen only on such a copy
    simple = REG.document("wikipedia-simple-oecd")
    assert simple.title == "OECD"
    assert simple.url == "https://simple.wikipedia.org/wiki/OECD"  # not the OEEC's article


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


def test_a_field_a_source_names_holds_a_value() -> None:
    # A citation naming a field supports a value of that field: none is left behind when a
    # value goes, and none names a field the entity does not have.
    stale = []
    for entity in REG:
        names = {f.name for f in fields_of(type(entity))}
        for s in entity.sources:
            stale += [(entity.id, s, f) for f in s.fields if f not in names]
            stale += [
                (entity.id, s, f) for f in s.fields if f in names and _empty(getattr(entity, f))
            ]
        partnership = getattr(entity, "partnership", None)
        if isinstance(partnership, Partnership):
            for s in partnership.sources:
                stale += [(entity.id, s, f) for f in s.fields if _empty(getattr(partnership, f))]
    assert stale == []


@pytest.mark.parametrize(
    ("ident", "field", "document"),
    [
        # audit: values whose citation did not say them, now cited where they are said
        ("iom", "description", "usgov-manual-iom"),  # "headquarters in Geneva"
        ("un-high-level-dialogue-migration-development", "description", "un-hld-2006"),
        ("global-approach-to-migration-and-mobility", "kind", "dg-home-news-gamm-2011"),
        ("coe-eu-joint-programmes", "policy_areas", "coe-cm-2009-52-joint-programmes"),
        (
            "oecd-high-level-policy-forum-migration-integration",
            "participants",
            "oecd-policy-forum-2020",
        ),
        ("unodc", "description", "wikipedia-unodc"),  # was a word-for-word copy of it
        # start dates, each from a page that gives it
        ("african-union", "founded", "britannica-african-union"),
        ("eu", "founded", "cvce-treaty-on-european-union"),
        ("european-commission", "founded", "ec-library-merger-treaty"),
        ("dg-devco", "founded", "unicef-eu-development-aid"),
        ("un-ecosoc", "founded", "un-model-un-structure"),
        ("un-security-council", "founded", "lii-wex-security-council"),
        ("global-approach-to-migration-and-mobility", "adopted", "dg-home-news-gamm-2011"),
        ("coe-eu-joint-programmes", "launched", "coe-cm-2009-52-joint-programmes"),
        ("iom-assisted-voluntary-return-libya", "launched", "iom-vhr-libya-30000"),
        ("unhcr-emergency-transit-mechanism", "launched", "unhcr-niger-etm-2017"),
    ],
)
def test_a_value_cites_the_page_that_says_it(ident: str, field: str, document: str) -> None:
    assert getattr(REG[ident], field)
    sources = [s for s in REG[ident].sources if field in s.fields]
    assert document in {s.document for s in sources}


def test_start_dates() -> None:
    founded = {o.id: str(o.founded) for o in REG.organisations if o.founded}
    assert founded["eu"] == "1993-11-01"
    assert founded["african-union"] == "2002"
    assert founded["european-commission"] == "1967-07-01"
    assert founded["dg-devco"] == "2011-01-03"
    assert founded["un-ecosoc"] == "1946"
    assert founded["un-security-council"] == "1946-01-17"
    launched = {p.id: str(p.launched) for p in REG.programmes if p.launched}
    assert launched["coe-eu-joint-programmes"] == "1993"
    assert launched["iom-assisted-voluntary-return-libya"] == "2005"  # not 2017: IOM began it
    assert launched["unhcr-emergency-transit-mechanism"] == "2017-11"
    gamm = REG["global-approach-to-migration-and-mobility"]
    assert isinstance(gamm, eucoop.Agreement)
    assert str(gamm.adopted) == "2011-11-18"
    # no qualifying page was found for these: left empty rather than guessed
    secretariat, dialogue = REG["un-secretariat"], REG["eu-unhcr-strategic-dialogue"]
    assert isinstance(secretariat, Organisation)
    assert isinstance(dialogue, eucoop.Dialogue)
    assert (secretariat.founded, dialogue.established) == (None, None)


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


def test_the_general_assembly_endorsed_the_gcm_as_the_un_records() -> None:
    """The GCM's endorsement by the General Assembly links it in the graph (data 1.0.1)."""
    gcm = REG["gcm"]
    assert isinstance(gcm, eucoop.Agreement)
    assert gcm.adopted == eucoop.PartialDate("2018-12-10")  # in Marrakech, not by the Assembly
    assert gcm.adopted_by is None
    (endorsed,) = gcm.participants
    assert (endorsed.organisation, endorsed.role) == ("un-general-assembly", eucoop.Role.SUPPORTER)
    assert endorsed.since == eucoop.PartialDate("2018-12-19")
    assert endorsed.note is not None
    assert endorsed.note.startswith("endorsed it")
    cited = {s.document for s in gcm.sources if "participants" in s.fields}
    assert cited == {"un-avl-ga73-gcm-endorsement", "iom-unnm-statement-gcm-endorsement"}
    un = REG.documents["un-avl-ga73-gcm-endorsement"]
    assert urlsplit(un.url or "").hostname == "www.unmultimedia.org"  # the UN's own library
    assert un.publisher == "United Nations"
    assert un.publisher_kind is eucoop.PublisherKind.OFFICIAL
    assert gcm in REG.involving("un-general-assembly")
