"""``casekit app [SCENARIO]``: the walkthrough as a web app (Voilà), with no code shown.

Voilà runs ``casekit/ui/app/walkthrough.ipynb`` on 127.0.0.1; the scenario, language and seed
reach the notebook's kernel through ``CASEKIT_APP_*`` environment variables.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..domain.errors import CasekitError
from ._common import find_tool, whole_number

__all__ = ["register", "app_command", "app_environment"]


def app_command(port: int | None = None, open_browser: bool = True) -> list[str]:
    """The ``voila`` command line that serves the walkthrough app on 127.0.0.1."""
    voila = find_tool(
        "voila",
        "Voilà is not installed: run 'make lab' or 'pip install casekit[lab]' / "
        "Voilà가 설치되어 있지 않습니다. 'make lab'을 실행하세요.",
    )
    from ..ui.app import APP_NOTEBOOK

    cmd = [voila, str(APP_NOTEBOOK), "--Voila.ip=127.0.0.1", "--theme=light", "--show_tracebacks=False"]
    if port is not None:
        cmd.append(f"--port={port}")
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def app_environment(scenario: str | None, lang: str, seed: int, demo: bool = False) -> dict[str, str]:
    """The environment the app's kernel reads (the current one plus ``CASEKIT_APP_*``)."""
    env = dict(os.environ)
    env.update(
        {
            "CASEKIT_APP_SCENARIO": scenario or "",
            "CASEKIT_APP_LANG": lang,
            "CASEKIT_APP_SEED": str(seed),
            "CASEKIT_APP_DEMO": "1" if demo else "",
            # Voilà runs the kernel in the app notebook's folder: save where the command was run.
            "CASEKIT_APP_SAVE_DIR": str(Path.cwd() / "casefiles"),
        }
    )
    return env


def _run(args: argparse.Namespace) -> int:
    from ..scenarios import bundled_scenarios

    if args.scenario:
        ids = [s.id for s in bundled_scenarios()]
        if args.scenario not in ids:
            from ..scenarios.checker import suggest

            hint = suggest(args.scenario, ids)
            raise CasekitError(f"unknown scenario {args.scenario!r}{hint} / 알 수 없는 시나리오입니다. 'casekit scenarios'로 목록을 보세요")
    cmd = app_command(port=args.port, open_browser=not args.no_browser)
    os.execve(cmd[0], cmd, app_environment(args.scenario, args.lang, args.seed, args.demo))
    return 0  # pragma: no cover - execve does not return


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit app``."""
    p = sub.add_parser(
        "app",
        help="the walkthrough as a web app (Voilà) / 사례 실습 웹 앱",
        description="Serve the learner walkthrough with Voilà on 127.0.0.1: a student sees no code.",
    )
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="bundled scenario id (default: a picker)")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language (default: ko)")
    p.add_argument("--seed", type=whole_number(0), default=0, help="seed of the simulated world (default: 0)")
    p.add_argument("--port", type=int, default=None, help="port (default: Voilà's 8866)")
    p.add_argument("--demo", action="store_true", help="show the 'let the expert finish' button (instructors)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser (for servers and tests)")
    p.set_defaults(func=_run)
