"""A :class:`ResourceNetwork` written out: CSV, GraphML, GEXF (Gephi) and pandas tables.

:func:`write_csv` writes the network files that :func:`~casekit.network.io_csv.read_csv`
reads back unchanged.

GraphML and GEXF files hold a ``MultiDiGraph`` so that two nodes tied by several relations
keep every tie. Both formats have one default direction per graph; the graph is written as
directed, each tie once, source to target as in the network, and every tie carries a boolean
attribute ``directed``: ``true`` for ``referral``, ``false`` for the undirected relations
(read such a tie as running both ways; in Gephi, filter on it). Tuples and mappings become
text (``domains`` as ``educational;psychological``, a client's ``needs`` as
``educational:3;economic:2``), booleans stay booleans, ``None`` is left out. In GEXF the
node label is the node's name, so Gephi shows it.

pandas is imported when a table is asked for, not when this module is imported.

Examples
--------
>>> import networkx as nx, tempfile
>>> from pathlib import Path
>>> net = ResourceNetwork()
>>> net.add_case_manager("cm")
>>> net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"])
>>> net.add_tie("cm", "wee", "coordination"); net.add_tie("cm", "wee", "referral")
>>> path = to_graphml(net, Path(tempfile.mkdtemp()) / "net.graphml")
>>> g = nx.read_graphml(path)
>>> sorted((d["relation"], d["directed"]) for _, _, d in g.edges(data=True))
[('coordination', False), ('referral', True)]
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..domain.vocabulary import NeedDomain, NodeKind, Relation
from .io_csv import NODE_COLUMNS, TIE_COLUMNS
from .model import ResourceNetwork

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["write_csv", "to_graphml", "to_gexf", "export_graph", "nodes_frame", "ties_frame", "NEED_COLUMNS"]

PathLike = str | os.PathLike[str]

#: The need columns of :func:`nodes_frame`, one per need domain.
NEED_COLUMNS = tuple(f"need_{code}" for code in NeedDomain.codes())


def _flat(value: Any) -> Any:
    """A value GraphML and GEXF can hold: bool, int, float or str; ``None`` to leave it out."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return ";".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(v) for v in value)
    return str(value)


def _same_types(items: Iterable[dict[str, Any]]) -> None:
    """Give each attribute one type across all items (both formats declare one per key).

    Whole numbers mixed with decimals become floats; any other mix becomes text.
    """
    rows = list(items)
    types: dict[str, set[type]] = {}
    for data in rows:
        for key, value in data.items():
            types.setdefault(key, set()).add(type(value))
    for key, seen in types.items():
        if len(seen) < 2:
            continue
        convert: Any = float if seen == {int, float} else str
        for data in rows:
            if key in data:
                value = data[key]
                data[key] = ("true" if value else "false") if isinstance(value, bool) else convert(value)


#: Attribute names networkx's GEXF writer gives a meaning of its own: ours get a ``_`` added.
_GEXF_NODE_NAMES = frozenset({"id", "label", "pid", "start", "end", "viz", "parents", "spells"})
_GEXF_EDGE_NAMES = frozenset({"id", "key", "label", "type", "start", "end", "spells", "networkx_key"})


def _renamed(data: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {f"{k}_" if k in reserved else k: v for k, v in data.items()}


def export_graph(net: ResourceNetwork, *, gexf: bool = False) -> nx.MultiDiGraph:
    """The network as a ``MultiDiGraph`` whose attributes GraphML and GEXF can hold.

    Edge keys are relation codes; every edge has ``directed`` (false for undirected relations).
    With ``gexf=True`` each node gets ``label`` (its name), which Gephi shows, and attributes
    the GEXF writer would take for its own (``id``, ``type``, ``start``, ...) get a ``_`` added.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", needs={"educational": 3, "economic": 2})
    >>> net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"])
    >>> net.add_tie("S1", "wee", "link")
    >>> g = export_graph(net)
    >>> g.nodes["S1"]["needs"], g.nodes["wee"]["domains"], "capacity" in g.nodes["wee"]
    ('economic:2;educational:3', 'psychological', False)
    >>> g.edges["S1", "wee", "link"]["directed"]
    False
    """
    g = nx.MultiDiGraph()
    nodes: list[dict[str, Any]] = []
    for n in net.nodes():
        data = {k: _flat(v) for k, v in net.node(n).items()}
        data = {k: v for k, v in data.items() if v is not None}
        if gexf:
            data = _renamed(data, _GEXF_NODE_NAMES)
            data["label"] = data.get("name", n)
        nodes.append(data)
    edges: list[dict[str, Any]] = []
    for _, _, d in net.ties():
        data = {k: _flat(v) for k, v in d.items()}
        data = {k: v for k, v in data.items() if v is not None}
        data["directed"] = Relation(d["relation"]).directed
        edges.append(_renamed(data, _GEXF_EDGE_NAMES) if gexf else data)
    _same_types(nodes)
    _same_types(edges)
    g.add_nodes_from(zip(net.nodes(), nodes, strict=True))
    g.add_edges_from((u, v, d["relation"], data) for (u, v, d), data in zip(net.ties(), edges, strict=True))
    return g


def _cell(value: Any) -> str:
    """How an attribute value is written: nothing for ``None``/NaN, ``true``/``false``, else text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _node_row(net: ResourceNetwork, nid: str, extras: list[str]) -> list[str]:
    data = net.node(nid)
    kind = data["kind"]
    if kind == NodeKind.CLIENT.value:
        domains = ";".join(f"{d}:{s}" for d, s in (data.get("needs") or {}).items())
    elif kind == NodeKind.RESOURCE.value:
        domains = ";".join(data.get("domains") or ())
    else:
        domains = ""
    capacity = data.get("capacity") if kind == NodeKind.RESOURCE.value else None
    fixed = [nid, kind, data.get("name"), data.get("setting"), data.get("sector"), domains, capacity]
    return [_cell(v) for v in fixed] + [_cell(data.get(k)) for k in extras]


def write_csv(net: ResourceNetwork, directory: PathLike, *, encoding: str = "utf-8") -> tuple[Path, Path]:
    """Write ``directory/nodes.csv`` and ``directory/edges.csv``; :func:`read_csv` reads them back.

    Columns: those of the format first (:data:`NODE_COLUMNS`, :data:`TIE_COLUMNS`), then
    the other attributes sorted by name; rows in the network's order. Extra attributes are
    written as text, so they come back as strings (``trust`` and ``value`` as numbers).

    Parameters
    ----------
    net
        The network to write.
    directory
        Where to write (created if missing).
    encoding
        ``"utf-8"`` (the default), or ``"utf-8-sig"`` for a file Korean Excel opens directly.

    Returns
    -------
    tuple of Path
        The nodes file and the edges file.

    Examples
    --------
    >>> import tempfile
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", name="김하늘", needs={"educational": 3})
    >>> net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"], capacity=5)
    >>> net.add_tie("S1", "wee", "link", stressful=True, trust=3.5)
    >>> nodes, edges = write_csv(net, tempfile.mkdtemp())
    >>> print(nodes.read_text(encoding="utf-8"), end="")
    id,kind,name,setting,sector,domains,capacity
    S1,client,김하늘,,,educational:3,
    wee,resource,wee,in_school,school,psychological,5
    >>> print(edges.read_text(encoding="utf-8"), end="")
    source,target,relation,strength,stressful,flow,weight,trust
    S1,wee,link,moderate,true,none,1.0,3.5
    >>> from casekit.network import read_csv
    >>> read_csv(nodes, edges).node("S1")["name"]
    '김하늘'
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    skip_nodes = {*NODE_COLUMNS, "needs"}
    node_extras = sorted({k for n in net.nodes() for k in net.node(n) if k not in skip_nodes})
    tie_extras = sorted({k for _, _, d in net.ties() for k in d if k not in TIE_COLUMNS})
    nodes_file, edges_file = out / "nodes.csv", out / "edges.csv"
    with nodes_file.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([*NODE_COLUMNS, *node_extras])
        writer.writerows(_node_row(net, n, node_extras) for n in net.nodes())
    with edges_file.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([*TIE_COLUMNS, *tie_extras])
        for u, v, d in net.ties():
            writer.writerow(
                [
                    _cell(x)
                    for x in (u, v, *(d.get(k) for k in TIE_COLUMNS[2:]), *(d.get(k) for k in tie_extras))
                ]
            )
    return nodes_file, edges_file


def to_graphml(net: ResourceNetwork, path: PathLike) -> Path:
    """Write the network as GraphML (yEd, Cytoscape, ``networkx.read_graphml``); returns the path.

    See the module notes for how ties and attributes are written.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> from pathlib import Path
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", name="김하늘", needs={"educational": 3})
    >>> g = nx.read_graphml(to_graphml(net, Path(tempfile.mkdtemp()) / "one.graphml"))
    >>> g.nodes["S1"]
    {'needs': 'educational:3', 'name': '김하늘', 'kind': 'client'}
    """
    out = Path(path)
    nx.write_graphml(export_graph(net), out, encoding="utf-8")
    return out


def to_gexf(net: ResourceNetwork, path: PathLike) -> Path:
    """Write the network as GEXF 1.2 for Gephi (node labels are names); returns the path.

    See the module notes for how ties and attributes are written. networkx adds each
    edge's key (its relation code) as an attribute ``key``; attributes of ours that GEXF
    reserves (``id``, ``type``, ``start``, ``end``, ...) are written with a ``_`` added.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> from pathlib import Path
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm", name="배진아")
    >>> g = nx.read_gexf(to_gexf(net, Path(tempfile.mkdtemp()) / "one.gexf"))
    >>> g.nodes["cm"]["label"], g.nodes["cm"]["sector"]
    ('배진아', 'school')
    """
    out = Path(path)
    nx.write_gexf(export_graph(net, gexf=True), out, encoding="utf-8", version="1.2draft")
    return out


def nodes_frame(net: ResourceNetwork) -> pd.DataFrame:
    """One row per node, indexed by ``id``, in the network's order.

    Columns: ``kind``, ``name``, ``setting``, ``sector``, ``domains`` (a resource's domains,
    ``;``-joined), ``capacity`` (``Int64``), one ``need_<domain>`` column per need domain
    (a client's severity, ``Int64``), then other attributes sorted by name. Missing values
    are ``None`` / ``<NA>``.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", needs={"educational": 3})
    >>> net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"], capacity=4)
    >>> df = nodes_frame(net)
    >>> df.index.name, list(df.index)
    ('id', ['S1', 'wee'])
    >>> df.reset_index()[["id", "kind", "domains", "capacity", "need_educational"]]
        id      kind        domains  capacity  need_educational
    0   S1    client           None      <NA>                 3
    1  wee  resource  psychological         4              <NA>
    """
    import pandas as pd

    skip = {*NODE_COLUMNS, "needs"}
    extras = sorted({k for n in net.nodes() for k in net.node(n) if k not in skip})
    rows = []
    for n in net.nodes():
        data = net.node(n)
        resource = data["kind"] == NodeKind.RESOURCE.value
        needs = (data.get("needs") or {}) if data["kind"] == NodeKind.CLIENT.value else {}
        row = [
            n,
            data["kind"],
            data.get("name"),
            data.get("setting"),
            data.get("sector"),
            ";".join(data.get("domains") or ()) if resource else None,
            data.get("capacity") if resource else None,
            *(needs.get(code) for code in NeedDomain.codes()),
            *(data.get(k) for k in extras),
        ]
        rows.append(row)
    columns = [*NODE_COLUMNS, *NEED_COLUMNS, *extras]
    df = pd.DataFrame(rows, columns=columns, dtype=object).set_index("id")
    for column in ("capacity", *NEED_COLUMNS):
        df[column] = df[column].astype("Int64")
    return df


def ties_frame(net: ResourceNetwork) -> pd.DataFrame:
    """One row per tie, in the network's order.

    Columns: ``source``, ``target``, ``relation``, ``strength``, ``stressful`` (bool),
    ``flow``, ``weight`` (float), then other attributes sorted by name.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm")
    >>> net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"])
    >>> net.add_tie("cm", "wee", "referral", strength="strong", trust=4.0)
    >>> ties_frame(net)
      source target  relation strength  stressful  flow  weight  trust
    0     cm    wee  referral   strong      False  none     1.0    4.0
    """
    import pandas as pd

    extras = sorted({k for _, _, d in net.ties() for k in d if k not in TIE_COLUMNS})
    rows = [
        [u, v, *(d.get(k) for k in TIE_COLUMNS[2:]), *(d.get(k) for k in extras)] for u, v, d in net.ties()
    ]
    df = pd.DataFrame(rows, columns=[*TIE_COLUMNS, *extras], dtype=object)
    df["stressful"] = df["stressful"].astype(bool)
    df["weight"] = df["weight"].astype(float)
    return df.infer_objects()
