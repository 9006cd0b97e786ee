"""Social-network measures of a whole network, exact and fast, on networkx graphs.

Pure functions: each takes a networkx graph (and, where several measures share it, an
optional prebuilt :class:`Adjacency`) and returns plain dicts, floats or a DataFrame. The
numerical core is numpy/scipy sparse; igraph is an optional second backend for betweenness.

======================================  =============================================
Centrality                              :func:`degree_centrality`, :func:`betweenness`,
                                        :func:`closeness`
Centralization                          :func:`degree_centralization`,
                                        :func:`betweenness_centralization`
Structural holes                        :func:`constraint`, :func:`effective_size`
Brokerage and groups                    :func:`brokerage`, :func:`ei_index`,
                                        :func:`group_ei_index`
Cohesion                                :func:`density`, :func:`core_number`,
                                        :func:`articulation_points`
======================================  =============================================

Examples
--------
>>> import networkx as nx
>>> from casekit.network import measures
>>> G = nx.florentine_families_graph()
>>> adj = measures.Adjacency.from_graph(G)
>>> bc = measures.betweenness(G, adjacency=adj)
>>> max(bc, key=bc.get)
'Medici'
>>> round(measures.betweenness_centralization(G, bc), 4)
0.4368
"""

from __future__ import annotations

from ._sparse import Adjacency, bfs_distances, block_size
from .betweenness_centrality import EXACT_LIMIT, PIVOTS, betweenness, betweenness_pivots
from .brokerage_roles import ROLES, brokerage
from .centralization import betweenness_centralization, degree_centralization
from .closeness_centrality import closeness
from .cohesion import articulation_points, core_number
from .degree import degree_centrality, density
from .groups import ei_index, group_ei_index
from .structural_holes import constraint, effective_size

__all__ = [
    "Adjacency",
    "bfs_distances",
    "block_size",
    "degree_centrality",
    "density",
    "betweenness",
    "betweenness_pivots",
    "EXACT_LIMIT",
    "PIVOTS",
    "closeness",
    "degree_centralization",
    "betweenness_centralization",
    "constraint",
    "effective_size",
    "brokerage",
    "ROLES",
    "ei_index",
    "group_ei_index",
    "core_number",
    "articulation_points",
]
