"""The ``casekit`` command line (ARCHITECTURE.md, "Command line").

User errors (a bad file, an illegal action, a missing path) print one clear line per problem
to standard error and exit 1; wrong usage exits 2. A traceback appears only with ``--debug``.
Each sub-command lives in its own module with ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain.errors import CasekitError

__all__ = ["main", "build_parser", "UsageError"]

#: Modules that each add sub-commands with ``register(subparsers)``.
COMMAND_MODULES = (
    "casekit.cli.scenarios_cmd",
    "casekit.cli.lab_cmd",
    "casekit.cli.app_cmd",
    "casekit.cli.network_cmd",
    "casekit.cli.simulate_cmd",
    "casekit.cli.population_cmd",
    "casekit.cli.forget_cmd",
    "casekit.cli.export_cmd",
    "casekit.cli.class_report_cmd",
)


class UsageError(CasekitError):
    """Arguments that do not fit together; exits 2 like an argparse error."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="casekit",
        description="casekit: 학교 사례관리 실습·연구 도구 / teaching and research kit for school case management",
    )
    parser.add_argument("--version", action="version", version=f"casekit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors (for developers)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        if args.debug:
            raise
        parser.error(str(exc))
        return 2  # pragma: no cover - parser.error exits
    except (CasekitError, OSError) as exc:
        if args.debug:
            raise
        print(f"casekit: {_one_line_per_problem(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("casekit: interrupted", file=sys.stderr)
        return 130


def _one_line_per_problem(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


def entry_point() -> None:  # pragma: no cover - thin wrapper for the console script
    """Console-script entry: ``sys.exit(main())``."""
    sys.exit(main())
