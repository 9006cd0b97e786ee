"""Closeness centrality, searching only from a vertex cover of the network.

Breadth-first search runs from the nodes of a vertex cover ``S`` only (batched, as sparse ×
dense products); the other nodes (an independent set ``I``, in a client–organisation network
mostly the clients) get their distances from their neighbours' rows.

Why this is exact. Take ``v`` in ``I``: ``I`` is independent, so every neighbour ``u`` of ``v``
is in ``S`` and has a BFS row ``D[u]``. For ``x != v`` in the component of ``v``, a shortest
path from ``v`` to ``x`` leaves ``v`` through some neighbour ``u``, so ``d(v, x) = 1 + d(u, x)
>= 1 + min_u D[u, x]``; and for every neighbour ``u``, ``d(v, x) <= 1 + D[u, x]`` by the
triangle inequality. Hence ``d(v, x) = 1 + min_{u in N(v)} D[u, x]``. At ``x = v`` the formula
gives ``1 + 1 = 2`` instead of 0, which the sum corrects. Unreachable entries are stored as 0;
all neighbours of ``v`` lie in its component, so for ``x`` outside it the minimum is 0 too,
and summing over every column sums over the component. Nodes with the same neighbours share
the computation, and a node with one neighbour ``u`` just reuses the row sum of ``D[u]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._sparse import Adjacency, bfs_distances, block_size

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

__all__ = ["closeness"]

#: Nodes of larger degree always get their own search (a BFS costs about as much as taking
#: the minimum of this many distance rows).
_MAX_PERIPHERAL_DEGREE = 64
#: Bytes the cover's distance rows may take; past it every node gets its own search.
_DISTANCE_BYTES = 512 * 2**20
#: Bytes of one dense n × batch block of the searches.
_BATCH_BYTES = 8 * 2**20
#: Bytes of the blocks of distance rows whose minimum is taken (small, to stay in cache).
_MIN_BLOCK_BYTES = 4 * 2**20


def closeness(G: nx.Graph, *, adjacency: Adjacency | None = None) -> dict[Hashable, float]:
    r"""Closeness centrality of every node, scaled for disconnected networks.

    For a node ``v`` that reaches :math:`r` other nodes at total distance :math:`D_v`,

    .. math:: C(v) = \frac{r}{D_v} \cdot \frac{r}{n - 1},

    the inverse mean distance to the nodes it reaches (Bavelas 1950; Sabidussi 1966) weighted
    by the share of the network it reaches (Wasserman & Faust 1994, p. 201). A node reaching no
    one has 0. Ties are unweighted and undirected (a directed or multi graph is read as the
    simple graph of its ties). Equals ``networkx.closeness_centrality(G)`` on undirected
    graphs (``wf_improved=True``).

    Parameters
    ----------
    G : networkx graph
        The network.
    adjacency : Adjacency, optional
        The prebuilt adjacency of ``G``, to share between measures.

    Returns
    -------
    dict
        Node → closeness.

    Notes
    -----
    Searches run only from a vertex cover; the other nodes' distance sums come from their
    neighbours' distance rows (see the module docstring for the proof). On a network where
    clients tie only to organisations, that is one search per organisation instead of one per
    node.

    References
    ----------
    Bavelas, A. (1950). Communication patterns in task-oriented groups. *Journal of the
    Acoustical Society of America*, 22(6), 725–730. https://doi.org/10.1121/1.1906679

    Sabidussi, G. (1966). The centrality index of a graph. *Psychometrika*, 31(4), 581–603.
    https://doi.org/10.1007/BF02289527

    Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and Applications*.
    Cambridge University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> c = closeness(nx.star_graph(3))
    >>> c[0], round(c[1], 4)
    (1.0, 0.6)
    >>> G = nx.Graph([(0, 1)])
    >>> G.add_node(2)
    >>> closeness(G)
    {0: 0.5, 1: 0.5, 2: 0.0}
    """
    adj = Adjacency.of(G, adjacency)
    n = adj.n
    if n == 0:
        return {}
    _, size = adj.components
    total = np.zeros(n, dtype=np.int64)
    peripheral = _peripheral(adj)
    cover = np.flatnonzero(~peripheral & (adj.degree > 0))
    dtype = np.uint16 if n < np.iinfo(np.uint16).max else np.uint32
    if len(cover) * n * np.dtype(dtype).itemsize > _DISTANCE_BYTES:
        peripheral[:] = False
        cover = np.flatnonzero(adj.degree > 0)
        for start in range(0, len(cover), _batch(n)):
            chunk = cover[start : start + _batch(n)]
            total[chunk] = bfs_distances(adj, chunk, dtype).sum(axis=1, dtype=np.int64)
    else:
        rows = np.empty((len(cover), n), dtype=dtype)
        for start in range(0, len(cover), _batch(n)):
            rows[start : start + _batch(n)] = bfs_distances(adj, cover[start : start + _batch(n)], dtype)
        row_sums = rows.sum(axis=1, dtype=np.int64)
        if rows.size and rows.max() <= np.iinfo(np.uint8).max:
            rows = rows.astype(np.uint8)  # half the memory traffic in the minimum below
        total[cover] = row_sums
        _peripheral_totals(adj, np.flatnonzero(peripheral), cover, rows, row_sums, size, total)
    values = np.zeros(n)
    ok = (total > 0) & (n > 1)
    reached = size[ok] - 1.0
    # Same operations as networkx, so the results agree to the last bit.
    values[ok] = reached / total[ok] * (reached / (n - 1))
    return dict(zip(adj.nodes, values.tolist(), strict=True))


def _batch(n: int) -> int:
    return block_size(n, 8, budget=_BATCH_BYTES, cap=256)


def _peripheral(adj: Adjacency) -> np.ndarray:
    """A maximal-ish independent set of low-degree nodes, chosen in rounds, lowest degree first.

    A candidate joins when its (degree, index) rank is below that of every candidate neighbour,
    so two neighbours never join in the same round; joiners' neighbours stop being candidates.
    """
    n, indptr, indices, degree = adj.n, adj.indptr, adj.indices, adj.degree
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    candidate = (degree > 0) & (degree <= _MAX_PERIPHERAL_DEGREE)
    chosen = np.zeros(n, dtype=bool)
    row_of_entry = np.repeat(np.arange(n), degree)
    nonempty = degree > 0
    for _ in range(4):
        if not candidate.any():
            break
        rival = np.where(candidate[indices], rank[indices], n)
        lowest = np.full(n, n, dtype=np.int64)
        lowest[nonempty] = np.minimum.reduceat(rival, indptr[:-1][nonempty])
        joins = candidate & (rank < lowest)
        chosen |= joins
        blocked = np.zeros(n, dtype=bool)
        blocked[indices[joins[row_of_entry]]] = True
        candidate &= ~joins & ~blocked
    return chosen


def _peripheral_totals(
    adj: Adjacency,
    nodes: np.ndarray,
    cover: np.ndarray,
    rows: np.ndarray,
    row_sums: np.ndarray,
    size: np.ndarray,
    total: np.ndarray,
) -> None:
    """Distance sums of independent nodes from their neighbours' rows (module docstring)."""
    if len(nodes) == 0:
        return
    row_of = np.full(adj.n, -1, dtype=np.int64)
    row_of[cover] = np.arange(len(cover))
    degree = adj.degree[nodes]
    single = nodes[degree == 1]
    total[single] = size[single] - 2 + row_sums[row_of[adj.indices[adj.indptr[single]]]]
    several = nodes[degree > 1]
    if len(several) == 0:
        return
    # Neighbour sets as padded rows of cover positions, deduplicated.
    width = int(adj.degree[several].max())
    starts = adj.indptr[several]
    lengths = adj.degree[several]
    offsets = np.arange(width)
    inside = offsets[None, :] < lengths[:, None]
    entries = np.where(inside, starts[:, None] + offsets[None, :], 0)
    sets = np.where(inside, row_of[adj.indices[entries]], -1)
    unique_sets, which = np.unique(sets, axis=0, return_inverse=True)
    set_sizes = (unique_sets >= 0).sum(axis=1)
    sums = np.empty(len(unique_sets), dtype=np.int64)
    per_chunk = max(1, _MIN_BLOCK_BYTES // (rows.shape[1] * rows.itemsize))
    for k in np.unique(set_sizes).tolist():
        members = np.flatnonzero(set_sizes == k)
        for start in range(0, len(members), per_chunk):
            chunk = members[start : start + per_chunk]
            sums[chunk] = _row_minimum_sums(rows, unique_sets[chunk, :k])
    total[several] = size[several] - 2 + sums[which.ravel()]


def _row_minimum_sums(rows: np.ndarray, sets: np.ndarray) -> np.ndarray:
    """For each row of ``sets`` (row numbers), the sum of the elementwise minimum of those rows."""
    lowest = np.take(rows, sets[:, 0], axis=0)
    other = np.empty_like(lowest)
    for j in range(1, sets.shape[1]):
        np.take(rows, sets[:, j], axis=0, out=other)
        np.minimum(lowest, other, out=lowest)
    return lowest.sum(axis=1, dtype=np.int64)
