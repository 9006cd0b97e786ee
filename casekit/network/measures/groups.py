"""Krackhardt & Stern's E-I index: ties that cross group lines against ties within them."""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from ._sparse import Adjacency

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ei_index", "group_ei_index"]


def ei_index(
    G: nx.Graph,
    groups: Mapping[Hashable, Hashable] | str,
    *,
    only: Collection[Hashable] | None = None,
    adjacency: Adjacency | None = None,
) -> float:
    r"""The E-I index of a network: (external − internal) / (external + internal) ties.

    .. math:: EI = \frac{E - I}{E + I}

    ``E`` counts ties joining two different groups, ``I`` ties within a group (Krackhardt &
    Stern 1988). It runs from −1 (every tie inside a group) to +1 (every tie across groups).
    Ties are read undirected and counted once per pair of nodes; self-loops are ignored.

    Parameters
    ----------
    G : networkx graph
        The network.
    groups : mapping or str
        Node → group label, or the name of a node attribute holding it. Nodes without a
        group (e.g. clients, when organisations are grouped by setting) and their ties are
        left out.
    only : collection of group labels, optional
        Keep only the nodes of these groups: ``only=("in_school", "out_of_school")`` gives
        the index of the two-group partition, ignoring informal ties.
    adjacency : Adjacency, optional
        The prebuilt adjacency of ``G``, to share between measures.

    Returns
    -------
    float
        The index; NaN when no tie joins two grouped nodes.

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises: An
    experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.
    https://doi.org/10.2307/2786835

    Examples
    --------
    Two schools' staff (``s``) and two community centres (``c``); three ties cross sides,
    one stays inside:

    >>> import networkx as nx
    >>> G = nx.Graph([("s1", "c1"), ("s1", "c2"), ("s2", "c1"), ("s1", "s2")])
    >>> side = {"s1": "in_school", "s2": "in_school", "c1": "out_of_school", "c2": "out_of_school"}
    >>> ei_index(G, side)  # (3 - 1) / (3 + 1)
    0.5
    """
    external, internal = _tie_counts(G, groups, only, adjacency)
    # Every crossing tie appears in the external count of both its groups.
    e, i = int(external.sum()) // 2, int(internal.sum())
    return (e - i) / (e + i) if e + i else math.nan


def group_ei_index(
    G: nx.Graph,
    groups: Mapping[Hashable, Hashable] | str,
    *,
    only: Collection[Hashable] | None = None,
    adjacency: Adjacency | None = None,
) -> dict[Hashable, float]:
    """The E-I index of each group: its members' ties to other groups against ties among them.

    For group ``g``, ``E`` counts ties from a member of ``g`` to a member of another group and
    ``I`` ties between two members of ``g`` (Krackhardt & Stern 1988). Parameters are as in
    :func:`ei_index`.

    Returns
    -------
    dict
        Group label → E-I index (NaN for a group with no ties), in order of first appearance.

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises: An
    experimental simulation. *Social Psychology Quarterly*, 51(2), 123–140.
    https://doi.org/10.2307/2786835

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("s1", "c1"), ("s1", "c2"), ("s2", "c1"), ("s1", "s2"), ("c1", "c2")])
    >>> side = {"s1": "school", "s2": "school", "c1": "centre", "c2": "centre"}
    >>> group_ei_index(G, side)  # school: (3 - 1) / 4; centre: (3 - 1) / 4
    {'school': 0.5, 'centre': 0.5}
    """
    external, internal = _tie_counts(G, groups, only, adjacency)
    labels = _labels(G, groups, only)[1]
    out = {}
    for code, label in enumerate(labels):
        e, i = int(external[code]), int(internal[code])
        out[label] = (e - i) / (e + i) if e + i else math.nan
    return out


def _labels(
    G: nx.Graph, groups: Mapping[Hashable, Hashable] | str, only: Collection[Hashable] | None
) -> tuple[np.ndarray, list[Hashable]]:
    """Group code of each node (−1 for none) and the labels in order of first appearance."""
    if isinstance(groups, str):
        attribute = groups
        groups = {v: data[attribute] for v, data in G.nodes(data=True) if attribute in data}
    keep = None if only is None else set(only)
    codes: dict[Hashable, int] = {}
    out = np.full(len(G), -1, dtype=np.int64)
    for i, v in enumerate(G):
        if v in groups and (keep is None or groups[v] in keep):
            out[i] = codes.setdefault(groups[v], len(codes))
    return out, list(codes)


def _tie_counts(
    G: nx.Graph,
    groups: Mapping[Hashable, Hashable] | str,
    only: Collection[Hashable] | None,
    adjacency: Adjacency | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Per group: ties from its members to other groups, and ties among its members."""
    from scipy import sparse

    adj = Adjacency.of(G, adjacency)
    code, labels = _labels(G, groups, only)
    upper = sparse.triu(adj.matrix, k=1, format="coo")
    a, b = code[upper.row], code[upper.col]
    both = (a >= 0) & (b >= 0)
    a, b = a[both], b[both]
    k = len(labels)
    inside = a == b
    internal = np.bincount(a[inside], minlength=k)
    # A crossing tie is external for both of its groups.
    external = np.bincount(a[~inside], minlength=k) + np.bincount(b[~inside], minlength=k)
    return external, internal
