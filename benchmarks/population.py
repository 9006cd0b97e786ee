"""Benchmark of the population model (issue 4): speed, SimPy overhead and scaling.

Run from the repository root::

    PYTHONPATH=. python benchmarks/population.py [--clients 100000] [--days 180]

1. Builds a synthetic district of 100,000 clients with about 500 resources
   (``SynthParams(clients_per_school=1000, clients_per_resource=200)``: 100 schools of
   1,000 students, 1,000 case managers, 300 in-school resources and ~200 district agencies;
   the default parameters would give ~2,100 resources, 500 schools of 200 students).
2. Times :func:`casekit.sim.population.run_population` single-process over 180 days
   (all-expert managers, default :class:`~casekit.sim.population.PopulationConfig`).
3. Runs a *bare* SimPy model with the same clusters, clients, referral days, caseload
   limits, places and process structure (a case process per client, one chain process per
   concurrent need, request / hold / release), with no casekit logic: clients are spread
   round-robin over suitable resources, every 5th request is a no-show that is made again,
   services last 49 days. These two knobs stand in for the casekit run's no-shows, retries
   and monitored early endings and bring the bare event count within ~1% of the casekit
   count; the two are compared as events per second.
4. Times a replicate sweep (4 replicates of a 20,000-client population, each building its
   district and running it, via :func:`casekit.sim.sweep` with a custom task) on 1 and on 2
   worker processes.
"""

from __future__ import annotations

import argparse
import math
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from casekit.network.synth import SynthParams, synth_district
from casekit.sim import sweep
from casekit.sim.population import PopulationConfig, partition_specs, run_population
from casekit.sim.population_sim import UNLIMITED, PartitionSpec, simulate_partition

BENCH_PARAMS = SynthParams(clients_per_school=1000, clients_per_resource=200)
#: Bare-model knobs that give about the casekit run's event count (920,889 vs 929,812
#: events for the default 100,000 x 180 run): 49-day services, every 5th request a no-show.
BARE_HOLD, BARE_NO_SHOW = 49, 5


def bare_partition(spec: PartitionSpec, hold: int = 75, no_show: int = 0) -> int:
    """The bare SimPy model of one cluster; returns the events processed.

    Every ``no_show``-th request (0: none) is released at once and made again, and services
    last ``hold`` days: the two knobs that bring its event count to the casekit run's.
    """
    import simpy

    env = simpy.Environment()
    days, thr = spec.days, int(spec.params.overload_threshold)
    count = [0]
    managers = [simpy.Resource(env, capacity=spec.caseload_limit) for _ in spec.manager_policy]
    places = [simpy.Resource(env, capacity=int(c) if c >= 0 else UNLIMITED) for c in spec.capacity]
    cands = [np.flatnonzero(spec.serves[:, d] & (spec.capacity != 0)).tolist() for d in range(8)]
    needs = spec.needs.tolist()

    def chain(i: int, todo: list[int]) -> Any:
        for d in todo:
            res = places[cands[d][i % len(cands[d])]]  # spread clients over suitable resources
            req = res.request()
            yield req
            count[0] += 1
            if no_show and count[0] % no_show == 0:
                res.release(req)
                req = res.request()
                yield req
            yield env.timeout(hold)
            res.release(req)

    def case(i: int, ref: int, m: int) -> Any:
        yield env.timeout(ref)
        slot = managers[m].request()
        yield slot
        yield env.timeout(14)
        items = [d for d in range(8) if needs[i][d] >= 2 and cands[d]]
        if items:
            width = min(len(items), thr)
            yield env.all_of([env.process(chain(i, items[j::width])) for j in range(width)])
        managers[m].release(slot)

    for i, (ref, m) in enumerate(zip(spec.referral_days.tolist(), spec.client_manager.tolist(), strict=True)):
        env.process(case(i, ref, m))
    events = 0
    step, peek = env.step, env.peek
    while peek() <= days:
        step()
        events += 1
    return events


def replicate_task(point: dict[str, Any], seed: int) -> dict[str, Any]:
    """One replicate: build a district and run the population model on it."""
    net = synth_district(int(point["clients"]), seed=seed)
    r = run_population(net, days=int(point["days"]), seed=seed)
    return {k: v for k, v in r.summary.items() if not isinstance(v, dict)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--sweep-clients", type=int, default=20_000)
    ap.add_argument("--replicates", type=int, default=4)
    a = ap.parse_args()

    t = time.perf_counter()
    net = synth_district(a.clients, seed=0, params=BENCH_PARAMS)
    t_synth = time.perf_counter() - t
    print(
        f"district: {len(net.clients()):,} clients, {len(net.case_managers()):,} case managers, "
        f"{len(net.resources()):,} resources, built in {t_synth:.1f} s"
    )

    t = time.perf_counter()
    result = run_population(net, days=a.days, seed=0)
    t_run = time.perf_counter() - t
    events = result.summary["events"]
    print(
        f"run_population, single process, {a.days} days: {t_run:.1f} s "
        f"({result.summary['partitions']} clusters, {events:,} SimPy events)"
    )

    specs, _ = partition_specs(net, PopulationConfig(), a.days, 0)
    t = time.perf_counter()
    sim_events = sum(simulate_partition(s)["events"] for s in specs)
    t_sim = time.perf_counter() - t
    t = time.perf_counter()
    bare_events = sum(bare_partition(s, hold=BARE_HOLD, no_show=BARE_NO_SHOW) for s in specs)
    t_bare = time.perf_counter() - t
    rate, bare_rate = sim_events / t_sim, bare_events / t_bare
    print(f"casekit simulation only: {sim_events:,} events in {t_sim:.1f} s = {rate:,.0f} events/s")
    print(f"bare SimPy model:        {bare_events:,} events in {t_bare:.1f} s = {bare_rate:,.0f} events/s")
    print(
        f"casekit overhead per event: {bare_rate / rate:.2f}x (target <= 2x); "
        f"whole run vs bare: {t_run / (t_bare * sim_events / bare_events):.2f}x"
    )

    grid = {"clients": a.sweep_clients, "days": a.days}
    times = {}
    frames = {}
    for workers in (1, 2):
        with ProcessPoolExecutor(workers) as pool:
            t = time.perf_counter()
            frames[workers] = sweep(grid, a.replicates, seed=1, executor=pool, task=replicate_task)
            times[workers] = time.perf_counter() - t
    same = frames[1].equals(frames[2])
    print(
        f"replicate sweep ({a.replicates} x {a.sweep_clients:,} clients): "
        f"1 worker {times[1]:.1f} s, 2 workers {times[2]:.1f} s, "
        f"speed-up {times[1] / times[2]:.2f}x (target >= 1.6x); identical results: {same}"
    )
    if not math.isfinite(rate):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
