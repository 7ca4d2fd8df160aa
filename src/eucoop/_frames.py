"""Tables and graphs for notebooks: records, pandas DataFrames and networkx graphs.

pandas and networkx are optional extras, imported only when these are called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from eucoop._entities import Agreement, Entity, Organisation
from eucoop._export import records

if TYPE_CHECKING:
    from eucoop._registry import Registry

__all__ = ["to_dataframe", "to_networkx", "to_records"]


def _optional(module: str, extra: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"{what} needs {module}, which is not installed: pip install 'eucoop[{extra}]'"
        raise ModuleNotFoundError(msg, name=module) from None


def to_records(reg: Registry, kind: type[Entity] | str) -> list[dict[str, Any]]:
    """One flat dict per entity of *kind*: scalar columns, lists joined with ``"; "``."""
    return records(reg, kind)


def to_dataframe(reg: Registry, kind: type[Entity] | str) -> Any:
    """A pandas DataFrame of :func:`to_records`, indexed by id.

    Columns get pandas' nullable dtypes (``string``, ``Int64``, ``boolean``), so a
    missing value is always ``<NA>`` and counts stay integers.
    """
    pd = _optional("pandas", "pandas", "to_dataframe")
    frame = pd.DataFrame.from_records(to_records(reg, kind)).convert_dtypes()
    return frame.set_index("id") if "id" in frame.columns else frame


def to_networkx(reg: Registry) -> Any:
    """A ``networkx.MultiDiGraph`` of who cooperates with whom.

    Nodes are entity ids (attributes ``kind``, ``name``, ``label``). Edges:
    organisation -> entity for each participation (``relation="participant"``,
    ``role``), child -> parent organisation (``relation="parent"``),
    organisation -> agreement it adopted (``relation="adopted"``), agreement ->
    the organisation whose partnership it formalises (``relation="formalises"``),
    and ``eu`` -> partner (``relation="partnership"``, ``standing``) where the
    EU has a partnership with an organisation.
    """
    nx = _optional("networkx", "networkx", "to_networkx")
    graph = nx.MultiDiGraph()
    for e in reg:
        graph.add_node(e.id, kind=e.kind_name, name=e.name, label=e.acronym or e.name)
    for e in reg:
        for p in e.participants:
            graph.add_edge(p.organisation, e.id, relation="participant", role=str(p.role))
        if isinstance(e, Agreement) and e.adopted_by is not None:
            graph.add_edge(e.adopted_by, e.id, relation="adopted")
        if isinstance(e, Organisation):
            if e.parent is not None:
                graph.add_edge(e.id, e.parent, relation="parent")
            if e.partnership is not None:
                for agreement in e.partnership.formalised_by:
                    graph.add_edge(agreement, e.id, relation="formalises")
                if "eu" in reg and e.id != "eu":
                    standing = str(e.partnership.standing) if e.partnership.standing else None
                    graph.add_edge("eu", e.id, relation="partnership", standing=standing)
    return graph
