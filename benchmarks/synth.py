"""A fast, deterministic generator of large, valid eucoop data files.

``make_dataset(n_entities, seed=0)`` returns a parsed data file (a dict in the
data-file format of DESIGN.md) holding exactly *n_entities* entities of the
four kinds, plus a few documents they cite. It is referentially consistent:
parents form a forest, participants, ``adopted_by`` and ``formalised_by``
name existing organisations and agreements, citations point inside their
documents, dates come in order. Ids are unique, and so is every lookup key
(id, name, acronym, alias) after case and accent folding: each name carries
the entity's number.

Optional fields are filled about half the time; text is drawn from a
vocabulary with a Zipf-like frequency, so some words are common and most are
rare, as in real prose. The same *seed* always gives the same data.
"""

from __future__ import annotations

import calendar
import itertools
import json
import random
from importlib.resources import files
from typing import Any

import attrs

from eucoop import (
    Agreement,
    AgreementKind,
    Dialogue,
    Frequency,
    Organisation,
    OrganisationKind,
    Partnership,
    PolicyArea,
    Programme,
    Role,
    Standing,
)

__all__ = ["COMMON_WORDS", "HUBS", "VOCABULARY", "iso_codes", "kind_counts", "make_dataset"]

#: Real words, most frequent first; accented ones exercise folding.
COMMON_WORDS = [
    "migration",
    "cooperation",
    "support",
    "international",
    "regional",
    "development",
    "partners",
    "protection",
    "asylum",
    "refugees",
    "return",
    "reintegration",
    "labour",
    "mobility",
    "border",
    "management",
    "capacity",
    "building",
    "data",
    "governance",
    "security",
    "crime",
    "justice",
    "rights",
    "humanitarian",
    "response",
    "dialogue",
    "framework",
    "programme",
    "initiative",
    "network",
    "policy",
    "strategy",
    "trafficking",
    "smuggling",
    "corruption",
    "firearms",
    "drugs",
    "terrorism",
    "integration",
    "communities",
    "displacement",
    "resilience",
    "stability",
    "peace",
    "democracy",
    "coopération",
    "développement",
    "sécurité",
    "région",
    "réfugiés",
    "intégration",
    "observatory",
    "secretariat",
    "council",
    "committee",
    "assembly",
    "commission",
    "forum",
    "task",
    "force",
    "facility",
    "fund",
    "trust",
    "platform",
    "process",
    "partnership",
    "compact",
    "convention",
    "declaration",
    "resolution",
    "statement",
    "action",
    "plan",
    "mechanism",
    "centre",
    "training",
    "research",
    "monitoring",
    "evaluation",
    "reporting",
    "exchange",
    "expertise",
    "legal",
    "pathways",
    "diaspora",
    "remittances",
    "climate",
    "environment",
    "health",
    "education",
    "youth",
    "women",
    "children",
    "victims",
    "survivors",
    "prevention",
    "prosecution",
    "investigation",
    "evidence",
]

_SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ten",
    "sul",
    "var",
    "bel",
    "dor",
    "fin",
    "gal",
    "hes",
    "jor",
    "lun",
    "mar",
    "nel",
    "pol",
    "qui",
    "ros",
    "tav",
    "ulm",
    "vin",
    "wes",
    "xan",
    "yor",
    "zel",
    "bra",
    "cre",
    "dru",
]


def _pseudo_words() -> list[str]:
    out = []
    for a, b, c in itertools.product(_SYLLABLES, repeat=3):
        out.append(a + b + c)
        if len(out) == 1500:
            break
    return out


#: Every word text is made of: the real words, then a long tail of made-up ones.
VOCABULARY: tuple[str, ...] = (*COMMON_WORDS, *_pseudo_words())
_CUM_WEIGHTS = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(VOCABULARY))))

_CITIES = [
    "Geneva",
    "Brussels",
    "Vienna",
    "Paris",
    "Strasbourg",
    "New York",
    "Rome",
    "Nairobi",
    "Addis Ababa",
    "Rabat",
    "Tunis",
    "Dakar",
    "Niamey",
    "Khartoum",
    "Valletta",
    "Malmö",
    "Zürich",
    "Kraków",
    "Bogotá",
]
_REGIONS = (
    "Sahel",
    "Horn of Africa",
    "North Africa",
    "West Africa",
    "Western Balkans",
    "Eastern Partnership",
    "Middle East",
    "Central Asia",
    "Latin America",
    "Caribbean",
    "Pacific",
    "Asia",
)
_ORG_WORDS = ("Council", "Agency", "Organisation", "Office", "Network", "Group", "Union")
_AGR_WORDS = ("Convention", "Compact", "Declaration", "Framework", "Protocol", "Agreement")
_DLG_WORDS = ("Dialogue", "Forum", "Conference", "Summit", "Process", "Meeting")
_PRG_WORDS = ("Programme", "Initiative", "Facility", "Task Force", "Fund", "Project")

#: How many of the first organisations are "hubs" that take part in much (like the EU or IOM).
HUBS = 10

_ENUM_VALUES: dict[type, list[str]] = {
    e: [m.value for m in e]
    for e in (AgreementKind, Frequency, OrganisationKind, PolicyArea, Role, Standing)
}


def _field_names(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls)]


_FIELDS: dict[type, list[str]] = {
    cls: _field_names(cls) for cls in (Organisation, Agreement, Dialogue, Programme)
}
_PARTNERSHIP_FIELDS = _field_names(Partnership)


def iso_codes() -> tuple[list[str], list[str]]:
    """The ISO 3166-1 alpha-2 country and ISO 4217 currency codes eucoop accepts, sorted."""
    raw = json.loads(files("eucoop.data").joinpath("_iso.json").read_bytes())
    return sorted(raw["countries"]), sorted(raw["currencies"])


def kind_counts(n_entities: int) -> tuple[int, int, int, int]:
    """How many organisations, agreements, dialogues and programmes *n_entities* makes."""
    if n_entities < 1:
        msg = "need at least one entity (an organisation)"
        raise ValueError(msg)
    orgs = max(1, n_entities * 25 // 100)
    agreements = min(n_entities - orgs, n_entities * 20 // 100)
    dialogues = min(n_entities - orgs - agreements, n_entities * 20 // 100)
    return orgs, agreements, dialogues, n_entities - orgs - agreements - dialogues


class _Gen:
    def __init__(self, n_entities: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.countries, self.currencies = iso_codes()
        self.n_org, self.n_agr, self.n_dlg, self.n_prg = kind_counts(n_entities)
        self.orgs = [f"org-{i}" for i in range(self.n_org)]
        self.agreements = [f"agr-{i}" for i in range(self.n_agr)]
        self.hubs = self.orgs[:HUBS]
        self.number = 0  # a global running number: makes every lookup key unique
        self.docs: dict[str, int | None] = {}
        self.doc_ids: list[str] = []

    # -- small values -------------------------------------------------------------

    def chance(self, p: float = 0.5) -> bool:
        return self.rng.random() < p

    def words(self, k: int) -> list[str]:
        return self.rng.choices(VOCABULARY, cum_weights=_CUM_WEIGHTS, k=k)

    def sentence(self, lo: int, hi: int) -> str:
        text = " ".join(self.words(self.rng.randint(lo, hi)))
        return text[0].upper() + text[1:] + "."

    def title(self, k: int) -> str:
        return " ".join(w.capitalize() for w in self.words(k))

    def date(self, lo: int = 1945, hi: int = 2024) -> tuple[str, int]:
        """An ISO partial date and its year."""
        rng = self.rng
        year = rng.randint(lo, hi)
        r = rng.random()
        if r < 0.4:
            return f"{year:04d}", year
        month = rng.randint(1, 12)
        if r < 0.7:
            return f"{year:04d}-{month:02d}", year
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        return f"{year:04d}-{month:02d}-{day:02d}", year

    def later(self, year: int) -> str:
        """A date in a later year than *year*: always after any date within it."""
        return self.date(year + 1, year + self.rng.randint(1, 15))[0]

    def areas(self, most: int = 3) -> list[str]:
        k = self.rng.randint(0, most)
        return self.rng.sample(_ENUM_VALUES[PolicyArea], k)

    def enum(self, cls: type) -> str:
        return self.rng.choice(_ENUM_VALUES[cls])

    def sources(self, fields: list[str], lo: int = 1, hi: int = 3) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for _ in range(rng.randint(lo, hi)):
            doc = rng.choice(self.doc_ids)
            src: dict[str, Any] = {"document": doc}
            total = self.docs[doc]
            if total is not None and self.chance(0.7):
                src["paragraph"] = rng.randint(1, total)
            if self.chance(0.4):
                src["fields"] = rng.sample(fields, rng.randint(1, 2))
            out.append(src)
        return out

    def participants(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for _ in range(rng.choices((0, 1, 2, 3, 4), (25, 30, 25, 12, 8))[0]):
            org = rng.choice(self.hubs) if self.chance(0.2) else rng.choice(self.orgs)
            p: dict[str, Any] = {"organisation": org, "role": self.enum(Role)}
            if self.chance(0.4):
                p["since"], year = self.date(1990)
                if self.chance(0.4):
                    p["until"] = self.later(year)
            if self.chance(0.2):
                p["note"] = self.sentence(3, 8)
            out.append(p)
        return out

    # -- entities ------------------------------------------------------------------

    def common(self, ident: str, cls: type, kind_words: tuple[str, ...]) -> dict[str, Any]:
        rng = self.rng
        self.number += 1
        n = self.number
        head = self.title(rng.randint(1, 3))
        name = f"{head} {rng.choice(kind_words)} {n}"
        e: dict[str, Any] = {"id": ident, "name": name}
        if self.chance(0.6):
            initials = "".join(w[0] for w in name.split()[:-1] if w[0].isalpha())
            e["acronym"] = f"{initials.upper()}{n}"
        if self.chance(0.4):
            e["aliases"] = [f"{self.title(2)} No. {n}.{k}" for k in range(1, rng.randint(1, 2) + 1)]
        if self.chance(0.6):
            e["description"] = self.sentence(8, 30)
        areas = self.areas()
        if areas:
            e["policy_areas"] = areas
        parts = self.participants()
        if parts:
            e["participants"] = parts
        e["sources"] = self.sources(_FIELDS[cls])
        return e

    def organisation(self, i: int) -> dict[str, Any]:
        rng = self.rng
        e = self.common(self.orgs[i], Organisation, _ORG_WORDS)
        e["kind"] = self.enum(OrganisationKind)
        if i >= HUBS and self.chance(0.4):
            e["parent"] = self.orgs[rng.randrange(i)]  # an earlier one: a forest, no cycles
        if self.chance(0.6):
            e["founded"] = self.date()[0]
        if self.chance():
            e["headquarters"] = rng.choice(_CITIES)
        if self.chance():
            e["country"] = rng.choice(self.countries)
        if self.chance():
            e["website"] = f"https://example.org/{e['id']}"
        if self.chance(0.4):
            e["member_count"] = rng.randint(2, 200)
        if i < HUBS or self.chance(0.4):
            e["partnership"] = self.partnership()
        return e

    def partnership(self) -> dict[str, Any]:
        rng = self.rng
        p: dict[str, Any] = {}
        if self.chance(0.7):
            p["standing"] = self.enum(Standing)
        areas = self.areas()
        if areas:
            p["areas"] = areas
        if self.chance():
            p["since"] = self.date(1990)[0]
        if self.agreements and self.chance():
            p["formalised_by"] = rng.sample(self.agreements, min(len(self.agreements), 2))
        if self.chance():
            p["summary"] = self.sentence(10, 30)
        if self.chance():
            p["sources"] = self.sources(_PARTNERSHIP_FIELDS)
        return p

    def agreement(self, i: int) -> dict[str, Any]:
        rng = self.rng
        e = self.common(self.agreements[i], Agreement, _AGR_WORDS)
        e["kind"] = self.enum(AgreementKind)
        if self.chance():
            e["legally_binding"] = self.chance()
        year = None
        if self.chance(0.7):
            e["adopted"], year = self.date()
        if self.chance(0.4):
            e["in_force"] = self.later(year) if year is not None else self.date()[0]
        if self.chance(0.4):
            e["adopted_by"] = rng.choice(self.orgs)
        return e

    def dialogue(self, i: int) -> dict[str, Any]:
        rng = self.rng
        e = self.common(f"dlg-{i}", Dialogue, _DLG_WORDS)
        if self.chance(0.7):
            e["frequency"] = self.enum(Frequency)
        sessions = []
        for _ in range(rng.choices((0, 1, 2, 3, 5), (30, 25, 20, 15, 10))[0]):
            start, year = self.date(1980)
            s: dict[str, Any] = {"start": start}
            if self.chance(0.3):
                s["end"] = self.later(year)
            if self.chance():
                s["place"] = rng.choice(_CITIES)
            if self.chance(0.2):
                s["note"] = self.sentence(3, 8)
            sessions.append(s)
        if sessions:
            e["sessions"] = sessions
        if self.chance(0.4):
            e["venues"] = rng.sample(_CITIES, rng.randint(1, 2))
        return e

    def programme(self, i: int) -> dict[str, Any]:
        rng = self.rng
        e = self.common(f"prg-{i}", Programme, _PRG_WORDS)
        year = None
        if self.chance(0.7):
            e["launched"], year = self.date(1990)
        if self.chance(0.3):
            e["ended"] = self.later(year) if year is not None else self.date()[0]
        if self.chance():
            cents = f".{rng.randint(0, 99):02d}" if self.chance(0.2) else ""
            currency = "EUR" if self.chance(0.8) else rng.choice(self.currencies)
            e["budget"] = {
                "amount": f"{rng.randint(10_000, 900_000_000)}{cents}",
                "currency": currency,
            }
        if self.chance():
            e["countries"] = rng.sample(self.countries, rng.randint(1, 5))
        if self.chance(0.3):
            e["country_count"] = rng.randint(1, 60)
        if self.chance(0.4):
            e["regions"] = rng.sample(_REGIONS, rng.randint(1, 2))
        if self.chance():
            e["activities"] = [self.sentence(3, 10) for _ in range(rng.randint(1, 4))]
        return e

    def documents(self) -> list[dict[str, Any]]:
        out = []
        for i in range(5):
            ident = f"doc-{i}"
            paragraphs = None if i == 4 else self.rng.randint(20, 200)
            self.docs[ident] = paragraphs
            self.doc_ids.append(ident)
            d: dict[str, Any] = {
                "id": ident,
                "title": self.title(5),
                "publisher": "Synthetic Publications Office",
                "url": f"https://example.org/doc/{i}",
            }
            if paragraphs is not None:
                d["paragraphs"] = paragraphs
            if self.chance():
                d["language"] = "en"
            if self.chance():
                d["accessed"] = self.date(2020)[0]
            out.append(d)
        return out

    def dataset(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "documents": self.documents(),
            "organisations": [self.organisation(i) for i in range(self.n_org)],
            "agreements": [self.agreement(i) for i in range(self.n_agr)],
            "dialogues": [self.dialogue(i) for i in range(self.n_dlg)],
            "programmes": [self.programme(i) for i in range(self.n_prg)],
        }


def make_dataset(n_entities: int, seed: int = 0) -> dict[str, Any]:
    """A valid data file with exactly *n_entities* entities (and five documents).

    >>> data = make_dataset(40)
    >>> sum(len(data[k]) for k in ("organisations", "agreements", "dialogues", "programmes"))
    40
    """
    return _Gen(n_entities, seed).dataset()
