"""ResourceNetwork: building, the codes and rules it checks, the views measures use, from cases."""

from __future__ import annotations

import networkx as nx
import pytest

from casekit.domain import NetworkDataError
from casekit.network import ResourceNetwork
from casekit.network.model import RELATION_ENDS
from casekit.scenarios import bundled_scenarios

SCENARIOS = {s.id: s for s in bundled_scenarios()}


def _message(exc: pytest.ExceptionInfo[NetworkDataError]) -> tuple[str, str]:
    (problem,) = exc.value.problems
    return problem.field, problem.message


@pytest.fixture
def net() -> ResourceNetwork:
    """A client with a manager, two school resources and two public agencies."""
    n = ResourceNetwork()
    n.add_client("S1", name="김하늘", needs={"educational": 3, "economic": 2})
    n.add_case_manager("cm", name="배진아")
    n.add_resource("wee", setting="in_school", sector="school", domains=["psychological", "relational"])
    n.add_resource("tutor", setting="in_school", sector="school", domains=["educational"], capacity=8)
    n.add_resource("center", setting="out_of_school", sector="public", domains=["psychological"])
    n.add_resource("admin", setting="out_of_school", sector="public", domains=["welfare", "economic"])
    n.add_tie("S1", "tutor", "link", strength="strong")
    n.add_tie("cm", "S1", "relationship", strength="strong", flow="to_target")
    n.add_tie("cm", "wee", "coordination")
    n.add_tie("cm", "admin", "coordination", weight=2.0)
    n.add_tie("wee", "center", "referral")
    n.add_tie("center", "admin", "collaboration", trust=3.0)
    n.add_tie("cm", "admin", "referral", weight=0.5)
    return n


# -- building ------------------------------------------------------------------------------


def test_nodes_and_attributes(net):
    assert net.n_nodes == 6
    assert net.n_ties == 7
    assert net.clients() == ["S1"]
    assert net.case_managers() == ["cm"]
    assert net.resources() == ["wee", "tutor", "center", "admin"]
    assert net.organisations() == ["cm", "wee", "tutor", "center", "admin"]
    assert net.nodes() == ["S1", "cm", "wee", "tutor", "center", "admin"]
    assert net.kind("cm") == "case_manager"
    assert dict(net.node("S1")) == {
        "name": "김하늘",
        "needs": {"economic": 2, "educational": 3},
        "kind": "client",
    }
    assert dict(net.node("cm")) == {
        "name": "배진아",
        "setting": "in_school",
        "sector": "school",
        "kind": "case_manager",
    }
    assert dict(net.node("admin")) == {
        "setting": "out_of_school",
        "sector": "public",
        "domains": ("economic", "welfare"),
        "capacity": None,
        "name": "admin",
        "kind": "resource",
    }
    assert net.needs("S1") == {"economic": 2, "educational": 3}
    assert list(net.needs("S1")) == ["economic", "educational"]  # vocabulary order
    assert net.domains("admin") == ("economic", "welfare")
    assert net.node("tutor")["capacity"] == 8
    assert "S1" in net and "nobody" not in net
    assert repr(net) == "<ResourceNetwork 1 client, 1 case_manager, 4 resource; 7 ties>"


def test_tie_attributes_and_defaults(net):
    ties = {(u, v, d["relation"]): d for u, v, d in net.ties()}
    assert ties["cm", "S1", "relationship"] == {
        "relation": "relationship",
        "strength": "strong",
        "stressful": False,
        "flow": "to_target",
        "weight": 1.0,
    }
    assert ties["center", "admin", "collaboration"]["trust"] == 3.0
    assert [(u, v) for u, v, _ in net.ties("referral")] == [("cm", "admin"), ("wee", "center")]


def test_multiplex_pair_keeps_both_ties(net):
    assert net.has_tie("cm", "admin", "coordination")
    assert net.has_tie("admin", "cm", "coordination")  # undirected: either way round
    assert net.has_tie("cm", "admin", "referral")
    assert not net.has_tie("admin", "cm", "referral")  # directed
    assert net.neighbours("admin") == ["cm", "center"]
    assert net.neighbours("cm", "coordination") == ["wee", "admin"]
    assert net.neighbours("center", "referral") == ["wee"]


def test_attributes_may_have_any_name():
    n = ResourceNetwork()
    n.add_node("x", "case_manager", node_id="kept", node_for_adding="too", kind="ignored")
    n.add_resource("r", setting="in_school", sector="school", domains=[], node_id="r-kept")
    n.add_tie("x", "r", "coordination", key="k", u_for_edge="u", source="s")
    assert (n.node("x")["node_id"], n.node("x")["node_for_adding"]) == ("kept", "too")
    assert n.kind("x") == "case_manager"
    assert n.node("r")["node_id"] == "r-kept"
    ((u, v, data),) = n.ties()
    assert (u, v, data["key"], data["u_for_edge"], data["source"]) == ("x", "r", "k", "u", "s")
    assert n.has_tie("x", "r", "coordination")


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (
            lambda n: n.add_node("x", "clent"),
            "kind",
            "unknown node kind 'clent' (did you mean 'client'?); valid codes: client, case_manager, resource",
        ),
        (
            lambda n: n.add_node("x", "teacher"),
            "kind",
            "unknown node kind 'teacher'; valid codes: client, case_manager, resource",
        ),
        (
            lambda n: n.add_resource("x", setting="in_schol", sector="school", domains=[]),
            "setting",
            "unknown setting 'in_schol' (did you mean 'in_school'?); valid codes: in_school, out_of_school, informal",
        ),
        (
            lambda n: n.add_resource("x", setting="in_school", sector="ngo", domains=[]),
            "sector",
            "unknown sector 'ngo'; valid codes: school, public, private, informal",
        ),
        (
            lambda n: n.add_resource("x", setting="in_school", sector="school", domains=["welfre"]),
            "domains",
            "unknown need domain 'welfre' (did you mean 'welfare'?); valid codes: economic, medical, "
            "psychological, educational, cultural, welfare, safety, relational",
        ),
        (
            lambda n: n.add_resource("x", setting="in_school", sector="school", domains=[], capacity=-1),
            "capacity",
            "must be a whole number >= 0, got -1",
        ),
        (
            lambda n: n.add_resource("x", setting="in_school", sector="school", domains=[], capacity=2.5),
            "capacity",
            "must be a whole number >= 0, got 2.5",
        ),
        (
            lambda n: n.add_client("x", needs={"economic": 5}),
            "domains",
            "severity of economic must be a whole number 0-4, got 5",
        ),
        (
            lambda n: n.add_client("x", needs={"economic": True}),
            "domains",
            "severity of economic must be a whole number 0-4, got True",
        ),
        (lambda n: n.add_client(" "), "id", "an id cannot be empty"),
        (lambda n: n.add_client("S1"), "id", "this id is used twice"),
    ],
)
def test_add_node_checks(net, call, field, message):
    with pytest.raises(NetworkDataError) as exc:
        call(net)
    assert _message(exc) == (field, message)
    assert net.n_nodes == 6


@pytest.mark.parametrize(
    ("args", "kwargs", "field", "message"),
    [
        (("S1", "nobody", "link"), {}, "target", "no node with id 'nobody'"),
        (("ghost", "wee", "link"), {}, "source", "no node with id 'ghost'"),
        (("wee", "wee", "collaboration"), {}, "target", "a node cannot be tied to itself"),
        (
            ("S1", "wee", "lnk"),
            {},
            "relation",
            "unknown relation 'lnk' (did you mean 'link'?); valid codes: link, coordination, relationship, "
            "referral, collaboration, informal",
        ),
        (
            ("S1", "cm", "link"),
            {},
            "relation",
            "a link tie joins client and resource, not client and case_manager",
        ),
        (
            ("center", "cm", "referral"),
            {},
            "relation",
            "a referral tie joins case_manager/resource and resource, not resource and case_manager",
        ),
        (
            ("wee", "cm", "coordination"),
            {"strength": "strong"},
            "relation",
            "the coordination tie between these nodes is given twice",
        ),
        (
            ("admin", "center", "collaboration"),
            {},
            "relation",
            "the collaboration tie between these nodes is given twice",
        ),
        (
            ("wee", "center", "referral"),
            {},
            "relation",
            "the referral tie between these nodes is given twice",
        ),
        (
            ("S1", "wee", "link"),
            {"strength": "stong"},
            "strength",
            "unknown tie strength 'stong' (did you mean 'strong'?); valid codes: strong, moderate, tenuous",
        ),
        (
            ("S1", "wee", "link"),
            {"flow": "up"},
            "flow",
            "unknown flow 'up'; valid codes: none, to_target, to_source, both",
        ),
        (("S1", "wee", "link"), {"weight": -1}, "weight", "must be a number >= 0, got -1"),
        (("S1", "wee", "link"), {"weight": float("nan")}, "weight", "must be a number >= 0, got nan"),
    ],
)
def test_add_tie_checks(net, args, kwargs, field, message):
    with pytest.raises(NetworkDataError) as exc:
        net.add_tie(*args, **kwargs)
    assert _message(exc) == (field, message)
    assert net.n_ties == 7


def test_a_referral_back_is_a_second_tie(net):
    net.add_tie("center", "wee", "referral")
    assert net.n_ties == 8


def test_undirected_relations_may_be_written_either_way_round():
    n = ResourceNetwork()
    n.add_client("S1")
    n.add_case_manager("cm")
    n.add_resource("r", setting="informal", sector="informal", domains=["relational"])
    n.add_tie("S1", "cm", "relationship")  # manager–client, written client first
    n.add_tie("r", "S1", "link")  # client–resource, written resource first
    assert n.has_tie("cm", "S1", "relationship")
    assert list(n.ties()) == [
        (
            "S1",
            "cm",
            {
                "relation": "relationship",
                "strength": "moderate",
                "stressful": False,
                "flow": "none",
                "weight": 1.0,
            },
        ),
        (
            "r",
            "S1",
            {"relation": "link", "strength": "moderate", "stressful": False, "flow": "none", "weight": 1.0},
        ),
    ]
    n.add_tie("cm", "r", "referral")  # manager → resource
    with pytest.raises(NetworkDataError):
        n.add_tie("r", "cm", "referral")  # directed: resource → manager is not read the other way round


def test_relation_ends_cover_every_relation():
    from casekit.domain.vocabulary import Relation

    assert set(RELATION_ENDS) == set(Relation.codes())


def test_graph_is_read_only(net):
    with pytest.raises(nx.NetworkXError):
        net.graph.add_node("x")
    assert net.graph.number_of_edges() == 7


# -- views -----------------------------------------------------------------------------------


def test_simple_graph(net):
    g = net.simple_graph()
    assert isinstance(g, nx.Graph) and not g.is_directed()
    assert g.number_of_nodes() == 6
    assert g.number_of_edges() == 6  # cm-admin carries two ties
    assert g.edges["admin", "cm"] == {"relations": ("coordination", "referral"), "weight": 2.0}
    assert g.edges["S1", "tutor"] == {"relations": ("link",), "weight": 1.0}
    assert g.nodes["S1"]["needs"] == {"economic": 2, "educational": 3}


def test_org_graph_leaves_out_clients(net):
    g = net.org_graph()
    assert sorted(g) == ["admin", "center", "cm", "tutor", "wee"]
    assert sorted(tuple(sorted(e)) for e in g.edges()) == [
        ("admin", "center"),
        ("admin", "cm"),
        ("center", "wee"),
        ("cm", "wee"),
    ]


def test_org_digraph_referral_one_arc_collaboration_two(net):
    d = net.org_digraph()
    assert isinstance(d, nx.DiGraph)
    assert sorted(d.edges()) == [
        ("admin", "center"),  # collaboration: both ways
        ("admin", "cm"),  # coordination: both ways
        ("center", "admin"),
        ("cm", "admin"),  # coordination and referral: one arc
        ("cm", "wee"),
        ("wee", "center"),  # referral: one arc
        ("wee", "cm"),
    ]
    assert not d.has_edge("center", "wee")


def test_views_are_cached_and_refreshed(net):
    assert net.simple_graph() is net.simple_graph()
    before = net.org_digraph()
    net.add_tie("center", "wee", "referral")
    assert net.org_digraph() is not before
    assert net.org_digraph().has_edge("center", "wee")


def test_without_removes_nodes_and_their_ties(net):
    smaller = net.without(["cm", "nobody"])
    assert smaller.nodes() == ["S1", "wee", "tutor", "center", "admin"]
    assert smaller.n_ties == 3
    assert net.n_ties == 7  # the original is untouched
    smaller.add_tie("S1", "wee", "link")
    assert not net.has_tie("S1", "wee", "link")


def test_copy_is_independent(net):
    twin = net.copy()
    twin.add_tie("S1", "wee", "link")
    assert (twin.n_ties, net.n_ties) == (8, 7)
    assert [(u, v, d) for u, v, d in twin.ties() if (u, v) != ("S1", "wee")] == list(net.ties())


# -- from the domain ---------------------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_from_scenario(scenario_id):
    scenario = SCENARIOS[scenario_id]
    net = ResourceNetwork.from_scenario(scenario)
    client, manager = scenario.client, scenario.case_manager
    assert net.clients() == [client.id]
    assert net.case_managers() == [manager.id]
    assert net.needs(client.id) == {d.value: int(s) for d, s in client.needs.items()}
    assert net.node(client.id)["name"] == client.name.ko
    for r in scenario.resources:
        data = net.node(r.id)
        assert (data["kind"], data["name"], data["setting"], data["sector"]) == (
            "resource",
            r.name.ko,
            r.setting.value,
            r.sector.value,
        )
        assert data["domains"] == tuple(sorted(d.value for d in r.domains))
        assert data["capacity"] == r.capacity
    for tie in scenario.new_case().ties():
        assert net.has_tie(tie.source, tie.target, tie.relation.value)
    assert net.n_ties == len(scenario.new_case().ties())
    household = {m.id for m in client.household}
    extra = set(net.resources()) - {r.id for r in scenario.resources}
    assert extra <= household
    for m in extra:
        assert (net.node(m)["setting"], net.node(m)["sector"]) == ("informal", "informal")


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_from_case_gives_assessed_needs(scenario_id):
    case = SCENARIOS[scenario_id].new_case()
    net = ResourceNetwork.from_case(case)
    assert net.needs(case.client.id) == {}  # nothing rated yet at intake
    assert net.n_nodes == ResourceNetwork.from_case(case, needs="true").n_nodes
