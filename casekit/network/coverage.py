"""Need coverage: which of a client's needs the network meets, could meet, or leaves as gaps.

A need counts when its severity is at least ``threshold`` (2, *moderate*, by default). For
each client and need domain:

- **served**: the client is linked (``link``) to a resource serving the domain;
- **reachable**: not served, but a case manager in a working ``relationship`` with the client
  coordinates (``coordination``) with a resource serving it: the manager could link it;
- **gap**: neither.

The network's *coverage share* is served needs over all counted needs. The computation is a
pair of sparse matrix products (client×resource links times resource×domain service), so it
stays fast at tens of thousands of clients and can be repeated for resilience curves.

References
----------
Seed 000: the resource ↔ client tie is mediation and linking, the resource ↔ case manager tie
coordination and development. Moxley, D. P. (1989). *The Practice of Case Management*. Sage
(the case manager as broker and linker).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.vocabulary import NeedDomain, Relation
from .model import ResourceNetwork

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Coverage", "need_coverage", "gaps_table", "resilience", "clients_by_unmet_needs", "DOMAIN_CODES"]

DOMAIN_CODES: tuple[str, ...] = NeedDomain.codes()
SERVED, REACHABLE, GAP = "served", "reachable", "gap"


@dataclass(frozen=True)
class Coverage:
    """Coverage of every counted need: per client and domain, served / reachable / gap.

    Attributes
    ----------
    clients
        Client ids, the rows of the matrices.
    severity
        ``len(clients) × 8`` severities (columns in :data:`DOMAIN_CODES` order).
    counted, served, reachable
        Boolean matrices of the same shape: need counted (severity ≥ threshold), served,
        reachable but not served.
    """

    clients: tuple[str, ...]
    severity: np.ndarray
    counted: np.ndarray
    served: np.ndarray
    reachable: np.ndarray
    threshold: int

    @property
    def gaps(self) -> np.ndarray:
        """Counted needs neither served nor reachable."""
        return self.counted & ~self.served & ~self.reachable

    @property
    def n_needs(self) -> int:
        """Number of counted needs."""
        return int(self.counted.sum())

    @property
    def unmet_needs(self) -> int:
        """Counted needs not served (reachable or gap)."""
        return int((self.counted & ~self.served).sum())

    @property
    def share(self) -> float:
        """Served needs over counted needs (1.0 when there are none)."""
        return float(self.served.sum() / self.n_needs) if self.n_needs else 1.0

    @property
    def reachable_share(self) -> float:
        """Needs served or reachable over counted needs."""
        return float((self.served | self.reachable).sum() / self.n_needs) if self.n_needs else 1.0

    def status(self, client: str, domain: str) -> str | None:
        """``"served"``, ``"reachable"``, ``"gap"``, or ``None`` when the need is not counted."""
        i, j = self.clients.index(client), DOMAIN_CODES.index(NeedDomain.parse(domain).value)
        if not self.counted[i, j]:
            return None
        return SERVED if self.served[i, j] else REACHABLE if self.reachable[i, j] else GAP

    def by_client(self) -> pd.DataFrame:
        """One row per client: counted, served, reachable and gap counts."""
        import pandas as pd

        return pd.DataFrame(
            {
                "needs": self.counted.sum(axis=1),
                "served": self.served.sum(axis=1),
                "reachable": self.reachable.sum(axis=1),
                "gaps": self.gaps.sum(axis=1),
            },
            index=pd.Index(self.clients, name="client"),
        )

    def by_domain(self) -> pd.DataFrame:
        """One row per need domain: counted needs, served, reachable, gaps and coverage share."""
        import pandas as pd

        counted = self.counted.sum(axis=0)
        served = self.served.sum(axis=0)
        frame = pd.DataFrame(
            {
                "needs": counted,
                "served": served,
                "reachable": self.reachable.sum(axis=0),
                "gaps": self.gaps.sum(axis=0),
            },
            index=pd.Index(DOMAIN_CODES, name="domain"),
        )
        frame["coverage_share"] = np.divide(served, counted, out=np.ones(len(counted)), where=counted > 0)
        return frame


def _index(ids: Sequence[str]) -> dict[str, int]:
    return {n: i for i, n in enumerate(ids)}


def _incidences(
    net: ResourceNetwork, ci: Mapping[str, int], ri: Mapping[str, int], mi: Mapping[str, int]
) -> tuple[Any, Any, Any]:
    """Sparse 0/1 client×resource links, client×manager relationships and manager×resource
    coordination, from one pass over the ties (either way round counts once)."""
    from scipy import sparse

    wanted = {
        Relation.LINK.value: (ci, ri, [], []),
        Relation.RELATIONSHIP.value: (ci, mi, [], []),
        Relation.COORDINATION.value: (mi, ri, [], []),
    }
    for u, v, rel in net.tie_triples():
        if rel in wanted:
            rows, cols, r, c = wanted[rel]
            if u in rows and v in cols:
                r.append(rows[u])
                c.append(cols[v])
            elif v in rows and u in cols:
                r.append(rows[v])
                c.append(cols[u])
    out = []
    for rows, cols, r, c in wanted.values():
        m = sparse.csr_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=(len(rows), len(cols)))
        m.data[:] = 1  # a pair tied twice still counts once
        out.append(m)
    return out[0], out[1], out[2]


@dataclass(frozen=True)
class _Parts:
    clients: tuple[str, ...]
    resources: tuple[str, ...]
    severity: np.ndarray
    links: Any
    manages: Any
    coordinates: Any
    serves: np.ndarray


def _parts(net: ResourceNetwork) -> _Parts:
    return net.cached("coverage_parts", lambda: _build_parts(net))


def _build_parts(net: ResourceNetwork) -> _Parts:
    clients = tuple(net.clients())
    resources = tuple(net.resources())
    managers = tuple(net.case_managers())
    ci, ri, mi = _index(clients), _index(resources), _index(managers)
    severity = np.zeros((len(clients), len(DOMAIN_CODES)), dtype=np.int8)
    col = _index(DOMAIN_CODES)
    for i, c in enumerate(clients):
        for domain, s in net.needs(c).items():
            severity[i, col[domain]] = s
    serves = np.zeros((len(resources), len(DOMAIN_CODES)), dtype=np.int32)
    for i, r in enumerate(resources):
        for domain in net.domains(r):
            serves[i, col[domain]] = 1
    links, manages, coordinates = _incidences(net, ci, ri, mi)
    return _Parts(clients, resources, severity, links, manages, coordinates, serves)


def _coverage(parts: _Parts, serves: np.ndarray, threshold: int) -> Coverage:
    counted = parts.severity >= threshold
    served = np.asarray(parts.links @ serves) > 0
    via_manager = np.asarray(parts.manages @ (parts.coordinates @ serves)) > 0
    return Coverage(
        parts.clients,
        parts.severity,
        counted,
        counted & served,
        counted & ~served & via_manager,
        threshold,
    )


def need_coverage(net: ResourceNetwork, *, threshold: int = 2) -> Coverage:
    """Classify every need of severity ≥ ``threshold`` as served, reachable or a gap.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", needs={"educational": 3, "economic": 2, "cultural": 1})
    >>> net.add_case_manager("cm")
    >>> net.add_resource("tutor", setting="in_school", sector="school", domains=["educational"])
    >>> net.add_resource("admin", setting="out_of_school", sector="public", domains=["economic"])
    >>> net.add_tie("S1", "tutor", "link"); net.add_tie("cm", "S1", "relationship")
    >>> net.add_tie("cm", "admin", "coordination")
    >>> cov = need_coverage(net)
    >>> cov.n_needs, cov.share, cov.status("S1", "economic"), cov.status("S1", "cultural")
    (2, 0.5, 'reachable', None)
    """
    parts = _parts(net)
    return _coverage(parts, parts.serves, threshold)


def gaps_table(
    net: ResourceNetwork, coverage: Coverage | None = None, *, nearest: int = 3, adjacency: Any = None
) -> pd.DataFrame:
    """Every unmet need with the nearest resources that serve its domain but are not linked.

    Columns: ``client, domain, severity, status`` (reachable or gap), ``nearest_resources``
    (``;``-separated ids, nearest first) and ``distances`` (shortest-path lengths in the
    network, ``;``-separated). Ties in distance go to the resource with more ties, then by id.
    ``adjacency`` may be a prebuilt :class:`~casekit.network.measures.Adjacency` of
    ``net.simple_graph()``.
    """
    import pandas as pd

    from .measures import Adjacency, bfs_distances, block_size

    cov = coverage or need_coverage(net)
    unmet = cov.counted & ~cov.served
    columns = ["client", "domain", "severity", "status", "nearest_resources", "distances"]
    if not unmet.any():
        return pd.DataFrame(columns=columns)
    parts = _parts(net)
    adj = Adjacency.of(net.simple_graph(), adjacency)
    at = adj.index
    degree = adj.degree
    resources = parts.resources
    # Breadth-first search from each resource (there are far fewer resources than clients);
    # bfs_distances gives 0 where a node is unreachable, which for a client means "no path".
    if not resources:  # nothing to suggest: every unmet need is listed without a nearest resource
        records = [
            (cov.clients[i], DOMAIN_CODES[j], int(cov.severity[i, j]), REACHABLE if cov.reachable[i, j] else GAP, "", "")
            for i, j in zip(*np.nonzero(unmet))
        ]
        return pd.DataFrame.from_records(records, columns=columns)
    sources = np.array([at[r] for r in resources], dtype=np.int64)
    batch = block_size(adj.n, itemsize=4)
    client_cols = np.array([at[c] for c in cov.clients], dtype=np.int64)
    dist = np.vstack(
        [bfs_distances(adj, sources[i : i + batch])[:, client_cols] for i in range(0, len(sources), batch)]
    ).astype(float)
    dist[dist == 0] = np.inf
    tie_rank = np.empty(len(resources), dtype=np.int64)
    tie_rank[sorted(range(len(resources)), key=lambda i: (-degree[at[resources[i]]], resources[i]))] = (
        np.arange(len(resources))
    )
    linked = parts.links.toarray().astype(bool).T if parts.links.shape[0] else None
    records = []
    for j, domain in enumerate(DOMAIN_CODES):
        rows = np.nonzero(unmet[:, j])[0]
        serving = np.nonzero(parts.serves[:, j])[0]
        if len(rows) == 0:
            continue
        if len(serving) == 0:
            ranked = np.zeros((0, len(rows)), dtype=np.int64)
            d_sub = np.zeros((0, len(rows)))
        else:
            d_sub = dist[np.ix_(serving, rows)]
            d_sub[linked[np.ix_(serving, rows)]] = np.inf
            key = np.where(np.isfinite(d_sub), d_sub, 1e9) * (len(resources) + 1) + tie_rank[serving][:, None]
            ranked = np.argsort(key, axis=0, kind="stable")[:nearest]
        for col, i in enumerate(rows.tolist()):
            picks = [p for p in ranked[:, col].tolist() if np.isfinite(d_sub[p, col])]
            records.append(
                (
                    cov.clients[i],
                    domain,
                    int(cov.severity[i, j]),
                    REACHABLE if cov.reachable[i, j] else GAP,
                    ";".join(resources[serving[p]] for p in picks),
                    ";".join(str(int(d_sub[p, col])) for p in picks),
                )
            )
    frame = pd.DataFrame.from_records(records, columns=columns)
    order = {c: i for i, c in enumerate(cov.clients)}
    frame["_order"] = frame["client"].map(order)
    frame["_domain"] = frame["domain"].map(DOMAIN_CODES.index)
    return frame.sort_values(["_order", "_domain"]).drop(columns=["_order", "_domain"]).reset_index(drop=True)


def resilience(
    net: ResourceNetwork,
    rankings: Mapping[str, Sequence[str]],
    *,
    k_max: int = 10,
    threshold: int = 2,
) -> dict[str, list[float]]:
    """Coverage share after removing the top-k resources of each ranking, for k = 0..k_max.

    ``rankings`` maps a name (e.g. ``"by_degree"``) to resource ids, most central first.
    Removing a resource removes all its ties, so it neither serves linked clients nor is
    reachable through a case manager.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", needs={"educational": 3})
    >>> net.add_resource("a", setting="in_school", sector="school", domains=["educational"])
    >>> net.add_tie("S1", "a", "link")
    >>> resilience(net, {"by_degree": ["a"]}, k_max=2)
    {'by_degree': [1.0, 0.0, 0.0]}
    """
    parts = _parts(net)
    at = _index(parts.resources)
    out: dict[str, list[float]] = {}
    for name, ranking in rankings.items():
        ids = [r for r in ranking if r in at]
        curve = []
        for k in range(k_max + 1):
            serves = parts.serves.copy()
            serves[[at[r] for r in ids[:k]], :] = 0
            curve.append(_coverage(parts, serves, threshold).share)
        out[name] = curve
    return out


def clients_by_unmet_needs(coverage: Coverage, limit: int = 5) -> list[str]:
    """The clients with the most unmet needs (ties by severity sum, then id)."""
    unmet = coverage.counted & ~coverage.served
    counts = unmet.sum(axis=1)
    weight = np.where(unmet, coverage.severity, 0).sum(axis=1)
    order = sorted(range(len(coverage.clients)), key=lambda i: (-counts[i], -weight[i], coverage.clients[i]))
    return [coverage.clients[i] for i in order[:limit] if counts[i] > 0]
