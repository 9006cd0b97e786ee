"""The population model: a whole district's caseload over a school year, with SimPy.

Clients are referred across the school year; case managers carry at most
``caseload_limit`` open cases; resources have places and waiting lists; each case is worked
as its manager's policy profile says (:mod:`casekit.sim.population_profiles`) through the
same outcome formulas as the single-case world (:mod:`casekit.sim.mechanisms`). The SimPy
side lives in :mod:`casekit.sim.population_sim`.

**Partitions.** The district is split into independent school clusters: a client belongs to
the cluster of its case manager (the manager's ``school`` attribute; a network without
schools is one cluster). In-school resources serve their school's cluster. District agencies
(resources whose ``school`` is not a cluster) serve every cluster through *quotas*: each
cluster gets a share of the agency's places proportional to its number of clients
(largest-remainder rounding, at least one place per cluster when the agency has at least as
many places as there are clusters). This is a modelling assumption — agencies allocate places
by area — and it is what makes clusters independent. Each cluster runs in its own SimPy
environment with its own seed from ``SeedSequence(seed).spawn(n_partitions)`` in cluster
order (child ``n_partitions`` assigns policies to managers), and results are concatenated in
cluster order, so running clusters one after another, on a process pool or on a Dask cluster
gives identical output (ARCHITECTURE.md).

**Referrals** are spread uniformly over days ``0 .. referral_window * days`` (no
seasonality: a documented simplification). Unlimited resources get a very large capacity.

Examples
--------
>>> from casekit.network.synth import synth_district
>>> net = synth_district(300, seed=1)
>>> r = run_population(net, PopulationConfig(), days=120, seed=0)
>>> r.summary["cases_referred"], len(r.cases), r.summary["partitions"]
(300, 300, 2)
>>> r.summary == run_population(net, PopulationConfig(), days=120, seed=0).summary
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.errors import CasekitError
from ..domain.vocabulary import NeedDomain
from .params import OutcomeParams
from .population_profiles import PROFILES
from .population_results import PopulationResult, collect
from .population_sim import PartitionSpec, simulate_partition

if TYPE_CHECKING:
    from ..network.model import ResourceNetwork

__all__ = ["PopulationConfig", "PopulationResult", "run_population", "quotas", "partition_specs"]

_DOMAINS = tuple(d.value for d in NeedDomain)


@dataclass(frozen=True)
class PopulationConfig:
    """Settings of a population run.

    Parameters
    ----------
    caseload_limit
        Open cases a case manager carries at once (25 (?): a school social worker's
        intensive caseload); later referrals wait for a slot.
    capacity_scale
        Multiplies every resource capacity (0.1 = a tenth of the places; at least one).
    policy_mix
        Share of case managers working as each policy profile, e.g.
        ``{"expert": 0.5, "naive": 0.5}``; managers are assigned by largest remainder, in an
        order shuffled by the seed. Default: all expert.
    referral_window
        Referrals arrive uniformly over the first ``referral_window`` share of the days.
    params
        The outcome model's parameters.

    Examples
    --------
    >>> PopulationConfig(policy_mix={"naive": 1}).policy_mix
    (('naive', 1.0),)
    """

    caseload_limit: int = 25
    capacity_scale: float = 1.0
    policy_mix: Any = (("expert", 1.0),)
    referral_window: float = 0.8
    params: OutcomeParams = field(default_factory=OutcomeParams)

    def __post_init__(self) -> None:
        mix = dict(self.policy_mix.items() if isinstance(self.policy_mix, Mapping) else self.policy_mix)
        for name, share in mix.items():
            if name not in PROFILES:
                raise CasekitError(
                    f"population: unknown policy {name!r} in policy_mix; use {', '.join(PROFILES)}"
                )
            if not share >= 0:
                raise CasekitError(f"population: policy_mix share of {name} must be >= 0, got {share!r}")
        if not mix or sum(mix.values()) <= 0:
            raise CasekitError("population: policy_mix needs at least one positive share")
        object.__setattr__(self, "policy_mix", tuple((k, float(v)) for k, v in mix.items()))
        if (
            isinstance(self.caseload_limit, bool)
            or int(self.caseload_limit) != self.caseload_limit
            or self.caseload_limit < 1
        ):
            raise CasekitError(
                f"population: caseload_limit must be a whole number >= 1, got {self.caseload_limit!r}"
            )
        if not self.capacity_scale > 0:
            raise CasekitError(f"population: capacity_scale must be > 0, got {self.capacity_scale!r}")
        if not 0 < self.referral_window <= 1:
            raise CasekitError(f"population: referral_window must be in (0, 1], got {self.referral_window!r}")


def quotas(capacity: int, weights: list[int]) -> list[int]:
    """Split ``capacity`` places over clusters in proportion to ``weights`` (largest remainder).

    Every cluster gets at least one place when ``capacity >= len(weights)``; the quotas
    always sum to ``capacity``.

    Examples
    --------
    >>> quotas(10, [5, 3, 2]), quotas(4, [100, 1, 1, 1]), quotas(2, [1, 1, 5])
    ([5, 3, 2], [1, 1, 1, 1], [0, 0, 2])
    """
    w = np.asarray(weights, dtype=float)
    base = np.ones(w.size, dtype=np.int64) if capacity >= w.size else np.zeros(w.size, dtype=np.int64)
    rest = capacity - int(base.sum())
    share = w / w.sum() * rest if w.sum() > 0 else np.full(w.size, rest / w.size)
    out = np.floor(share).astype(np.int64)
    short = rest - int(out.sum())
    out[np.argsort(-(share - out), kind="stable")[:short]] += 1
    return (out + base).tolist()


def _mix_assignment(n: int, mix: tuple[tuple[str, float], ...], seed: np.random.SeedSequence) -> list[str]:
    names = [k for k, _ in mix]
    share = np.array([v for _, v in mix]) / sum(v for _, v in mix) * n
    counts = np.floor(share).astype(int)
    counts[np.argsort(-(share - counts), kind="stable")[: n - int(counts.sum())]] += 1
    labels = [name for name, k in zip(names, counts.tolist(), strict=True) for _ in range(k)]
    order = np.random.default_rng(seed).permutation(n)
    return [labels[j] for j in order.tolist()]


def partition_specs(
    network: ResourceNetwork, config: PopulationConfig, days: int, seed: int
) -> tuple[list[PartitionSpec], dict[str, Any]]:
    """Split ``network`` into independent clusters; the specs and the id tables behind them."""
    clients, managers, resources = network.clients(), network.case_managers(), network.resources()
    if not clients:
        raise CasekitError("population: the network has no clients")
    if not managers:
        raise CasekitError("population: the network has no case managers (kind case_manager)")
    mgr_set = set(managers)
    mgr_key = {m: str(network.node(m).get("school") or "") for m in managers}
    by_key: dict[str, list[str]] = {}
    for m in managers:
        by_key.setdefault(mgr_key[m], []).append(m)
    client_mgr: list[str] = []
    for i, c in enumerate(clients):
        tied = [m for m in network.neighbours(c, "relationship") if m in mgr_set]
        if not tied:  # no relationship tie: a manager of the client's school, else any
            pool = by_key.get(str(network.node(c).get("school") or ""), managers)
            tied = [pool[i % len(pool)]]
        client_mgr.append(tied[0])
    keys = sorted({mgr_key[m] for m in client_mgr})
    kidx = {k: j for j, k in enumerate(keys)}
    members: list[list[int]] = [[] for _ in keys]
    for i, m in enumerate(client_mgr):
        members[kidx[mgr_key[m]]].append(i)
    children = np.random.SeedSequence(int(seed)).spawn(len(keys) + 1)
    policy = dict(zip(managers, _mix_assignment(len(managers), config.policy_mix, children[-1]), strict=True))
    sizes = [len(x) for x in members]
    cap = np.full((len(keys), len(resources)), 0, dtype=np.int64)
    serves = np.array([[d in network.domains(r) for d in _DOMAINS] for r in resources], dtype=bool).reshape(
        -1, 8
    )
    total_cap: list[float] = []
    for j, r in enumerate(resources):
        raw = network.node(r).get("capacity")
        scaled = -1 if raw is None else (0 if raw == 0 else max(1, round(raw * config.capacity_scale)))
        total_cap.append(math.nan if scaled < 0 else float(scaled))
        home = str(network.node(r).get("school") or "")
        if len(keys) == 1:
            cap[0, j] = scaled
        elif home in kidx:
            cap[kidx[home], j] = scaled
        elif scaled < 0:
            cap[:, j] = -1
        else:
            cap[:, j] = quotas(scaled, sizes)
    needs = np.array(
        [[network.needs(c).get(d, 0) for d in _DOMAINS] for c in clients], dtype=np.int8
    ).reshape(-1, 8)
    window = max(1, int(config.referral_window * days))
    specs: list[PartitionSpec] = []
    layout: list[tuple[list[int], list[str], list[int]]] = []  # clients, managers, resources
    for j, k in enumerate(keys):
        idx = np.array(members[j], dtype=np.int64)
        mgrs = list(dict.fromkeys(client_mgr[i] for i in members[j]))
        mpos = {m: q for q, m in enumerate(mgrs)}
        local = np.flatnonzero(cap[j] != 0)
        ref = np.random.default_rng(children[j].spawn(1)[0]).integers(0, window, idx.size)
        specs.append(
            PartitionSpec(
                key=k,
                needs=needs[idx],
                client_manager=np.array([mpos[client_mgr[i]] for i in members[j]], dtype=np.int64),
                manager_policy=tuple(policy[m] for m in mgrs),
                capacity=cap[j, local],
                serves=serves[local],
                referral_days=ref,
                days=int(days),
                caseload_limit=int(config.caseload_limit),
                params=config.params,
                seed=children[j],
            )
        )
        layout.append((members[j], mgrs, local.tolist()))
    tables = {
        "clients": clients,
        "managers": managers,
        "resources": resources,
        "client_manager": client_mgr,
        "policy": policy,
        "layout": layout,
        "total_capacity": total_cap,
        "needs": needs,
    }
    return specs, tables


def _run_chunk(specs: list[PartitionSpec]) -> list[dict[str, Any]]:
    return [simulate_partition(s) for s in specs]


def run_population(
    network: ResourceNetwork,
    config: PopulationConfig | None = None,
    days: int = 180,
    seed: int = 0,
    executor: Executor | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> PopulationResult:
    """Run the population model on ``network`` for ``days`` days.

    Parameters
    ----------
    network
        Clients (with needs), case managers (``relationship`` ties to their clients) and
        resources (domains, capacity), e.g. :func:`~casekit.network.synth.synth_district`.
    config
        :class:`PopulationConfig`; defaults when ``None``.
    days
        Horizon in days (at least 1); open cases are measured on this day.
    seed
        Non-negative integer; the same arguments give the same result.
    executor
        ``None`` runs clusters here; any :class:`concurrent.futures.Executor` (a process
        pool, a Dask client's ``get_executor()``) runs them there, with identical results.
    progress
        Called as ``progress(done, total)`` as batches of clusters finish.

    Returns
    -------
    PopulationResult

    Examples
    --------
    >>> from casekit.network.synth import synth_district
    >>> r = run_population(synth_district(200, seed=2), days=90, seed=1)
    >>> list(r.cases.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['client', 'partition', 'manager', 'policy', 'referral_day', 'intake_day', 'plan_day',
     'first_service_day', 'services', 'needs_before', 'needs_after', 'high_needs',
     'unmet_needs', 'closed_day']
    >>> r.cases.shape, r.summary["cases_referred"]
    ((200, 14), 200)
    """

    config = config or PopulationConfig()
    if isinstance(days, bool) or int(days) != days or days < 1:
        raise CasekitError(f"population: days must be a whole number >= 1, got {days!r}")
    if isinstance(seed, bool) or int(seed) != seed or seed < 0:
        raise CasekitError(f"population: seed must be a whole number >= 0, got {seed!r}")
    specs, t = partition_specs(network, config, int(days), int(seed))
    size = max(1, math.ceil(len(specs) / 32))
    chunks = [specs[i : i + size] for i in range(0, len(specs), size)]
    outs: list[dict[str, Any]] = []
    if executor is None:
        batches: Any = (_run_chunk(c) for c in chunks)
    else:
        batches = (f.result() for f in [executor.submit(_run_chunk, c) for c in chunks])
    for batch in batches:
        outs.extend(batch)
        if progress is not None:
            progress(len(outs), len(specs))
    return collect(specs, outs, t, int(days), int(seed))
