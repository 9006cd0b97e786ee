"""The sparse adjacency that several measures share, and block-size helpers.

A report computes several measures on the same graph; building the CSR matrix once and
passing it as ``adjacency=`` saves rebuilding it for each measure.
"""

from __future__ import annotations

import itertools
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ...domain.errors import CasekitError

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator

    import networkx as nx
    from scipy import sparse

__all__ = ["Adjacency", "block_size", "entry_keys", "find_entries", "triangles", "bfs_distances"]

#: Bytes one dense work block (n rows × b columns) may use; a few blocks live at once.
BLOCK_BYTES = 64 * 2**20


def block_size(n_rows: int, itemsize: int = 8, *, budget: int = BLOCK_BYTES, cap: int = 1 << 30) -> int:
    """How many columns of ``n_rows`` items fit in ``budget`` bytes (at least 1, at most ``cap``).

    Examples
    --------
    >>> block_size(1000, 8, budget=80_000)
    10
    >>> block_size(10**9, 8)
    1
    """
    return int(max(1, min(cap, budget // max(1, n_rows * itemsize))))


class Adjacency:
    """Undirected simple adjacency of a graph: node order, index and CSR pattern.

    Direction, parallel ties and self-loops are dropped: ``u`` and ``v`` are adjacent when
    some tie joins them in either direction. Node ``i`` is ``nodes[i]``, in the order of
    ``list(G)``. Build it once with :meth:`from_graph` and pass it as ``adjacency=`` to the
    measures that accept one.

    Attributes
    ----------
    nodes : list
        The nodes, in graph order.
    index : dict
        Node → row number.
    matrix : scipy.sparse.csr_array
        Symmetric 0/1 float64 matrix with sorted indices and no diagonal.

    Examples
    --------
    >>> import networkx as nx
    >>> adj = Adjacency.from_graph(nx.path_graph(["a", "b", "c"]))
    >>> adj.n, adj.n_edges, adj.degree.tolist()
    (3, 2, [1, 2, 1])
    >>> adj.neighbours(1).tolist()
    [0, 2]
    """

    def __init__(self, nodes: list[Hashable], matrix: sparse.csr_array) -> None:
        self.nodes = nodes
        self.index = {v: i for i, v in enumerate(nodes)}
        self.matrix = matrix

    @classmethod
    def from_graph(cls, G: nx.Graph) -> Adjacency:
        """Build the adjacency of any networkx graph (directed, multi or simple)."""
        from scipy import sparse

        nodes = list(G)
        index = {v: i for i, v in enumerate(nodes)}
        n = len(nodes)
        m = G.number_of_edges()
        ends = np.fromiter(
            itertools.chain.from_iterable((index[u], index[v]) for u, v in G.edges()),
            dtype=np.int64,
            count=2 * m,
        ).reshape(m, 2)
        ends = ends[ends[:, 0] != ends[:, 1]]
        rows = np.concatenate([ends[:, 0], ends[:, 1]])
        cols = np.concatenate([ends[:, 1], ends[:, 0]])
        matrix = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        matrix.sum_duplicates()
        matrix.sort_indices()
        matrix.data[:] = 1.0
        return cls(nodes, matrix)

    @classmethod
    def of(cls, G: nx.Graph, adjacency: Adjacency | None) -> Adjacency:
        """``adjacency`` if given (checked against ``G``), else a new one built from ``G``."""
        if adjacency is None:
            return cls.from_graph(G)
        if adjacency.n != len(G) or any(v not in adjacency.index for v in itertools.islice(G, 16)):
            raise CasekitError(
                f"the adjacency given has {adjacency.n} nodes but the graph has {len(G)}: "
                "build it from this graph with Adjacency.from_graph(G)"
            )
        return adjacency

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        """Number of undirected ties between distinct nodes."""
        return int(self.matrix.nnz // 2)

    @property
    def indptr(self) -> np.ndarray:
        return self.matrix.indptr

    @property
    def indices(self) -> np.ndarray:
        return self.matrix.indices

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of distinct neighbours of each node."""
        return np.diff(self.matrix.indptr)

    def neighbours(self, i: int) -> np.ndarray:
        """Row numbers of the neighbours of node ``i``, sorted."""
        return self.matrix.indices[self.matrix.indptr[i] : self.matrix.indptr[i + 1]]

    @cached_property
    def matrix32(self) -> sparse.csr_array:
        """The same matrix in float32 (for reachability, where only ``> 0`` matters)."""
        return self.matrix.astype(np.float32)

    @cached_property
    def components(self) -> tuple[np.ndarray, np.ndarray]:
        """Connected component label of each node, and the size of each node's component."""
        from scipy.sparse.csgraph import connected_components

        _, labels = connected_components(self.matrix, directed=False)
        return labels, np.bincount(labels)[labels]

    def __repr__(self) -> str:
        return f"Adjacency(n={self.n}, n_edges={self.n_edges})"


def entry_keys(indptr: np.ndarray, indices: np.ndarray, n: int) -> np.ndarray:
    """Row-major keys ``row * n + col`` of a CSR matrix's entries (sorted if its indices are).

    Examples
    --------
    >>> entry_keys(np.array([0, 1, 3]), np.array([1, 0, 1]), 2).tolist()
    [1, 2, 3]
    """
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    return rows * n + indices


def find_entries(
    keys: np.ndarray, n: int, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of entries ``(rows[i], cols[i])`` among sorted ``keys``, and whether each exists.

    Examples
    --------
    >>> keys = entry_keys(np.array([0, 1, 3]), np.array([1, 0, 1]), 2)
    >>> pos, found = find_entries(keys, 2, np.array([1, 0]), np.array([0, 0]))
    >>> pos.tolist(), found.tolist()
    ([1, 0], [True, False])
    """
    wanted = rows.astype(np.int64) * n + cols
    pos = np.searchsorted(keys, wanted)
    if len(keys) == 0:
        return pos, np.zeros(len(wanted), dtype=bool)
    np.minimum(pos, len(keys) - 1, out=pos)
    return pos, keys[pos] == wanted


def triangles(
    indptr: np.ndarray, indices: np.ndarray, *, chunk: int = 1 << 22
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Every triangle of a symmetric CSR pattern once, as arrays ``(a, b, c)``, in chunks.

    Ties are oriented from lower to higher (degree, index) rank; each triangle is found from
    its lowest-ranked corner ``a`` as a tied pair among ``a``'s higher-ranked neighbours. The
    work is the number of such pairs, at most about ``m ** 1.5`` and small in sparse social
    networks. The pattern must have sorted indices and no diagonal.

    References
    ----------
    Chiba, N., & Nishizeki, T. (1985). Arboricity and subgraph listing algorithms. *SIAM
    Journal on Computing*, 14(1), 210–223. https://doi.org/10.1137/0214017

    Examples
    --------
    >>> import networkx as nx
    >>> adj = Adjacency.from_graph(nx.complete_graph(4))
    >>> [len(a) for a, b, c in triangles(adj.indptr, adj.indices)]
    [4]
    """
    n = len(indptr) - 1
    degree = np.diff(indptr)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    rows = np.repeat(np.arange(n, dtype=np.int64), degree)
    up = rank[indices] > rank[rows]
    out_ptr = np.concatenate(([0], np.cumsum(np.bincount(rows[up], minlength=n))))
    out = indices[up].astype(np.int64)
    out_deg = np.diff(out_ptr)
    pairs = out_deg * (out_deg - 1) // 2
    keys = entry_keys(indptr, indices, n)
    ends = np.cumsum(pairs)
    first = 0
    while first < n:
        # The corners a in [first, last) give at most `chunk` pairs (or one corner, if more).
        last = max(first + 1, int(np.searchsorted(ends, (ends[first - 1] if first else 0) + chunk, "right")))
        last = min(last, n)
        corner = np.arange(first, last)
        b, c, a = _pairs_within(out_ptr, out, corner, out_deg[corner])
        _, tied = find_entries(keys, n, b, c)
        if tied.any():
            yield a[tied], b[tied], c[tied]
        first = last


def _pairs_within(
    ptr: np.ndarray, items: np.ndarray, groups: np.ndarray, size: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All unordered pairs of distinct items within each group's CSR slice, with the group."""
    count = size * (size - 1) // 2
    total = int(count.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    group = np.repeat(groups, count)
    k = np.repeat(size, count)

    def row_start(i: np.ndarray) -> np.ndarray:
        # Number of pairs (i', j) with i' < i: the first pair number of row i.
        return i * (2 * k - i - 1) // 2

    # Pair number t within its group -> (i, j), i < j, by inverting row_start; the two
    # corrections guard the float square root against rounding at row boundaries.
    t = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    i = (2 * k - 1 - np.sqrt((2 * k - 1) ** 2 - 8 * t)).astype(np.int64) // 2
    i = np.where(t < row_start(i), i - 1, i)
    i = np.where(t >= row_start(i + 1), i + 1, i)
    j = i + 1 + (t - row_start(i))
    base = ptr[group]
    return items[base + i], items[base + j], group


def bfs_distances(adj: Adjacency, sources: np.ndarray, dtype: type = np.int32) -> np.ndarray:
    """Breadth-first distances from each source (rows) to every node (columns).

    One sparse product per level advances all sources at once. A node the source cannot
    reach, and the source itself, get 0. Keep ``len(sources)`` to a batch that fits memory
    (:func:`block_size`).

    Examples
    --------
    >>> import networkx as nx
    >>> adj = Adjacency.from_graph(nx.path_graph(4))
    >>> bfs_distances(adj, np.array([0, 3])).tolist()
    [[0, 1, 2, 3], [3, 2, 1, 0]]
    """
    A, n, b = adj.matrix32, adj.n, len(sources)
    cols = np.arange(b)
    dist = np.zeros((n, b), dtype=dtype)
    seen = np.zeros((n, b), dtype=bool)
    seen[sources, cols] = True
    front = np.zeros((n, b), dtype=np.float32)
    front[sources, cols] = 1.0
    new = np.empty((n, b), dtype=bool)
    _, size = adj.components
    to_reach = int(size[sources].sum()) - b
    level = 0
    while to_reach > 0:
        y = A @ front
        np.greater(y, 0.0, out=new)
        np.greater(new, seen, out=new)
        reached = np.count_nonzero(new)
        if reached == 0:
            break
        level += 1
        seen |= new
        np.copyto(dist, level, where=new)
        np.copyto(front, new)
        to_reach -= reached
    return dist.T
