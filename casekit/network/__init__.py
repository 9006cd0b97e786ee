"""Resource networks: the model, file formats and measures (imports networkx on use).

``import casekit.network`` loads networkx, numpy and scipy but not pandas or matplotlib:
tables import pandas and drawings import matplotlib when called. The graph-level measures
are in :mod:`casekit.network.measures`.
"""

from __future__ import annotations

from .bundled import bundled_networks, load_district
from .compare import Comparison, brokerage_by_setting, compare_networks
from .coverage import Coverage, gaps_table, need_coverage, resilience
from .io_csv import loads_csv, read_csv
from .io_export import nodes_frame, ties_frame, to_gexf, to_graphml, write_csv
from .model import ResourceNetwork
from .report import NetworkReport, build_report, write_report
from .structure import density_by_setting, multiplexity, partner_scores
from .synth import SynthParams, synth_district
from .variants import add_case_management_teams, hub_agencies

__all__: list[str] = [
    "bundled_networks",
    "load_district",
    "Comparison",
    "brokerage_by_setting",
    "compare_networks",
    "add_case_management_teams",
    "hub_agencies",
    "ResourceNetwork",
    "read_csv",
    "loads_csv",
    "write_csv",
    "to_graphml",
    "to_gexf",
    "nodes_frame",
    "ties_frame",
    "Coverage",
    "need_coverage",
    "gaps_table",
    "resilience",
    "density_by_setting",
    "multiplexity",
    "partner_scores",
    "NetworkReport",
    "build_report",
    "write_report",
    "synth_district",
    "SynthParams",
]
