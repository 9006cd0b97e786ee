"""Experiments: a parameter grid with replicates, run on any ``concurrent.futures`` executor.

:func:`sweep` expands a grid of settings (scenario, policy, outcome-model parameters) into
points, runs every point ``replicates`` times and returns one row per run; :func:`summarize`
turns those rows into means, standard deviations and t-based confidence intervals per point.

Reproducibility does not depend on where the runs happen. Every run's seed is drawn up
front from ``numpy.random.SeedSequence(seed).spawn(n_points * replicates)`` in grid order
(point-major: all replicates of the first point, then of the second, ...), and results are
put back in that order, so the same arguments and seed give the same DataFrame in-process,
on a local process pool, or on a Dask cluster with any number of workers (ARCHITECTURE.md).

Runs are shipped to workers in chunks of several runs, because one case takes only
~10-50 ms and a per-task round trip would otherwise dominate. Only small arguments travel
(the scenario id or path, the policy name, numbers); each worker loads a scenario once.
On a process pool or a Dask cluster (extra ``cluster``)::

    with ProcessPoolExecutor(max_workers=2) as pool:
        df = sweep(grid, 20, seed=1, executor=pool)
    with distributed.Client(address) as client:
        df = sweep(grid, 20, seed=1, executor=client.get_executor())

Examples
--------
>>> df = sweep({"scenario": "learning-low-income", "policy": ["expert", "random"]}, 2, seed=0)
>>> print(df[["policy", "replicate", "seed", "score", "closed_reason"]].to_string(index=False))
policy  replicate       seed  score  closed_reason
expert          0 3757552657  100.0 goals_achieved
expert          1  673228719  100.0 goals_achieved
random          0 3241444873   15.0            NaN
random          1 3685993406   21.0   not_eligible
"""

from __future__ import annotations

import functools
import itertools
import math
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.errors import CasekitError
from ..scenarios.checker import suggest
from .params import PARAMETER_DOCS

if TYPE_CHECKING:
    import pandas as pd

    from ..scenarios.model import Scenario

__all__ = ["sweep", "summarize", "run_case_task", "expand_grid", "task_seeds", "TASK_PARAMETERS"]

Task = Callable[[dict[str, Any], int], Mapping[str, Any]]

#: Names a grid may use with the default task: the run's settings and every outcome-model parameter.
TASK_PARAMETERS: tuple[str, ...] = ("scenario", "policy", "max_days", *PARAMETER_DOCS)

_RESERVED = ("replicate", "seed")


def expand_grid(grid: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The grid's points, in a stable order.

    A mapping is expanded as a Cartesian product in the order of its keys, the last key
    varying fastest (like nested ``for`` loops); a single value that is not a list or tuple
    (e.g. one scenario id) counts as a one-value list. A sequence of mappings is taken as the
    explicit list of points.

    Examples
    --------
    >>> expand_grid({"policy": ["expert", "naive"], "service_rate": [0.03, 0.05]})  # doctest: +NORMALIZE_WHITESPACE
    [{'policy': 'expert', 'service_rate': 0.03}, {'policy': 'expert', 'service_rate': 0.05},
     {'policy': 'naive', 'service_rate': 0.03}, {'policy': 'naive', 'service_rate': 0.05}]
    """
    if isinstance(grid, Mapping):
        names = list(grid)
        values = [list(v) if isinstance(v, (list, tuple, range)) else [v] for v in grid.values()]
        for name, vals in zip(names, values, strict=True):
            if not vals:
                raise CasekitError(f"sweep grid: {name!r} has no values; give at least one")
        points = [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]
    elif isinstance(grid, Sequence) and not isinstance(grid, (str, bytes)):
        points = []
        for i, point in enumerate(grid):
            if not isinstance(point, Mapping):
                raise CasekitError(f"sweep grid: point {i} is a {type(point).__name__}, expected a dict")
            points.append(dict(point))
    else:
        raise CasekitError(
            f"sweep grid: expected a dict of name -> values or a list of dicts, got a {type(grid).__name__}"
        )
    if not points:
        raise CasekitError("sweep grid: no points to run")
    for point in points:
        for name in point:
            if not isinstance(name, str) or name in _RESERVED:
                raise CasekitError(
                    f"sweep grid: {name!r} cannot be a parameter name (names are strings; "
                    f"{' and '.join(_RESERVED)} are output columns)"
                )
    return points


def task_seeds(seed: int, n: int) -> list[int]:
    """``n`` independent run seeds spawned from ``seed`` (``SeedSequence.spawn``, in order).

    Examples
    --------
    >>> task_seeds(0, 3)
    [3757552657, 673228719, 3241444873]
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise CasekitError(f"sweep: seed must be a non-negative integer, got {seed!r}")
    return [int(child.generate_state(1)[0]) for child in np.random.SeedSequence(int(seed)).spawn(n)]


@functools.lru_cache(maxsize=32)
def _scenario(ref: str) -> Scenario:
    # Loaded once per process: a worker runs many cases of the same few scenarios.
    from ..scenarios import get_scenario

    return get_scenario(ref)


def run_case_task(point: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """The default task: one :func:`~casekit.sim.run_case` for a grid point.

    ``point`` holds ``scenario`` (bundled id or path), ``policy`` (a built-in policy name),
    optionally ``max_days``, and any :class:`~casekit.sim.OutcomeParams` fields, which take
    precedence over the scenario file's ``parameters``.

    Returns ``scenario`` (id), ``policy``, ``seed``, ``score`` (total), ``score_<component>``
    for each score component, ``needs_reduction``, ``timed_out``, ``closed_reason``,
    ``violations`` (count) and ``days`` (day of the last stage reached).

    Examples
    --------
    >>> out = run_case_task({"scenario": "learning-low-income", "policy": "expert"}, 1)
    >>> out["score"], out["closed_reason"], out["timed_out"]
    (100.0, 'goals_achieved', False)
    """
    from .runner import run_case

    settings = dict(point)
    scenario = _scenario(str(settings.pop("scenario")))
    policy = str(settings.pop("policy"))
    max_days = int(settings.pop("max_days", 900))
    overrides = {k: float(v) for k, v in settings.items()}
    r = run_case(scenario, policy, seed, overrides=overrides, max_days=max_days)
    return {
        "scenario": r.scenario,
        "policy": r.policy,
        "seed": seed,
        "score": r.score.total,
        **{f"score_{k}": v for k, v in r.score.components.items()},
        "needs_reduction": r.needs_reduction,
        "timed_out": r.timed_out,
        "closed_reason": r.closed_reason,
        "violations": len(r.violations),
        "days": r.stages[-1][1],
    }


def _check_default_points(points: list[dict[str, Any]]) -> None:
    """Refuse, in the calling process, anything the default task would fail on in a worker."""
    from .policies import POLICIES

    for i, point in enumerate(points):
        for name, value in point.items():
            if name not in TASK_PARAMETERS:
                raise CasekitError(
                    f"sweep grid: unknown parameter {name!r}{suggest(name, TASK_PARAMETERS)}; "
                    "use scenario, policy, max_days or an OutcomeParams field"
                )
            if name not in ("scenario", "policy") and (
                isinstance(value, bool) or not isinstance(value, Real)
            ):
                raise CasekitError(f"sweep grid: {name} must be a number, got {value!r}")
        for name in ("scenario", "policy"):
            if name not in point:
                raise CasekitError(f"sweep grid: point {i} has no {name!r}; the default task needs one")
        _scenario(str(point["scenario"]))  # CasekitError naming the bad id or file
        if point["policy"] not in POLICIES:
            raise CasekitError(
                f"sweep grid: unknown policy {point['policy']!r}{suggest(str(point['policy']), POLICIES)}; "
                f"built-in policies: {', '.join(sorted(POLICIES))}"
            )
        if "max_days" in point and point["max_days"] < 1:
            raise CasekitError(f"sweep grid: max_days must be at least 1, got {point['max_days']!r}")


def _run_chunk(task: Task, items: list[tuple[dict[str, Any], int]]) -> list[dict[str, Any]]:
    """Run a chunk of (point, seed) pairs in one worker call."""
    out = []
    for point, seed in items:
        result = task(point, seed)
        if not isinstance(result, Mapping):
            raise CasekitError(f"sweep: the task returned a {type(result).__name__}, expected a dict")
        out.append(dict(result))
    return out


def _default_chunksize(n_tasks: int) -> int:
    # About 32 chunks: enough to balance a few workers, few enough that overhead stays small.
    return max(1, min(50, math.ceil(n_tasks / 32)))


def sweep(
    grid: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    replicates: int,
    seed: int,
    executor: Executor | None = None,
    *,
    task: Task | None = None,
    chunksize: int | None = None,
) -> pd.DataFrame:
    """Run every grid point ``replicates`` times; one row per run, in grid order.

    Parameters
    ----------
    grid
        A dict of name -> list of values (a Cartesian product, see :func:`expand_grid`) or
        a list of dicts (the points themselves). With the default task the names are
        ``scenario`` (bundled id or path), ``policy`` (``expert``, ``naive``, ``random``),
        ``max_days`` and any :class:`~casekit.sim.OutcomeParams` field
        (:data:`TASK_PARAMETERS`); they are checked before anything runs.
    replicates
        Runs per point, at least 1.
    seed
        Non-negative integer. Run ``k`` (point-major: point ``k // replicates``, replicate
        ``k % replicates``) gets ``task_seeds(seed, n_points * replicates)[k]``.
    executor
        Any :class:`concurrent.futures.Executor`, e.g.
        ``ProcessPoolExecutor(max_workers=2)`` or a Dask cluster's
        ``Client(...).get_executor()`` (extra ``cluster``). ``None`` runs every case here,
        one after the other. The results do not depend on this choice.
    task
        A top-level (picklable) function ``task(point, seed) -> dict`` for a custom
        experiment; default :func:`run_case_task`. Its points are not checked against
        :data:`TASK_PARAMETERS`.
    chunksize
        Runs per worker call; default about 1/32 of all runs (1 to 50).

    Returns
    -------
    pandas.DataFrame
        The point's columns, ``replicate``, ``seed``, then the task's outputs (an output
        named like a point column is left out: the grid's value is kept, e.g. a scenario
        path rather than the id). ``df.attrs["grid_columns"]`` lists the point's columns.

    Raises
    ------
    CasekitError
        A bad grid (unknown name, with the close match; unknown scenario or policy), bad
        ``replicates`` or ``seed``, or a task that cannot be sent to a worker.

    Examples
    --------
    >>> df = sweep({"scenario": "income-loss-midcase", "policy": ["expert", "naive"]}, 2, seed=1)
    >>> len(df), list(df.columns[:5])
    (4, ['scenario', 'policy', 'replicate', 'seed', 'score'])
    >>> bool(df.groupby("policy")["score"].mean().idxmax() == "expert")
    True
    """
    import pandas as pd

    if isinstance(replicates, bool) or not isinstance(replicates, (int, np.integer)) or replicates < 1:
        raise CasekitError(f"sweep: replicates must be an integer >= 1, got {replicates!r}")
    replicates = int(replicates)
    points = expand_grid(grid)
    if task is None:
        task = run_case_task
        _check_default_points(points)
    elif not callable(task):
        raise CasekitError(f"sweep: task must be a function (point, seed) -> dict, got {task!r}")
    seeds = task_seeds(seed, len(points) * replicates)
    items = [(points[k // replicates], s) for k, s in enumerate(seeds)]
    size = _default_chunksize(len(items)) if chunksize is None else chunksize
    if size < 1:
        raise CasekitError(f"sweep: chunksize must be at least 1, got {chunksize!r}")
    chunks = [items[i : i + size] for i in range(0, len(items), size)]

    if executor is None:
        batches: Iterable[list[dict[str, Any]]] = (_run_chunk(task, c) for c in chunks)
    else:
        try:
            pickle.dumps(task)
        except Exception as exc:
            raise CasekitError(
                f"sweep: the task {task!r} cannot be sent to worker processes ({exc}); "
                "define it at the top level of a module, not as a lambda or inner function"
            ) from exc
        batches = executor.map(_run_chunk, [task] * len(chunks), chunks)  # results in order

    columns = list(dict.fromkeys(name for p in points for name in p))
    rows = []
    outputs = iter(out for batch in batches for out in batch)
    for k, ((point, s), out) in enumerate(zip(items, outputs, strict=True)):
        row = {**point, "replicate": k % replicates, "seed": s}
        row.update({name: v for name, v in out.items() if name not in row and name not in columns})
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame = frame[columns + [c for c in frame.columns if c not in columns]]
    frame.attrs["grid_columns"] = columns
    return frame


def summarize(
    df: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    metrics: str | Sequence[str] = ("score", "needs_reduction"),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Mean, standard deviation, n and a t-based confidence interval of each metric per group.

    Parameters
    ----------
    df
        A :func:`sweep` result (or any frame with the ``by`` and ``metrics`` columns).
    by
        Grouping columns; default the grid's columns (``df.attrs["grid_columns"]``, else every
        column before ``replicate``). ``[]`` summarises the whole frame in one row.
    metrics
        Numeric columns to summarise.
    confidence
        Level of the interval ``mean ± t_{(1+c)/2, n-1} · sd / √n``, between 0 and 1.

    Returns
    -------
    pandas.DataFrame
        One row per group (in order of first appearance): the ``by`` columns, then for each
        metric ``<m>_mean``, ``<m>_std`` (ddof 1), ``<m>_n`` (non-missing values),
        ``<m>_ci_low`` and ``<m>_ci_high`` (missing when n < 2).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"policy": ["a", "a", "a", "b"], "score": [1.0, 2.0, 3.0, 5.0]})
    >>> s = summarize(df, by="policy", metrics="score")
    >>> print(s[["policy", "score_mean", "score_std", "score_n"]].to_string(index=False))
    policy  score_mean  score_std  score_n
         a         2.0        1.0        3
         b         5.0        NaN        1
    >>> round(float(s["score_ci_high"].iloc[0]), 4)  # 2 + t(0.975, 2) * 1 / sqrt(3)
    4.4841
    """
    import pandas as pd
    from pandas.api.types import is_bool_dtype, is_numeric_dtype
    from scipy import stats

    if by is None:
        by = df.attrs.get("grid_columns")
        if by is None:
            cols = list(df.columns)
            by = cols[: cols.index("replicate")] if "replicate" in cols else []
    by = [by] if isinstance(by, str) else list(by)
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    for name in [*by, *metrics]:
        if name not in df.columns:
            raise CasekitError(f"summarize: no column {name!r}{suggest(name, map(str, df.columns))}")
    for name in metrics:
        if not (is_numeric_dtype(df[name]) or is_bool_dtype(df[name])):
            raise CasekitError(f"summarize: metric {name!r} is not numeric ({df[name].dtype})")
    if not 0 < confidence < 1:
        raise CasekitError(f"summarize: confidence must be between 0 and 1, got {confidence!r}")

    groups = df.groupby(by, sort=False, dropna=False) if by else [((), df)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        row: dict[str, Any] = dict(zip(by, key, strict=True))
        for m in metrics:
            values = part[m].astype(float).dropna()
            n = int(values.size)
            mean = float(values.mean()) if n else math.nan
            sd = float(values.std(ddof=1)) if n > 1 else math.nan
            half = float(stats.t.ppf((1 + confidence) / 2, n - 1)) * sd / math.sqrt(n) if n > 1 else math.nan
            row.update(
                {
                    f"{m}_mean": mean,
                    f"{m}_std": sd,
                    f"{m}_n": n,
                    f"{m}_ci_low": mean - half,
                    f"{m}_ci_high": mean + half,
                }
            )
        rows.append(row)
    return pd.DataFrame(rows)
