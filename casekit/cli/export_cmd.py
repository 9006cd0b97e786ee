"""``casekit export --learner NAME --out DIR``: a learner's saved cases as case files.

Every session of the learner in the casebook (only one scenario's with ``--scenario``) is
rebuilt from its saved steps — the same case, world and feedback the learner saw — and written
as ``DIR/<learner>/<scenario>/<scenario>-session<N>.case.json`` (sealed, checksummed) with a
printable ``.case.html`` beside it: nbgrader's collected layout, which ``casekit class-report``
reads. Nothing leaves the computer unless the learner runs this.
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["register", "export_learner"]


def export_learner(
    learner: str,
    out: str | Path,
    *,
    casebook: str | Path | None = None,
    scenario: str | None = None,
    lang: str = "ko",
) -> tuple[list[Path], list[str]]:
    """Write the learner's case files; the paths written and one line per session skipped."""
    from ..domain.errors import CasekitError
    from ..scenarios import get_scenario
    from ..store import Casebook
    from ..store.casefile import file_stem, write_case_file
    from ..teach.learner import LearnerSession
    from ..viz.casefile_html import render_case_file_html

    written: list[Path] = []
    skipped: list[str] = []
    with Casebook(casebook, create=False) as book:
        person = book.get_learner(learner)  # StoreError (exit 1) if there is none
        infos = book.get_sessions(learner=person.name, scenario_id=scenario)
        if not infos:
            raise CasekitError(f"learner {person.name!r} has no saved session{' of ' + scenario if scenario else ''}")
        for info in infos:
            if info.n_steps == 0:
                skipped.append(f"session {info.id} ({info.scenario_id}): nothing done yet / 아직 진행한 것이 없음")
                continue
            try:
                sc = get_scenario(info.scenario_id)
            except CasekitError:
                skipped.append(f"session {info.id}: scenario {info.scenario_id!r} is not bundled / 내장 시나리오가 아님")
                continue
            saved = book.get_session(info.id)
            assisted = (saved.view_state or {}).get("assisted_by")
            session = LearnerSession.replay(sc, saved.seed, person.name, saved.step_dicts(), assisted_by=assisted)
            doc = session.case_file(created=saved.updated_at)
            folder = Path(out) / file_stem(person.name) / sc.id
            folder.mkdir(parents=True, exist_ok=True)
            stem = f"{sc.id}-session{info.id}"
            written.append(Path(write_case_file(doc, folder / f"{stem}.case.json")))
            html = folder / f"{stem}.case.html"
            html.write_text(render_case_file_html(doc, lang=lang, scenario=sc), encoding="utf-8")
            written.append(html)
    return written, skipped


def _run(args: argparse.Namespace) -> int:
    written, skipped = export_learner(
        args.learner, args.out, casebook=args.casebook, scenario=args.scenario, lang=args.lang
    )
    for path in written:
        print(path)
    for line in skipped:
        print(f"casekit export: {line}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit export``."""
    p = sub.add_parser(
        "export",
        help="a learner's saved cases as case files / 학습자의 사례 기록 내보내기",
        description="Write a learner's saved sessions as sealed JSON and printable HTML case files.",
    )
    p.add_argument("--learner", required=True, metavar="NAME", help="the learner's name as entered")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write (DIR/<learner>/<scenario>/)")
    p.add_argument("--scenario", metavar="ID", help="only this scenario's sessions")
    p.add_argument("--casebook", metavar="PATH", help="casebook file (default: $CASEKIT_HOME/casebook.sqlite3)")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of the HTML case files")
    p.set_defaults(func=_run)
