"""Freeman's centralization: how much one node dominates, compared with a star."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ._sparse import Adjacency
from .betweenness_centrality import betweenness as node_betweenness
from .betweenness_centrality import betweenness_pivots

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping

    import networkx as nx

__all__ = ["betweenness_centralization", "degree_centralization"]


def degree_centralization(G: nx.Graph, *, adjacency: Adjacency | None = None) -> float:
    r"""Freeman's degree centralization: 1 for a star, 0 when all degrees are equal.

    .. math:: C_D = \frac{\sum_i (d_{\max} - d_i)}{(n - 1)(n - 2)}

    The denominator is the largest value the numerator can take, reached by the star
    (Freeman 1979). Degrees count distinct contacts (the simple undirected graph of ties).

    Parameters
    ----------
    G : networkx graph
        The network.
    adjacency : Adjacency, optional
        The prebuilt adjacency of ``G``, to share between measures.

    Returns
    -------
    float
        The centralization; NaN for fewer than three nodes (no star to compare with).

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification. *Social
    Networks*, 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(5)), degree_centralization(nx.cycle_graph(5))
    (1.0, 0.0)
    >>> round(degree_centralization(nx.path_graph(4)), 4)  # (1 + 0 + 0 + 1) / (3 * 2)
    0.3333
    """
    adj = Adjacency.of(G, adjacency)
    n = adj.n
    if n < 3:
        return math.nan
    degree = adj.degree
    return float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))


def betweenness_centralization(
    G: nx.Graph,
    betweenness: Mapping[Hashable, float] | None = None,
    *,
    adjacency: Adjacency | None = None,
) -> float:
    r"""Freeman's betweenness centralization: 1 for a star, 0 when no node stands out.

    .. math:: C_B = \frac{\sum_i (b_{\max} - b_i)}{n - 1}

    with :math:`b_i` the normalized betweenness (:func:`betweenness`); ``n - 1`` is the value
    of the numerator for a star, its maximum (Freeman 1977, 1979).

    Parameters
    ----------
    G : networkx graph
        The network.
    betweenness : mapping, optional
        Normalized betweenness of every node, e.g. from :func:`betweenness`. When omitted it
        is computed, exactly up to 2,000 nodes and from sampled sources above (see
        :func:`betweenness_pivots`).
    adjacency : Adjacency, optional
        The prebuilt adjacency of ``G``, used when betweenness is computed here.

    Returns
    -------
    float
        The centralization; NaN for fewer than three nodes.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry*, 40(1), 35–41. https://doi.org/10.2307/3033543

    Freeman, L. C. (1979). Centrality in social networks: Conceptual clarification. *Social
    Networks*, 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_centralization(nx.star_graph(5)), betweenness_centralization(nx.complete_graph(5))
    (1.0, 0.0)
    >>> round(betweenness_centralization(nx.path_graph(4)), 4)  # 2 * (2/3) / 3
    0.4444
    """
    n = len(G)
    if n < 3:
        return math.nan
    if betweenness is None:
        betweenness = node_betweenness(G, k=betweenness_pivots(n), adjacency=adjacency)
    values = [betweenness[v] for v in G]
    top = max(values)
    return float(sum(top - b for b in values) / (n - 1))
