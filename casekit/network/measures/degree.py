"""Degree centrality and density, as networkx computes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

__all__ = ["degree_centrality", "density"]


def degree_centrality(G: nx.Graph) -> dict[Hashable, float]:
    """Each node's number of ties over the ``n - 1`` it could have (Freeman 1979).

    Counts as ``G.degree`` does (in plus out on a directed graph, every parallel tie, a
    self-loop twice), so it equals ``networkx.degree_centrality(G)``.

    Parameters
    ----------
    G : networkx graph
        The network.

    Returns
    -------
    dict
        Node → degree centrality; 1 for the only node of a one-node network.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification. *Social
    Networks*, 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centrality(nx.star_graph(4))
    {0: 1.0, 1: 0.25, 2: 0.25, 3: 0.25, 4: 0.25}
    """
    if len(G) <= 1:
        return dict.fromkeys(G, 1.0)
    scale = 1 / (len(G) - 1.0)
    return {v: d * scale for v, d in G.degree()}


def density(G: nx.Graph) -> float:
    """Ties present over ties possible (Wasserman & Faust 1994, p. 101).

    ``m / (n (n - 1) / 2)`` for an undirected graph, ``m / (n (n - 1))`` for a directed
    one, 0 for fewer than two nodes; equals ``networkx.density(G)``.

    Parameters
    ----------
    G : networkx graph
        The network.

    Returns
    -------
    float
        The density.

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and Applications*.
    Cambridge University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> density(nx.path_graph(4))
    0.5
    """
    n, m = len(G), G.number_of_edges()
    if n <= 1 or m == 0:
        return 0.0
    d = m / (n * (n - 1))
    return d if G.is_directed() else d * 2
