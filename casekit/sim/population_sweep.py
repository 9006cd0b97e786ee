"""Population experiments: a grid of district configurations with replicates, on any executor.

:func:`population_sweep` is :func:`~casekit.sim.sweep.sweep` with :func:`population_task`:
each grid point names a district and the settings of a population run
(:class:`~casekit.sim.population.PopulationConfig`), each replicate runs the population model
with its own seed, and the rows hold the run's summary. Seeds are spawned up front in grid
order, so the table is the same in-process, on a process pool or on a Dask cluster.

Grid names (:data:`POPULATION_PARAMETERS`):

===================  =================================================================
``network``          a bundled district (``"urban"``, ``"rural"``) or a folder with
                     ``nodes.csv`` and ``edges.csv``, readable where the run happens
``days``             horizon in days (default 180)
``caseload_limit``   open cases a case manager carries at once
``capacity_scale``   multiplies every resource capacity
``policy_mix``       text ``"expert:0.5;naive:0.5"``: share of managers per policy profile
``expert_share``     a number s: ``expert`` for a share s of managers, ``naive`` for the rest
``referral_window``  referrals arrive over this share of the days
any OutcomeParams    e.g. ``service_rate``: the outcome model's parameters
===================  =================================================================

Each run's summary numbers become columns (:data:`METRICS` names the main ones).

Examples
--------
>>> df = population_sweep({"network": "rural", "caseload_limit": [10, 40], "days": 60}, 2, seed=1)
>>> print(df[["caseload_limit", "replicate", "cases_opened"]].to_string(index=False))
 caseload_limit  replicate  cases_opened
             10          0            33
             10          1            33
             40          0           127
             40          1           128
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from numbers import Real
from typing import TYPE_CHECKING, Any

from ..domain.errors import CasekitError
from ..domain.text import Text
from .params import PARAMETER_DOCS, OutcomeParams
from .population import PopulationConfig, run_population
from .population_profiles import PROFILES
from .sweep import expand_grid, sweep

if TYPE_CHECKING:
    import pandas as pd

    from ..network.model import ResourceNetwork

__all__ = [
    "POPULATION_PARAMETERS",
    "METRICS",
    "SETTINGS",
    "label",
    "parse_policy_mix",
    "population_config",
    "population_task",
    "population_sweep",
]

_CONFIG = ("caseload_limit", "capacity_scale", "referral_window")

#: Names a population grid may use.
POPULATION_PARAMETERS: tuple[str, ...] = (
    "network",
    "days",
    *_CONFIG,
    "policy_mix",
    "expert_share",
    *PARAMETER_DOCS,
)

#: Summary numbers of a run worth plotting, with Korean and English names.
METRICS: dict[str, Text] = {
    "cases_opened": Text("접수된 사례", "cases opened"),
    "cases_served": Text("서비스에 연결된 사례", "cases served"),
    "cases_closed": Text("종결된 사례", "cases closed"),
    "services": Text("제공된 서비스", "services attended"),
    "mean_days_to_first_service": Text("첫 서비스까지 평균 일수", "mean days to first service"),
    "mean_days_referral_to_intake": Text("의뢰에서 접수까지 평균 일수", "mean days from referral to intake"),
    "mean_days_intake_to_plan": Text("접수에서 계획까지 평균 일수", "mean days from intake to plan"),
    "unmet_need_share": Text("충족되지 않은 욕구 비율", "share of needs left unmet"),
    "mean_needs_reduction": Text("평균 욕구 감소", "mean need reduction"),
    "mean_utilisation": Text("자원 평균 이용률", "mean resource utilisation"),
    "mean_caseload": Text("사례관리자 평균 사례 수", "mean caseload per manager"),
}

#: The settings of a population grid (other than OutcomeParams), with Korean and English names.
SETTINGS: dict[str, Text] = {
    "network": Text("학군", "district"),
    "days": Text("모의실험 일수", "days simulated"),
    "caseload_limit": Text("사례관리자 1명의 사례 수 상한", "caseload limit per manager"),
    "capacity_scale": Text("자원 정원 배율", "resource capacity (× places)"),
    "policy_mix": Text("사례관리자의 실천 방식 구성", "policy mix of case managers"),
    "expert_share": Text("전문가형 사례관리자 비율", "share of expert case managers"),
    "referral_window": Text("의뢰 기간 (일수의 비율)", "referral window (share of days)"),
}

DEFAULT_DAYS = 180


def label(name: str, lang: str = "ko") -> str:
    """The Korean or English name of a grid setting, metric or OutcomeParams field.

    Examples
    --------
    >>> label("caseload_limit"), label("unmet_need_share", "en"), label("service_rate", "en")
    ('사례관리자 1명의 사례 수 상한', 'share of needs left unmet', 'service_rate')
    """
    for table in (SETTINGS, METRICS):
        if name in table:
            return table[name].get(lang)
    if name in PARAMETER_DOCS and lang == "ko":
        return PARAMETER_DOCS[name][0]
    return name


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_policy_mix(text: str) -> dict[str, float]:
    """``"expert:3;naive:1"`` -> ``{"expert": 3.0, "naive": 1.0}`` (shares need not sum to 1).

    Examples
    --------
    >>> parse_policy_mix("expert:0.75; naive:0.25")
    {'expert': 0.75, 'naive': 0.25}
    """
    mix: dict[str, float] = {}
    for part in str(text).split(";"):
        if not part.strip():
            continue
        name, sep, share = part.partition(":")
        name = name.strip()
        if name not in PROFILES:
            raise CasekitError(
                f"population grid: policy_mix {text!r}: unknown policy {name!r}{_suggest(name, list(PROFILES))}; "
                f"use {', '.join(PROFILES)}"
            )
        try:
            mix[name] = float(share) if sep else 1.0
        except ValueError:
            raise CasekitError(
                f"population grid: policy_mix {text!r}: share of {name} is not a number: {share!r}"
            ) from None
    return mix


def population_config(point: Mapping[str, Any]) -> tuple[str, int, PopulationConfig]:
    """The district, days and :class:`PopulationConfig` of one grid point.

    Raises :class:`CasekitError` naming the setting at fault (unknown name with the closest
    one, a non-number, both ``policy_mix`` and ``expert_share``, a value out of range).

    Examples
    --------
    >>> network, days, config = population_config({"network": "urban", "expert_share": 0.25})
    >>> network, days, config.policy_mix
    ('urban', 180, (('expert', 0.25), ('naive', 0.75)))
    """
    for name in point:
        if name not in POPULATION_PARAMETERS:
            raise CasekitError(
                f"population grid: unknown parameter {name!r}{_suggest(name, POPULATION_PARAMETERS)}; "
                "use network, days, caseload_limit, capacity_scale, policy_mix, expert_share, "
                "referral_window or an OutcomeParams field"
            )
    if "network" not in point:
        raise CasekitError("population grid: every point needs a 'network' (a bundled district or a folder)")
    for name, value in point.items():
        if name not in ("network", "policy_mix") and (isinstance(value, bool) or not isinstance(value, Real)):
            raise CasekitError(f"population grid: {name} must be a number, got {value!r}")
    if "policy_mix" in point and "expert_share" in point:
        raise CasekitError("population grid: give policy_mix or expert_share, not both")
    mix: Any = (("expert", 1.0),)
    if "policy_mix" in point:
        mix = parse_policy_mix(point["policy_mix"])
    elif "expert_share" in point:
        share = float(point["expert_share"])
        if not 0 <= share <= 1:
            raise CasekitError(f"population grid: expert_share must be between 0 and 1, got {share!r}")
        mix = {"expert": share, "naive": 1.0 - share}
    overrides = {k: v for k, v in point.items() if k in PARAMETER_DOCS}
    params = OutcomeParams().replace(**overrides) if overrides else OutcomeParams()
    settings = {k: point[k] for k in _CONFIG if k in point}
    config = PopulationConfig(policy_mix=mix, params=params, **settings)
    days = point.get("days", DEFAULT_DAYS)
    if int(days) != days or days < 1:
        raise CasekitError(f"population grid: days must be a whole number >= 1, got {days!r}")
    return str(point["network"]), int(days), config


@functools.lru_cache(maxsize=8)
def _district(source: str) -> ResourceNetwork:
    # Read once per process: every run of a sweep uses the same few districts.
    from ..network.bundled import load_district

    return load_district(source)


def population_task(point: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """One population run for a grid point: its summary numbers (a :func:`sweep` task).

    Examples
    --------
    >>> out = population_task({"network": "rural", "days": 30}, 3)
    >>> out["cases_referred"], out["partitions"]
    (300, 3)
    """
    network, days, config = population_config(point)
    result = run_population(_district(network), config, days=days, seed=int(seed))
    return {k: v for k, v in result.summary.items() if not isinstance(v, dict) and k not in ("days", "seed")}


def population_sweep(
    grid: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    replicates: int,
    seed: int,
    executor: Executor | None = None,
    *,
    chunksize: int | None = None,
) -> pd.DataFrame:
    """Run every grid point ``replicates`` times with the population model; one row per run.

    Parameters
    ----------
    grid
        A dict of name -> values (a Cartesian product) or a list of points; names from
        :data:`POPULATION_PARAMETERS`. Every point is checked, and its district read, before
        anything runs.
    replicates, seed, executor, chunksize
        As in :func:`~casekit.sim.sweep.sweep`: the same ``seed`` gives the same table on any
        executor (``None``, a ``ProcessPoolExecutor``, ``distributed.Client(...).get_executor()``).

    Returns
    -------
    pandas.DataFrame
        The point's columns, ``replicate``, ``seed``, then the summary numbers of the run
        (``cases_referred``, ``cases_opened``, ..., see :data:`METRICS`).
    """
    points = expand_grid(grid)
    for point in points:
        network, _, _ = population_config(point)
        _district(network)  # a NetworkDataError naming the district, here rather than in a worker
    return sweep(points, replicates, seed, executor, task=population_task, chunksize=chunksize)
