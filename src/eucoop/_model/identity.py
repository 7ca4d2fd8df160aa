"""What tells one item of a list apart from the others (design, section 4.3).

Lists of records have no ids. A change picks an item by a partial object;
the loader's conflict rule, the ledger, the diff and the cards tell items
apart by a key: a session by its start, a participant by organisation, role
and since, a citation by document and paragraph, a text or an enum value by
itself. The rule is written here once, beside the classes it is about.
"""

from collections.abc import Mapping
from types import MappingProxyType

from eucoop._model.values import Participant, Session, Source

__all__ = ["ITEM_KEYS", "item_key"]

#: The fields that make the key of an item of each record class. Any other item (a
#: text, an enum value, a record not listed) is its own key.
ITEM_KEYS: Mapping[type, tuple[str, ...]] = MappingProxyType(
    {
        Session: ("start",),
        Participant: ("organisation", "role", "since"),
        Source: ("document", "paragraph"),
    }
)


def item_key(item: object) -> object:
    """What identifies *item* in its list: its key fields (:data:`ITEM_KEYS`), or itself.

    >>> from eucoop._model import PartialDate
    >>> item_key(Session(start=PartialDate(2023, 6, 14), place="Brussels"))
    (PartialDate('2023-06-14'),)
    >>> item_key("TR")
    'TR'
    """
    names = ITEM_KEYS.get(type(item))
    return item if names is None else tuple(getattr(item, n) for n in names)
