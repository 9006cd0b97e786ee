"""``casekit population (--network DIR | --clients N) --days D --seed S [--workers K] [--json]``.

Runs the population model (:func:`casekit.sim.population.run_population`) on a network
directory (``nodes.csv`` and ``edges.csv``) or on a synthetic district of ``N`` clients
built with the same seed. ``--workers K`` (K > 1) runs school clusters on a local process
pool, ``--scheduler ADDRESS`` on a Dask cluster (extra ``cluster``); the output is the same
whatever the choice. ``--json`` prints the summary (rounded, byte-identical for identical
arguments); otherwise a short summary in Korean. Progress goes to standard error.

Examples
--------
>>> _positive("3")
3
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import whole_number

__all__ = ["register", "format_summary"]


_positive = whole_number(1)


def register(sub: Any) -> None:
    """Add ``population`` to the sub-command parsers."""
    p = sub.add_parser(
        "population",
        help="학군 전체 사례관리 모의실험 (SimPy) / district population model",
        description="학군 전체 사례관리 모의실험 / run the population model on a district",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--network", metavar="DIR", help="folder with nodes.csv and edges.csv")
    src.add_argument("--clients", metavar="N", type=_positive, help="synthetic district of N clients")
    p.add_argument("--days", metavar="D", type=_positive, required=True, help="days to simulate")
    p.add_argument("--seed", metavar="S", type=whole_number(0), required=True, help="random seed (>= 0)")
    p.add_argument("--workers", metavar="K", type=_positive, default=1, help="local worker processes")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (extra 'cluster')")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_population)


def format_summary(s: dict[str, Any]) -> str:
    """A short Korean account of a population summary.

    Examples
    --------
    >>> print(format_summary({"days": 10, "seed": 0, "partitions": 1, "cases_referred": 5,
    ...     "cases_opened": 4, "cases_served": 3, "cases_closed": 2, "services": 3,
    ...     "mean_days_to_first_service": 8.5, "mean_days_intake_to_plan": 14.0,
    ...     "unmet_need_share": 0.25, "mean_utilisation": 0.5, "mean_caseload": 2.0,
    ...     "events": 99}).splitlines()[0])
    모의실험: 10일, 시드 0, 학교 묶음 1개, SimPy 사건 99개
    """

    def num(x: Any, fmt: str) -> str:
        return "-" if x is None else format(x, fmt)

    return "\n".join(
        [
            f"모의실험: {s['days']}일, 시드 {s['seed']}, 학교 묶음 {s['partitions']}개, SimPy 사건 {s['events']}개",
            f"의뢰 {s['cases_referred']}건, 접수 {s['cases_opened']}건, 서비스 연결 {s['cases_served']}건, "
            f"종결 {s['cases_closed']}건 (서비스 {s['services']}건)",
            f"첫 서비스까지 평균 {num(s['mean_days_to_first_service'], '.1f')}일, "
            f"접수에서 계획까지 평균 {num(s['mean_days_intake_to_plan'], '.1f')}일",
            f"충족되지 않은 욕구 비율 {num(s['unmet_need_share'], '.1%')}, "
            f"자원 평균 이용률 {num(s['mean_utilisation'], '.1%')}, "
            f"사례관리자 평균 사례 수 {num(s['mean_caseload'], '.1f')}",
        ]
    )


def _population(args: argparse.Namespace) -> int:
    from ..cli import UsageError
    from ..sim.population import run_population

    if args.workers > 1 and args.scheduler:
        raise UsageError("give --workers or --scheduler, not both")
    if args.network is not None:
        from ..network.io import read_csv

        network = read_csv(args.network)
    else:
        from ..network.synth import synth_district

        network = synth_district(args.clients, seed=args.seed)
    show = len(network.clients()) >= 10_000

    def progress(done: int, total: int) -> None:
        if show:
            end = "\n" if done == total else ""
            print(f"\r학교 묶음 {done}/{total} 완료", end=end, file=sys.stderr, flush=True)

    executor: Any = None
    closer: Any = None
    try:
        if args.scheduler:
            try:
                from distributed import Client
            except ImportError as exc:
                from ..domain.errors import CasekitError

                raise CasekitError(
                    "--scheduler needs dask.distributed: pip install 'casekit[cluster]'"
                ) from exc
            closer = Client(args.scheduler)
            executor = closer.get_executor()
        elif args.workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            closer = executor = ProcessPoolExecutor(args.workers)
        result = run_population(network, days=args.days, seed=args.seed, executor=executor, progress=progress)
    finally:
        if closer is not None:
            (closer.close if hasattr(closer, "close") else closer.shutdown)()
    if args.json:
        print(json.dumps(result.summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(result.summary))
    return 0
