"""Finding an entity by any of its names, and suggesting names when none fits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property

from eucoop._exceptions import AmbiguousLookupError, UnknownEntityError
from eucoop._model import Entity, lookup_keys
from eucoop._text import fold, loose, suggest

__all__ = ["Names"]


class Names:
    """The lookup index of a set of entities: folded names, and forgiving keys on a miss.

    Keys come from :func:`eucoop._model.lookup_keys`, the same function the
    checks use to refuse names that clash, so each key names one entity.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        keys: dict[str, str] = {}
        setdefault = keys.setdefault
        for e in entities:
            ident = e.id
            for key in lookup_keys(e):
                setdefault(key, ident)
        #: folded key -> entity id.
        self.keys = keys

    def find(self, name: str, by_id: Mapping[str, Entity]) -> Entity:
        """The entity with this id, name, acronym or alias (see :meth:`Registry.lookup`)."""
        ident = self.keys.get(fold(name))
        if ident is not None:
            return by_id[ident]
        found = self._loose.get(loose(name), set())
        if len(found) == 1:
            return by_id[next(iter(found))]
        if found:
            raise AmbiguousLookupError(name, sorted(found))
        raise UnknownEntityError(name, self.suggest(name, by_id))

    @cached_property
    def _loose(self) -> dict[str, set[str]]:
        """Forgiving keys (no punctuation, no leading "the"), built on the first miss."""
        out: defaultdict[str, set[str]] = defaultdict(set)
        for key, ident in self.keys.items():
            if key := loose(key):
                out[key].add(ident)
        return dict(out)

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.keys)

    def suggest(self, name: str, by_id: Mapping[str, Entity]) -> list[str]:
        """Up to three names close to *name*: similar spellings, then names it begins."""
        import bisect  # noqa: PLC0415 - only a lookup that fails needs it

        key = fold(name)
        keys = self._sorted
        # Comparing with every name is slow in a large registry: keep to names with the
        # same first letters and a similar length, which is where typos land.
        nearby: list[str] = []
        for width in (1, 2, 3, 4):  # narrow by a longer prefix while there are too many
            lo = bisect.bisect_left(keys, key[:width])
            hi = bisect.bisect_left(keys, key[:width] + "\U0010ffff")
            nearby = [k for k in keys[lo:hi] if abs(len(k) - len(key)) <= 3]
            if len(nearby) <= 500 or width >= len(key):
                break
        close = suggest(key, nearby, n=3)
        prefixed = []
        if len(key) >= 3:
            i = bisect.bisect_left(keys, key)
            prefixed = [k for k in keys[i : i + 3] if k.startswith(key)]
        out: list[str] = []
        for k in [*close, *prefixed]:
            e = by_id[self.keys[k]]
            label = e.acronym or e.name
            if label not in out:
                out.append(label)
        return out[:3]
