"""Need coverage, gaps and resilience on a network small enough to check by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from casekit.network.coverage import clients_by_unmet_needs, gaps_table, need_coverage, resilience
from casekit.network.model import ResourceNetwork
from casekit.network.structure import density, density_by_setting, multiplexity, partner_scores


@pytest.fixture
def net() -> ResourceNetwork:
    n = ResourceNetwork()
    n.add_client("S1", needs={"educational": 3, "economic": 2, "psychological": 1, "safety": 4})
    n.add_client("S2", needs={"welfare": 2, "educational": 2})
    n.add_case_manager("cm1")
    n.add_resource("tutor", setting="in_school", sector="school", domains=["educational"])
    n.add_resource("admin", setting="out_of_school", sector="public", domains=["economic", "welfare"])
    n.add_resource("wee", setting="out_of_school", sector="public", domains=["psychological"])
    n.add_resource("cpa", setting="out_of_school", sector="public", domains=["safety"])
    n.add_resource("family", setting="informal", sector="informal", domains=["relational", "welfare"])
    n.add_tie("S1", "tutor", "link", strength="strong")
    n.add_tie("cm1", "S1", "relationship")
    n.add_tie("cm1", "S2", "relationship")
    n.add_tie("cm1", "admin", "coordination")
    n.add_tie("admin", "cpa", "collaboration", trust=4, value=3)
    n.add_tie("admin", "cpa", "referral", trust=2)
    n.add_tie("S2", "family", "informal")
    return n


def test_statuses_by_hand(net):
    cov = need_coverage(net)
    assert cov.n_needs == 5  # psychological 1 is below the threshold
    assert [cov.status("S1", d) for d in ("educational", "economic", "safety", "psychological")] == [
        "served",
        "reachable",
        "gap",
        None,
    ]
    assert [cov.status("S2", d) for d in ("welfare", "educational")] == ["reachable", "gap"]
    assert cov.share == pytest.approx(0.2) and cov.reachable_share == pytest.approx(0.6)
    assert cov.unmet_needs == 4 and int(cov.gaps.sum()) == 2
    assert cov.by_client().loc["S1"].tolist() == [3, 1, 1, 1]
    assert cov.by_domain().loc["educational", "coverage_share"] == pytest.approx(0.5)
    assert need_coverage(net, threshold=1).n_needs == 6


def test_gaps_table_nearest_resources(net):
    gaps = gaps_table(net)
    assert gaps[["client", "domain", "severity", "status"]].values.tolist() == [
        ["S1", "economic", 2, "reachable"],
        ["S1", "safety", 4, "gap"],
        ["S2", "educational", 2, "gap"],
        ["S2", "welfare", 2, "reachable"],
    ]
    assert gaps["nearest_resources"].tolist() == ["admin", "cpa", "tutor", "family;admin"]
    assert gaps["distances"].tolist() == ["2", "3", "3", "1;2"]


def test_unreachable_gap_has_no_nearest_resource():
    n = ResourceNetwork()
    n.add_client("S1", needs={"medical": 3})
    n.add_resource("clinic", setting="out_of_school", sector="public", domains=["medical"])
    assert gaps_table(n)["nearest_resources"].tolist() == [""]


def test_resilience_curves(net):
    curves = resilience(net, {"by_degree": ["admin", "tutor", "cpa"], "none": []}, k_max=3)
    # removing admin leaves S1's education served (1 of 5); removing tutor too leaves nothing
    assert curves["by_degree"] == pytest.approx([0.2, 0.2, 0.0, 0.0])
    assert curves["none"] == pytest.approx([0.2] * 4)


def test_clients_by_unmet_needs(net):
    assert clients_by_unmet_needs(need_coverage(net)) == ["S1", "S2"]  # same count, S1 more severe


def test_density_and_blocks(net):
    g = net.simple_graph()
    assert density(net) == pytest.approx(g.number_of_edges() / (8 * 7 / 2))
    blocks = density_by_setting(net)
    assert list(blocks.index) == ["in_school", "out_of_school", "informal", "clients"]
    assert blocks.loc["out_of_school", "out_of_school"] == pytest.approx(1 / 3)  # admin-cpa of 3 pairs
    # in school: tutor and cm1; S1-tutor, cm1-S1 and cm1-S2 are 3 of the 4 client pairs
    assert blocks.loc["clients", "in_school"] == pytest.approx(3 / 4)
    assert blocks.loc["in_school", "in_school"] == 0.0
    assert math.isnan(blocks.loc["informal", "informal"])  # one node: no pair


def test_multiplexity_and_partner(net):
    m = multiplexity(net)
    assert m["multiplex_pairs"] == 1 and m["pairs"] == [("admin", "cpa", ("collaboration", "referral"))]
    scores = partner_scores(net)
    assert scores["trust"] == pytest.approx(3.0) and scores["value"] == pytest.approx(3.0)
    assert scores["rated_ties"] == 2
    assert scores["by_node"].loc["cpa", "trust"] == pytest.approx(3.0)


def test_coverage_on_bundled_scenario_networks():
    from casekit.scenarios import bundled_scenarios

    for s in bundled_scenarios():
        cov = need_coverage(ResourceNetwork.from_scenario(s))
        # at referral nothing is linked yet: every counted need is unmet
        assert cov.n_needs == int(np.sum(np.array(list(s.truth.needs.values())) >= 2))
        assert cov.share == 0.0 or s.ties


def test_gaps_table_with_no_resource_left_lists_every_unmet_need():
    from casekit.network import ResourceNetwork, gaps_table, loads_csv

    net = loads_csv(
        "id,kind,domains\nc1,client,economic:3;medical:2\nm1,case_manager,\n",
        "source,target,relation\nm1,c1,relationship\n",
    )
    assert isinstance(net, ResourceNetwork)
    table = gaps_table(net)
    assert sorted(zip(table["client"], table["domain"], table["severity"])) == [("c1", "economic", 3), ("c1", "medical", 2)]
    assert set(table["nearest_resources"]) == {""}
