"""``casekit simulate SCENARIO --policy P [--seed N] [--runs R] [--json] [--lang ko|en]
[--export DIR [--learner NAME]]``.

Run ``r`` uses seed ``N + r``. The JSON output is byte-identical for identical arguments.

``--export DIR`` also writes each run's case file, ``DIR/<scenario>-<policy>-seed<N>.case.json``,
and its printable page, ``.case.html`` beside it: the files a learner would hand in after the
same run, so instructors can make reference answers and tests can make submissions. They are
byte-identical for identical arguments (no time is written). ``--learner NAME`` is the name
written as the learner; it defaults to the policy's name, so a reference answer needs no
invented student.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register", "simulate_json", "format_run", "export_runs", "export_name"]


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


def export_name(scenario_id: str, policy: str, seed: int) -> str:
    """The file stem of an exported run: ``<scenario>-<policy>-seed<N>``.

    Examples
    --------
    >>> export_name("learning-low-income", "expert", 3)
    'learning-low-income-expert-seed3'
    """
    return f"{scenario_id}-{policy}-seed{seed}"


def export_runs(
    results: list[Any], scenario: Any, directory: Any, *, learner: str, policy: str, lang: str = "ko"
) -> list[Any]:
    """Write each run's case file (``.case.json``) and page (``.case.html``) into ``directory``."""
    from pathlib import Path

    from ..store.casefile import write_case_file
    from ..teach.casefile import case_file_from_result
    from ..viz.casefile_html import render_case_file_html

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for r in results:
        doc = case_file_from_result(r, scenario, learner=learner, policy=policy)
        stem = export_name(scenario.id, policy, r.seed)
        written.append(write_case_file(doc, folder / f"{stem}.case.json"))
        page = folder / f"{stem}.case.html"
        page.write_bytes(render_case_file_html(doc, lang=lang, scenario=scenario).encode("utf-8"))
        written.append(page)
    return written


def _simulate(args: argparse.Namespace) -> int:
    from ..cli import UsageError
    from ..scenarios import get_scenario
    from ..sim import run_case

    if args.runs < 1:
        raise UsageError("--runs must be 1 or more")
    if args.seed < 0:
        raise UsageError("--seed must be 0 or more")
    if args.learner is not None and args.export is None:
        raise UsageError("--learner names the learner in exported case files: use it with --export DIR")
    scenario = get_scenario(args.scenario)
    results = [run_case(scenario, args.policy, args.seed + r) for r in range(args.runs)]
    doc = simulate_json(scenario.id, args.policy, args.seed, results)
    written = []
    if args.export is not None:
        learner = args.policy if args.learner is None else args.learner
        written = export_runs(
            results, scenario, args.export, learner=learner, policy=args.policy, lang=args.lang
        )
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
    for path in written:
        print(f"{'작성' if ko else 'wrote'}: {path}")
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
    p.add_argument(
        "--export",
        metavar="DIR",
        help="also write each run's case file (.case.json) and printable page (.case.html) into DIR",
    )
    p.add_argument(
        "--learner",
        metavar="NAME",
        help="learner name written in exported case files (with --export; default: the policy name)",
    )
    p.set_defaults(func=_simulate)
