"""``casekit scenarios`` (list the bundled scenarios) and ``casekit validate PATH...``.

``validate`` prints one ``FILE:LINE: field.path: message`` line per problem to standard
output and exits 1, or prints ``ok: N scenario(s) valid`` and exits 0.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..scenarios import Scenario

__all__ = ["format_table", "register", "scenario_summary"]

_HEADERS = {
    "ko": ("id", "제목", "난이도", "위기", "실천 기술"),
    "en": ("id", "title", "difficulty", "crises", "skills"),
}


def scenario_summary(s: Scenario) -> dict[str, Any]:
    """The JSON form of a scenario in ``casekit scenarios --json``."""
    return {
        "id": s.id,
        "title": s.title.to_dict(),
        "summary": s.summary.to_dict(),
        "difficulty": s.difficulty.value,
        "crises": [c.value for c in s.crises],
        "skills": [k.value for k in s.skills],
        "learning_objectives": [t.to_dict() for t in s.learning_objectives],
    }


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Korean (East Asian wide) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Rows as left-aligned columns separated by two spaces (wide characters counted as two).

    Examples
    --------
    >>> print(format_table([("id", "제목"), ("a", "사례")]))
    id  제목
    a   사례
    """
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> int:
    from ..scenarios import bundled_scenarios

    scenarios = bundled_scenarios()
    if args.json:
        print(json.dumps([scenario_summary(s) for s in scenarios], ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    rows = [_HEADERS[lang]]
    for s in scenarios:
        rows.append(
            (
                s.id,
                s.title.get(lang),
                s.difficulty.label(lang),
                ", ".join(c.label(lang) for c in s.crises) or "-",
                ", ".join(k.label(lang) for k in s.skills),
            )
        )
    print(format_table(rows))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from ..scenarios.loader import expand_paths, validate_paths

    problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    files, _ = expand_paths(args.paths)
    print(f"ok: {len(files)} scenario(s) valid")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit scenarios`` and ``casekit validate``."""
    p = sub.add_parser(
        "scenarios",
        help="list the bundled scenarios / 내장 시나리오 목록",
        description="List the bundled scenarios: id, title, difficulty, crises and skills.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list (ids, titles, summaries, codes)")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of the table (default: ko)")
    p.set_defaults(func=_list)

    v = sub.add_parser(
        "validate",
        help="check scenario files / 시나리오 파일 검사",
        description="Check scenario files (a directory means its *.yaml files). Exit 0 if all are valid, "
        "else print one line per problem (FILE:LINE: field: message) and exit 1.",
    )
    v.add_argument("paths", nargs="+", metavar="PATH", help="scenario file or directory")
    v.set_defaults(func=_validate)
