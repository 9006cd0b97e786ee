"""Betweenness centrality by Brandes' algorithm, run on batches of sources at once.

One breadth-first search per source is replaced by one sparse-matrix × dense-block product per
BFS level for a whole batch of sources (the columns of the block): the path counts of the next
level are ``A @ (sigma on this level)``, masked to the nodes not reached yet; the backward
dependency accumulation is one product per level too. The work is that of Brandes' algorithm
times the number of levels, done in compiled loops instead of Python ones.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, Literal

import numpy as np

from ...domain.errors import CasekitError
from ._sparse import Adjacency, block_size

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx
    from scipy import sparse

__all__ = ["EXACT_LIMIT", "PIVOTS", "betweenness", "betweenness_pivots"]

#: Largest network whose betweenness :func:`betweenness_pivots` asks to compute exactly.
EXACT_LIMIT = 2000
#: Number of sampled sources (pivots) :func:`betweenness_pivots` asks for above that size.
PIVOTS = 1000

#: Bytes of one dense n × batch block; about six live at once.
_BLOCK_BYTES = 8 * 2**20
#: Widest batch: past this the blocks fall out of cache and nothing is gained.
_MAX_BATCH = 64


def betweenness_pivots(n_nodes: int, exact_limit: int = EXACT_LIMIT, k: int = PIVOTS) -> int | None:
    """The ``k`` to pass to :func:`betweenness` for a network of ``n_nodes`` nodes.

    Exact (``None``) up to ``exact_limit`` nodes; above it, ``k`` sources sampled with a fixed
    seed, which estimates betweenness without bias (Brandes & Pich 2007).

    Parameters
    ----------
    n_nodes : int
        Number of nodes in the network.
    exact_limit : int, default 2000
        Largest network computed exactly.
    k : int, default 1000
        Number of pivots above ``exact_limit`` (never more than ``n_nodes``).

    Returns
    -------
    int or None
        ``None`` for exact betweenness, else the number of pivots.

    References
    ----------
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos*, 17(7), 2303–2318. https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    >>> betweenness_pivots(500) is None
    True
    >>> betweenness_pivots(20_700)
    1000
    """
    return None if n_nodes <= exact_limit else min(k, n_nodes)


def betweenness(
    G: nx.Graph,
    *,
    normalized: bool = True,
    k: int | None = None,
    seed: int | random.Random | np.random.Generator | None = 0,
    backend: Literal["auto", "scipy", "igraph"] = "auto",
    adjacency: Adjacency | None = None,
) -> dict[Hashable, float]:
    r"""Shortest-path betweenness centrality of every node (Freeman 1977).

    .. math:: c_B(v) = \sum_{s \ne v \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}}

    over unordered pairs :math:`\{s, t\}`, where :math:`\sigma_{st}` is the number of shortest
    paths between ``s`` and ``t`` and :math:`\sigma_{st}(v)` the number through ``v``. Ties are
    unweighted and undirected: a directed or multi graph is read as the simple undirected
    graph of its ties, and self-loops are ignored. The values equal
    ``networkx.betweenness_centrality(G, k=k, seed=seed, normalized=normalized)`` on an
    undirected graph, including the sampling and its rescaling (networkx ≥ 3.5).

    Parameters
    ----------
    G : networkx graph
        The network.
    normalized : bool, default True
        Divide by :math:`(n-1)(n-2)/2`, the number of pairs not containing ``v``, so that the
        centre of a star has 1.
    k : int, optional
        Estimate from ``k`` sources sampled as networkx samples them
        (``random.sample(list(G), k)`` with ``seed``), rescaled without bias; a sampled
        source's own value is scaled by ``k - 1`` instead of ``k`` (NaN when ``k == 1``).
        ``None`` (or ``k == len(G)``) computes exact betweenness. See
        :func:`betweenness_pivots` for the policy the report uses.
    seed : int, random.Random, numpy Generator or None, default 0
        Seed of the sampling (used only with ``k``).
    backend : {"auto", "scipy", "igraph"}, default "auto"
        ``"auto"`` and ``"scipy"`` use the batched sparse algorithm; ``"igraph"`` asks
        python-igraph (optional, GPL: ``pip install 'casekit[fast]'``) for the same sums.
    adjacency : Adjacency, optional
        The prebuilt adjacency of ``G``, to share between measures.

    Returns
    -------
    dict
        Node → betweenness.

    Notes
    -----
    Brandes' algorithm (2001) with the sources of a batch as the columns of dense blocks:
    path counts go down level by level as sparse × dense products, dependencies come back up
    the same way. Memory is a few blocks of ``len(G)`` × (at most 64) floats.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry*,
    40(1), 35–41. https://doi.org/10.2307/3033543

    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology*, 25(2), 163–177. https://doi.org/10.1080/0022250X.2001.9990249

    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos*, 17(7), 2303–2318. https://doi.org/10.1142/S0218127407018403

    Examples
    --------
    Padgett's Florentine families: the Medici broker between the other families.

    >>> import networkx as nx
    >>> bc = betweenness(nx.florentine_families_graph())
    >>> round(bc["Medici"], 6)
    0.521978
    >>> betweenness(nx.path_graph(3), normalized=False)
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    adj = Adjacency.of(G, adjacency)
    n = adj.n
    if k is not None:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
            raise CasekitError(f"betweenness: k must be a whole number from 1 to {n} (the nodes), not {k!r}")
        k = None if k == n else int(k)
    sources = None
    if k is not None:
        import networkx as nx

        picked = nx.utils.create_py_random_state(seed).sample(list(G), k)
        sources = np.fromiter((adj.index[v] for v in picked), dtype=np.int64, count=k)
    if backend in ("auto", "scipy"):
        raw = _raw_scipy(adj, sources)
    elif backend == "igraph":
        raw = _raw_igraph(adj, sources)
    else:
        raise CasekitError(f"betweenness: backend must be 'auto', 'scipy' or 'igraph', not {backend!r}")
    _rescale(raw, n, normalized=normalized, sources=sources)
    return dict(zip(adj.nodes, raw.tolist(), strict=True))


def _rescale(raw: np.ndarray, n: int, *, normalized: bool, sources: np.ndarray | None) -> None:
    # The raw sums count ordered (s, t) pairs. Scale factors are those of networkx's
    # ``_rescale`` (endpoints excluded, undirected), computed the same way.
    big_n = n - 1
    if big_n < 2:
        return
    if sources is None:
        raw *= 1 / (big_n * (big_n - 1)) if normalized else big_n / (big_n * 2)
        return
    k = len(sources)
    if normalized:
        at_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
        elsewhere = 1 / (k * (big_n - 1))
    else:
        at_source = big_n / ((k - 1) * 2) if k > 1 else math.nan
        elsewhere = big_n / (k * 2)
    is_source = np.zeros(n, dtype=bool)
    is_source[sources] = True
    raw[~is_source] *= elsewhere
    raw[is_source] *= at_source


def _raw_scipy(adj: Adjacency, sources: np.ndarray | None) -> np.ndarray:
    """Sum over the sources of Brandes' dependencies (ordered pairs), per node."""
    n = adj.n
    sources = np.arange(n) if sources is None else sources
    # An isolated source reaches no one and adds nothing.
    sources = sources[adj.degree[sources] > 0]
    raw = np.zeros(n)
    batch = block_size(n, 8, budget=_BLOCK_BYTES, cap=_MAX_BATCH)
    _, reach = adj.components
    for start in range(0, len(sources), batch):
        chunk = sources[start : start + batch]
        raw += _dependencies(adj.matrix, chunk, int(reach[chunk].sum()) - len(chunk))
    return raw


def _dependencies(A: sparse.csr_array, sources: np.ndarray, to_reach: int) -> np.ndarray:
    """Brandes' dependencies of every node summed over one batch of sources.

    Column ``j`` of each block belongs to source ``sources[j]``. ``level`` holds 0 for
    unreached nodes, 1 for the source and ``d + 1`` at distance ``d``; ``sigma`` the number of
    shortest paths from the source. Going back up, Brandes' recursion
    ``delta(v) = sigma(v) * sum of (1 + delta(w)) / sigma(w)`` over the neighbours ``w`` one
    level further is one product per level with ``g = (1 + delta) / sigma``, since
    ``g(v) = 1 / sigma(v) + delta(v) / sigma(v)``.
    """
    n, b = A.shape[0], len(sources)
    cols = np.arange(b)
    level = np.zeros((n, b), dtype=np.int8)
    level[sources, cols] = 1
    sigma = np.zeros((n, b))
    sigma[sources, cols] = 1.0
    front = sigma.copy()
    mask = np.empty((n, b), dtype=bool)
    code = 1
    while to_reach > 0:
        y = A @ front
        np.equal(level, 0, out=mask)
        np.multiply(y, mask, out=y)
        np.greater(y, 0.0, out=mask)
        reached = np.count_nonzero(mask)
        if reached == 0:
            break
        code += 1
        if code > np.iinfo(level.dtype).max:
            level = level.astype(np.int16 if level.dtype == np.int8 else np.int32)
        np.copyto(level, code, where=mask)
        sigma += y
        front = y
        to_reach -= reached
    del front
    inverse = np.zeros_like(sigma)
    np.divide(1.0, sigma, out=inverse, where=level > 0)
    total = np.zeros(n)
    g: np.ndarray | None = None
    for c in range(code, 1, -1):
        np.equal(level, c, out=mask)
        if g is None:
            g = inverse * mask  # the deepest level has no successors: delta = 0
            continue
        g = A @ g
        np.multiply(g, mask, out=g)  # the sum of g over each node's successors
        total += np.einsum("ij,ij->i", sigma, g)  # delta = sigma * that sum
        g += inverse
        g *= mask
    return total


def _raw_igraph(adj: Adjacency, sources: np.ndarray | None) -> np.ndarray:
    try:
        import igraph
    except ImportError as exc:
        raise CasekitError(
            "betweenness: backend='igraph' needs python-igraph: pip install 'casekit[fast]'"
        ) from exc
    from scipy import sparse

    upper = sparse.triu(adj.matrix, k=1, format="coo")
    graph = igraph.Graph(n=adj.n, edges=list(zip(upper.row.tolist(), upper.col.tolist(), strict=True)))
    values = graph.betweenness(directed=False, sources=None if sources is None else sources.tolist())
    # igraph counts each unordered pair once; the scipy sums count ordered pairs.
    return 2.0 * np.asarray(values, dtype=float)
