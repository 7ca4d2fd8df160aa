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
from typing import TypeVar

from eucoop import _resources
from eucoop._model import (
    KINDS,
    DateLike,
    Entity,
    Organisation,
    PartialDate,
    PolicyArea,
    Programme,
    Role,
    kind_of,
)
from eucoop._queries import indexes
from eucoop._queries.time import Status, entity_span, status
from eucoop._text import did_you_mean, fold, loose, suggest

__all__ = [
    "Filters",
    "choice",
    "country_code",
    "country_name",
    "kind_order",
    "renamed_area",
]

N = TypeVar("N", bound=Enum)
E = TypeVar("E", bound=Entity)


def choice(enum: type[N], value: N | str) -> N:
    """*value* as a member of *enum*; a :class:`ValueError` that suggests one if it is none.

    >>> choice(Role, "obsrever")
    Traceback (most recent call last):
    ...
    ValueError: 'obsrever' is not a valid Role (did you mean 'observer'?)
    """
    try:
        return enum(value)
    except ValueError:
        hint = did_you_mean(str(value), [str(m.value) for m in enum])
        msg = f"{value!r} is not a valid {enum.__name__}{hint}"
        raise ValueError(msg) from None


def renamed_area(area: PolicyArea | str | None, policy_area: PolicyArea | str) -> PolicyArea | str:
    """The area a filter asked for with the deprecated ``policy_area=``, with a warning."""
    if area is not None:
        msg = "give area= (policy_area= is its old name), not both"
        raise TypeError(msg)
    warnings.warn(
        "filter(policy_area=...) is deprecated: use filter(area=...), as partners() does",
        DeprecationWarning,
        stacklevel=4,  # renamed_area < Filters.select < Registry.filter < the caller
    )
    return policy_area


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
    if not isinstance(value, str):
        msg = f"a country is an ISO code or a name, not {type(value).__name__}"
        raise TypeError(msg)
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
    return KINDS.index(type(entity)), entity.id


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
            out[e.collection].add(e.id)
        return out

    @cached_property
    def by_area(self) -> dict[PolicyArea, set[str]]:
        """Policy area -> ids."""
        return indexes.by_area(self._by_id.values())

    @cached_property
    def by_country(self) -> dict[str, set[str]]:
        """Country code -> ids."""
        return indexes.by_country(self._of(Organisation), self._of(Programme))

    @cached_property
    def by_region(self) -> dict[str, set[str]]:
        """Folded region -> ids."""
        return indexes.by_region(self._of(Programme))

    def _of(self, kind: type[E]) -> list[E]:
        return [e for e in self._by_id.values() if isinstance(e, kind)]

    @cached_property
    def regions(self) -> tuple[str, ...]:
        """Every region name that counts as known, as the data spells it."""
        if self._known_regions is not None:
            return self._known_regions
        return tuple(sorted({r for p in self._of(Programme) for r in p.regions}))

    def region_key(self, region: str) -> str:
        """The folded region; a :class:`ValueError` suggesting one if no programme names it."""
        key = fold(region)
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
        *,
        kind: type[Entity] | str | None = None,
        area: PolicyArea | str | None = None,
        country: str | None = None,
        region: str | None = None,
        role: Role | str | None = None,
        active_on: DateLike | None = None,
        policy_area: PolicyArea | str | None = None,
        **unknown: object,
    ) -> list[Entity]:
        """The entities meeting every condition, in registry order: :meth:`Registry.filter`.

        *roles* gives the registry's who-takes-part-in-what index, asked for
        only when a participant or a role is; *organisation* is the
        participant's id, or None.
        """
        if unknown:
            name = next(iter(unknown))
            hint = did_you_mean(name, [*_CONDITIONS, "participant"])
            msg = f"filter() got an unexpected keyword argument {name!r}{hint}"
            raise TypeError(msg)
        if policy_area is not None:
            area = renamed_area(area, policy_area)
        candidates: list[set[str]] = []
        if kind is not None:
            candidates.append(self.by_kind[kind_of(kind)])
        if area is not None:
            candidates.append(self.by_area.get(choice(PolicyArea, area), set()))
        if country is not None:
            candidates.append(self.by_country.get(country_code(country), set()))
        if region is not None:
            candidates.append(self.by_region.get(self.region_key(region), set()))
        if organisation is not None or role is not None:
            want = None if role is None else choice(Role, role)
            index = roles()
            pairs = index.get(organisation, ()) if organisation else chain(*index.values())
            candidates.append({e.id for e, p in pairs if want is None or p.role is want})
        if active_on is not None:
            day = PartialDate.coerce(active_on).start
            on = Status.YES
            candidates.append(
                {i for i, e in self._by_id.items() if status(*entity_span(e), day) is on}
            )
        if not candidates:
            return list(self._by_id.values())
        candidates.sort(key=len)
        ids = set.intersection(*candidates)
        return sorted((self._by_id[i] for i in ids), key=kind_order)


#: The conditions :meth:`Filters.select` knows, for a "did you mean" on a misspelt one.
_CONDITIONS = ("kind", "area", "country", "region", "role", "active_on", "policy_area")
