"""``casekit forget --learner NAME [--casebook PATH] [--yes]``: delete a learner's data.

Deletes the learner, their sessions, steps, record entries and scores from the casebook
(``$CASEKIT_HOME/casebook.sqlite3`` unless ``--casebook`` says otherwise) and prints how many
rows went. It asks first on a terminal; without a terminal it needs ``--yes`` (exit 2
otherwise), so a script cannot delete by accident. An unknown learner or a missing casebook
prints one line and exits 1.

Examples
--------
>>> _is_yes("예"), _is_yes("y"), _is_yes(""), _is_yes("no")
(True, True, False, False)
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]

_YES = {"y", "yes", "예", "네", "ㅇ"}


def _is_yes(answer: str) -> bool:
    return answer.strip().lower() in _YES


def _ask(question: str) -> bool:
    """Ask on the terminal; end of input counts as no."""
    try:
        return _is_yes(input(question))
    except EOFError:
        print(file=sys.stderr)
        return False


def _forget(args: argparse.Namespace) -> int:
    from ..store import Casebook

    with Casebook(args.casebook, create=False) as book:
        learner = book.get_learner(args.learner)  # StoreError (exit 1) if there is none
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "casekit forget: 확인 없이 삭제하지 않습니다. --yes를 붙이세요 / "
                    "refusing to delete without confirmation: add --yes",
                    file=sys.stderr,
                )
                return 2
            sessions = book.get_sessions(learner=learner.name)
            steps = sum(s.n_steps for s in sessions)
            question = (
                f"'{learner.name}' 학습자의 모든 기록(세션 {len(sessions)}개, 단계 {steps}개)을 삭제할까요? / "
                f"Delete all data of learner '{learner.name}' ({len(sessions)} sessions, {steps} steps)? [y/N] "
            )
            if not _ask(question):
                print("casekit forget: 취소했습니다 / cancelled, nothing deleted", file=sys.stderr)
                return 1
        removed = book.remove_learner(learner.name)
    print(f"'{learner.name}' 삭제함 / removed: {removed}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit forget``."""
    p = sub.add_parser(
        "forget",
        help="delete a learner's data from the casebook / 학습자 기록 삭제",
        description="Delete a learner's sessions, decisions, record entries and scores from the casebook "
        "on this machine. Asks first on a terminal; elsewhere it needs --yes.",
    )
    p.add_argument("--learner", required=True, metavar="NAME", help="the learner's name as they entered it")
    p.add_argument(
        "--casebook",
        default=None,
        metavar="PATH",
        help="casebook file (default: $CASEKIT_HOME/casebook.sqlite3 or ~/.casekit/casebook.sqlite3)",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=_forget)
