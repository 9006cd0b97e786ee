"""Cohesion: k-cores and cut points, delegated to networkx's linear-time algorithms."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

__all__ = ["articulation_points", "core_number"]


def core_number(G: nx.Graph) -> dict[Hashable, int]:
    """Each node's core number: the largest ``k`` such that it is in a ``k``-core.

    The ``k``-core is the largest subgraph in which every node has at least ``k`` ties
    (Seidman 1983); networkx finds all core numbers in O(m) (Batagelj & Zaversnik 2003).
    Ties are read as the simple undirected graph: direction and parallel ties are dropped and
    self-loops ignored (networkx refuses graphs with self-loops).

    Parameters
    ----------
    G : networkx graph
        The network.

    Returns
    -------
    dict
        Node → core number.

    References
    ----------
    Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*, 5(3),
    269–287. https://doi.org/10.1016/0378-8733(83)90028-X

    Batagelj, V., & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of
    networks. arXiv:cs/0310049. https://arxiv.org/abs/cs/0310049

    Examples
    --------
    A triangle with a tail: the triangle is the 2-core.

    >>> import networkx as nx
    >>> core_number(nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)]))
    {0: 2, 1: 2, 2: 2, 3: 1}
    """
    import networkx as nx

    return nx.core_number(_simple(G))


def articulation_points(G: nx.Graph) -> list[Hashable]:
    """Cut points: the nodes whose removal disconnects part of the network from the rest.

    A resource that is the only link between a group of clients and everyone else is a
    single point of failure. Found by depth-first search in O(n + m) (Hopcroft & Tarjan
    1973). Ties are read as the simple undirected graph.

    Parameters
    ----------
    G : networkx graph
        The network.

    Returns
    -------
    list
        The articulation points, in graph order.

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient algorithms for graph
    manipulation. *Communications of the ACM*, 16(6), 372–378.
    https://doi.org/10.1145/362248.362272

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.path_graph(4))
    [1, 2]
    """
    import networkx as nx

    cut = set(nx.articulation_points(_simple(G)))
    return [v for v in G if v in cut]


def _simple(G: nx.Graph) -> nx.Graph:
    """``G`` itself if it is a simple undirected graph without self-loops, else such a copy."""
    import networkx as nx

    if not G.is_directed() and not G.is_multigraph() and nx.number_of_selfloops(G) == 0:
        return G
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return simple
