"""Every exception eucoop raises on purpose, in one place.

Their messages pass what a user gave (a file name, a JSON key, a name looked
up) through :func:`eucoop._text.shown`: a message always encodes as UTF-8 and
stays on its line, whatever the name held.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from eucoop._text import a, shown

__all__ = [
    "AmbiguousLookupError",
    "CurrencyMismatchError",
    "DataError",
    "Problem",
    "UnknownEntityError",
]


@attrs.frozen
class Problem:
    r"""One thing wrong with a data file.

    ``location`` is a JSON path such as ``$.programmes[2].budget.currency``;
    ``$`` is the whole file. The fields hold the file name and keys as they
    are; ``str()`` shows control characters and lone surrogates in them as
    escapes (a file name that is not UTF-8, a key holding a lone surrogate).

    >>> str(Problem("mine.json", "$.organisations[0].id", "missing required key"))
    'mine.json: $.organisations[0].id: missing required key'
    >>> print(Problem("\udcff.json", "$.x\ny", "unknown key"))
    \udcff.json: $.x\x0ay: unknown key
    """

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return shown(f"{self.file}: {self.location}: {self.message}")


class DataError(ValueError):
    """Data files that cannot be loaded, with **every** problem found in them.

    Nothing is loaded when this is raised. ``problems`` holds one
    :class:`Problem` per mistake; ``str()`` lists them one per line.

    >>> err = DataError([Problem("a.json", "$", "not JSON: Expecting value (line 1, column 1)")])
    >>> print(err)
    a.json: $: not JSON: Expecting value (line 1, column 1)
    >>> isinstance(err, ValueError), len(err.problems)
    (True, 1)
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.problems,), self.__dict__

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UnknownEntityError(KeyError):
    """No entity has that id or name. ``suggestions`` holds close matches.

    It is a :class:`KeyError`, so ``except KeyError`` catches it too.
    """

    def __init__(
        self, key: str, suggestions: Iterable[str] = (), message: str | None = None
    ) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        self.message = message
        super().__init__(key)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.key, self.suggestions, self.message), self.__dict__

    @classmethod
    def of_kind(cls, key: str, actual: str, wanted: str) -> UnknownEntityError:
        """An entity found under *key*, but of another kind than the one asked for.

        >>> print(UnknownEntityError.of_kind("gcr", "agreement", "organisation"))
        'gcr' is an agreement, not an organisation
        """
        return cls(key, message=f"{key!r} is {a(actual)}, not {a(wanted)}")

    def __str__(self) -> str:
        msg = self.message or f"no entity is called {self.key!r}"
        if self.suggestions:
            msg += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return shown(msg)


class AmbiguousLookupError(KeyError):
    """A name that fits more than one entity. ``candidates`` holds their ids."""

    def __init__(self, key: str, candidates: Iterable[str]) -> None:
        self.key = key
        self.candidates = tuple(candidates)
        super().__init__(key)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.key, self.candidates), self.__dict__

    def __str__(self) -> str:
        return shown(f"{self.key!r} could mean any of: " + ", ".join(self.candidates))


class CurrencyMismatchError(ValueError):
    """Amounts of money in different currencies, added: eucoop converts no currency.

    ``currencies`` holds the two codes, in the order given. It is a
    :class:`ValueError`, so ``except ValueError`` catches it too.

    >>> err = CurrencyMismatchError("EUR", "USD")
    >>> print(err)
    cannot add EUR and USD amounts: convert one currency to the other first
    >>> err.currencies
    ('EUR', 'USD')
    """

    def __init__(self, first: str, second: str) -> None:
        self.currencies = (first, second)
        super().__init__(
            shown(
                f"cannot add {first} and {second} amounts: convert one currency to the other first"
            )
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self.currencies, self.__dict__
