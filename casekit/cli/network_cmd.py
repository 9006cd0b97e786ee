"""``casekit network ...``: resource networks on the command line.

``casekit network synth --clients N --seed S --out DIR`` writes a synthetic school district
(:func:`casekit.network.synth.synth_district`) as ``DIR/nodes.csv`` and ``DIR/edges.csv``;
the same arguments always write the same files. ``--preset NAME`` picks a named district
(``urban``, ``rural``) and each ``--param NAME=VALUE`` changes one
:class:`~casekit.network.synth_params.SynthParams` field on top of it
(:mod:`casekit.network.synth_presets`); without them the defaults are used.
``casekit network report NODES EDGES --out DIR [--json]`` writes the measures, tables and
figures of :mod:`casekit.network.report`, with progress on standard error.

Examples
--------
>>> _count("200")
200
>>> _count("0")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: must be a whole number >= 1, got '0'
"""

from __future__ import annotations

import argparse
import sys

from ._common import whole_number

__all__ = ["register"]


_count = whole_number(1)
_seed = whole_number(0)


def _synth(args: argparse.Namespace) -> int:
    from ..network.io import write_csv
    from ..network.synth import synth_district

    params = None
    if args.preset is not None or args.param:
        from ..domain.errors import CasekitError
        from ..network.synth_presets import PRESETS, parse_param, synth_params
        from . import UsageError

        if args.preset is not None and args.preset not in PRESETS:
            raise UsageError(f"unknown --preset {args.preset!r}; use {', '.join(PRESETS)}")
        base = PRESETS[args.preset].params if args.preset else None
        for assignment in args.param:
            try:
                parse_param(assignment, base)
            except CasekitError as exc:  # a name or value that does not fit: wrong usage
                raise UsageError(str(exc)) from None
        params = synth_params(args.preset, args.param)
    net = synth_district(args.clients, args.seed, params=params)
    nodes, edges = write_csv(net, args.out)
    print(f"wrote {nodes} ({net.n_nodes} nodes), {edges} ({net.n_ties} ties)")
    return 0


def _add_synth(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "synth",
        help="write a synthetic school district / 가상 학군 네트워크 생성",
        description="Write a synthetic school district (every school, person and agency invented) as "
        "DIR/nodes.csv and DIR/edges.csv. The same arguments and seed give identical files.",
    )
    p.add_argument(
        "--clients", type=_count, required=True, metavar="N", help="number of clients (students), >= 1"
    )
    p.add_argument("--seed", type=_seed, default=0, metavar="S", help="random seed, >= 0 (default: 0)")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write (created if missing)")
    p.add_argument(
        "--preset",
        metavar="NAME",
        help="a named district: urban (one social worker per 200-student school), rural (small "
        "schools, few far-away agencies); default: the SynthParams defaults",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change one SynthParams field, after the preset (repeatable), e.g. clients_per_manager=200, "
        "severity_probs=0.4,0.4,0.2, need_weights=safety:0.05; see casekit.network.synth_presets",
    )
    p.set_defaults(func=_synth)


def _report(args: argparse.Namespace) -> int:
    import json

    from ..network.io import read_csv
    from ..network.report import build_report, write_report

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    progress = None if args.quiet else say
    net = read_csv(args.nodes, args.edges)
    if progress:
        progress(f"read {net.n_nodes} nodes and {net.n_ties} ties")
    report = build_report(net, seed=args.seed, progress=progress)
    written = write_report(report, net, args.out, lang=args.lang, ecomaps=args.ecomaps, progress=progress)
    if args.json:
        print(json.dumps(report.summary, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        s = report.summary
        print(
            f"{s['n_nodes']} nodes, {s['n_edges']} ties; density {s['density']:.4g}; "
            f"coverage {100 * s['coverage_share']:.1f}% ({s['unmet_needs']} unmet needs); "
            f"{s['articulation_points']} articulation points"
        )
        print(f"wrote {len(written)} files to {args.out}")
    return 0


def _add_report(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "report",
        help="measures, tables and figures of a network / 네트워크 분석 보고서",
        description="Read NODES and EDGES (CSV, UTF-8 or CP949) and write node_measures.csv, summary.json, "
        "gaps.csv, coverage_by_domain.csv, density_by_setting.csv, network.png, resilience.png, "
        "coverage_by_domain.png and ecomaps of the clients with the most unmet needs into DIR.",
    )
    p.add_argument("nodes", metavar="NODES", help="nodes.csv")
    p.add_argument("edges", metavar="EDGES", help="edges.csv")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write (created if missing)")
    p.add_argument("--json", action="store_true", help="print summary.json to standard output")
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of the figures (default: ko)")
    p.add_argument("--seed", type=_seed, default=0, help="seed for sampled betweenness (default: 0)")
    p.add_argument(
        "--ecomaps", type=whole_number(0), default=5, metavar="N", help="ecomaps to draw (default: 5)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress messages on standard error")
    p.set_defaults(func=_report)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit network`` and its sub-commands."""
    p = sub.add_parser(
        "network",
        help="resource networks: synthetic districts and reports / 자원 네트워크",
        description="Resource networks of clients, case managers and resources.",
    )
    commands = p.add_subparsers(dest="network_command", metavar="SUBCOMMAND")
    _add_synth(commands)
    _add_report(commands)

    def _usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(func=_usage)
