"""Hypothesis strategies: value types, entities, and whole valid data files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from eucoop import (
    Agreement,
    AgreementKind,
    Dialogue,
    Frequency,
    Organisation,
    OrganisationKind,
    PartialDate,
    Partnership,
    PolicyArea,
    Programme,
    Role,
    Standing,
)
from eucoop._loading import iso_codes

#: Settings for properties over whole generated data files: each example builds and
#: loads a file, so they take fewer examples than the value-type properties. The
#: "thorough" profile (HYPOTHESIS_PROFILE=thorough) still runs them in the thousands.
_examples = settings().max_examples
whole_files = settings(
    max_examples=_examples // 2 if _examples > 200 else min(100, _examples),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

COUNTRIES = sorted(iso_codes()["countries"])
CURRENCIES = sorted(iso_codes()["currencies"])

text = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")


@st.composite
def partial_dates(draw: st.DrawFn, lo: int = 1900, hi: int = 2030) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(lo, 1, 1), max_value=dt.date(hi, 12, 31)))
    cut = draw(st.integers(0, 2))
    return PartialDate(day.year, day.month if cut else None, day.day if cut == 2 else None)


@st.composite
def date_pair(draw: st.DrawFn) -> tuple[PartialDate | None, PartialDate | None]:
    a = draw(st.none() | partial_dates())
    b = draw(st.none() | partial_dates())
    if a is not None and b is not None and b.end < a.start:
        a, b = b, a
    return a, b


money = st.builds(
    lambda amount, currency: {"amount": str(amount), "currency": currency},
    st.decimals(min_value=0, max_value=Decimal(10) ** 12, allow_nan=False, places=2),
    st.sampled_from(CURRENCIES),
)


def _fields(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls)]


@st.composite
def sources(draw: st.DrawFn, docs: dict[str, int | None], cls: type) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        doc = draw(st.sampled_from(sorted(docs)))
        src: dict[str, Any] = {"document": doc}
        total = docs[doc]
        if total is not None and draw(st.booleans()):
            src["paragraph"] = draw(st.integers(1, total))
        fields = draw(st.lists(st.sampled_from(_fields(cls)), max_size=3, unique=True))
        if fields:
            src["fields"] = fields
        out.append(src)
    return out


@st.composite
def participants(draw: st.DrawFn, orgs: list[str]) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        p: dict[str, Any] = {
            "organisation": draw(st.sampled_from(orgs)),
            "role": draw(st.sampled_from(Role)).value,
        }
        since, until = draw(date_pair())
        if since:
            p["since"] = str(since)
        if until:
            p["until"] = str(until)
        if draw(st.booleans()):
            p["note"] = draw(text)
        out.append(p)
    return out


@st.composite
def common(
    draw: st.DrawFn, ident: str, cls: type, docs: dict[str, int | None], orgs: list[str]
) -> dict[str, Any]:
    e: dict[str, Any] = {"id": ident, "name": f"Name of {ident}"}
    if draw(st.booleans()):
        e["acronym"] = f"ACR {ident.upper()}"
    aliases = draw(st.integers(0, 2))
    if aliases:
        e["aliases"] = [f"Alias {i} of {ident}" for i in range(aliases)]
    if draw(st.booleans()):
        e["description"] = draw(text)
    areas = draw(st.lists(st.sampled_from(PolicyArea), max_size=3, unique=True))
    if areas:
        e["policy_areas"] = [a.value for a in areas]
    parts = draw(participants(orgs))
    if parts:
        e["participants"] = parts
    e["sources"] = draw(sources(docs, cls))
    return e


def _opt(draw: st.DrawFn, e: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    value = draw(st.none() | strategy)
    if value is not None:
        e[key] = value


@st.composite
def data_files(draw: st.DrawFn, max_each: int = 3) -> dict[str, Any]:  # noqa: PLR0915
    """A valid, referentially consistent data file using every field."""
    n_docs = draw(st.integers(1, 3))
    docs: dict[str, int | None] = {
        f"doc-{i}": draw(st.none() | st.integers(1, 60)) for i in range(n_docs)
    }
    orgs = [f"o-{i}" for i in range(draw(st.integers(1, max_each + 2)))]
    agreements = [f"a-{i}" for i in range(draw(st.integers(0, max_each)))]
    data: dict[str, Any] = {"schema_version": 1, "documents": []}
    for ident, paragraphs in docs.items():
        d: dict[str, Any] = {"id": ident, "title": f"Title {ident}", "publisher": "P"}
        if paragraphs is not None:
            d["paragraphs"] = paragraphs
        if draw(st.booleans()):
            d["url"] = f"https://example.org/{ident}"
        data["documents"].append(d)

    data["organisations"] = []
    for i, ident in enumerate(orgs):
        e = draw(common(ident, Organisation, docs, orgs))
        e["kind"] = draw(st.sampled_from(OrganisationKind)).value
        if i and draw(st.booleans()):
            e["parent"] = draw(st.sampled_from(orgs[:i]))
        _opt(draw, e, "founded", partial_dates().map(str))
        _opt(draw, e, "headquarters", text)
        _opt(draw, e, "country", st.sampled_from(COUNTRIES))
        _opt(draw, e, "website", st.just(f"https://example.org/{ident}"))
        _opt(draw, e, "member_count", st.integers(0, 200))
        if draw(st.booleans()):
            p: dict[str, Any] = {}
            _opt(draw, p, "standing", st.sampled_from(Standing).map(lambda s: s.value))
            areas = draw(st.lists(st.sampled_from(PolicyArea), max_size=3, unique=True))
            if areas:
                p["areas"] = [a.value for a in areas]
            _opt(draw, p, "since", partial_dates().map(str))
            if agreements:
                p["formalised_by"] = draw(st.lists(st.sampled_from(agreements), max_size=2))
            _opt(draw, p, "summary", text)
            _opt(draw, p, "sources", sources(docs, Partnership))
            e["partnership"] = p
        data["organisations"].append(e)

    data["agreements"] = []
    for ident in agreements:
        e = draw(common(ident, Agreement, docs, orgs))
        e["kind"] = draw(st.sampled_from(AgreementKind)).value
        _opt(draw, e, "legally_binding", st.booleans())
        adopted, in_force = draw(date_pair())
        if adopted:
            e["adopted"] = str(adopted)
        if in_force:
            e["in_force"] = str(in_force)
        _opt(draw, e, "adopted_by", st.sampled_from(orgs))
        data["agreements"].append(e)

    data["dialogues"] = []
    for i in range(draw(st.integers(0, max_each))):
        e = draw(common(f"d-{i}", Dialogue, docs, orgs))
        _opt(draw, e, "frequency", st.sampled_from(Frequency).map(lambda f: f.value))
        sessions = []
        for _ in range(draw(st.integers(0, 3))):
            start, end = draw(date_pair())
            s: dict[str, Any] = {"start": str(start or PartialDate(2000))}
            if end is not None and start is not None:
                s["end"] = str(end)
            _opt(draw, s, "place", text)
            sessions.append(s)
        if sessions:
            e["sessions"] = sessions
        _opt(draw, e, "venues", st.lists(text, min_size=1, max_size=2))
        data["dialogues"].append(e)

    data["programmes"] = []
    for i in range(draw(st.integers(0, max_each))):
        e = draw(common(f"p-{i}", Programme, docs, orgs))
        launched, ended = draw(date_pair())
        if launched:
            e["launched"] = str(launched)
        if ended:
            e["ended"] = str(ended)
        _opt(draw, e, "budget", money)
        _opt(draw, e, "countries", st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3))
        _opt(draw, e, "country_count", st.integers(0, 60))
        _opt(draw, e, "regions", st.lists(text, min_size=1, max_size=2))
        _opt(draw, e, "activities", st.lists(text, min_size=1, max_size=3))
        data["programmes"].append(e)
    return data
