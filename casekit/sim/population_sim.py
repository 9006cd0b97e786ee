"""One partition (a school cluster) of the population model, run as a SimPy simulation.

Each case manager is a ``simpy.Resource`` whose capacity is the caseload limit; each
resource is a ``simpy.Resource`` whose capacity is its (quota of) places, so its queue is
the waiting list. Each client is a process: referred on its day, it waits for a slot on its
manager's caseload (intake), is assessed and planned for as the manager's policy profile
says (:mod:`casekit.sim.population_profiles`), then works through its needs of severity 2
or more in parallel *chains* (at most ``overload_threshold`` at once for the expert), each
chain waiting for a place, attending with the world's attendance chance and holding the
place for ``service_days``. Needs move by the single-case world's daily formula
(:mod:`casekit.sim.mechanisms`), applied in closed form between the moments the client's
services change (the daily noise of the single-case world is left out: its mean is zero).
The case closes when every chain is done, freeing the manager's slot.

Examples
--------
>>> import numpy as np
>>> spec = PartitionSpec(
...     key="s1", needs=np.array([[0, 0, 0, 3, 0, 0, 0, 0]], dtype=np.int8),
...     client_manager=np.array([0]), manager_policy=("expert",),
...     capacity=np.array([5]), serves=np.array([[0, 0, 0, 1, 0, 0, 0, 0]], dtype=bool),
...     referral_days=np.array([0]), days=180, caseload_limit=25,
...     params=OutcomeParams(), seed=np.random.SeedSequence(0))
>>> out = simulate_partition(spec)
>>> out["intake"].tolist(), out["plan"].tolist(), out["services"].tolist()
([0.0], [14.0], [1])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .mechanisms import overload_factor, service_effect
from .params import OutcomeParams
from .population_profiles import PROFILES, PolicyProfile

__all__ = ["PartitionSpec", "simulate_partition", "UNLIMITED"]

#: Places of a resource without a capacity.
UNLIMITED = 10**9
_ND = 8
_DRAWS = 16  # uniforms drawn up front per client; more come from the partition's generator


@dataclass(frozen=True)
class PartitionSpec:
    """Everything one partition needs, in arrays (cheap to send to a worker process).

    ``needs`` is ``(clients, 8)`` in :class:`~casekit.domain.vocabulary.NeedDomain` order;
    ``capacity`` is the partition's places per resource (``-1`` unlimited); ``serves`` is
    ``(resources, 8)``; ``referral_days`` the day each client is referred.
    """

    key: str
    needs: np.ndarray
    client_manager: np.ndarray
    manager_policy: tuple[str, ...]
    capacity: np.ndarray
    serves: np.ndarray
    referral_days: np.ndarray
    days: int
    caseload_limit: int
    params: OutcomeParams
    seed: np.random.SeedSequence


class _Client:
    """A client's state between events: needs, services in progress and engagement."""

    __slots__ = ("active", "closed", "doms", "eng", "first", "n_services", "serving", "sev", "t")

    def __init__(self, sev: list[float], t: float, eng: float) -> None:
        self.sev = sev
        self.serving = [0] * _ND
        self.doms = [d for d in range(_ND) if sev[d] > 0]
        self.active = 0
        self.t = t
        self.eng = eng
        self.first = math.nan
        self.n_services = 0
        self.closed = math.nan


def _engagement_sum(e0: float, drop: float, k: float) -> float:
    """Sum of ``max(0.05, e0 - drop * j)`` for ``j = 0 .. k-1``: engagement over ``k`` days."""
    if drop <= 0:
        return e0 * k
    above = 0 if e0 < 0.05 else min(k, math.floor((e0 - 0.05) / drop) + 1)
    return above * e0 - drop * above * (above - 1) / 2 + (k - above) * 0.05


def _advance(c: _Client, now: float, p: OutcomeParams) -> None:
    """Move the client's needs and engagement from ``c.t`` to ``now`` (closed form)."""
    k = now - c.t
    if k <= 0:
        return
    over = max(0.0, c.active - p.overload_threshold)
    drop = p.overload_drop * over
    esum = _engagement_sum(c.eng, drop, k)
    factor = overload_factor(c.active, p.overload_threshold, p.overload_penalty)
    sev, serving = c.sev, c.serving
    for d in c.doms:
        s, g = sev[d], serving[d]
        if g:
            sev[d] = max(0.0, s - service_effect(p.service_rate, esum, factor, g))
        elif s >= 2:
            sev[d] = min(4.0, s + p.drift_unmet * k)
    if drop:
        c.eng = max(0.05, c.eng - drop * k)
    c.t = now


def simulate_partition(spec: PartitionSpec) -> dict[str, Any]:
    """Run one partition to day ``spec.days``; per-client arrays, the service log, events.

    Returns a dict of numpy arrays: ``intake``, ``plan``, ``first_service``, ``closed``
    (days, NaN if not reached), ``services`` (attended), ``needs_after`` ``(clients, 8)``,
    ``svc_resource``, ``svc_start``, ``svc_end`` (attended services; end may lie after the
    horizon), and ``events`` (SimPy events processed).
    """
    import simpy

    p, days = spec.params, spec.days
    rng = np.random.default_rng(spec.seed)
    n, nr = len(spec.needs), len(spec.capacity)
    env = simpy.Environment()
    managers = [simpy.Resource(env, capacity=spec.caseload_limit) for _ in spec.manager_policy]
    places = [simpy.Resource(env, capacity=int(c) if c >= 0 else UNLIMITED) for c in spec.capacity]
    weights = [1.0 / c if c > 0 else 0.0 for c in spec.capacity.tolist()]
    serves = [np.flatnonzero(row).tolist() for row in spec.serves]
    candidates = [
        [r for r in np.flatnonzero(spec.serves[:, d]).tolist() if spec.capacity[r] != 0] for d in range(_ND)
    ]
    usable = [r for r in range(nr) if spec.capacity[r] != 0]
    profiles = [PROFILES[name] for name in spec.manager_policy]
    draws = rng.random((n, _DRAWS)).tolist()
    misrate = rng.integers(-1, 2, (n, _ND))
    seen_all = np.clip(spec.needs + misrate, 0, 4).tolist()
    true_needs = spec.needs.tolist()
    needs = spec.needs.astype(float).tolist()
    mgr_of = spec.client_manager.tolist()
    start = p.engagement_start
    clients = [
        _Client(sev, float(t), start) for sev, t in zip(needs, spec.referral_days.tolist(), strict=True)
    ]
    intake = [math.nan] * n
    plan = [math.nan] * n
    log_r: list[int] = []
    log_start: list[float] = []
    log_end: list[float] = []
    counter = [0] * n

    def draw(i: int) -> float:
        k = counter[i]
        counter[i] = k + 1
        return draws[i][k] if k < _DRAWS else float(rng.random())

    def pick(i: int, prof: PolicyProfile, d: int, nth: int) -> int | None:
        cands = candidates[d]
        if prof.choice == "random" or (nth and prof.wrong_domain and draw(i) < prof.wrong_domain):
            return usable[int(draw(i) * len(usable))] if usable else None
        if not cands:
            return None
        if prof.choice == "popular":
            return cands[nth % len(cands)]
        best, score = cands[0], math.inf
        for r in cands:  # shortest expected queue: people ahead per place
            res = places[r]
            s = (len(res.queue) + res.count) * weights[r]
            if s < score:
                best, score = r, s
        return best

    def chain(i: int, c: _Client, prof: PolicyProfile, todo: list[tuple[int, int]]) -> Any:
        while todo:
            d, nth = todo.pop(0)
            for _ in range(prof.tries):
                r = pick(i, prof, d, nth)
                if r is None:
                    break
                res = places[r]
                req = res.request()
                yield req
                now = env.now
                _advance(c, now, p)
                if draw(i) >= prof.uptake(p, c.eng):
                    res.release(req)  # did not attend: the place goes to the next in line
                    continue
                hold = p.service_days
                daily = service_effect(p.service_rate, c.eng, 1.0, c.serving[d] + 1)
                if prof.monitor_every and daily > 0:
                    need = max(1.0, (c.sev[d] - 0.999) / daily)
                    hold = min(hold, prof.monitor_every * math.ceil(need / prof.monitor_every))
                hold = int(hold)
                if c.n_services == 0:
                    c.first = now
                c.n_services += 1
                log_r.append(r)
                log_start.append(now)
                log_end.append(now + hold)
                c.active += 1
                for dd in serves[r]:
                    c.serving[dd] += 1
                yield env.timeout(hold)
                _advance(c, env.now, p)
                c.active -= 1
                for dd in serves[r]:
                    c.serving[dd] -= 1
                res.release(req)
                break

    def case(i: int) -> Any:
        c = clients[i]
        yield env.timeout(c.t)
        m = mgr_of[i]
        slot = managers[m].request()
        yield slot
        prof = profiles[m]
        intake[i] = env.now
        lo, hi = prof.intake_days
        wait = lo + int(draw(i) * (hi - lo + 1))
        lo, hi = prof.plan_days
        wait += lo + int(draw(i) * (hi - lo + 1))
        yield env.timeout(wait)
        now = env.now
        plan[i] = now
        _advance(c, now, p)
        c.eng = prof.engagement(p)
        seen = seen_all[i] if prof.misrate else true_needs[i]
        order = sorted((d for d in range(_ND) if seen[d] >= 2), key=lambda d: -seen[d])
        lo, hi = prof.per_need
        items = [(d, k) for d in order for k in range(lo + int(draw(i) * (hi - lo + 1)))]
        if items:
            width = min(len(items), int(p.overload_threshold)) if prof.limit_active else len(items)
            shares: list[list[tuple[int, int]]] = [items[j::width] for j in range(width)]
            yield env.all_of([env.process(chain(i, c, prof, todo)) for todo in shares])
        _advance(c, env.now, p)
        c.closed = env.now
        managers[m].release(slot)

    for i in range(n):
        env.process(case(i))
    events = 0
    step, peek = env.step, env.peek
    while peek() <= days:
        step()
        events += 1
    for c in clients:
        _advance(c, min(days, c.closed) if c.closed == c.closed else days, p)
    return {
        "intake": np.array(intake),
        "plan": np.array(plan),
        "first_service": np.array([c.first for c in clients]),
        "closed": np.array([c.closed for c in clients]),
        "services": np.array([c.n_services for c in clients], dtype=np.int64),
        "needs_after": np.array([c.sev for c in clients]).reshape(n, _ND),
        "svc_resource": np.array(log_r, dtype=np.int64),
        "svc_start": np.array(log_start, dtype=float),
        "svc_end": np.array(log_end, dtype=float),
        "events": events,
    }
