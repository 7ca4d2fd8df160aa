"""Who cooperates with whom, as a networkx graph (``eucoop[networkx]``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eucoop._model import Entity
from eucoop._queries.tables import optional

__all__ = ["to_networkx"]


def to_networkx(entities: Sequence[Entity]) -> Any:
    """A ``networkx.MultiDiGraph`` of who cooperates with whom.

    Nodes are entity ids (attributes ``kind``, ``name``, ``label``). Edges:
    organisation -> entity for each participation (``relation="participant"``,
    ``role``), child -> parent organisation (``relation="parent"``),
    organisation -> agreement it adopted (``relation="adopted"``), agreement ->
    the organisation whose partnership it formalises (``relation="formalises"``),
    and ``eu`` -> partner (``relation="partnership"``, ``standing``) where the
    EU has a partnership with an organisation.
    """
    nx = optional("networkx", "networkx", "to_networkx")
    graph = nx.MultiDiGraph()
    ids = {e.id for e in entities}
    for e in entities:
        graph.add_node(e.id, kind=e.kind_name, name=e.name, label=e.acronym or e.name)
    for e in entities:
        for p in e.participants:
            graph.add_edge(p.organisation, e.id, relation="participant", role=str(p.role))
        adopted_by = getattr(e, "adopted_by", None)
        if adopted_by is not None:
            graph.add_edge(adopted_by, e.id, relation="adopted")
        parent = getattr(e, "parent", None)
        if parent is not None:
            graph.add_edge(e.id, parent, relation="parent")
        partnership = getattr(e, "partnership", None)
        if partnership is not None:
            for agreement in partnership.formalised_by:
                graph.add_edge(agreement, e.id, relation="formalises")
            if "eu" in ids and e.id != "eu":
                standing = str(partnership.standing) if partnership.standing else None
                graph.add_edge("eu", e.id, relation="partnership", standing=standing)
    return graph
