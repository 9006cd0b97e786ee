"""``casekit network ...``: resource networks on the command line.

``casekit network synth --clients N --seed S --out DIR`` writes a synthetic school district
(:func:`casekit.network.synth.synth_district`) as ``DIR/nodes.csv`` and ``DIR/edges.csv``;
the same arguments always write the same files. Each sub-command has an ``_add_*`` function
that registers it on the ``network`` group (``report`` goes next to ``synth``).

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
from collections.abc import Callable

__all__ = ["register"]


def _whole_number(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number >= {minimum}, got {text!r}")
        return value

    return parse


_count = _whole_number(1)
_seed = _whole_number(0)


def _synth(args: argparse.Namespace) -> int:
    from ..network.io import write_csv
    from ..network.synth import synth_district

    net = synth_district(args.clients, args.seed)
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
    p.set_defaults(func=_synth)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``casekit network`` and its sub-commands."""
    p = sub.add_parser(
        "network",
        help="resource networks: synthetic districts / 자원 네트워크",
        description="Resource networks of clients, case managers and resources.",
    )
    commands = p.add_subparsers(dest="network_command", metavar="SUBCOMMAND")
    _add_synth(commands)

    def _usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(func=_usage)
