"""The EU's partner organisations, closest first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from eucoop._model import UNRANKED, Organisation, PolicyArea, Standing

__all__ = ["partners"]

#: Standings in the order the EU ranks them, closest first; unranked partners come last.
_RANK = {s: i for i, s in enumerate(Standing)}


def partners(
    organisations: Iterable[Organisation],
    area: PolicyArea | None = None,
    standing: Standing | Literal["unranked"] | None = None,
) -> list[Organisation]:
    """The organisations with a partnership, of *standing* and in *area* when given.

    *standing* :data:`~eucoop._model.UNRANKED` keeps the partnerships without a standing.

    *area* matches the partnership's areas or the organisation's own policy
    areas. The closest come first (by standing), then by name.
    """
    out = [
        org
        for org in organisations
        if (p := org.partnership) is not None
        and (standing is None or p.standing == (None if standing == UNRANKED else standing))
        and (area is None or area in p.areas | org.policy_areas)
    ]
    return sorted(out, key=_closeness)


def _closeness(org: Organisation) -> tuple[int, str]:
    p = org.partnership
    standing = p.standing if p is not None else None
    return (len(_RANK) if standing is None else _RANK[standing], org.name)
