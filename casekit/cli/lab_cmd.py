"""``casekit lab``: open JupyterLab on the start notebook."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..domain.errors import CasekitError
from ._common import find_tool

__all__ = ["register", "notebooks_dir", "lab_command"]

START_NOTEBOOK = "00_start_here.ipynb"


def notebooks_dir() -> Path:
    """The ``notebooks/`` folder of a casekit checkout (``make lab`` installs casekit editable)."""
    here = Path(__file__).resolve().parents[2] / "notebooks"
    if (here / START_NOTEBOOK).is_file():
        return here
    raise CasekitError(
        f"{here}: notebooks not found. 'casekit lab' runs from a casekit checkout: clone the project "
        "and run 'make lab' / 노트북 폴더를 찾을 수 없습니다. 저장소를 내려받아 'make lab'을 실행하세요."
    )


def lab_command(
    port: int | None = None, open_browser: bool = True, extra: list[str] | None = None
) -> list[str]:
    """The ``jupyter lab`` command line that opens the start notebook."""
    jupyter = find_tool(
        "jupyter",
        "JupyterLab is not installed: run 'make lab' or 'pip install casekit[lab]' / "
        "JupyterLab이 설치되어 있지 않습니다. 'make lab'을 실행하세요.",
    )
    nb_dir = notebooks_dir()
    cmd = [jupyter, "lab", f"--ServerApp.root_dir={nb_dir}", str(nb_dir / START_NOTEBOOK)]
    if port is not None:
        cmd.append(f"--ServerApp.port={port}")
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def _run(args: argparse.Namespace) -> int:
    extra = list(args.jupyter_args)
    if extra[:1] == ["--"]:  # the separator is ours; jupyter would read what follows as file names
        extra = extra[1:]
    cmd = lab_command(port=args.port, open_browser=not args.no_browser, extra=extra)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover - execv does not return


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit lab``."""
    p = sub.add_parser(
        "lab",
        help="open JupyterLab on notebooks/00_start_here.ipynb / 시작 노트북으로 JupyterLab 열기",
        description="Open JupyterLab on the start notebook. Arguments after -- go to jupyter lab.",
    )
    p.add_argument("--port", type=int, default=None, help="port to serve on (default: JupyterLab's)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser (for servers and tests)")
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="extra arguments for jupyter lab")
    p.set_defaults(func=_run)
