"""``casekit simulate SCENARIO --policy P [--seed N] [--runs R] [--json] [--lang ko|en]``.

Run ``r`` uses seed ``N + r``. The JSON output is byte-identical for identical arguments.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register", "simulate_json", "format_run"]


def simulate_json(scenario_id: str, policy: str, seed: int, results: list[Any]) -> dict[str, Any]:
    """The JSON document of ``casekit simulate --json``."""
    runs = [r.to_dict() for r in results]
    n = max(1, len(results))
    return {
        "scenario": scenario_id,
        "policy": policy,
        "seed": seed,
        "runs": runs,
        "summary": {
            "mean_score": round(sum(r.score.total for r in results) / n, 2),
            "mean_needs_reduction": round(sum(r.needs_reduction for r in results) / n, 3),
        },
    }


def format_run(result: Any, lang: str = "ko") -> str:
    """A readable stage-by-stage account of one run."""
    from ..domain.vocabulary import NeedDomain, Stage

    ko = lang == "ko"
    lines = [f"{'실행' if ko else 'run'} seed={result.seed}"]
    for stage, day in result.stages:
        label = Stage.parse(stage).label(lang)
        lines.append(f"  {day:>4}{'일' if ko else 'd'}  {label}")
    reason = result.closed_reason or ("없음" if ko else "none")
    lines.append(f"  {'종결 사유' if ko else 'closure reason'}: {reason}")
    if result.timed_out:
        lines.append("  " + ("기간 만료로 중단" if ko else "stopped at the day limit"))
    needs = ", ".join(
        f"{NeedDomain.parse(k).label(lang)} {result.needs_before[k]:.1f}→{result.needs_after[k]:.1f}"
        for k in result.needs_before
        if result.needs_before[k] >= 2
    )
    lines.append(f"  {'주요 욕구' if ko else 'main needs'}: {needs or '-'}")
    lines.append(f"  {'규칙 위반' if ko else 'rule violations'}: {len(result.violations)}")
    lines.append(f"  {'점수' if ko else 'score'}: {result.score.total:.1f}")
    for name, text in result.score.explain(lang).items():
        lines.append(f"    {name}: {text}")
    return "\n".join(lines)


def _simulate(args: argparse.Namespace) -> int:
    from ..cli import UsageError
    from ..scenarios import get_scenario
    from ..sim import run_case

    if args.runs < 1:
        raise UsageError("--runs must be 1 or more")
    if args.seed < 0:
        raise UsageError("--seed must be 0 or more")
    scenario = get_scenario(args.scenario)
    results = [run_case(scenario, args.policy, args.seed + r) for r in range(args.runs)]
    doc = simulate_json(scenario.id, args.policy, args.seed, results)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    ko = args.lang == "ko"
    print(f"{scenario.title.get(args.lang)} — {'정책' if ko else 'policy'}: {args.policy}")
    for r in results:
        print(format_run(r, args.lang))
    s = doc["summary"]
    head = "요약" if ko else "summary"
    mean = "평균 점수" if ko else "mean score"
    red = "평균 욕구 감소" if ko else "mean need reduction"
    print(f"{head}: {mean} {s['mean_score']:.1f}, {red} {s['mean_needs_reduction']:.2f}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit simulate``."""
    from ..sim.policies import POLICIES

    p = sub.add_parser(
        "simulate",
        help="run a scenario with a policy / 시나리오 모의 실행",
        description="Run a scenario (a bundled id or a path) with a built-in policy and score it.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="bundled scenario id or scenario file")
    p.add_argument("--policy", choices=sorted(POLICIES), required=True, help="who manages the case")
    p.add_argument("--seed", type=int, default=0, help="seed of the first run (default 0)")
    p.add_argument("--runs", type=int, default=1, help="number of runs; run r uses seed N + r")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of the account")
    p.set_defaults(func=_simulate)
