"""``casekit class-report DIR --out OUT [--lang ko|en] [--json] [--scenario FILE ...]``.

Reads every ``*.case.json`` under ``DIR`` (flat, or nbgrader's ``<student>/<assignment>/``
layout), compares each with the expert, and writes ``OUT/class_summary.csv``,
``OUT/class_summary.xlsx`` and ``OUT/report.html`` (:mod:`casekit.teach.class_report`).
Files that are not good case files are listed with the reason and never stop the report:
the exit status is 0 with them. It is 1 when ``DIR`` does not exist or holds no case file.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register", "class_report_json"]


def class_report_json(report: Any, outputs: dict[str, Any]) -> dict[str, Any]:
    """The JSON document of ``casekit class-report --json``."""
    return {
        "files": report.files,
        "rows": len(report.summary),
        "problems": [{"file": p.file, "reason": p.reason, "message": p.message} for p in report.problems],
        "superseded": list(report.superseded),
        "notes": list(report.notes),
        "outputs": {k: str(v) for k, v in outputs.items()},
    }


def _class_report(args: argparse.Namespace) -> int:
    from ..teach.class_report import PROBLEM_REASONS
    from ..teach.class_report_make import make_class_report
    from ..viz.class_plots import class_report_figures

    report, outputs, _ = make_class_report(
        args.dir, args.out, lang=args.lang, scenarios=args.scenario or (), draw=class_report_figures
    )
    if args.json:
        print(json.dumps(class_report_json(report, outputs), ensure_ascii=False, indent=2))
        return 0
    ko = args.lang == "ko"
    if ko:
        print(
            f"학급 보고서: 사례 파일 {report.files}개, {len(report.summary)}행, 문제 파일 {len(report.problems)}개"
        )
    else:
        print(
            f"class report: {report.files} case files, {len(report.summary)} rows, {len(report.problems)} problem files"
        )
    for p in report.problems:
        print(
            f"  {'문제' if ko else 'problem'}: {p.file}: {p.reason} ({PROBLEM_REASONS[p.reason].get(args.lang)}): {p.message}"
        )
    for f in report.superseded:
        print(f"  {'대체됨' if ko else 'superseded'}: {f}")
    for n in report.notes:
        print(f"  {'참고' if ko else 'note'}: {n}")
    for path in outputs.values():
        print(f"{'작성' if ko else 'wrote'}: {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit class-report``."""
    p = sub.add_parser(
        "class-report",
        help="compare students' case files / 학급 보고서",
        description="Read every *.case.json under DIR (flat or nbgrader's <student>/<assignment>/ layout), "
        "compare each with the expert, and write class_summary.csv, class_summary.xlsx and report.html "
        "into OUT. Problem files are listed with their reason and never stop the report.",
    )
    p.add_argument("dir", metavar="DIR", help="folder of submitted case files")
    p.add_argument("--out", required=True, metavar="OUT", help="folder to write the report into")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of the report (default: ko)")
    p.add_argument("--json", action="store_true", help="print a JSON summary instead of text")
    p.add_argument(
        "--scenario",
        action="append",
        metavar="FILE",
        help="a scenario file that is not bundled, to compare its case files with the expert (repeatable)",
    )
    p.set_defaults(func=_class_report)
