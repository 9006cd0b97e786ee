"""The class report: every case file in a folder, side by side and against the expert.

:func:`build_class_report` reads every ``*.case.json`` under a folder, at any depth: a flat
folder of files, or nbgrader's collected layout ``DIR/<student>/<assignment>/*.case.json``.
Folders whose name starts with a dot (``.ipynb_checkpoints``) are skipped.

Who is the student? In the nbgrader layout (a file two or more folders deep) the student is
the folder two levels above the file and the assignment the folder just above it, because
nbgrader's folder names are the students' ids; a file one folder deep belongs to that
folder's student; a file directly in the folder belongs to the ``learner`` written in it.

One row per student and scenario. When a student handed in several files for one scenario,
the one with the latest ``created`` time is used; files without ``created`` count as older
than any with one, and among those the last by file name (then by path) is used. The others
are listed in ``ClassReport.superseded``.

A file that is not a good case file (malformed, truncated, foreign, tampered, of an
unsupported version, invalid, or unreadable) is listed in ``ClassReport.problems`` with its
reason; it never stops the report.

For each row the expert policy is run on the same scenario and seed (once per scenario and
seed) and the actions (:mod:`casekit.teach.actions`) are compared: the *most-missed actions*
are those the expert took and students did not, counted over rows; the *divergence* of a
stage is the share of rows whose set of actions in that stage differs from the expert's,
and each row's ``first_divergence`` is the first stage, in process order, where they differ.

Examples
--------
>>> import tempfile, pathlib
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> from casekit.store.casefile import write_case_file
>>> from casekit.teach.casefile import case_file_from_result
>>> s = get_scenario("learning-low-income")
>>> with tempfile.TemporaryDirectory() as tmp:
...     root = pathlib.Path(tmp)
...     _ = write_case_file(case_file_from_result(run_case(s, "naive", 1), s, learner="A"), root / "a.case.json")
...     _ = (root / "b.case.json").write_text("not json")
...     report = build_class_report(root)
>>> len(report.summary), [(p.file, p.reason) for p in report.problems]
(1, [('b.case.json', 'malformed')])
>>> report.summary.loc[0, "first_divergence"]
'intake'
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.text import Text
from ..domain.vocabulary import Stage
from ..store.casefile import SUFFIX, CaseFileError, read_case_file
from .actions import action_label, actions_by_stage, all_actions

if TYPE_CHECKING:
    import pandas as pd

    from ..scenarios.model import Scenario

__all__ = [
    "COMPONENTS",
    "PROBLEM_REASONS",
    "ClassReport",
    "ProblemFile",
    "build_class_report",
    "find_case_files",
    "write_class_report",
]

#: The score components, in the order the summary lists them.
COMPONENTS = ("process", "assessment", "plan_fit", "crisis", "outcome", "aftercare")

#: Why a file is a problem: reason code -> label.
PROBLEM_REASONS: Mapping[str, Text] = {
    "malformed": Text("형식 오류(JSON 아님)", "malformed (not JSON)"),
    "truncated": Text("잘린 파일", "truncated"),
    "foreign": Text("사례 파일 아님", "not a case file"),
    "tampered": Text("변조됨(체크섬 불일치)", "tampered (checksum mismatch)"),
    "unsupported_version": Text("지원하지 않는 버전", "unsupported version"),
    "invalid": Text("필수 항목 오류", "invalid (a required field)"),
    "unreadable": Text("읽을 수 없음", "unreadable"),
}


class ProblemFile(NamedTuple):
    """A file left out of the report: its path under the folder, the reason code, what is wrong."""

    file: str
    reason: str
    message: str


@dataclass
class ClassReport:
    """What :func:`build_class_report` found.

    Attributes
    ----------
    summary
        One row per student and scenario (columns listed in :func:`build_class_report`).
    problems
        Files that could not be used, with the reason.
    missed
        Actions the expert took that students did not: ``action``, ``label_ko``,
        ``label_en``, ``students`` (rows that missed it), ``share`` (of rows compared).
    divergence
        Per stage: ``stage``, ``label_ko``, ``label_en``, ``students`` (rows compared),
        ``diverged``, ``share``.
    files
        How many ``*.case.json`` files were found.
    superseded
        Files not used because the same student handed in a later one for the scenario.
    notes
        Anything else the instructor should know (a scenario that could not be run).
    """

    summary: pd.DataFrame
    problems: list[ProblemFile]
    missed: pd.DataFrame
    divergence: pd.DataFrame
    files: int = 0
    superseded: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def find_case_files(root: str | os.PathLike[str]) -> list[Path]:
    """Every ``*.case.json`` under ``root``, sorted by path; dot-folders are skipped."""
    base = Path(root)
    found = []
    for path in base.rglob(f"*{SUFFIX}"):
        rel = path.relative_to(base)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts[:-1]):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(base).as_posix())


def build_class_report(
    root: str | os.PathLike[str], *, scenarios: Iterable[Scenario | str | os.PathLike[str]] = ()
) -> ClassReport:
    """Read every case file under ``root`` and compare each with the expert.

    Parameters
    ----------
    root
        The folder of submissions (flat, or nbgrader's ``<student>/<assignment>/`` layout).
    scenarios
        Scenarios that are not bundled (objects or scenario-file paths), so case files of an
        instructor's own scenario can be compared with the expert too. A scenario found
        neither here nor among the bundled ones is noted and its rows have no comparison.

    Returns
    -------
    ClassReport
        ``summary`` columns: ``student``, ``assignment`` ("" outside nbgrader's layout),
        ``learner`` (as written in the file), ``scenario``, ``policy_or_learner``, ``seed``,
        ``total``, one column per score component, ``days_<stage>`` for every stage,
        ``crises``, ``crises_unanswered``, ``crisis_response_mean``,
        ``crisis_response_max`` (days), ``closed_reason``, ``violations``,
        ``missed_actions`` (how many expert actions the row lacks), ``first_divergence``
        (a stage code, "" when none, or ``None`` without a comparison), ``created``,
        ``file`` (path under ``root``).
    """
    import pandas as pd

    base = Path(root)
    paths = find_case_files(base)
    problems: list[ProblemFile] = []
    chosen: dict[tuple[str, str], tuple[tuple[Any, ...], str, dict[str, Any]]] = {}
    superseded: list[str] = []
    for path in paths:
        rel = path.relative_to(base).as_posix()
        try:
            doc = read_case_file(path, name=rel)
        except CaseFileError as exc:
            problems.append(
                ProblemFile(rel, exc.reason, f"{exc.field}: {exc.message}" if exc.field else exc.message)
            )
            continue
        except OSError as exc:
            problems.append(ProblemFile(rel, "unreadable", exc.strerror or type(exc).__name__))
            continue
        student, _ = _owner(rel, doc)
        key = (student, doc["scenario"]["id"])
        rank = _rank(doc, rel)
        if key in chosen:
            older, newer = sorted([chosen[key], (rank, rel, doc)], key=lambda t: t[0])
            superseded.append(older[1])
            chosen[key] = newer
        else:
            chosen[key] = (rank, rel, doc)
    known = _scenario_table(scenarios)
    experts: dict[tuple[str, int], dict[str, set[str]] | None] = {}
    notes: list[str] = []
    rows, missed_counts, compared = [], Counter(), 0
    diverged = Counter()
    for (_student, scenario_id), (_, rel, doc) in sorted(chosen.items()):
        expert = _expert_actions(known, experts, scenario_id, doc["seed"], notes)
        row = _row(rel, doc)
        if expert is None:
            row.update(missed_actions=None, first_divergence=None)
        else:
            compared += 1
            mine = actions_by_stage(doc["record"])
            missing = set().union(*expert.values()) - all_actions(doc["record"])
            missed_counts.update(missing)
            differ = [s.value for s in Stage if mine[s.value] != expert[s.value]]
            diverged.update(differ)
            row.update(missed_actions=len(missing), first_divergence=differ[0] if differ else "")
        rows.append(row)
    names = _names(known[sid] for _, sid in chosen if sid in known)
    missed = pd.DataFrame(
        [
            {
                "action": a,
                "label_ko": action_label(a, "ko", names),
                "label_en": action_label(a, "en", names),
                "students": n,
                "share": round(n / compared, 3),
            }
            for a, n in sorted(missed_counts.items(), key=lambda t: (-t[1], t[0]))
        ],
        columns=["action", "label_ko", "label_en", "students", "share"],
    )
    divergence = pd.DataFrame(
        [
            {
                "stage": s.value,
                "label_ko": s.ko,
                "label_en": s.en,
                "students": compared,
                "diverged": diverged[s.value],
                "share": round(diverged[s.value] / compared, 3) if compared else 0.0,
            }
            for s in Stage
        ]
    )
    summary = pd.DataFrame(rows, columns=_columns())
    return ClassReport(summary, problems, missed, divergence, len(paths), sorted(superseded), notes)


def _columns() -> list[str]:
    return [
        "student",
        "assignment",
        "learner",
        "scenario",
        "policy_or_learner",
        "seed",
        "total",
        *COMPONENTS,
        *(f"days_{s.value}" for s in Stage),
        "crises",
        "crises_unanswered",
        "crisis_response_mean",
        "crisis_response_max",
        "closed_reason",
        "violations",
        "missed_actions",
        "first_divergence",
        "created",
        "file",
    ]


def _owner(rel: str, doc: Mapping[str, Any]) -> tuple[str, str]:
    parts = rel.split("/")
    if len(parts) >= 3:
        return parts[-3], parts[-2]
    if len(parts) == 2:
        return parts[0], ""
    return str(doc["learner"]), ""


def _rank(doc: Mapping[str, Any], rel: str) -> tuple[Any, ...]:
    created = doc.get("created")
    when = None
    if isinstance(created, str):
        try:
            when = datetime.fromisoformat(created)
        except ValueError:
            when = None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)  # a time without a zone is taken as UTC
    stamp = when.timestamp() if when is not None else float("-inf")
    return (when is not None, stamp, rel.rsplit("/", 1)[-1], rel)


def _row(rel: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    student, assignment = _owner(rel, doc)
    comps = doc["score"]["components"]
    answered = [c["response_days"] for c in doc["crises"] if c.get("response_days") is not None]
    row: dict[str, Any] = {
        "student": student,
        "assignment": assignment,
        "learner": doc["learner"],
        "scenario": doc["scenario"]["id"],
        "policy_or_learner": doc["policy"],
        "seed": doc["seed"],
        "total": doc["score"]["total"],
    }
    row.update({c: comps.get(c) for c in COMPONENTS})
    row.update({f"days_{s.value}": doc["stage_days"].get(s.value, 0) for s in Stage})
    row.update(
        crises=len(doc["crises"]),
        crises_unanswered=len(doc["crises"]) - len(answered),
        crisis_response_mean=round(sum(answered) / len(answered), 1) if answered else None,
        crisis_response_max=max(answered) if answered else None,
        closed_reason=doc["closed_reason"],
        violations=len(doc["violations"]),
        created=doc.get("created"),
        file=rel,
    )
    return row


def _scenario_table(extra: Iterable[Scenario | str | os.PathLike[str]]) -> dict[str, Scenario]:
    from ..scenarios import bundled_scenarios, load_scenario

    table = {s.id: s for s in bundled_scenarios()}
    for item in extra:
        s = load_scenario(item) if isinstance(item, (str, os.PathLike)) else item
        table[s.id] = s
    return table


def _expert_actions(
    known: Mapping[str, Scenario],
    cache: dict[tuple[str, int], dict[str, set[str]] | None],
    scenario_id: str,
    seed: int,
    notes: list[str],
) -> dict[str, set[str]] | None:
    key = (scenario_id, seed)
    if key not in cache:
        scenario = known.get(scenario_id)
        if scenario is None:
            cache[key] = None
            note = (
                f"scenario {scenario_id!r} is neither bundled nor given: its case files are not "
                "compared with the expert (pass the scenario file to compare them)"
            )
            if note not in notes:
                notes.append(note)
        else:
            from ..sim.runner import run_case

            result = run_case(scenario, "expert", seed)
            cache[key] = actions_by_stage(e.to_dict() for e in result.record)
    return cache[key]


def _names(scenarios: Iterable[Scenario]) -> dict[str, Text]:
    names: dict[str, Text] = {}
    for s in scenarios:
        names.update({r.id: r.name for r in s.resources})
        names.update({q.id: q.ask for q in s.interview})
    return names


def write_class_report(
    report: ClassReport,
    out: str | os.PathLike[str],
    *,
    lang: str = "ko",
    figures: Mapping[str, bytes] | None = None,
) -> dict[str, Path]:
    """Write the report's files into ``out``; see :func:`casekit.teach.class_report_files.write_files`."""
    from .class_report_files import write_files

    return write_files(report, out, lang=lang, figures=figures)
