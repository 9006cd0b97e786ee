"""The network report: every measure of a resource network, as tables, JSON and figures.

:func:`build_report` computes the measures (progress is reported step by step, because a
district of 20,000 students takes seconds, not milliseconds); :func:`write_report` writes
``node_measures.csv``, ``summary.json``, ``gaps.csv``, ``coverage_by_domain.csv``,
``density_by_setting.csv``, ``network.png``, ``resilience.png``, ``coverage_by_domain.png``
and an ecomap PNG for each
of the (up to five) clients with the most unmet needs. ``casekit network report`` runs both.

Betweenness is exact up to 2,000 nodes and estimated from 1,000 pivot sources with a fixed
seed above that (Brandes & Pich 2007), so the same input always gives the same report.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.vocabulary import NodeKind, Setting
from . import measures
from .coverage import Coverage, clients_by_unmet_needs, gaps_table, need_coverage, resilience
from .model import ResourceNetwork
from .structure import density, density_by_setting, multiplexity, partner_scores

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NODE_COLUMNS", "NetworkReport", "build_report", "write_report", "RESILIENCE_K"]

#: Columns of ``node_measures.csv``, in order (the CLI contract).
NODE_COLUMNS = (
    "id", "kind", "setting", "degree", "betweenness", "closeness", "constraint", "effective_size",
    "core_number", "coordinator", "itinerant", "representative", "gatekeeper", "liaison",
)  # fmt: skip

#: Resilience removes the top k resources for k = 0..RESILIENCE_K.
RESILIENCE_K = 10

Progress = Callable[[str], None]


@dataclass
class NetworkReport:
    """Everything :func:`build_report` computed."""

    summary: dict[str, Any]
    node_measures: pd.DataFrame
    coverage: Coverage
    gaps: pd.DataFrame
    coverage_by_domain: pd.DataFrame
    density_by_setting: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)


class _Steps:
    """Times each step and tells ``progress`` what is running, as ``[i/n] what``."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.progress, self.i = total, progress, 0
        self.timings: dict[str, float] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        self.i += 1
        if self.progress:
            self.progress(f"[{self.i}/{self.total}] {name} ...")
        start = time.perf_counter()
        result = fn()
        self.timings[name] = time.perf_counter() - start
        if self.progress:
            self.progress(f"[{self.i}/{self.total}] {name}: {self.timings[name]:.2f} s")
        return result


def build_report(
    net: ResourceNetwork,
    *,
    seed: int = 0,
    exact_limit: int = measures.EXACT_LIMIT,
    pivots: int = measures.PIVOTS,
    progress: Progress | None = None,
) -> NetworkReport:
    """Compute every measure of the report.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", needs={"educational": 3})
    >>> net.add_case_manager("cm")
    >>> net.add_resource("tutor", setting="in_school", sector="school", domains=["educational"])
    >>> net.add_tie("S1", "tutor", "link"); net.add_tie("cm", "S1", "relationship")
    >>> r = build_report(net)
    >>> r.summary["coverage_share"], list(r.node_measures.columns)[:4]
    (1.0, ['id', 'kind', 'setting', 'degree'])
    """

    steps = _Steps(11, progress)
    g = net.simple_graph()
    adjacency = steps.run("graph views", lambda: measures.Adjacency.from_graph(g))
    k = None if g.number_of_nodes() <= exact_limit else min(pivots, g.number_of_nodes())
    bc = steps.run(
        "betweenness" + ("" if k is None else f" (sampled, {k} pivots, seed {seed})"),
        lambda: measures.betweenness(g, k=k, seed=seed, adjacency=adjacency),
    )
    cc = steps.run("closeness", lambda: measures.closeness(g, adjacency=adjacency))
    org, org_di = net.org_graph(), net.org_digraph()
    holes = steps.run(
        "constraint and effective size (organisations)",
        lambda: (measures.constraint(org), measures.effective_size(org)),
    )
    groups = {n: org_di.nodes[n].get("setting") or "unknown" for n in org_di}
    roles = steps.run(
        "brokerage roles (organisations, by setting)", lambda: measures.brokerage(org_di, groups)
    )
    cores, cut = steps.run(
        "k-cores and articulation points", lambda: (measures.core_number(g), measures.articulation_points(g))
    )
    two_sides = {
        n: s for n, s in groups.items() if s in (Setting.IN_SCHOOL.value, Setting.OUT_OF_SCHOOL.value)
    }
    ei = steps.run(
        "E-I index (in school vs out of school)",
        lambda: measures.ei_index(org.subgraph(two_sides), two_sides),
    )
    cov = steps.run("need coverage", lambda: need_coverage(net))
    gaps = steps.run("gaps and nearest resources", lambda: gaps_table(net, cov, adjacency=adjacency))
    resources = net.resources()
    by_degree = sorted(resources, key=lambda r: (-g.degree(r), r))
    by_betweenness = sorted(resources, key=lambda r: (-bc.get(r, 0.0), r))
    curves = steps.run(
        "resilience",
        lambda: resilience(
            net, {"by_degree": by_degree, "by_betweenness": by_betweenness}, k_max=RESILIENCE_K
        ),
    )

    def tables() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
        frame = _node_frame(g, org_di, bc, cc, holes, cores, roles)
        blocks = density_by_setting(net)
        multiplex = multiplexity(net)
        partner = partner_scores(net)
        summary: dict[str, Any] = {
            "n_nodes": net.n_nodes,
            "n_edges": net.n_ties,
            "n_tied_pairs": g.number_of_edges(),
            "nodes_by_kind": {k.value: len(net.nodes(k.value)) for k in NodeKind},
            "density": density(net),
            "density_by_setting": _json_frame(blocks),
            "degree_centralization": measures.degree_centralization(g, adjacency=adjacency),
            "betweenness_centralization": measures.betweenness_centralization(g, bc, adjacency=adjacency),
            "betweenness_method": "exact" if k is None else f"sampled: {k} pivots, seed {seed}",
            "ei_index": ei,
            "coverage_share": cov.share,
            "reachable_share": cov.reachable_share,
            "needs_counted": cov.n_needs,
            "unmet_needs": cov.unmet_needs,
            "gaps": int(cov.gaps.sum()),
            "articulation_points": len(cut),
            "articulation_point_ids": sorted(cut, key=adjacency.index.__getitem__),
            "multiplex_pairs": multiplex["multiplex_pairs"],
            "multiplex_share": multiplex["share"],
            "partner_trust": partner["trust"],
            "partner_value": partner["value"],
            "partner_rated_ties": partner["rated_ties"],
            "resilience": {
                "k": list(range(RESILIENCE_K + 1)),
                "by_degree": curves["by_degree"],
                "by_betweenness": curves["by_betweenness"],
                "removed_by_degree": by_degree[:RESILIENCE_K],
                "removed_by_betweenness": by_betweenness[:RESILIENCE_K],
            },
        }
        return frame, blocks, summary

    frame, blocks, summary = steps.run("tables and summary", tables)
    return NetworkReport(
        summary=_json_safe(summary),
        node_measures=frame,
        coverage=cov,
        gaps=gaps,
        coverage_by_domain=cov.by_domain(),
        density_by_setting=blocks,
        timings=steps.timings,
    )


def write_report(
    report: NetworkReport,
    net: ResourceNetwork,
    out_dir: str | Path,
    *,
    lang: str = "ko",
    ecomaps: int = 5,
    figures: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the report's files into ``out_dir`` (created if missing); returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def path(name: str) -> Path:
        written.append(out / name)
        return out / name

    report.node_measures.to_csv(path("node_measures.csv"), index=False, float_format="%.10g")
    report.gaps.to_csv(path("gaps.csv"), index=False)
    report.coverage_by_domain.to_csv(path("coverage_by_domain.csv"), float_format="%.10g")
    report.density_by_setting.to_csv(path("density_by_setting.csv"), float_format="%.10g")
    path("summary.json").write_text(
        json.dumps(report.summary, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8"
    )
    if figures:
        from ..viz import draw_coverage_by_domain, draw_ecomap, draw_network, draw_resilience

        most_unmet = clients_by_unmet_needs(report.coverage, ecomaps)
        steps = _Steps(3 + len(most_unmet), progress)
        steps.run("figure: network.png", lambda: _save(draw_network(net, lang=lang), path("network.png")))
        steps.run(
            "figure: resilience.png",
            lambda: _save(draw_resilience(report.summary["resilience"], lang=lang), path("resilience.png")),
        )
        steps.run(
            "figure: coverage_by_domain.png",
            lambda: _save(
                draw_coverage_by_domain(report.coverage_by_domain, lang=lang), path("coverage_by_domain.png")
            ),
        )
        for client in most_unmet:
            steps.run(
                f"figure: ecomap_{client}.png",
                lambda c=client: _save(draw_ecomap(net, c, lang=lang), path(f"ecomap_{c}.png")),
            )
    return written


def _node_frame(
    g: Any, org_di: Any, bc: dict, cc: dict, holes: tuple[dict, dict], cores: dict, roles: pd.DataFrame
) -> pd.DataFrame:
    """The ``node_measures.csv`` table; organisation-only measures are empty for clients."""
    import pandas as pd

    ids = list(g)
    frame = pd.DataFrame(
        {
            "id": ids,
            "kind": [g.nodes[n]["kind"] for n in ids],
            "setting": [g.nodes[n].get("setting", "") for n in ids],
            "degree": [g.degree(n) for n in ids],
            "betweenness": [bc[n] for n in ids],
            "closeness": [cc[n] for n in ids],
            "constraint": [holes[0].get(n, math.nan) for n in ids],
            "effective_size": [holes[1].get(n, math.nan) for n in ids],
            "core_number": [cores[n] for n in ids],
        }
    )
    is_org = frame["id"].isin(set(org_di))
    for role in NODE_COLUMNS[9:]:
        values = frame["id"].map(roles[role]) if len(roles) else pd.Series(pd.NA, index=frame.index)
        frame[role] = values.where(is_org).astype("Int64")
    return frame[list(NODE_COLUMNS)]


def _save(fig: Any, target: Path) -> None:
    # The drawings size their own canvas (legends sit outside the axes); a "tight" bounding
    # box would clip them.
    fig.savefig(target, dpi=120)


def _json_frame(frame: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    return {str(r): {str(c): frame.loc[r, c] for c in frame.columns} for r in frame.index}


def _json_safe(value: Any) -> Any:
    """Plain JSON values: NaN and infinities become ``null``, numpy scalars Python numbers."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
