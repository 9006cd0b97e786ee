"""The resource network: clients, case managers and resources, and the ties between them.

Seed 000 describes a case as a network. The client is tied to resources by mediation and
linking (``link``), the case manager to resources by coordination and development
(``coordination``), and the case manager to the client by a working relationship
(``relationship``). Resources refer to each other (``referral``, directed) and collaborate
(``collaboration``), and the client has informal ties to family and friends (``informal``).

:class:`ResourceNetwork` keeps every tie once, in a ``networkx.MultiDiGraph`` keyed by
relation, so two nodes may be tied by several relations (multiplexity). Measures work on
derived views: :meth:`ResourceNetwork.simple_graph` (undirected, one edge per tied pair),
:meth:`ResourceNetwork.org_graph` and :meth:`ResourceNetwork.org_digraph` (organisations
only: resources and case managers).

Examples
--------
>>> net = ResourceNetwork()
>>> net.add_client("S1", needs={"educational": 3, "economic": 2})
>>> net.add_case_manager("cm1")
>>> net.add_resource("wee", setting="out_of_school", sector="public", domains=["psychological"])
>>> net.add_tie("S1", "wee", "link", strength="tenuous")
>>> net.add_tie("cm1", "S1", "relationship", strength="strong")
>>> net.add_tie("cm1", "wee", "coordination")
>>> net.n_nodes, net.n_ties, net.clients()
(3, 3, ['S1'])
>>> sorted(net.simple_graph().edges())
[('S1', 'cm1'), ('S1', 'wee'), ('cm1', 'wee')]
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from ..domain.errors import NetworkDataError, Problem
from ..domain.vocabulary import Flow, NeedDomain, NodeKind, Relation, Sector, Setting, TieStrength

if TYPE_CHECKING:
    import pandas as pd

    from ..domain.case import Case
    from ..scenarios.model import Scenario

__all__ = ["ResourceNetwork", "RELATION_ENDS", "ORGANISATION_KINDS"]

T = TypeVar("T")

_C, _M, _R = NodeKind.CLIENT.value, NodeKind.CASE_MANAGER.value, NodeKind.RESOURCE.value

#: Organisations: the nodes of brokerage, constraint and the E-I index.
ORGANISATION_KINDS = frozenset({_M, _R})

#: Which kinds of node each relation joins (source kinds, target kinds); undirected ties may
#: be written either way round.
RELATION_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    Relation.LINK.value: (frozenset({_C}), frozenset({_R})),
    Relation.COORDINATION.value: (frozenset({_M}), frozenset({_R})),
    Relation.RELATIONSHIP.value: (frozenset({_M}), frozenset({_C})),
    Relation.REFERRAL.value: (frozenset({_R, _M}), frozenset({_R})),
    Relation.COLLABORATION.value: (frozenset({_R, _M}), frozenset({_R, _M})),
    Relation.INFORMAL.value: (frozenset({_C}), frozenset({_R, _C})),
}


def _bad(where: str, field: str, message: str) -> NetworkDataError:
    return NetworkDataError(Problem(where, None, field, message))


#: What each code list is called in messages.
_CODE_NAMES = {
    NodeKind: "node kind",
    Setting: "setting",
    Sector: "sector",
    NeedDomain: "need domain",
    Relation: "relation",
    TieStrength: "tie strength",
    Flow: "flow",
}

_CODE_SETS = {cls: frozenset(cls.codes()) for cls in _CODE_NAMES}
_DOMAIN_CODES = NeedDomain.codes()


def _code(cls: Any, value: Any, where: str, field: str) -> str:
    """The code of ``value`` in ``cls``, else ``NetworkDataError`` with the closest code and all valid ones."""
    if type(value) is str and value in _CODE_SETS.get(cls, ()):
        return value  # the common case, without an Enum lookup (loaders call this per cell)
    try:
        return str(cls.parse(value).value)
    except ValueError:
        codes = cls.codes()
        close = difflib.get_close_matches(str(value), codes, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        what = _CODE_NAMES.get(cls, cls.__name__)
        raise _bad(where, field, f"unknown {what} {value!r}{hint}; valid codes: {', '.join(codes)}") from None


class ResourceNetwork:
    """Clients, case managers and resources tied by the relations of ARCHITECTURE.md.

    Node attributes: ``kind``, ``name``, ``setting``, ``sector``; resources carry
    ``domains`` (a tuple of need-domain codes served) and ``capacity`` (int or ``None``);
    clients carry ``needs`` (``{domain code: severity 0-4}``). Tie attributes: ``relation``,
    ``strength``, ``stressful``, ``flow``, ``weight``. Other attributes are kept as given.
    """

    def __init__(self) -> None:
        self._g = nx.MultiDiGraph()
        self._views: dict[str, Any] = {}

    # -- building ------------------------------------------------------------------------

    def add_node(self, node_id: str, kind: str, /, **attrs: Any) -> None:
        """Add a node; codes are checked and a repeated id raises ``NetworkDataError``.

        ``node_id`` and ``kind`` are positional only, so any attribute name can be given.
        """
        nid = str(node_id)
        where = f"node {nid!r}"
        if not nid.strip():
            raise _bad("node", "id", "an id cannot be empty")
        if nid in self._g:
            raise _bad(where, "id", "this id is used twice")
        data: dict[str, Any] = dict(attrs)
        data["kind"] = _code(NodeKind, kind, where, "kind")
        data["name"] = str(attrs.get("name") or nid)
        for key, cls in (("setting", Setting), ("sector", Sector)):
            if attrs.get(key) not in (None, ""):
                data[key] = _code(cls, attrs[key], where, key)
            else:
                data.pop(key, None)
        if data["kind"] == _R:
            domains = attrs.get("domains") or ()
            data["domains"] = tuple(sorted({_code(NeedDomain, d, where, "domains") for d in domains}))
            capacity = attrs.get("capacity")
            if capacity is not None and (
                isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0
            ):
                raise _bad(where, "capacity", f"must be a whole number >= 0, got {capacity!r}")
            data["capacity"] = capacity
        elif data["kind"] == _C:
            data["needs"] = self._needs(attrs.get("needs") or {}, where)
            data.pop("domains", None)
        self._g.add_nodes_from([(nid, data)])
        self._views.clear()

    @staticmethod
    def _needs(needs: Mapping[Any, Any], where: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for domain, severity in needs.items():
            code = _code(NeedDomain, domain, where, "domains")
            if isinstance(severity, bool) or not isinstance(severity, int) or not 0 <= severity <= 4:
                raise _bad(
                    where, "domains", f"severity of {code} must be a whole number 0-4, got {severity!r}"
                )
            out[code] = severity
        return {d: out[d] for d in _DOMAIN_CODES if d in out}

    def add_client(self, node_id: str, /, *, needs: Mapping[Any, int] | None = None, **attrs: Any) -> None:
        """Add a client (a student) with needs ``{domain: severity}``."""
        self.add_node(node_id, _C, needs=dict(needs or {}), **attrs)

    def add_case_manager(self, node_id: str, /, **attrs: Any) -> None:
        """Add a case manager (in school, school sector unless said otherwise)."""
        attrs.setdefault("setting", Setting.IN_SCHOOL.value)
        attrs.setdefault("sector", Sector.SCHOOL.value)
        self.add_node(node_id, _M, **attrs)

    def add_resource(
        self,
        node_id: str,
        /,
        *,
        setting: str,
        sector: str,
        domains: Iterable[str],
        capacity: int | None = None,
        **attrs: Any,
    ) -> None:
        """Add a resource serving ``domains``."""
        self.add_node(
            node_id, _R, setting=setting, sector=sector, domains=list(domains), capacity=capacity, **attrs
        )

    def add_tie(
        self,
        source: str,
        target: str,
        relation: str,
        /,
        *,
        strength: str = TieStrength.MODERATE.value,
        stressful: bool = False,
        flow: str = Flow.NONE.value,
        weight: float = 1.0,
        **attrs: Any,
    ) -> None:
        """Add a tie; ``NetworkDataError`` for unknown nodes or codes, wrong ends or a repeat."""
        u, v = str(source), str(target)
        where = f"tie {u!r}-{v!r}"
        rel = _code(Relation, relation, where, "relation")
        for end, field in ((u, "source"), (v, "target")):
            if end not in self._g:
                raise _bad(where, field, f"no node with id {end!r}")
        if u == v:
            raise _bad(where, "target", "a node cannot be tied to itself")
        if not self._ends_fit(rel, u, v):
            ku, kv = self._g.nodes[u]["kind"], self._g.nodes[v]["kind"]
            srcs, tgts = RELATION_ENDS[rel]
            raise _bad(
                where,
                "relation",
                f"a {rel} tie joins {'/'.join(sorted(srcs))} and {'/'.join(sorted(tgts))}, not {ku} and {kv}",
            )
        if self.has_tie(u, v, rel):
            raise _bad(where, "relation", f"the {rel} tie between these nodes is given twice")
        if not isinstance(stressful, bool):
            raise _bad(where, "stressful", f"must be true or false, got {stressful!r}")
        if (
            isinstance(weight, bool)
            or not isinstance(weight, (int, float))
            or not math.isfinite(weight)
            or weight < 0
        ):
            raise _bad(where, "weight", f"must be a number >= 0, got {weight!r}")
        data = dict(attrs)
        data.update(
            relation=rel,
            strength=_code(TieStrength, strength, where, "strength"),
            stressful=stressful,
            flow=_code(Flow, flow, where, "flow"),
            weight=float(weight),
        )
        # As a data dict, not keywords: a tie attribute may be called ``key``.
        self._g.add_edges_from([(u, v, rel, data)])
        self._views.clear()

    def _ends_fit(self, rel: str, u: str, v: str) -> bool:
        srcs, tgts = RELATION_ENDS[rel]
        ku, kv = self._g.nodes[u]["kind"], self._g.nodes[v]["kind"]
        if ku in srcs and kv in tgts:
            return True
        return not Relation(rel).directed and kv in srcs and ku in tgts

    # -- reading ---------------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying graph (a read-only view; change the network through its methods)."""
        return self._g.copy(as_view=True)

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return self._g.number_of_nodes()

    @property
    def n_ties(self) -> int:
        """Number of ties (a pair tied by two relations counts twice)."""
        return self._g.number_of_edges()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._g

    def node(self, node_id: str) -> Mapping[str, Any]:
        """The attributes of a node."""
        return self._g.nodes[node_id]

    def kind(self, node_id: str) -> str:
        """The kind code of a node."""
        return str(self._g.nodes[node_id]["kind"])

    def nodes(self, kind: str | None = None) -> list[str]:
        """Node ids, in insertion order, optionally of one kind."""
        if kind is None:
            return list(self._g)
        return [n for n, k in self._g.nodes(data="kind") if k == kind]

    def clients(self) -> list[str]:
        """Client ids."""
        return self.nodes(_C)

    def case_managers(self) -> list[str]:
        """Case-manager ids."""
        return self.nodes(_M)

    def resources(self) -> list[str]:
        """Resource ids."""
        return self.nodes(_R)

    def organisations(self) -> list[str]:
        """Resources and case managers: the organisations of the network."""
        return [n for n, k in self._g.nodes(data="kind") if k in ORGANISATION_KINDS]

    def needs(self, client: str) -> dict[str, int]:
        """A client's needs ``{domain code: severity}``."""
        return dict(self._g.nodes[client].get("needs") or {})

    def domains(self, resource: str) -> tuple[str, ...]:
        """Domain codes a resource serves."""
        return tuple(self._g.nodes[resource].get("domains") or ())

    def has_tie(self, u: str, v: str, relation: str) -> bool:
        """Whether ``u`` and ``v`` are tied by ``relation`` (either way round if undirected)."""
        if self._g.has_edge(u, v, key=relation):
            return True
        return not Relation(relation).directed and self._g.has_edge(v, u, key=relation)

    def ties(self, relation: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(source, target, attributes)`` for every tie, optionally of one relation."""
        for u, v, data in self._g.edges(data=True):
            if relation is None or data["relation"] == relation:
                yield u, v, data

    def neighbours(self, node_id: str, relation: str | None = None) -> list[str]:
        """Nodes tied to ``node_id`` either way, optionally by one relation."""
        out: dict[str, None] = {}
        for _, v, data in self._g.out_edges(node_id, data=True):
            if relation is None or data["relation"] == relation:
                out[v] = None
        for u, _, data in self._g.in_edges(node_id, data=True):
            if relation is None or data["relation"] == relation:
                out[u] = None
        return list(out)

    # -- views for measures ------------------------------------------------------------------

    def simple_graph(self) -> nx.Graph:
        """Undirected, one edge per tied pair, with ``relations`` (sorted codes) and ``weight``
        (the largest weight among the pair's ties); nodes keep their attributes. Cached."""

        def build() -> nx.Graph:
            pairs: dict[tuple[str, str], tuple[set[str], float]] = {}
            for u, v, rel, w in self._g.edges(keys=True, data="weight"):
                key = (v, u) if (v, u) in pairs else (u, v)
                rels, weight = pairs.get(key, (set(), 0.0))
                rels.add(rel)
                pairs[key] = (rels, max(weight, w))
            g = nx.Graph()
            g.add_nodes_from(self._g.nodes(data=True))
            g.add_edges_from(
                (u, v, {"relations": tuple(sorted(r)), "weight": w}) for (u, v), (r, w) in pairs.items()
            )
            return g

        return self.cached("simple", build)

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """A view derived from the network, built once and dropped when the network changes."""
        if name not in self._views:
            self._views[name] = build()
        return self._views[name]

    def tie_triples(self) -> Iterator[tuple[str, str, str]]:
        """``(source, target, relation)`` for every tie, without copying attributes (fast)."""
        return iter(self._g.edges(keys=True))

    def org_graph(self) -> nx.Graph:
        """The undirected simple graph among organisations (resources and case managers)."""
        if "org" not in self._views:
            self._views["org"] = self.simple_graph().subgraph(self.organisations()).copy()
        return self._views["org"]

    def org_digraph(self) -> nx.DiGraph:
        """Directed ties among organisations: a referral is one arc, an undirected tie two."""
        if "org_di" not in self._views:
            orgs = set(self.organisations())
            d = nx.DiGraph()
            d.add_nodes_from((n, self._g.nodes[n]) for n in self._g if n in orgs)
            for u, v, data in self._g.edges(data=True):
                if u in orgs and v in orgs:
                    d.add_edge(u, v)
                    if not Relation(data["relation"]).directed:
                        d.add_edge(v, u)
            self._views["org_di"] = d
        return self._views["org_di"]

    def without(self, nodes: Iterable[str]) -> ResourceNetwork:
        """A copy of the network with ``nodes`` and their ties removed (for resilience)."""
        out = ResourceNetwork()
        drop = set(nodes)
        out._g = self._g.subgraph([n for n in self._g if n not in drop]).copy()
        return out

    def copy(self) -> ResourceNetwork:
        """An independent copy."""
        return self.without(())

    # -- from the domain ---------------------------------------------------------------------

    @classmethod
    def from_case(cls, case: Case, *, needs: str = "assessed") -> ResourceNetwork:
        """The network around one case: its client, manager, resource directory and ties.

        ``needs="assessed"`` gives the client the case manager's latest ratings (what the
        manager knows); ``needs="true"`` gives the client's true needs (for researchers).
        Household members the client is tied to become informal resources.
        """
        net = cls()
        client = case.client
        known = case.ratings if needs == "assessed" else dict(client.needs)
        net.add_client(
            client.id,
            name=client.name.ko,
            name_en=client.name.en,
            needs={d.value: int(s) for d, s in known.items()},
            school_level=client.school_level.value,
            grade=client.grade,
            age=client.age,
        )
        manager = case.manager
        net.add_case_manager(manager.id, name=manager.name.ko, name_en=manager.name.en)
        for r in case.directory.values():
            extra = {"type": r.type.value} if r.type is not None else {}
            net.add_resource(
                r.id,
                name=r.name.ko,
                name_en=r.name.en,
                setting=r.setting.value,
                sector=r.sector.value,
                domains=[d.value for d in r.domains],
                capacity=r.capacity,
                wait_days=r.wait_days,
                **extra,
            )
        members = {m.id: m for m in client.household}
        for tie in case.ties():
            for end in (tie.source, tie.target):
                if end not in net and end in members:
                    m = members[end]
                    net.add_resource(
                        m.id,
                        name=m.name.ko,
                        name_en=m.name.en,
                        setting=Setting.INFORMAL.value,
                        sector=Sector.INFORMAL.value,
                        domains=[NeedDomain.RELATIONAL.value, NeedDomain.WELFARE.value],
                        kinship=m.kinship.value,
                        type="family",
                        deceased=m.deceased,
                    )
            if not net.has_tie(tie.source, tie.target, tie.relation.value):
                net.add_tie(
                    tie.source,
                    tie.target,
                    tie.relation.value,
                    strength=tie.strength.value,
                    stressful=tie.stressful,
                    flow=tie.flow.value,
                    weight=tie.weight,
                    **({"note": tie.note} if tie.note else {}),
                )
        return net

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ResourceNetwork:
        """The network of a scenario at referral, with the client's true needs."""
        return cls.from_case(scenario.new_case(), needs="true")

    # -- tables --------------------------------------------------------------------------------

    def nodes_frame(self) -> pd.DataFrame:
        """One row per node (index ``id``); see :func:`casekit.network.io_export.nodes_frame`."""
        from .io_export import nodes_frame

        return nodes_frame(self)

    def ties_frame(self) -> pd.DataFrame:
        """One row per tie; see :func:`casekit.network.io_export.ties_frame`."""
        from .io_export import ties_frame

        return ties_frame(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.nodes(k.value))} {k.value}" for k in NodeKind)
        return f"<ResourceNetwork {counts}; {self.n_ties} ties>"
