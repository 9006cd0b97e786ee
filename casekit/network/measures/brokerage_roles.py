"""Gould & Fernandez brokerage roles, counted from group tallies instead of path by path.

For a broker ``b`` the open two-paths ``a → b → c`` number (predecessors) × (successors),
less the pairs with ``a == c`` and the pairs closed by an arc ``a → c``. Split by group, the
first term needs only how many predecessors and successors ``b`` has in each group (two sparse
products); the pairs with ``a == c`` are ``b``'s mutual contacts; the closed pairs lie on
triangles, which are few in a sparse network and are listed once. Hubs with thousands of
contacts therefore cost no more than their degree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...domain.errors import CasekitError
from ._sparse import Adjacency, entry_keys, find_entries, triangles

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping

    import networkx as nx
    import pandas as pd
    from scipy import sparse

__all__ = ["ROLES", "brokerage"]

#: The five roles, in Gould & Fernandez's order, as the column names of :func:`brokerage`.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage(D: nx.Graph, groups: Mapping[Hashable, Hashable] | str) -> pd.DataFrame:
    """Count each node's brokerage roles (Gould & Fernandez 1989).

    For every directed two-path ``a → b → c`` with ``a != c`` and no arc ``a → c``, the
    broker ``b`` plays one role, set by the groups ``g`` of the three:

    ============== ==========================
    coordinator    g(a) = g(b) = g(c)
    itinerant      g(a) = g(c) ≠ g(b) (also called consultant)
    representative g(a) = g(b) ≠ g(c)
    gatekeeper     g(a) ≠ g(b) = g(c)
    liaison        g(a), g(b), g(c) all different
    ============== ==========================

    These are the raw counts of R's ``sna::brokerage`` (``raw.nli``).

    Parameters
    ----------
    D : networkx graph
        Directed network. An undirected graph counts each tie as two arcs; parallel arcs
        count once and self-loops are ignored.
    groups : mapping or str
        Node → group label, or the name of a node attribute holding it. Every node needs one.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (in graph order), with integer columns ``coordinator``,
        ``itinerant``, ``representative``, ``gatekeeper``, ``liaison`` and ``total``.

    Raises
    ------
    CasekitError
        If a node has no group.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal approach to
    brokerage in transaction networks. *Sociological Methodology*, 19, 89–126.
    https://doi.org/10.2307/270949

    Examples
    --------
    A school social worker ``w`` passes referrals from a teacher to a clinic and a tutor:

    >>> import networkx as nx
    >>> D = nx.DiGraph([("teacher", "w"), ("w", "clinic"), ("w", "tutor")])
    >>> side = {"teacher": "school", "w": "school", "clinic": "health", "tutor": "education"}
    >>> roles = brokerage(D, side)
    >>> roles.loc["w"].to_dict()
    {'coordinator': 0, 'itinerant': 0, 'representative': 2, 'gatekeeper': 0, 'liaison': 0, 'total': 2}
    """
    import pandas as pd
    from scipy import sparse

    nodes = list(D)
    n = len(nodes)
    group = _group_codes(D, nodes, groups)
    arcs = _arcs(D, nodes)
    k = int(group.max()) + 1 if n else 0
    member = sparse.csr_array((np.ones(n), (np.arange(n), group)), shape=(n, k))
    into = (arcs.T @ member).tocsr()  # into[b, g]: predecessors of b in group g
    out_of = (arcs @ member).tocsr()  # out_of[b, g]: successors of b in group g
    mutual = arcs.multiply(arcs.T).tocsr()
    rows = np.arange(n)
    in_deg = _row_sums(into)
    out_deg = _row_sums(out_of)
    in_own = _at(into, rows, group)
    out_own = _at(out_of, rows, group)
    same_group = _row_sums(into.multiply(out_of))
    mutual_all = _row_sums(mutual)
    mutual_own = _at((mutual @ member).tocsr(), rows, group)
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    counts[:, 0] = in_own * out_own - mutual_own
    counts[:, 1] = same_group - in_own * out_own - (mutual_all - mutual_own)
    counts[:, 2] = in_own * (out_deg - out_own)
    counts[:, 3] = (in_deg - in_own) * out_own
    counts[:, 4] = (in_deg - in_own) * (out_deg - out_own) - (same_group - in_own * out_own)
    _subtract_closed(arcs, group, counts)
    frame = pd.DataFrame(counts, index=pd.Index(nodes, name="node"), columns=list(ROLES))
    frame["total"] = counts.sum(axis=1)
    return frame


def _group_codes(D: nx.Graph, nodes: list[Hashable], groups: Mapping[Hashable, Hashable] | str) -> np.ndarray:
    if isinstance(groups, str):
        attribute = groups
        groups = {v: data[attribute] for v, data in D.nodes(data=True) if attribute in data}
    codes: dict[Hashable, int] = {}
    out = np.empty(len(nodes), dtype=np.int64)
    for i, v in enumerate(nodes):
        try:
            label = groups[v]
        except KeyError:
            raise CasekitError(f"brokerage: node {v!r} has no group; give every node a group") from None
        out[i] = codes.setdefault(label, len(codes))
    return out


def _arcs(D: nx.Graph, nodes: list[Hashable]) -> sparse.csr_array:
    """0/1 CSR matrix of arcs ``a → c`` (both ways for an undirected tie), no self-loops."""
    from scipy import sparse

    if not D.is_directed():
        return Adjacency.from_graph(D).matrix.astype(np.int64)
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in D.edges()], dtype=np.int64).reshape(-1, 2)
    ends = ends[ends[:, 0] != ends[:, 1]]
    n = len(nodes)
    arcs = sparse.csr_array((np.ones(len(ends), dtype=np.int64), (ends[:, 0], ends[:, 1])), shape=(n, n))
    arcs.sum_duplicates()
    arcs.sort_indices()
    arcs.data[:] = 1
    return arcs


def _row_sums(m: sparse.csr_array) -> np.ndarray:
    return np.asarray(m.sum(axis=1)).ravel().astype(np.int64)


def _at(m: sparse.csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(m[rows, cols]).ravel().astype(np.int64)


def _subtract_closed(arcs: sparse.csr_array, group: np.ndarray, counts: np.ndarray) -> None:
    """Remove the two-paths ``a → b → c`` that an arc ``a → c`` closes (they lie on triangles)."""
    n = len(group)
    skeleton = _skeleton(arcs)
    keys = entry_keys(arcs.indptr, arcs.indices, n)
    for x, y, z in triangles(skeleton.indptr, skeleton.indices):
        for b, a, c in ((x, y, z), (x, z, y), (y, x, z), (y, z, x), (z, x, y), (z, y, x)):
            closed = find_entries(keys, n, a, b)[1] & find_entries(keys, n, b, c)[1]
            closed &= find_entries(keys, n, a, c)[1]
            ga, gb, gc = group[a[closed]], group[b[closed]], group[c[closed]]
            role = np.full(len(gb), 4)
            role[(ga == gc) & (ga != gb)] = 1
            role[(ga == gb) & (gb != gc)] = 2
            role[(gb == gc) & (ga != gb)] = 3
            role[(ga == gb) & (gb == gc)] = 0
            np.subtract.at(counts, (b[closed], role), 1)


def _skeleton(arcs: sparse.csr_array) -> sparse.csr_array:
    """The symmetric 0/1 pattern of an arc matrix."""
    both = (arcs + arcs.T).tocsr()
    both.sort_indices()
    return both
