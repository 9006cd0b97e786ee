"""Burt's structural holes: constraint and effective size, on sparse matrices.

Both measures need, for every tie ``(i, j)``, a sum over the contacts ``q`` that ``i`` and
``j`` share, i.e. over the triangles of the network. Triangles are listed once (see
:func:`~casekit.network.measures._sparse.triangles`), so the cost is that of counting
triangles, not of the dense ``n × n`` products networkx forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._sparse import entry_keys, find_entries, triangles

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    import networkx as nx

__all__ = ["constraint", "effective_size"]

#: Up to this many nodes the sums over shared contacts are dense matrix products.
_DENSE_LIMIT = 1000


def constraint(
    G: nx.Graph, nodes: Iterable[Hashable] | None = None, weight: str | None = None
) -> dict[Hashable, float]:
    r"""Burt's constraint: how much a node's ties lead to contacts that are tied to each other.

    .. math:: c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q} p_{iq}\, p_{qj}\Big)^2,

    where :math:`p_{ij} = (w_{ij} + w_{ji}) / \sum_k (w_{ik} + w_{ki})` is the share of ``i``'s
    ties (in and out) invested in ``j`` (Burt 1992, ch. 2). A node with a single contact has
    constraint 1; a broker between contacts who are not tied to each other has low constraint.
    Equals ``networkx.constraint`` (undirected or directed, weighted or not).

    Parameters
    ----------
    G : networkx graph
        The network; directed, undirected or multi (parallel ties add their weights).
    nodes : iterable of nodes, optional
        The nodes to return (all are computed; that is cheap).
    weight : str, optional
        Tie attribute holding the tie's strength (1 when absent); ``None`` counts every tie 1.

    Returns
    -------
    dict
        Node → constraint; NaN for a node with no tie to another node.

    Notes
    -----
    Self-loops are ignored (Burt's sums run over contacts ``j != i``), and so are ties of
    weight 0. networkx counts a self-loop as a contact, so on graphs with self-loops the two
    differ. A directed graph's node with only incoming ties has a value here; networkx's
    ``nodes=`` path returns NaN for it (it looks at successors only) while its
    ``nodes=None`` path agrees with this function.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
    University Press.

    Examples
    --------
    A star's leaf depends wholly on the centre; the centre of a star with ``k`` leaves has
    constraint ``k * (1/k)**2 = 1/k``. In a triangle each node has ``2 * (1/2 + 1/4)**2``.

    >>> import networkx as nx
    >>> c = constraint(nx.star_graph(4))
    >>> c[0], c[1]
    (0.25, 1.0)
    >>> constraint(nx.complete_graph(3))[0]
    1.125
    """
    holes = _Holes(G, weight)
    local = holes.p_data + holes.shared_sum(holes.p_data, holes.p_data, transpose_second=False)
    return holes.result(np.add.reduceat(local**2, holes.row_starts) if holes.nnz else None, nodes)


def effective_size(
    G: nx.Graph, nodes: Iterable[Hashable] | None = None, weight: str | None = None
) -> dict[Hashable, float]:
    r"""Burt's effective size: the number of a node's contacts, less their redundancy.

    .. math:: e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q} p_{iq}\, m_{jq}\Big),

    with :math:`p_{iq}` as in :func:`constraint` and :math:`m_{jq}` the tie ``j``–``q``
    divided by ``j``'s strongest tie (Burt 1992, ch. 2). Unweighted and undirected, this is
    :math:`n - 2t/n` for ``n`` contacts with ``t`` ties among them (Borgatti 1997). Equals
    ``networkx.effective_size``.

    Parameters
    ----------
    G : networkx graph
        The network; directed, undirected or multi (parallel ties add their weights).
    nodes : iterable of nodes, optional
        The nodes to return (all are computed; that is cheap).
    weight : str, optional
        Tie attribute holding the tie's strength (1 when absent); ``None`` counts every tie 1.

    Returns
    -------
    dict
        Node → effective size; NaN for a node with no tie to another node.

    Notes
    -----
    Self-loops and ties of weight 0 are ignored, as in :func:`constraint`.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
    University Press.

    Borgatti, S. P. (1997). Structural holes: Unpacking Burt's redundancy measures.
    *Connections*, 20(1), 35–38.

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.star_graph(4))[0]
    4.0
    >>> effective_size(nx.complete_graph(4))[0]
    1.0
    """
    holes = _Holes(G, weight)
    redundancy = holes.shared_sum(holes.p_data, holes.m_data, transpose_second=True)
    return holes.result(np.add.reduceat(1.0 - redundancy, holes.row_starts) if holes.nnz else None, nodes)


class _Holes:
    """Mutual tie weights of a graph as a symmetric CSR matrix, with ``p`` and ``m`` per entry."""

    def __init__(self, G: nx.Graph, weight: str | None) -> None:
        import networkx as nx

        self.nodes = list(G)
        n = self.n = len(self.nodes)
        from scipy import sparse

        if n == 0:
            a = sparse.coo_array((0, 0))
        else:
            a = nx.to_scipy_sparse_array(G, nodelist=self.nodes, weight=weight, format="coo", dtype=float)
        mutual = (a + a.T).tocoo()
        mutual.sum_duplicates()
        # Only positive strengths between distinct nodes make a tie.
        keep = (mutual.row != mutual.col) & (mutual.data > 0)
        w = sparse.csr_array((mutual.data[keep], (mutual.row[keep], mutual.col[keep])), shape=(n, n))
        w.sort_indices()
        self.w = w
        self.nnz = w.nnz
        self.rows = np.repeat(np.arange(n), np.diff(w.indptr))
        strength = np.asarray(w.sum(axis=1)).ravel()
        self.isolated = strength == 0
        strongest = np.zeros(n)
        busy = ~self.isolated
        if self.nnz:
            strongest[busy] = np.maximum.reduceat(w.data, w.indptr[:-1][busy])
        self.p_data = w.data / strength[self.rows]
        self.m_data = w.data / strongest[self.rows]
        self.row_starts = w.indptr[:-1][busy]

    def shared_sum(self, x: np.ndarray, y: np.ndarray, *, transpose_second: bool) -> np.ndarray:
        """For each entry ``(i, j)``: the sum over shared contacts ``q`` of ``x[i,q] * y[q,j]``.

        With ``transpose_second`` the second factor is ``y[j,q]`` instead. ``x`` and ``y`` are
        given as data arrays aligned with the CSR entries of the weight matrix.
        """
        w, n = self.w, self.n
        if n <= _DENSE_LIMIT:
            xd = self._dense(x)
            yd = self._dense(y)
            full = xd @ (yd.T if transpose_second else yd)
            return full[self.rows, w.indices]
        out = np.zeros(self.nnz)
        keys = entry_keys(w.indptr, w.indices, n)
        for a, b, c in triangles(w.indptr, w.indices):
            # Each triangle gives six (i, j, q): i and j a tie, q their shared contact.
            for i, j, q in ((a, b, c), (b, a, c), (a, c, b), (c, a, b), (b, c, a), (c, b, a)):
                iq, _ = find_entries(keys, n, i, q)
                second, _ = find_entries(keys, n, j, q) if transpose_second else find_entries(keys, n, q, j)
                ij, _ = find_entries(keys, n, i, j)
                out += np.bincount(ij, weights=x[iq] * y[second], minlength=self.nnz)
        return out

    def _dense(self, data: np.ndarray) -> np.ndarray:
        full = np.zeros((self.n, self.n))
        full[self.rows, self.w.indices] = data
        return full

    def result(self, per_row: np.ndarray | None, nodes: Iterable[Hashable] | None) -> dict[Hashable, float]:
        values = np.full(self.n, np.nan)
        if per_row is not None:
            values[~self.isolated] = per_row
        out = dict(zip(self.nodes, values.tolist(), strict=True))
        return out if nodes is None else {v: out[v] for v in nodes}
