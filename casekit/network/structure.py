"""Structure of a resource network by setting and by relation: densities, multiplexity, trust.

References
----------
Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press
(density, block densities, multiplex relations). Varda, D. M., Chandra, A., Stern, S. A., &
Lurie, N. (2008). Core dimensions of connectivity in public health collaboratives. *Journal
of Public Health Management and Practice*, 14(5), E1–E7 (the PARTNER tool's trust and value
scores of a tie).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..domain.vocabulary import NodeKind, Setting
from .model import ResourceNetwork

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["node_group", "density", "density_by_setting", "multiplexity", "partner_scores"]

#: The group of clients in block densities (clients have no setting of their own).
CLIENTS = "clients"


def node_group(net: ResourceNetwork, node: str) -> str:
    """The block a node belongs to: its setting code, or ``"clients"`` for a client.

    Organisations without a setting are grouped as ``"unknown"``.
    """
    attrs = net.node(node)
    if attrs["kind"] == NodeKind.CLIENT.value:
        return CLIENTS
    return str(attrs.get("setting") or "unknown")


def density(net: ResourceNetwork) -> float:
    """Tied pairs over possible pairs, ignoring direction and relation (Wasserman & Faust 1994).

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> for n in "abc":
    ...     net.add_resource(n, setting="in_school", sector="school", domains=["educational"])
    >>> net.add_tie("a", "b", "collaboration")
    >>> round(density(net), 4)
    0.3333
    """
    from .measures import density as graph_density

    return graph_density(net.simple_graph())


def density_by_setting(net: ResourceNetwork) -> pd.DataFrame:
    """Block densities: within each setting on the diagonal, between settings off it.

    Rows and columns are the settings present (in-school, out-of-school, informal), then
    clients. A block with no possible pair is NaN.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_resource("a", setting="in_school", sector="school", domains=["educational"])
    >>> net.add_resource("b", setting="in_school", sector="school", domains=["medical"])
    >>> net.add_resource("c", setting="out_of_school", sector="public", domains=["welfare"])
    >>> net.add_tie("a", "b", "collaboration"); net.add_tie("b", "c", "collaboration")
    >>> density_by_setting(net).loc["in_school"].tolist()
    [1.0, 0.5]
    """
    import pandas as pd

    g = net.simple_graph()
    groups = {n: node_group(net, n) for n in g}
    order = [s.value for s in Setting] + ["unknown", CLIENTS]
    present = [s for s in order if s in set(groups.values())]
    size = {s: sum(1 for v in groups.values() if v == s) for s in present}
    ties = {(a, b): 0 for a in present for b in present}
    for u, v in g.edges():
        a, b = groups[u], groups[v]
        ties[(a, b)] += 1
        if a != b:
            ties[(b, a)] += 1
    cells: dict[str, list[float]] = {}
    for b in present:
        column = []
        for a in present:
            possible = size[a] * (size[a] - 1) / 2 if a == b else size[a] * size[b]
            column.append(ties[(a, b)] / possible if possible else math.nan)
        cells[b] = column
    frame = pd.DataFrame(cells, index=present)
    frame.index.name = "setting"
    return frame


def multiplexity(net: ResourceNetwork) -> dict[str, Any]:
    """Pairs tied by more than one relation (e.g. collaboration *and* referral).

    Returns ``{"tied_pairs", "multiplex_pairs", "share", "pairs"}`` where ``pairs`` lists
    ``(u, v, relations)`` for every multiplex pair.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm")
    >>> net.add_resource("wee", setting="out_of_school", sector="public", domains=["psychological"])
    >>> net.add_tie("cm", "wee", "coordination"); net.add_tie("cm", "wee", "referral")
    >>> multiplexity(net)["pairs"]
    [('cm', 'wee', ('coordination', 'referral'))]
    """
    g = net.simple_graph()
    pairs = [(u, v, d["relations"]) for u, v, d in g.edges(data=True) if len(d["relations"]) > 1]
    tied = g.number_of_edges()
    return {
        "tied_pairs": tied,
        "multiplex_pairs": len(pairs),
        "share": len(pairs) / tied if tied else 0.0,
        "pairs": pairs,
    }


def partner_scores(net: ResourceNetwork) -> dict[str, Any]:
    """PARTNER-style averages of the ``trust`` and ``value`` ratings ties carry, if any.

    The PARTNER tool (Varda et al. 2008) asks each organisation to rate its partners'
    trustworthiness and value (1-4 scales); casekit averages whatever numeric ``trust`` and
    ``value`` attributes the ties hold. Returns network means, the number of rated ties, and
    per-node means (over the ties a node is part of) as a DataFrame under ``"by_node"``.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> for n in "ab":
    ...     net.add_resource(n, setting="out_of_school", sector="public", domains=["welfare"])
    >>> net.add_tie("a", "b", "collaboration", trust=3.0, value=4.0)
    >>> s = partner_scores(net); s["trust"], s["value"], s["rated_ties"]
    (3.0, 4.0, 1)
    """
    import pandas as pd

    sums: dict[str, dict[str, list[float]]] = {"trust": {}, "value": {}}
    totals: dict[str, list[float]] = {"trust": [], "value": []}
    rated = 0
    for u, v, data in net.ties():
        any_rating = False
        for key in ("trust", "value"):
            x = data.get(key)
            if isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x):
                any_rating = True
                totals[key].append(float(x))
                for end in (u, v):
                    sums[key].setdefault(end, []).append(float(x))
        rated += any_rating
    nodes = sorted(set(sums["trust"]) | set(sums["value"]), key=net.nodes().index)
    by_node = pd.DataFrame(
        {key: [_mean(sums[key].get(n, [])) for n in nodes] for key in ("trust", "value")},
        index=pd.Index(nodes, name="id"),
    )
    return {
        "trust": _mean(totals["trust"]),
        "value": _mean(totals["value"]),
        "rated_ties": rated,
        "by_node": by_node,
    }


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else math.nan
