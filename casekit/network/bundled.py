"""The synthetic districts bundled in ``data/networks/`` and loading a district by name or folder.

Each bundled district is a folder with ``nodes.csv`` and ``edges.csv`` in the network file
format, made by ``casekit network synth`` (the data card ``data/networks/README.md`` gives
the commands). Every person, school and agency in them is invented.

Examples
--------
>>> bundled_networks()
('rural', 'urban')
>>> net = load_district("rural")
>>> len(net.clients()), len(net.case_managers()), len(net.resources())
(300, 3, 26)
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from ..domain.errors import NetworkDataError, Problem
from .io_csv import read_csv
from .model import ResourceNetwork

__all__ = ["bundled_networks_dir", "bundled_networks", "district_dir", "load_district"]


def bundled_networks_dir() -> Path:
    """``casekit/_data/networks`` in an installed wheel, else ``data/networks`` of the checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_data" / "networks"
    if installed.is_dir():
        return installed
    return package.parent / "data" / "networks"


def bundled_networks() -> tuple[str, ...]:
    """Names of the bundled districts (folders holding a ``nodes.csv``), sorted."""
    root = bundled_networks_dir()
    if not root.is_dir():
        return ()
    return tuple(sorted(p.parent.name for p in root.glob("*/nodes.csv")))


def district_dir(source: str | os.PathLike[str]) -> Path:
    """The folder of a district: a bundled name (``"urban"``) or a folder with the two files.

    Raises
    ------
    NetworkDataError
        Neither a bundled name nor a folder with ``nodes.csv``; names the closest bundled
        district.
    """
    path = Path(source)
    if (path / "nodes.csv").is_file():
        return path
    names = bundled_networks()
    if str(source) in names:
        return bundled_networks_dir() / str(source)
    close = difflib.get_close_matches(str(source), names, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise NetworkDataError(
        Problem(
            str(source),
            None,
            "",
            f"not a bundled district{hint} and not a folder with nodes.csv and edges.csv; "
            f"bundled: {', '.join(names) or 'none'}",
        )
    )


def load_district(source: str | os.PathLike[str]) -> ResourceNetwork:
    """Read a district: a bundled name (see :func:`bundled_networks`) or a folder with
    ``nodes.csv`` and ``edges.csv`` (:func:`~casekit.network.io_csv.read_csv`)."""
    return read_csv(district_dir(source))
