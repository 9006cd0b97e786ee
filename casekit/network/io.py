"""Network file formats in one place: CSV in and out, GraphML, GEXF and pandas tables.

The code lives in :mod:`casekit.network.io_csv` (``nodes.csv`` / ``edges.csv``) and
:mod:`casekit.network.io_export` (GraphML, GEXF, data frames); this module gathers them.

Examples
--------
>>> import tempfile
>>> net = ResourceNetwork()
>>> net.add_client("S1", needs={"educational": 3})
>>> read_csv(*write_csv(net, tempfile.mkdtemp())).needs("S1")
{'educational': 3}
"""

from __future__ import annotations

from .io_csv import loads_csv, read_csv
from .io_export import nodes_frame, ties_frame, to_gexf, to_graphml, write_csv
from .model import ResourceNetwork

__all__ = [
    "read_csv",
    "loads_csv",
    "write_csv",
    "to_graphml",
    "to_gexf",
    "nodes_frame",
    "ties_frame",
    "ResourceNetwork",
]
