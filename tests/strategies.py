"""Hypothesis strategies: value types, entities, and whole valid data files."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from eucoop import Document, Entity, PartialDate, Source
from eucoop._loading import iso_codes
from eucoop._model import KINDS, FieldInfo, field_head, field_names, fields_of, key_names

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


# -- whole data files, derived from the model -----------------------------------------
#
# Every field of every kind (and of the records and documents they hold) is drawn
# from its type and its metadata (attrs.fields through eucoop's fields_of), so a
# field added to the model is fuzzed without an edit here. What metadata cannot say
# is kept here, by type or by the model's own functions: the names entities are
# looked up by (key_names) must be unique, a citation names a paragraph of its
# document and fields of its owner, a reference to the owner's own collection
# points back (no cycles), and dates with ``not_before`` come in order.

#: The fields an entity is looked up by, from the model's key_names.
KEY_FIELDS = frozenset(
    field_head(path) for path, _ in key_names(Entity(id="x", name="x", acronym="x", aliases=("x",)))
)


class Ids:
    """The ids a data file holds, by collection, and the paragraphs of its documents."""

    def __init__(self, docs: dict[str, int | None], ids: dict[str, list[str]]) -> None:
        self.docs = docs
        self.ids = ids


@st.composite
def sources(draw: st.DrawFn, docs: dict[str, int | None], cls: type, least: int = 1) -> list[Any]:
    """Citations of documents in *docs*, each naming fields of *cls* (or none)."""
    out = []
    for _ in range(draw(st.integers(least, 3))):
        doc = draw(st.sampled_from(sorted(docs)))
        src: dict[str, Any] = {"document": doc}
        total = docs[doc]
        if total is not None and draw(st.booleans()):
            src["paragraph"] = draw(st.integers(1, total))
        names = sorted(field_names(cls))
        fields = draw(st.lists(st.sampled_from(names), max_size=3, unique=True))
        if fields:
            src["fields"] = fields
        out.append(src)
    return out


def _one(f: FieldInfo, ids: Ids, owner: str) -> st.SearchStrategy[Any]:
    """One value of field *f* as JSON (one item, for a collection); *owner* is its entity's id."""
    item, m = f.item, f.meta
    if item is PartialDate:  # an attrs class, written as its ISO text
        return partial_dates().map(str)
    if f.nested is not None:
        return record(f.nested, ids, owner)
    if isinstance(item, type) and issubclass(item, Enum):
        return st.sampled_from([x.value for x in item])
    if item is bool:
        return st.booleans()
    if item is Decimal:
        return st.decimals(0, Decimal(10) ** 12, allow_nan=False, places=2).map(str)
    if item is int:
        low = m.minimum or 0
        return st.integers(low, low + 200)
    if m.refers_to is not None:
        return st.sampled_from(ids.ids[m.refers_to])
    if m.codes is not None:
        return st.sampled_from(COUNTRIES if m.codes == "countries" else CURRENCIES)
    if m.pattern == "url":
        return st.just(f"https://example.org/{owner}")
    assert item is str, f"no strategy for {f.name}: {item!r}"  # a new type of field: add one
    return text


def _in_order(values: dict[str, Any], cls: type) -> None:
    """Swap the dates of fields with ``not_before`` that would come before the other."""
    for f in fields_of(cls):
        first = f.meta.not_before
        if first is None or values.get(first) is None or values.get(f.name) is None:
            continue
        a, b = PartialDate.parse(values[first]), PartialDate.parse(values[f.name])
        if b.end < a.start:
            values[first], values[f.name] = values[f.name], values[first]


@st.composite
def record(draw: st.DrawFn, cls: type, ids: Ids, owner: str) -> dict[str, Any]:
    """A record of model class *cls* (a participant, a session, a partnership...)."""
    out: dict[str, Any] = {}
    for f in fields_of(cls):
        value = _field(draw, f, cls, ids, owner)
        if value is not None:
            out[f.name] = value
    _in_order(out, cls)
    return out


def _field(draw: st.DrawFn, f: FieldInfo, cls: type, ids: Ids, owner: str) -> Any:
    if f.nested is Source:
        if not f.meta.min_items and not draw(st.booleans()):
            return None
        return draw(sources(ids.docs, cls, max(1, f.meta.min_items)))
    if f.meta.refers_to is not None and not ids.ids.get(f.meta.refers_to):
        return None  # nothing to refer to (never for a required reference: see data_files)
    one = _one(f, ids, owner)
    if not f.required and draw(st.booleans()):
        return None
    if f.many:
        unique = typing.get_origin(f.type) is frozenset
        return draw(st.lists(one, min_size=1, max_size=3, unique=unique))
    return draw(one)


@st.composite
def entity(draw: st.DrawFn, cls: type, ident: str, ids: Ids, earlier: list[str]) -> dict[str, Any]:
    """An entity of kind *cls* with id *ident*: every field drawn from the model.

    Its names are unique to it (``"Name of x"``, ``"ACR X"``, ``"Alias 0 of x"``);
    a reference to its own collection names one of *earlier*.
    """
    e: dict[str, Any] = {"id": ident, "name": f"Name of {ident}"}
    if draw(st.booleans()):
        e["acronym"] = f"ACR {ident.upper()}"
    aliases = draw(st.integers(0, 2))
    if aliases:
        e["aliases"] = [f"Alias {i} of {ident}" for i in range(aliases)]
    collection = KINDS.of(cls).collection
    for f in fields_of(cls):
        if f.name in KEY_FIELDS:
            continue
        own = f.meta.refers_to == collection and not f.many
        if own:
            if not earlier or draw(st.booleans()):
                continue
            e[f.name] = draw(st.sampled_from(earlier))
            continue
        value = _field(draw, f, cls, ids, ident)
        if value is not None:
            e[f.name] = value
    _in_order(e, cls)
    return e


@st.composite
def data_files(draw: st.DrawFn, max_each: int = 3) -> dict[str, Any]:
    """A valid, referentially consistent data file, every field of every kind drawn."""
    n_docs = draw(st.integers(1, 3))
    docs: dict[str, int | None] = {
        f"doc-{i}": draw(st.none() | st.integers(1, 60)) for i in range(n_docs)
    }
    # A collection some record must refer to (a participant's organisation) is never empty.
    needed = {f.meta.refers_to for cls in _records() for f in fields_of(cls) if f.required}
    ids = {
        k.collection: [
            f"{k.noun}-{i}"
            for i in range(draw(st.integers(1 if k.collection in needed else 0, max_each + 1)))
        ]
        for k in KINDS
    }
    known = Ids(docs, {"documents": list(docs), **ids})
    data: dict[str, Any] = {"schema_version": 1, "documents": []}
    for ident, paragraphs in docs.items():
        d: dict[str, Any] = {"id": ident}
        for f in fields_of(Document):
            value = (
                None if f.name in ("id", "paragraphs") else _field(draw, f, Document, known, ident)
            )
            if value is not None:
                d[f.name] = value
        if paragraphs is not None:  # drawn first: the citations name paragraphs within
            d["paragraphs"] = paragraphs
        data["documents"].append(d)
    for k in KINDS:
        items = ids[k.collection]
        data[k.collection] = [
            draw(entity(k.cls, ident, known, items[:i])) for i, ident in enumerate(items)
        ]
    return data


def _records() -> list[type]:
    """The model classes entities hold as records (participants, sessions...)."""
    seen: list[type] = []
    todo = [k.cls for k in KINDS]
    while todo:
        cls = todo.pop()
        for f in fields_of(cls):
            if f.nested is not None and f.nested not in seen:
                seen.append(f.nested)
                todo.append(f.nested)
    return seen
