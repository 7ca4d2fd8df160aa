"""The packaged dataset states what the source page states, paragraph by paragraph.

One test per paragraph of the source page (document ``dg-home-io``, numbered
as in ``shared/source/paragraphs.tsv``), each asserting the facts that
paragraph gives through the public API, plus checks that every paragraph is
cited and that no citation points past the page's end.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import eucoop
from eucoop import (
    AgreementKind,
    Frequency,
    Money,
    OrganisationKind,
    PartialDate,
    PolicyArea,
    Role,
    Source,
    Standing,
)

PAGE = "dg-home-io"
PARAGRAPHS = range(1, 35)


@pytest.fixture(scope="module")
def reg() -> eucoop.Registry:
    return eucoop.load()


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def paragraphs(sources: tuple[Source, ...]) -> set[int]:
    """The paragraphs of the source page that these citations point at."""
    return {s.paragraph for s in sources if s.document == PAGE and s.paragraph is not None}


def cites(reg: eucoop.Registry, ident: str, paragraph: int, field: str | None = None) -> bool:
    """Whether the entity cites the page's *paragraph* (for *field*, when given)."""
    return paragraph in paragraphs(reg.provenance(ident, field))


def roles(reg: eucoop.Registry, ident: str) -> set[tuple[str, Role]]:
    return {(p.organisation, p.role) for p in reg[ident].participants}


def participant(reg: eucoop.Registry, ident: str, org: str, role: Role) -> eucoop.Participant:
    (found,) = [p for p in reg[ident].participants if p.organisation == org and p.role is role]
    return found


def areas(*names: str) -> frozenset[PolicyArea]:
    return frozenset(PolicyArea(n) for n in names)


# --- coverage -----------------------------------------------------------------


def test_source_document_is_the_page(reg: eucoop.Registry) -> None:
    (doc,) = [doc for doc in reg.documents if doc.id == PAGE]
    assert doc.title == "Collaboration with international organisations"
    assert doc.paragraphs == 34
    assert doc.url == (
        "https://home-affairs.ec.europa.eu/policies/international-affairs/"
        "collaboration-international-organisations_en"
    )


def test_every_paragraph_is_cited(reg: eucoop.Registry) -> None:
    cited: set[int] = set()
    for entity in reg:
        cited |= paragraphs(reg.provenance(entity.id))
    assert set(PARAGRAPHS) <= cited, sorted(set(PARAGRAPHS) - cited)


def test_citations_stay_within_the_page(reg: eucoop.Registry) -> None:
    for entity in reg:
        for source in reg.provenance(entity.id):
            if source.document == PAGE:
                assert source.paragraph in PARAGRAPHS, (entity.id, source)


def test_every_entity_is_sourced(reg: eucoop.Registry) -> None:
    documents = {doc.id for doc in reg.documents}
    for entity in reg:
        assert entity.sources, entity.id
        assert {s.document for s in reg.provenance(entity.id)} <= documents


# --- paragraph by paragraph ---------------------------------------------------


def test_paragraph_01(reg: eucoop.Registry) -> None:
    # The organisations and global processes the EU works with most closely.
    spellings = {
        "United Nations": "un",
        "UN": "un",
        "UNHCR": "unhcr",
        "International Organization for Migration": "iom",
        "IOM": "iom",
        "International Centre for Migration Policy Development": "icmpd",
        "ICMPD": "icmpd",
        "OECD": "oecd",
        "Organisation for Economic Cooperation and Development": "oecd",
        "G7/G8": "g7",
        "G7": "g7",
        "G8": "g7",
        "UN High-level Dialogue on International Migration and Development": (
            "un-high-level-dialogue-migration-development"
        ),
        "Global Forum on Migration and Development": "gfmd",
    }
    for spelling, ident in spellings.items():
        assert reg.lookup(spelling).id == ident, spelling
        assert cites(reg, ident, 1), ident
    for ident in ("un", "icmpd", "g7"):
        partnership = reg[ident].partnership
        assert partnership is not None
        assert partnership.standing is Standing.CLOSE
        assert cites(reg, ident, 1, "partnership.standing")
    assert PolicyArea.MIGRATION in reg["icmpd"].partnership.areas
    assert {PolicyArea.MIGRATION, PolicyArea.ORGANISED_CRIME, PolicyArea.COUNTER_TERRORISM} <= (
        reg["un"].partnership.areas
    )
    # IOM is a related organisation of the UN system, not a UN agency
    summary = reg["un"].partnership.summary
    assert "related organisation of the UN system" in summary
    assert "agenc" not in summary
    assert reg["iom"].kind is OrganisationKind.INTERGOVERNMENTAL_ORGANISATION
    assert reg["unhcr"].kind is OrganisationKind.UN_AGENCY
    assert reg["g7"].kind is OrganisationKind.FORUM


def test_paragraph_02(reg: eucoop.Registry) -> None:
    # UNHCR: consulted on asylum policy; asylum capacity-building and refugee protection.
    partnership = reg["unhcr"].partnership
    assert partnership is not None
    assert partnership.standing is Standing.CLOSE
    assert areas("asylum", "refugee_protection", "capacity_building") <= partnership.areas
    assert cites(reg, "unhcr", 2, "partnership.areas")
    assert cites(reg, "unhcr", 2, "partnership.standing")


def test_paragraph_03(reg: eucoop.Registry) -> None:
    # EU financial support to UNHCR and the annual Strategic Dialogue.
    support = reg["eu-financial-support-unhcr"]
    assert isinstance(support, eucoop.Programme)
    # Syria is named as a crisis the support responds to, not as a place it is delivered in.
    assert set(support.countries) == {"GR", "IT", "TR", "LY"}
    assert "Syria crisis" in support.description
    assert {"Horn of Africa", "Sahel"} <= set(support.regions)
    assert ("eu", Role.FUNDER) in roles(reg, support.id)
    assert support in reg.involving("unhcr")
    assert cites(reg, support.id, 3, "countries")

    dialogue = reg.lookup("Strategic Dialogue")
    assert dialogue.id == "eu-unhcr-strategic-dialogue"
    assert dialogue.frequency is Frequency.ANNUAL
    assert {"eu", "unhcr"} <= {p.organisation for p in dialogue.participants}
    assert cites(reg, dialogue.id, 3, "frequency")
    assert dialogue.policy_areas == frozenset()  # the page names no area for it


def test_paragraph_04(reg: eucoop.Registry) -> None:
    # The Global Compact on Refugees.
    gcr = reg.lookup("GCR")
    assert gcr.id == "gcr"
    assert reg.lookup("Global Compact on Refugees") is gcr
    assert reg.lookup("Refugee Compact") is gcr
    assert gcr.kind is AgreementKind.COMPACT
    assert gcr.legally_binding is False
    assert gcr.adopted == d("2018-12-17")
    assert gcr.adopted_by == "un-general-assembly"
    assert reg.lookup("UN General Assembly").id == "un-general-assembly"
    assert PolicyArea.REFUGEE_PROTECTION in gcr.policy_areas
    assert participant(reg, "gcr", "unhcr", Role.LEAD)
    assert participant(reg, "gcr", "eu", Role.CONTRIBUTOR)
    for field in ("adopted", "adopted_by", "legally_binding", "participants", "aliases"):
        assert cites(reg, "gcr", 4, field), field
    assert cites(reg, "un-general-assembly", 4)


def test_paragraph_05(reg: eucoop.Registry) -> None:
    # IOM is a key partner for implementing migration policies.
    partnership = reg["iom"].partnership
    assert partnership is not None
    assert partnership.standing is Standing.KEY
    assert PolicyArea.MIGRATION in partnership.areas
    assert cites(reg, "iom", 5, "partnership.standing")


def test_paragraph_06(reg: eucoop.Registry) -> None:
    # The framework for strategic partnership with IOM, July 2012.
    framework = reg["eu-iom-strategic-partnership"]
    assert isinstance(framework, eucoop.Agreement)
    assert framework.kind is AgreementKind.PARTNERSHIP_FRAMEWORK
    assert framework.adopted == d("2012-07")
    assert {("european-commission", Role.PARTY), ("eeas", Role.PARTY), ("iom", Role.PARTY)} <= (
        roles(reg, framework.id)
    )
    assert areas("migration", "development", "humanitarian_response", "human_rights") <= (
        framework.policy_areas
    )
    assert reg.lookup("EEAS").name == "European External Action Service"
    assert reg.lookup("European External Action Service").id == "eeas"
    assert "eu-iom-strategic-partnership" in reg["iom"].partnership.formalised_by
    assert cites(reg, framework.id, 6, "adopted")
    assert cites(reg, framework.id, 6, "participants")
    assert cites(reg, "iom", 6, "partnership.formalised_by")


def test_paragraph_07(reg: eucoop.Registry) -> None:
    # The GCM, the New York Declaration and the UN Network on Migration.
    gcm = reg.lookup("GCM")
    assert gcm.id == "gcm"
    assert reg.lookup("Global Compact for Safe, Orderly and Regular Migration") is gcm
    assert gcm.legally_binding is False
    assert gcm.kind is AgreementKind.COMPACT
    assert cites(reg, "gcm", 7, "legally_binding")

    nyd = reg.lookup("New York Declaration for Refugees and Migrants")
    assert nyd.id == "new-york-declaration"
    assert nyd.adopted is not None
    assert nyd.adopted.year == 2016
    assert cites(reg, nyd.id, 7, "adopted")

    network = reg.lookup("UN Migration Network")
    assert network.id == "un-network-on-migration"
    assert network.kind is OrganisationKind.NETWORK
    assert network.member_count == 38
    assert {("iom", Role.COORDINATOR), ("iom", Role.SECRETARIAT)} <= roles(reg, network.id)
    assert network in reg.involving("iom", role=Role.COORDINATOR)
    assert cites(reg, network.id, 7, "member_count")
    assert cites(reg, network.id, 7, "participants")


def test_paragraph_08(reg: eucoop.Registry) -> None:
    # Heading: the Joint Initiative's full title.
    found = reg.lookup("EU-IOM Joint Initiative for Migrant Protection and Reintegration")
    assert found.id == "eu-iom-joint-initiative"
    assert cites(reg, found.id, 8, "name")


def test_paragraph_09(reg: eucoop.Registry) -> None:
    # Launched December 2016; African partner countries, IOM and the EU.
    initiative = reg.lookup("EU-IOM Joint Initiative")
    assert initiative.id == "eu-iom-joint-initiative"
    assert initiative.launched == d("2016-12")
    assert {"iom", "eu"} <= {p.organisation for p in initiative.participants}
    assert PolicyArea.MIGRANT_PROTECTION in initiative.policy_areas
    assert initiative in reg.involving("iom")
    assert cites(reg, initiative.id, 9, "launched")


def test_paragraph_10(reg: eucoop.Registry) -> None:
    # EUR 440 million, 26 African countries, three regions.
    initiative = reg["eu-iom-joint-initiative"]
    assert initiative.budget == Money(Decimal("440000000"), "EUR")
    assert initiative.country_count == 26
    assert initiative.regions == ("Sahel and Lake Chad", "Horn of Africa", "North Africa")
    expected = Source(
        document=PAGE, paragraph=10, fields=("budget", "country_count", "regions", "description")
    )
    assert expected in reg.provenance("eu-iom-joint-initiative", "budget")
    assert cites(reg, initiative.id, 10, "country_count")
    assert cites(reg, initiative.id, 10, "regions")
    assert "EUR 440 million" in initiative.description
    assert cites(reg, initiative.id, 10, "description")


def test_paragraph_11(reg: eucoop.Registry) -> None:
    # "The main areas of activity include:" -- six bullets follow.
    initiative = reg["eu-iom-joint-initiative"]
    assert len(initiative.activities) == 6
    assert cites(reg, initiative.id, 11, "activities")


def _activity(reg: eucoop.Registry, paragraph: int, word: str) -> None:
    initiative = reg["eu-iom-joint-initiative"]
    assert any(word in a.lower() for a in initiative.activities), word
    assert cites(reg, initiative.id, paragraph, "activities")


def test_paragraph_12(reg: eucoop.Registry) -> None:
    _activity(reg, 12, "stranded")
    _activity(reg, 12, "return")


def test_paragraph_13(reg: eucoop.Registry) -> None:
    _activity(reg, 13, "reintegration")
    assert PolicyArea.RETURN_AND_REINTEGRATION in reg["eu-iom-joint-initiative"].policy_areas
    assert cites(reg, "eu-iom-joint-initiative", 13, "policy_areas")


def test_paragraph_14(reg: eucoop.Registry) -> None:
    _activity(reg, 14, "governance")
    assert PolicyArea.CAPACITY_BUILDING in reg["eu-iom-joint-initiative"].policy_areas
    assert cites(reg, "eu-iom-joint-initiative", 14, "policy_areas")


def test_paragraph_15(reg: eucoop.Registry) -> None:
    _activity(reg, 15, "information")


def test_paragraph_16(reg: eucoop.Registry) -> None:
    _activity(reg, 16, "data")
    assert PolicyArea.MIGRATION_DATA in reg["eu-iom-joint-initiative"].policy_areas
    assert cites(reg, "eu-iom-joint-initiative", 16, "policy_areas")


def test_paragraph_17(reg: eucoop.Registry) -> None:
    _activity(reg, 17, "internally displaced")
    assert PolicyArea.PEACE_AND_STABILITY in reg["eu-iom-joint-initiative"].policy_areas
    assert cites(reg, "eu-iom-joint-initiative", 17, "policy_areas")


def test_paragraph_18(reg: eucoop.Registry) -> None:
    # Heading: the taskforce's full title.
    found = reg.lookup("African-Union-EU-UN Taskforce to address the Migrant Situation in Libya")
    assert found.id == "au-eu-un-libya-taskforce"
    assert isinstance(found, eucoop.Programme)
    assert cites(reg, found.id, 18, "name")
    assert not cites(reg, found.id, 18, "aliases")  # the heading gives only the full title


def test_paragraph_19(reg: eucoop.Registry) -> None:
    # Abidjan, November 2017: AU, EU and UN set up the taskforce on Libya.
    taskforce = reg["au-eu-un-libya-taskforce"]
    assert taskforce.launched == d("2017-11")
    assert taskforce.countries == ("LY",)
    assert {("african-union", Role.FOUNDER), ("eu", Role.FOUNDER), ("un", Role.FOUNDER)} <= (
        roles(reg, taskforce.id)
    )
    assert "Abidjan" in taskforce.description
    assert taskforce in reg.involving("african-union")
    assert cites(reg, taskforce.id, 19)
    assert "Joint Taskforce" in taskforce.aliases
    assert cites(reg, taskforce.id, 19, "aliases")

    assert reg.lookup("International Organisation for Migration").id == "iom"
    returns = reg["iom-assisted-voluntary-return-libya"]
    assert ("iom", Role.IMPLEMENTER) in roles(reg, returns.id)
    assert "LY" in returns.countries
    etm = reg["unhcr-emergency-transit-mechanism"]
    assert ("unhcr", Role.IMPLEMENTER) in roles(reg, etm.id)
    assert cites(reg, returns.id, 19)
    assert cites(reg, etm.id, 19)


def test_paragraph_20(reg: eucoop.Registry) -> None:
    # Heading "Other United Nations agencies": UNODC belongs to the UN.
    unodc = reg["unodc"]
    assert cites(reg, "unodc", 20)
    chain = []
    parent = unodc.parent
    while parent is not None:
        chain.append(parent)
        parent = reg[parent].parent
    assert chain[-1] == "un"


def test_paragraph_21(reg: eucoop.Registry) -> None:
    # UNODC: the EU's principal partner on drugs and crime; letters of exchange, January 2005.
    unodc = reg.lookup("UN Office on Drugs and Crime")
    assert unodc.id == "unodc"
    assert reg.lookup("UNODC") is unodc
    partnership = unodc.partnership
    assert partnership is not None
    assert partnership.standing is Standing.PRINCIPAL
    assert partnership.areas == areas(
        "drugs", "organised_crime", "corruption", "firearms", "money_laundering"
    )
    # The cooperation is long-standing; January 2005 is when the letters formalised it,
    # so the partnership has no start date of its own (as IOM's, formalised in July 2012).
    assert partnership.since is None
    assert reg["iom"].partnership.since is None
    assert partnership.formalised_by == ("eu-unodc-letters-of-exchange",)
    assert unodc in reg.partners(standing="principal")
    for field in ("standing", "areas", "formalised_by"):
        assert cites(reg, "unodc", 21, f"partnership.{field}"), field

    letters = reg["eu-unodc-letters-of-exchange"]
    assert letters.kind is AgreementKind.LETTERS_OF_EXCHANGE
    assert letters.adopted == d("2005-01")
    unodc_side = participant(reg, letters.id, "unodc", Role.SIGNATORY)
    commission_side = participant(reg, letters.id, "european-commission", Role.SIGNATORY)
    assert "Executive Director" in unodc_side.note
    assert "Justice, Freedom and Security" in commission_side.note
    assert cites(reg, letters.id, 21)


def test_paragraph_22(reg: eucoop.Registry) -> None:
    # Senior Officials Meeting, Operational Exchange Meeting, working-level meetings.
    som = reg.lookup("Senior Officials Meeting")
    assert som.id == "eu-unodc-senior-officials-meeting"
    assert som.frequency is Frequency.ANNUAL
    assert set(som.venues) == {"Brussels", "Vienna"}
    assert {("eeas", Role.LEAD), ("unodc", Role.PARTICIPANT)} <= roles(reg, som.id)

    oem = reg.lookup("Operational Exchange Meeting")
    assert oem.id == "eu-unodc-operational-exchange-meeting"
    assert oem.frequency is Frequency.ANNUAL
    assert ("dg-devco", Role.LEAD) in roles(reg, oem.id)
    assert reg.lookup("DG DEVCO").id == "dg-devco"
    assert reg["dg-devco"].parent == "european-commission"

    working = reg["eu-unodc-working-level-meetings"]
    assert {"Brussels", "Vienna"} <= set(working.venues)
    assert working.frequency is None  # "numerous" says how many, not how often
    assert working in reg.involving("unodc")
    for ident in (som.id, oem.id, working.id):
        assert cites(reg, ident, 22), ident
    summary = reg["unodc"].partnership.summary
    assert "frequent" not in summary
    assert "working-level meetings" in summary


def test_paragraph_23(reg: eucoop.Registry) -> None:
    # The EU in the CCPCJ and CND; a full party (REIO) to UNTOC and UNCAC.
    assert reg.lookup("UN CCPCJ").id == "ccpcj"
    assert reg.lookup("UN Commission on Crime Prevention and Criminal Justice").id == "ccpcj"
    assert reg.lookup("UN CND").id == "cnd"
    assert reg.lookup("UN Commission on Narcotic Drugs").id == "cnd"
    for ident in ("ccpcj", "cnd"):
        assert ("eu", Role.PARTICIPANT) in roles(reg, ident)
        assert cites(reg, ident, 23, "participants")
    for acronym, ident in (("UNTOC", "untoc"), ("UNCAC", "uncac")):
        convention = reg.lookup(acronym)
        assert convention.id == ident
        assert convention.kind is AgreementKind.CONVENTION
        party = participant(reg, ident, "eu", Role.PARTY)
        assert party.since is None
        assert "REIO" in party.note
        assert cites(reg, ident, 23, "participants")
    assert (
        reg.lookup("United Nations Convention against Transnational Organized Crime").id == "untoc"
    )
    assert reg.lookup("United Nations Convention against Corruption").id == "uncac"
    assert {"untoc", "uncac"} <= {e.id for e in reg.involving("eu", role=Role.PARTY)}


def test_paragraph_24(reg: eucoop.Registry) -> None:
    # Counter-terrorism: the CTC framework, UNOCT and UNCTED.
    ctc = reg.lookup("CTC")
    assert ctc.id == "ctc"
    assert reg.lookup("UN Counter-Terrorism Committee") is ctc
    assert cites(reg, "ctc", 24)
    framework = ctc.partnership
    assert framework is not None
    assert framework.standing is None  # the page ranks UNOCT, not the CTC
    assert framework.areas == areas("counter_terrorism")
    assert "framework" in framework.summary
    assert cites(reg, "ctc", 24, "partnership.summary")
    unoct = reg.lookup("UNOCT")
    assert unoct.id == "unoct"
    assert reg.lookup("UN Office on Counter-Terrorism") is unoct
    assert unoct.partnership is not None
    assert unoct.partnership.standing is Standing.CLOSE
    assert PolicyArea.COUNTER_TERRORISM in unoct.partnership.areas
    assert cites(reg, "unoct", 24, "partnership.standing")
    cted = reg.lookup("UNCTED")
    assert cted.id == "cted"
    assert reg.lookup("UN Counter-Terrorism Executive Directorate") is cted
    assert cted.parent == "ctc"
    assert cites(reg, "cted", 24)


def test_paragraph_25(reg: eucoop.Registry) -> None:
    # Heading naming the High-level Dialogue and the Global Forum.
    hld = reg.lookup("High-level Dialogue on International Migration and Development")
    assert hld.id == "un-high-level-dialogue-migration-development"
    assert isinstance(hld, eucoop.Dialogue)
    assert isinstance(reg["gfmd"], eucoop.Dialogue)
    assert cites(reg, hld.id, 25, "name")
    assert cites(reg, "gfmd", 25, "name")


def test_paragraph_26(reg: eucoop.Registry) -> None:
    # GAMM; the second HLD, organised by the UN General Assembly on 3-4 October 2013.
    gamm = reg.lookup("Global Approach to Migration and Mobility")
    assert gamm.id == "global-approach-to-migration-and-mobility"
    assert gamm.kind is AgreementKind.POLICY_FRAMEWORK
    assert cites(reg, gamm.id, 26)
    # paragraph 26 says only that it lets the EU speak with one voice: the kind is cited elsewhere
    assert not cites(reg, gamm.id, 26, "kind")
    assert [s.document for s in reg.provenance(gamm.id, "kind")] == ["dg-home-news-gamm-2011"]
    # how the EU speaks at the two forums, said where it takes part in them
    found = reg.search("Global Approach to Migration and Mobility").ids
    for forum in ("un-high-level-dialogue-migration-development", "gfmd"):
        eu_part = participant(reg, forum, "eu", Role.PARTICIPANT)
        assert "Global Approach to Migration and Mobility" in (eu_part.note or ""), forum
        assert forum in found
        # a relation, not only prose: the participation is under the framework, cited to 26
        assert eu_part.framework == gamm.id, forum
        assert cites(reg, forum, 26, "participants")

    hld = reg["un-high-level-dialogue-migration-development"]
    second = [s for s in hld.sessions if s.start == d("2013-10-03")]
    assert len(second) == 1
    assert second[0].end == d("2013-10-04")
    assert ("un-general-assembly", Role.ORGANISER) in roles(reg, hld.id)
    assert cites(reg, hld.id, 26, "sessions")
    # the page puts the EU at the second Dialogue, not at the first (2006)
    eu = participant(reg, hld.id, "eu", Role.PARTICIPANT)
    assert (eu.since, eu.until) == (d("2013-10-03"), d("2013-10-04"))
    assert not eu.active_on("2006-09-14")
    assert cites(reg, hld.id, 26, "participants")
    assert ("eu", Role.PARTICIPANT) in roles(reg, "gfmd")
    assert cites(reg, "gfmd", 26, "participants")
    # the Global Forum has no permanent venue: Brussels hosted its first meeting
    gfmd = reg["gfmd"]
    assert gfmd.venues == ()
    assert gfmd.sessions[0].place == "Brussels"


def test_paragraph_27(reg: eucoop.Registry) -> None:
    # The Commission Communication on Maximising the Development Impact of Migration, May 2013.
    communication = reg.lookup("Maximising the Development Impact of Migration")
    assert communication.id == "communication-development-impact-of-migration"
    assert communication.kind is AgreementKind.COMMUNICATION
    assert communication.adopted == d("2013-05")
    assert communication.adopted_by == "european-commission"
    assert areas("migration", "development") <= communication.policy_areas
    assert cites(reg, communication.id, 27, "adopted")
    assert cites(reg, "european-commission", 27)


def test_paragraph_28(reg: eucoop.Registry) -> None:
    # Heading "Council of Europe".
    coe = reg.lookup("Council of Europe")
    assert coe.id == "council-of-europe"
    assert cites(reg, coe.id, 28)


def test_paragraph_29(reg: eucoop.Registry) -> None:
    # Shared values: human rights, democracy and the rule of law.
    partnership = reg["council-of-europe"].partnership
    assert partnership is not None
    assert partnership.areas == areas("human_rights", "democracy", "rule_of_law")
    assert cites(reg, "council-of-europe", 29, "partnership.areas")
    # "a long tradition of co-operation" ranks nothing: the partnership is unranked
    assert partnership.standing is None
    assert "much of it" not in partnership.summary.lower()  # the page gives no share


def test_paragraph_30(reg: eucoop.Registry) -> None:
    # GRECO: the EU an observer since July 2019.
    greco = reg.lookup("Group of States against Corruption")
    assert greco.id == "greco"
    assert reg.lookup("GRECO") is greco
    assert greco.parent == "council-of-europe"
    assert greco.kind is OrganisationKind.MONITORING_BODY
    observer = participant(reg, "greco", "eu", Role.OBSERVER)
    assert observer.since == d("2019-07")
    assert greco in reg.involving("eu", role=Role.OBSERVER)
    assert greco.partnership is not None
    assert areas("corruption", "rule_of_law") <= greco.partnership.areas
    assert cites(reg, "greco", 30, "participants")
    assert cites(reg, "greco", 30, "partnership.areas")


def test_paragraph_31(reg: eucoop.Registry) -> None:
    # Joint programmes: the EU funds most, the Council of Europe implements.
    programmes = reg["coe-eu-joint-programmes"]
    assert isinstance(programmes, eucoop.Programme)
    assert {("eu", Role.FUNDER), ("council-of-europe", Role.IMPLEMENTER)} <= roles(
        reg, programmes.id
    )
    assert programmes in reg.involving("council-of-europe", role=Role.IMPLEMENTER)
    assert cites(reg, programmes.id, 31)
    # paragraph 31 says only "shared goals": the areas come from the Council of Europe's paper
    assert not cites(reg, programmes.id, 31, "policy_areas")
    assert not cites(reg, programmes.id, 29)
    assert [s.document for s in reg.provenance(programmes.id, "policy_areas")] == [
        "coe-cm-2009-52-joint-programmes"
    ]


def test_paragraph_32(reg: eucoop.Registry) -> None:
    # OECD: key partner on migration; IMO reports; labour migration and integration.
    partnership = reg["oecd"].partnership
    assert partnership is not None
    assert partnership.standing is Standing.KEY
    assert areas("migration", "labour_migration", "integration", "migration_data") <= (
        partnership.areas
    )
    assert cites(reg, "oecd", 32, "partnership.standing")
    cooperation = reg["oecd-eu-migration-cooperation"]
    assert any("IMO" in a for a in cooperation.activities)
    assert cites(reg, cooperation.id, 32, "activities")
    assert cites(reg, cooperation.id, 32, "policy_areas")  # monitoring flows: migration data


def test_paragraph_33(reg: eucoop.Registry) -> None:
    # OECD and Commission joint reports: Settling In 2018, EU Talent pool.
    cooperation = reg["oecd-eu-migration-cooperation"]
    assert {"oecd", "european-commission"} <= {p.organisation for p in cooperation.participants}
    assert any("Settling In" in a and "2018" in a for a in cooperation.activities)
    assert any("Talent pool" in a for a in cooperation.activities)
    assert cooperation in reg.involving("oecd")
    assert cites(reg, cooperation.id, 33)
    assert cites(reg, cooperation.id, 33, "activities")  # the joint reports
    (para_33,) = [s for s in cooperation.sources if s.paragraph == 33]
    assert para_33.fields  # names what it supports: not the IMO reports of paragraph 32


def test_paragraph_34(reg: eucoop.Registry) -> None:
    # 16 January 2020 forum, ministerial meeting the day after.
    forum = reg.lookup("High level Policy Forum on Migration and Integration")
    assert forum.id == "oecd-high-level-policy-forum-migration-integration"
    assert isinstance(forum, eucoop.Dialogue)
    assert [s.start for s in forum.sessions] == [d("2020-01-16"), d("2020-01-17")]
    assert forum.established == d("2020-01-16")
    assert cites(reg, forum.id, 34, "sessions")
    # The paragraph names no organiser, and it sits under the page's heading "Council of
    # Europe" (28), not under one on the OECD: the organiser comes from the OECD's own page.
    organiser = participant(reg, forum.id, "oecd", Role.ORGANISER)
    assert "page's structure" not in (organiser.note or "")
    assert forum in reg.involving("OECD")
    assert [s.document for s in reg.provenance(forum.id, "participants")] == [
        "oecd-policy-forum-2020"
    ]
    assert not cites(reg, forum.id, 34, "participants")
    assert not cites(reg, forum.id, 32)
    assert "section on the OECD" not in (forum.description or "")
