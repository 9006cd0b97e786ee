"""Benchmark of the learner walkthrough (issue 5): cold start, per-action latency, ecomap redraw.

Run from the repository root::

    python benchmarks/ui_latency.py [--reps 5] [--scenarios 13] [--profile]

1. **Cold start**: a fresh Python process (``python -c``, ``--reps`` times, median) imports
   :mod:`casekit.ui`, builds ``Walkthrough("learning-low-income")`` and renders it to the
   widget state a front end receives (``ipywidgets.embed.embed_snippet`` of the whole tree,
   every widget's state). Target: under 1.5 s. Side by side: a process that only runs
   ``import ipywidgets``, and the ratio. The child process reports its own phases (import,
   construction, state) and ``python -X importtime`` says which imports dominate, so heavy
   ones can be deferred. The first ecomap drawn in that process (matplotlib's import and font
   set-up included) is reported apart: it comes with the first click after intake, not with
   the first render.
2. **Per action, headless**: every click of an expert run (``ActionForm._clicked``: read the
   fields, apply the action, re-render) over the bundled scenarios, timed one by one; median,
   p90 and max, per verb, and the share spent in the session (the engine) and in
   ``Walkthrough.refresh`` (the views). Two ways: ``play("expert")`` (the demonstration, which
   draws the ecomap once at the end), and the same decisions clicked one at a time as a
   learner would (the ecomap is redrawn after each click that changes a tie). Target: median
   under 100 ms.
3. **Ecomap redraw**: ``views.ecomap_png`` on each scenario's final case, median of three.

Numbers only; nothing is asserted (timings live here, never in tests). With ``--profile``, or
when a target is missed, cProfile says what dominates.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

COLD_TARGET_S, ACTION_TARGET_MS = 1.5, 100.0
FIRST_SCENARIO = "learning-low-income"

#: The child process of the cold-start measurement: its phases, as JSON on stdout.
COLD_CODE = """
import json, time
t0 = time.perf_counter()
from casekit.ui import Walkthrough
t1 = time.perf_counter()
from casekit.scenarios import get_scenario
scenario = get_scenario({scenario!r})  # what Walkthrough({scenario!r}) does first
t1b = time.perf_counter()
w = Walkthrough(scenario)
t2 = time.perf_counter()
from ipywidgets import Widget
from ipywidgets.embed import embed_snippet
html = embed_snippet(views=[w.widget])
t3 = time.perf_counter()
out = {{"import": t1 - t0, "scenario": t1b - t1, "construct": t2 - t1b, "state": t3 - t2, "widgets": len(Widget.widgets), "html_kb": len(html) / 1024}}
if {ecomap}:
    from casekit.ui import views
    t4 = time.perf_counter()
    views.ecomap_png(w.session, "ko")
    out["first_ecomap"] = time.perf_counter() - t4
print(json.dumps(out))
"""
BARE_CODE = "import ipywidgets"
PROFILE_CODE = """
import cProfile, io, pstats
from casekit.ui import Walkthrough
prof = cProfile.Profile()
prof.enable()
Walkthrough({scenario!r})
prof.disable()
buf = io.StringIO()
pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("cumulative").print_stats(16)
text = buf.getvalue()
print(text[text.find("   ncalls"):])
"""


def _run(code: str, *flags: str) -> tuple[float, str, str]:
    """Run ``code`` in a fresh interpreter; wall seconds, stdout, stderr."""
    env = dict(os.environ, MPLBACKEND="Agg")  # this child only: it has no display
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return time.perf_counter() - t, done.stdout, done.stderr


def _stats(xs: Iterable[float]) -> tuple[float, float, float]:
    a = np.asarray(list(xs), dtype=float)
    return float(np.median(a)), float(np.percentile(a, 90)), float(a.max())


def cold_start(reps: int) -> dict[str, Any]:
    """Medians over ``reps`` fresh processes: the walkthrough, a bare ``import ipywidgets``, python itself."""
    walk, bare, empty, phases = [], [], [], defaultdict(list)
    code = COLD_CODE.format(scenario=FIRST_SCENARIO, ecomap=False)
    _run(code)  # warm the OS file cache once; not counted
    for _ in range(reps):
        wall, out, _err = _run(code)
        walk.append(wall)
        for k, v in json.loads(out).items():
            phases[k].append(v)
        bare.append(_run(BARE_CODE)[0])
        empty.append(_run("pass")[0])
    first = [
        json.loads(_run(COLD_CODE.format(scenario=FIRST_SCENARIO, ecomap=True))[1])["first_ecomap"]
        for _ in range(max(1, reps // 2))
    ]
    return {
        "walk": float(np.median(walk)),
        "bare": float(np.median(bare)),
        "python": float(np.median(empty)),
        "phases": {k: float(np.median(v)) for k, v in phases.items()},
        "first_ecomap": float(np.median(first)),
    }


def import_profile(top: int = 14) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """``-X importtime`` of the cold start: the heaviest modules (cumulative) and packages (self time)."""
    _wall, _out, err = _run(COLD_CODE.format(scenario=FIRST_SCENARIO, ecomap=False), "-X", "importtime")
    rows = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m[1]) / 1e6, int(m[2]) / 1e6, len(m[3]) // 2, m[4]))
    # Modules at most two levels below the first import, heaviest first: where the time goes.
    heavy = sorted(((name, cum) for _s, cum, depth, name in rows if depth <= 2), key=lambda r: -r[1])[:top]
    packages: dict[str, float] = defaultdict(float)
    for self_s, _c, _d, name in rows:
        head = name.split(".")[0]
        packages[head if head != "casekit" else ".".join(name.split(".")[:2])] += self_s
    return heavy, sorted(packages.items(), key=lambda r: -r[1])[:top]


# -- per-action latency ---------------------------------------------------------------------


class Clock:
    """Times each form click, and the session and refresh time inside it (class-level patches)."""

    def __init__(self) -> None:
        # verb, total, session, refresh, ecomap (seconds)
        self.clicks: list[tuple[str, float, float, float, float]] = []
        self._session = self._refresh = self._ecomap = 0.0

    def install(self) -> Callable[[], None]:
        from casekit.teach.learner import LearnerSession
        from casekit.ui import views
        from casekit.ui.forms import ActionForm
        from casekit.ui.walkthrough import Walkthrough

        saved = [
            (ActionForm, "_clicked"),
            (Walkthrough, "refresh"),
            (LearnerSession, "do"),
            (LearnerSession, "advance"),
            (LearnerSession, "wait"),
            (views, "ecomap_png"),
        ]
        originals = {(c, n): getattr(c, n) for c, n in saved}
        clock = self

        def clicked(form: Any, button: Any = None) -> None:
            clock._session = clock._refresh = clock._ecomap = 0.0
            t = time.perf_counter()
            originals[(ActionForm, "_clicked")](form, button)
            clock.clicks.append(
                (form.verb, time.perf_counter() - t, clock._session, clock._refresh, clock._ecomap)
            )

        def timed(key: tuple[type, str], slot: str) -> Callable[..., Any]:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                t = time.perf_counter()
                try:
                    return originals[key](*args, **kwargs)
                finally:
                    setattr(clock, slot, getattr(clock, slot) + time.perf_counter() - t)

            return wrapper

        ActionForm._clicked = clicked  # type: ignore[method-assign]
        Walkthrough.refresh = timed((Walkthrough, "refresh"), "_refresh")  # type: ignore[method-assign]
        for name in ("do", "advance", "wait"):
            setattr(LearnerSession, name, timed((LearnerSession, name), "_session"))
        views.ecomap_png = timed((views, "ecomap_png"), "_ecomap")  # type: ignore[assignment]

        def uninstall() -> None:
            for (c, n), f in originals.items():
                setattr(c, n, f)

        return uninstall


def click_like_a_learner(w: Any, policy: str = "expert", max_decisions: int = 2000) -> None:
    """The expert's decisions clicked one at a time, outside ``play`` (so the ecomap redraws)."""
    from casekit.sim.policies import get_policy
    from casekit.sim.runner import policy_rng

    agent = get_policy(policy, policy_rng(w.seed), scenario=w.scenario)
    for _ in range(max_decisions):
        s = w.session
        if s.ended or s.engine.timed_out:
            return
        decision = agent.decide(s.observe())
        for action in decision.actions:
            w.drive(action)
            if w.session.ended:
                return
        w.nav_wait.field("days").widget.value = str(decision.wait_days)
        w.nav_wait.button.click()


def per_action(scenario_ids: list[str], *, learner: bool) -> tuple[Clock, list[Any]]:
    """Click through each scenario's expert run; the clock and the finished walkthroughs."""
    from casekit.ui import Walkthrough

    clock, done = Clock(), []
    uninstall = clock.install()
    try:
        for sid in scenario_ids:
            w = Walkthrough(sid, seed=0)
            if learner:
                click_like_a_learner(w)
            else:
                w.play("expert")
            done.append(w)
    finally:
        uninstall()
    return clock, done


def ecomap_times(walks: list[Any]) -> list[float]:
    """Median of three ``ecomap_png`` draws of each finished case."""
    from casekit.ui import views

    out = []
    for w in walks:
        ts = []
        for _ in range(3):
            t = time.perf_counter()
            views.ecomap_png(w.session, "ko")
            ts.append(time.perf_counter() - t)
        out.append(float(np.median(ts)))
    return out


def profile(call: Callable[[], Any], top: int = 14) -> str:
    """cProfile of ``call``: the ``top`` functions by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    call()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("cumulative").print_stats(top)
    text = buf.getvalue()
    return text[text.find("   ncalls") :]


# -- report ---------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5, help="fresh processes per cold-start measurement")
    ap.add_argument("--scenarios", type=int, default=13, help="how many bundled scenarios to click through")
    ap.add_argument("--profile", action="store_true", help="always print the cProfile summaries")
    a = ap.parse_args()

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    cold = cold_start(a.reps)
    ph = cold["phases"]
    print(f"\n1. Cold start: fresh process to the first rendered walkthrough (median of {a.reps})")
    print(f"   {'':44s} {'seconds':>8s}")
    rows = [
        ("python -c 'pass' (interpreter start)", cold["python"]),
        ("python -c 'import ipywidgets' (bare)", cold["bare"]),
        (f"Walkthrough({FIRST_SCENARIO!r}) rendered", cold["walk"]),
        ("  of which: import casekit.ui", ph["import"]),
        ("  of which: get_scenario (YAML)", ph["scenario"]),
        ("  of which: build the widgets", ph["construct"]),
        ("  of which: widget state (embed_snippet)", ph["state"]),
        ("first ecomap in a fresh process (apart)", cold["first_ecomap"]),
    ]
    for name, v in rows:
        print(f"   {name:44s} {v:8.3f}")
    print(f"   widgets in the tree: {ph['widgets']:.0f}; embedded state {ph['html_kb']:.0f} KiB")
    verdict = "met" if cold["walk"] < COLD_TARGET_S else f"MISSED by {cold['walk'] - COLD_TARGET_S:.2f} s"
    print(
        f"   walkthrough / bare ipywidgets: {cold['walk'] / cold['bare']:.1f}x; "
        f"target < {COLD_TARGET_S} s: {verdict}"
    )

    heavy, packages = import_profile()
    print("\n   python -X importtime (one cold start): heaviest modules, cumulative seconds")
    for name, cum in heavy:
        print(f"     {name:46s} {cum:6.3f}")
    print("   self time by package (casekit by subpackage)")
    print("     " + ", ".join(f"{n} {s:.3f}" for n, s in packages))

    from casekit.scenarios import bundled_scenarios

    ids = sorted(s.id for s in bundled_scenarios())[: a.scenarios]
    print(f"\n2. Per action, headless: every click of an expert run of {len(ids)} scenarios (seed 0)")
    print(
        f"   {'':24s} {'clicks':>6s} {'median ms':>9s} {'p90 ms':>7s} {'max ms':>7s}   share of time: "
        f"{'session':>7s} {'refresh':>7s} {'(ecomap)':>8s}"
    )
    results = {}
    for label, learner in (("play('expert') (demo)", False), ("clicked as a learner", True)):
        t = time.perf_counter()
        clock, walks = per_action(ids, learner=learner)
        wall = time.perf_counter() - t
        results[label] = (clock, walks, wall)
        tot = [c[1] * 1e3 for c in clock.clicks]
        med, p90, mx = _stats(tot)
        total = sum(c[1] for c in clock.clicks)
        sess, refr, eco = (sum(c[i] for c in clock.clicks) / total for i in (2, 3, 4))
        print(
            f"   {label:24s} {len(tot):6d} {med:9.1f} {p90:7.1f} {mx:7.1f}   {'':14s} {sess:7.0%} {refr:7.0%} {eco:8.0%}"
        )
    learner_clock, learner_walks, learner_wall = results["clicked as a learner"]
    _clock, _w, demo_wall = results["play('expert') (demo)"]
    print(
        f"   whole runs: demo {demo_wall:.1f} s, as a learner {learner_wall:.1f} s "
        f"({learner_wall / demo_wall:.2f}x: the ecomap redraws)"
    )

    by_verb: dict[str, list[float]] = defaultdict(list)
    for verb, total, *_rest in learner_clock.clicks:
        by_verb[verb].append(total * 1e3)
    print("\n   per verb, clicked as a learner")
    print(f"   {'verb':22s} {'clicks':>6s} {'median ms':>9s} {'p90 ms':>7s} {'max ms':>7s}")
    for verb, xs in sorted(by_verb.items(), key=lambda kv: -np.median(kv[1])):
        med, p90, mx = _stats(xs)
        print(f"   {verb:22s} {len(xs):6d} {med:9.1f} {p90:7.1f} {mx:7.1f}")
    med_all, p90_all, _mx = _stats(c[1] * 1e3 for c in learner_clock.clicks)
    drew = [c for c in learner_clock.clicks if c[4] > 0]
    quiet = [c for c in learner_clock.clicks if c[4] == 0]
    print(
        f"   clicks that redrew the ecomap: {len(drew)}, median {_stats(c[1] * 1e3 for c in drew)[0]:.1f} ms; "
        f"the other {len(quiet)}: median {_stats(c[1] * 1e3 for c in quiet)[0]:.1f} ms, "
        f"p90 {_stats(c[1] * 1e3 for c in quiet)[1]:.1f} ms"
    )
    verdict = "met" if med_all < ACTION_TARGET_MS else f"MISSED by {med_all - ACTION_TARGET_MS:.0f} ms"
    p90_verdict = "under" if p90_all < ACTION_TARGET_MS else f"over by {p90_all - ACTION_TARGET_MS:.0f} ms"
    print(f"   target: median < {ACTION_TARGET_MS:.0f} ms per action: {verdict} (p90 {p90_verdict})")

    eco = ecomap_times(learner_walks)
    med, p90, mx = _stats(x * 1e3 for x in eco)
    print(
        f"\n3. Ecomap redraw (views.ecomap_png, final case of each scenario): median {med:.0f} ms, "
        f"p90 {p90:.0f} ms, max {mx:.0f} ms; first in a fresh process {cold['first_ecomap'] * 1e3:.0f} ms"
    )

    if a.profile or cold["walk"] >= COLD_TARGET_S:
        print(
            f"\ncProfile: Walkthrough({FIRST_SCENARIO!r}) in a fresh process (imports done), top by cumulative time"
        )
        print(_run(PROFILE_CODE.format(scenario=FIRST_SCENARIO))[1])
    if a.profile or p90_all >= ACTION_TARGET_MS:
        print(f"cProfile: clicking {ids[0]} as a learner, top functions by cumulative time")
        print(profile(lambda: per_action(ids[:1], learner=True)))
        from casekit.ui import views

        w = learner_walks[0]
        print(f"cProfile: five ecomap redraws of {w.scenario.id}'s final case, top by cumulative time")
        print(profile(lambda: [views.ecomap_png(w.session, "ko") for _ in range(5)]))


if __name__ == "__main__":
    main()
