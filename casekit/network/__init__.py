"""Resource networks: the model, file formats and measures (imports networkx on use).

``import casekit.network`` loads networkx but not pandas: the tables
(:func:`nodes_frame`, :func:`ties_frame`) import pandas when called.
"""

from __future__ import annotations

from .io_csv import loads_csv, read_csv
from .io_export import nodes_frame, ties_frame, to_gexf, to_graphml, write_csv
from .model import ResourceNetwork

__all__: list[str] = [
    "ResourceNetwork",
    "read_csv",
    "loads_csv",
    "write_csv",
    "to_graphml",
    "to_gexf",
    "nodes_frame",
    "ties_frame",
]
