"""The results of a population run: per-case, per-resource and per-manager tables and a summary.

:func:`collect` concatenates the clusters' outputs in cluster order (so the tables do not
depend on where the clusters ran) and computes the summary: cases referred, opened, served
(at least one service attended) and closed; mean days from referral to first service, from
referral to intake and from intake to plan; the unmet-need share (needs of severity 2 or
more at referral still 2 or more at the case's end or the horizon); mean need reduction;
resource utilisation (place-days used / place-days available, for resources with a
capacity); mean caseload per manager (open cases averaged over the days); SimPy events.
Floats in the summary are rounded so that it prints the same everywhere.

Examples
--------
>>> _r(0.123456), _r(float("nan"))
(0.1235, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from .population_sim import PartitionSpec

__all__ = ["PopulationResult", "collect"]


@dataclass
class PopulationResult:
    """What :func:`run_population` returns.

    ``cases``: one row per client; ``utilisation``: one row per resource; ``managers``: one
    row per case manager; ``summary``: the headline numbers (plain, JSON-ready values).
    """

    cases: pd.DataFrame
    utilisation: pd.DataFrame
    managers: pd.DataFrame
    summary: dict[str, Any]


def _r(x: float, nd: int = 4) -> float | None:
    return None if x != x else round(float(x), nd)


def collect(
    specs: list[PartitionSpec], outs: list[dict[str, Any]], t: dict[str, Any], days: int, seed: int
) -> PopulationResult:
    """Concatenate cluster results in cluster order into a :class:`PopulationResult`."""
    import pandas as pd

    frames, svc_r, svc_s, svc_e = [], [], [], []
    for spec, out, (idx, mgrs, local) in zip(specs, outs, t["layout"], strict=True):
        ids = [t["clients"][i] for i in idx]
        before = spec.needs.astype(float)
        after = out["needs_after"]
        high = before >= 2
        frames.append(
            pd.DataFrame(
                {
                    "client": ids,
                    "partition": spec.key,
                    "manager": [mgrs[m] for m in spec.client_manager.tolist()],
                    "policy": [spec.manager_policy[m] for m in spec.client_manager.tolist()],
                    "referral_day": spec.referral_days.astype(float),
                    "intake_day": out["intake"],
                    "plan_day": out["plan"],
                    "first_service_day": out["first_service"],
                    "services": out["services"],
                    "needs_before": before.sum(axis=1),
                    "needs_after": after.sum(axis=1).round(6),
                    "high_needs": high.sum(axis=1),
                    "unmet_needs": (high & (after >= 2)).sum(axis=1),
                    "closed_day": out["closed"],
                }
            )
        )
        svc_r.append(np.asarray(local, dtype=np.int64)[out["svc_resource"]])
        svc_s.append(out["svc_start"])
        svc_e.append(out["svc_end"])
    cases = pd.concat(frames, ignore_index=True)
    rr, ss, ee = np.concatenate(svc_r), np.concatenate(svc_s), np.concatenate(svc_e)
    nres = len(t["resources"])
    busy = np.bincount(rr, weights=np.minimum(ee, days) - ss, minlength=nres)
    count = np.bincount(rr, minlength=nres)
    cap = np.array(t["total_capacity"])
    with np.errstate(invalid="ignore", divide="ignore"):
        util_share = busy / (cap * days)
    utilisation = pd.DataFrame(
        {
            "resource": t["resources"],
            "capacity": cap,
            "services": count,
            "mean_in_service": busy / days,
            "utilisation": util_share,
        }
    )
    open_days = (np.minimum(cases["closed_day"].fillna(days), days) - cases["intake_day"]).fillna(0.0)
    load = open_days.groupby(cases["manager"]).sum()
    managers = pd.DataFrame({"manager": t["managers"], "policy": [t["policy"][m] for m in t["managers"]]})
    managers["clients"] = managers["manager"].map(cases["manager"].value_counts()).fillna(0).astype(int)
    managers["mean_caseload"] = managers["manager"].map(load / days).fillna(0.0)
    served = cases["services"] > 0
    limited = utilisation["utilisation"].notna()
    summary: dict[str, Any] = {
        "days": days,
        "seed": seed,
        "partitions": len(specs),
        "cases_referred": len(cases),
        "cases_opened": int(cases["intake_day"].notna().sum()),
        "cases_served": int(served.sum()),
        "cases_closed": int(cases["closed_day"].notna().sum()),
        "services": int(cases["services"].sum()),
        "mean_days_to_first_service": _r(
            (cases["first_service_day"] - cases["referral_day"])[served].mean(), 2
        ),
        "mean_days_referral_to_intake": _r((cases["intake_day"] - cases["referral_day"]).mean(), 2),
        "mean_days_intake_to_plan": _r((cases["plan_day"] - cases["intake_day"]).mean(), 2),
        "unmet_need_share": _r(cases["unmet_needs"].sum() / max(1, cases["high_needs"].sum())),
        "mean_needs_reduction": _r((cases["needs_before"] - cases["needs_after"]).mean()),
        "mean_utilisation": _r(utilisation["utilisation"][limited].mean()),
        "mean_caseload": _r(managers["mean_caseload"].mean(), 2),
        "events": int(sum(o["events"] for o in outs)),
        "utilisation": {
            r: _r(u)
            for r, u in zip(
                utilisation["resource"][limited], utilisation["utilisation"][limited], strict=True
            )
        },
        "caseload": {
            m: _r(v, 2) for m, v in zip(managers["manager"], managers["mean_caseload"], strict=True)
        },
    }
    return PopulationResult(cases, utilisation, managers, summary)
