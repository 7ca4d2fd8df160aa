"""What :meth:`Registry.filter` looks up, and the values its conditions accept.

A condition names a policy area, a country (an ISO 3166-1 alpha-2 code in
any case, or the country's name), a programme's region, a role: a value
that names nothing is a :class:`ValueError` with a suggestion, never a
silent empty answer. Country names come from the packaged ``_iso.json``
(exported from pycountry): the ISO short name, and the common and official
names where ISO gives them.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import cache, cached_property
from itertools import chain
from typing import Any, Literal, NamedTuple, TypeVar

from eucoop import _resources
from eucoop._arguments import string
from eucoop._model import (
    KINDS,
    UNRANKED,
    Entity,
    PolicyArea,
    Role,
    Standing,
    kind_of,
    query_date,
)
from eucoop._queries import indexes
from eucoop._queries.time import Status, existing
from eucoop._text import a, did_you_mean, fold, loose, suggest

__all__ = [
    "CONDITIONS",
    "Condition",
    "Filters",
    "choice",
    "country_code",
    "country_name",
    "kind_order",
    "renamed_area",
    "standing_choice",
]

N = TypeVar("N", bound=Enum)


# The module's annotations are evaluated, not postponed: typing.NamedTuple would compile
# each postponed (string) annotation of its fields at import.
class Condition(NamedTuple):
    """One keyword of :meth:`Registry.filter`: its name, what it takes, and its help.

    ``takes`` names the kind of value (``"area"``, ``"country"``, ``"date"``...),
    which the command line reads with its own argument type; ``option`` says
    whether ``eucoop list`` offers it as ``--name`` (``kind`` is its argument).
    """

    name: str
    takes: str
    help: str
    metavar: str
    option: bool = True


#: The conditions of :meth:`Registry.filter`, declared once: the registry's
#: signature, :meth:`Filters.select`, its "did you mean" and the options of
#: ``eucoop list`` all read this (a test holds the typing overloads to it).
CONDITIONS = (
    Condition("kind", "kind", "an entity class or its name", "KIND", option=False),
    Condition("area", "area", "a policy area, e.g. migration, drugs", "AREA"),
    Condition("country", "country", "an ISO country code or name, e.g. LY, Libya", "COUNTRY"),
    Condition("region", "region", "a programme's region, e.g. 'North Africa'", "REGION"),
    Condition("participant", "organisation", "an organisation taking part", "ORG"),
    Condition("role", "role", "its role: party, member, funder...", "ROLE"),
    Condition("active_on", "date", "going on that day (YYYY[-MM[-DD]])", "DATE"),
    Condition("policy_area", "area", "the old name of area (deprecated)", "AREA", option=False),
)


def choice(enum: type[N], value: N | str, argument: str) -> N:
    """The *argument* as a member of *enum*; a :class:`ValueError` that suggests one if it is none.

    >>> choice(Role, "obsrever", "role")
    Traceback (most recent call last):
    ...
    ValueError: 'obsrever' is not a valid Role (did you mean 'observer'?)
    """
    string(value, argument, f"{a(enum.__name__)} or a string")
    try:
        return enum(value)
    except ValueError:
        hint = did_you_mean(str(value), [str(m.value) for m in enum])
        msg = f"{value!r} is not a valid {enum.__name__}{hint}"
        raise ValueError(msg) from None


def standing_choice(value: Standing | str) -> Standing | Literal["unranked"]:
    """A :class:`Standing`, or :data:`~eucoop._model.UNRANKED` for a partnership without one.

    >>> standing_choice("unranked"), standing_choice("key")
    ('unranked', <Standing.KEY: 'key'>)
    >>> standing_choice("unranekd")
    Traceback (most recent call last):
    ...
    ValueError: 'unranekd' is not a valid Standing or 'unranked' (did you mean 'unranked'?)
    """
    string(value, "standing", "a Standing or a string")
    if value == UNRANKED:
        return UNRANKED
    try:
        return Standing(value)
    except ValueError:
        hint = did_you_mean(str(value), [*(s.value for s in Standing), UNRANKED])
        msg = f"{value!r} is not a valid Standing or {UNRANKED!r}{hint}"
        raise ValueError(msg) from None


def renamed_area(area: PolicyArea | str | None, policy_area: PolicyArea | str) -> PolicyArea | str:
    """The area a filter asked for with the deprecated ``policy_area=``, with a warning."""
    if area is not None:
        msg = "give area= (policy_area= is its old name), not both"
        raise TypeError(msg)
    chosen = choice(PolicyArea, policy_area, "policy_area")
    warnings.warn(
        "filter(policy_area=...) is deprecated: use filter(area=...), as partners() does",
        DeprecationWarning,
        stacklevel=4,  # renamed_area < Filters.select < Registry.filter < the caller
    )
    return chosen


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """ISO code -> the country's name, and every folded or loosened name -> its code."""
    raw = json.loads(_resources.read("_iso.json"))
    names: dict[str, list[str]] = raw["country_names"]
    keys: dict[str, str] = {}
    for code, spellings in names.items():
        for name in spellings:
            keys.setdefault(fold(name), code)
            keys.setdefault(loose(name), code)
    return {code: spellings[0] for code, spellings in names.items()}, keys


def country_name(code: str) -> str:
    """The ISO 3166-1 short name of a country code.

    >>> country_name("LY"), country_name("GB")
    ('Libya', 'United Kingdom')
    """
    return _countries()[0][code]


def country_code(value: str) -> str:
    """The ISO 3166-1 alpha-2 code a code (any case) or a country name gives.

    Case, accents, spacing and punctuation in names do not matter. Anything
    else is a :class:`ValueError` suggesting a close name.

    >>> country_code("ly"), country_code("Libya"), country_code("cote d'ivoire")
    ('LY', 'LY', 'CI')
    >>> country_code("Lybia")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown country 'Lybia': give an ISO code or a name (did you mean 'Libya' or ...?)
    """
    string(value, "country", "a country's ISO code or name")
    names, keys = _countries()
    if value.upper() in names:
        return value.upper()
    key = fold(value)
    code = keys.get(key) or keys.get(loose(value))
    if code is not None:
        return code
    same = [k for k in keys if len(k) == len(key)]  # "Lybia": letters swapped, so as long
    letters = sorted(key) if same else []
    swapped = [k for k in same if sorted(k) == letters]
    close = list(dict.fromkeys(names[keys[k]] for k in [*swapped, *suggest(key, keys, 2)]))[:2]
    hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
    msg = f"unknown country {value!r}: give an ISO code or a name{hint}"
    raise ValueError(msg)


def kind_order(entity: Entity) -> tuple[int, str]:
    """The sort key of registry order: by kind, then by id."""
    return KINDS.position(type(entity)), entity.id


class Filters:
    """The indexes of one registry's filters, each built on the first filter that needs it.

    *by_id* maps ids to the registry's entities, in registry order;
    *known_regions* the region names that count as known (by default those of
    the entities: an as-of view passes its full registry's, so a region is
    not unknown for being named only later).
    """

    def __init__(
        self,
        by_id: Mapping[str, Entity],
        known_regions: Iterable[str] | None = None,
    ) -> None:
        self._by_id = by_id
        self._known_regions = None if known_regions is None else tuple(known_regions)

    @cached_property
    def by_kind(self) -> dict[str, set[str]]:
        """Collection name -> ids."""
        out: dict[str, set[str]] = {k.collection: set() for k in KINDS}
        for e in self._by_id.values():
            out.setdefault(e.collection, set()).add(e.id)
        return out

    @cached_property
    def by_area(self) -> dict[PolicyArea, set[str]]:
        """Policy area -> ids."""
        return indexes.by_values(self._by_id.values(), "area")

    @cached_property
    def by_country(self) -> dict[str, set[str]]:
        """Country code -> ids."""
        return indexes.by_values(self._by_id.values(), "country")

    @cached_property
    def by_region(self) -> dict[str, set[str]]:
        """Folded region -> ids."""
        return indexes.by_values(self._by_id.values(), "region")

    @cached_property
    def regions(self) -> tuple[str, ...]:
        """Every region name that counts as known, as the data spells it."""
        if self._known_regions is not None:
            return self._known_regions
        found = (r for e in self._by_id.values() for r in indexes.values_of(e, "region"))
        return tuple(sorted(set(found)))

    def region_key(self, region: str) -> str:
        """The folded region; a :class:`ValueError` suggesting one if no programme names it."""
        key = fold(string(region, "region"))
        known = {fold(r): r for r in self.regions}
        if key not in known:
            close = [known[k] for k in suggest(key, known, cutoff=0.5)]
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            msg = f"unknown region {region!r}{hint}"
            raise ValueError(msg)
        return key

    def select(
        self,
        roles: Callable[[], indexes.Roles],
        organisation: str | None,
        /,
        **given: Any,
    ) -> list[Entity]:
        """The entities meeting every condition, in registry order: :meth:`Registry.filter`.

        *given* holds the conditions of :data:`CONDITIONS` but ``participant``:
        *organisation* is the participant's id, or None. *roles* gives the
        registry's who-takes-part-in-what index, asked for only when a
        participant or a role is.
        """
        unknown = [name for name in given if name not in _NAMES]
        if unknown:
            hint = did_you_mean(unknown[0], list(_NAMES))
            msg = f"filter() got an unexpected keyword argument {unknown[0]!r}{hint}"
            raise TypeError(msg)
        kind, area, country, region, role, active_on, policy_area = (
            given.get(name)
            for name in ("kind", "area", "country", "region", "role", "active_on", "policy_area")
        )
        if policy_area is not None:
            area = renamed_area(area, policy_area)
        candidates: list[set[str]] = []
        if kind is not None:
            candidates.append(self.by_kind[kind_of(kind)])
        if area is not None:
            candidates.append(self.by_area.get(choice(PolicyArea, area, "area"), set()))
        if country is not None:
            candidates.append(self.by_country.get(country_code(country), set()))
        if region is not None:
            candidates.append(self.by_region.get(self.region_key(region), set()))
        if organisation is not None or role is not None:
            want = None if role is None else choice(Role, role, "role")
            index = roles()
            pairs = index.get(organisation, ()) if organisation else chain(*index.values())
            candidates.append({e.id for e, p in pairs if want is None or p.role is want})
        if active_on is not None:
            day = query_date(active_on, "active_on").start
            candidates.append({e.id for e in existing(self._by_id.values(), day, (Status.YES,))})
        if not candidates:
            return list(self._by_id.values())
        candidates.sort(key=len)
        ids = set.intersection(*candidates)
        return sorted((self._by_id[i] for i in ids), key=kind_order)


_NAMES = {c.name: c for c in CONDITIONS}
