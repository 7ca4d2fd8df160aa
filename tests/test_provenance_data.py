"""The packaged dataset's citations: what they rest on.

- every cited document says what kind of publisher stands behind it, and none
  is a copy of another site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import eucoop

REG = eucoop.load()

#: Hosts of copies and look-alikes that once stood in for the pages they copied.
MIRRORS = (
    "kiwix",
    "ipfs",
    "zxc.wiki",
    "dewiki.de",
    "graphsearch.epfl.ch",
    "sawacon.org",
    "academia-lab.com",
    "fdocuments",
    "vlex.com",
    "eumonitor.eu",
    "unjobnet.org",
    "princeton.edu/~achaney",
)


# -- documents ---------------------------------------------------------------------


def test_every_document_has_a_kind_of_publisher() -> None:
    missing = [d.id for d in REG.documents if d.publisher_kind is None]
    assert missing == []


def test_no_document_is_a_copy_of_another_site() -> None:
    for d in REG.documents:
        assert d.url is not None, d.id
        assert not any(m in d.url for m in MIRRORS), d.id


def test_reference_works_are_read_at_their_own_address() -> None:
    hosts = {urlsplit(d.url or "").hostname for d in REG.documents}
    wikipedia = {h for h in hosts if h and "wikipedia" in h}
    assert wikipedia
    assert all(h.endswith(".wikipedia.org") for h in wikipedia), wikipedia


def test_every_document_is_cited() -> None:
    cited = {s.document for e in REG for s in REG.provenance(e.id)}
    assert {d.id for d in REG.documents} == cited
