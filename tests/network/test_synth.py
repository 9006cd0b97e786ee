"""Synthetic districts: determinism, size, valid codes, skew, gaps, capacity and brokers."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import networkx as nx
import numpy as np
import pytest

from casekit.domain.errors import CasekitError
from casekit.domain.resources import ResourceType
from casekit.domain.vocabulary import NeedDomain, Sector, Setting
from casekit.network.io import read_csv, write_csv
from casekit.network.model import RELATION_ENDS
from casekit.network.synth import SynthParams, synth_district

HANGUL = re.compile("[가-힣]")


@pytest.fixture(scope="module")
def district():
    return synth_district(2000, seed=11)


def _link_counts(net) -> Counter:
    counts = Counter({r: 0 for r in net.resources()})
    counts.update(v for _, v, _ in net.ties("link"))
    return counts


def test_same_arguments_write_identical_files(tmp_path):
    first = write_csv(synth_district(500, seed=3), tmp_path / "a")
    again = write_csv(synth_district(500, seed=3), tmp_path / "b")
    other = write_csv(synth_district(500, seed=4), tmp_path / "c")
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert first[1].read_bytes() != other[1].read_bytes()


def test_a_generator_is_a_seed():
    a = synth_district(300, seed=5)
    b = synth_district(300, seed=np.random.default_rng(5))
    assert list(a.ties()) == list(b.ties())
    assert [a.node(n) for n in a.nodes()] == [b.node(n) for n in b.nodes()]


@pytest.mark.parametrize(
    ("clients", "managers", "resources", "ties"),
    [(200, 2, 22, (900, 1300)), (2000, 20, 52, (9000, 10500))],
)
def test_counts(clients, managers, resources, ties):
    net = synth_district(clients, seed=0)
    assert len(net.clients()) == clients
    assert len(net.case_managers()) == managers
    assert len(net.resources()) == resources
    assert ties[0] <= net.n_ties <= ties[1]


def test_parameters_change_the_district():
    net = synth_district(2000, seed=0, params=SynthParams(clients_per_manager=50, clients_per_school=500))
    assert len(net.case_managers()) == 40
    assert len({net.node(c)["school"] for c in net.clients()}) == 4


def test_codes_are_valid_and_the_files_load_back(district, tmp_path):
    back = read_csv(*write_csv(district, tmp_path))
    assert (back.n_nodes, back.n_ties) == (district.n_nodes, district.n_ties)
    types = set(ResourceType.codes())
    for r in back.resources():
        data = back.node(r)
        assert data["type"] in types
        assert data["setting"] in Setting.codes() and data["sector"] in Sector.codes()
        assert set(back.domains(r)) <= set(NeedDomain.codes())
    assert back.needs("c00001") == district.needs("c00001")


def test_ids_are_ascii_and_names_korean(district):
    assert all(n.isascii() for n in district.nodes())
    assert all(HANGUL.search(district.node(n)["name"]) for n in district.nodes())
    assert all(district.node(n)["name_en"].isascii() for n in district.nodes())
    outside = [r for r in district.resources() if "school" not in district.node(r)]
    assert any(district.node(r)["name"].startswith("한들 ") for r in outside)


def test_every_client_has_one_manager_of_its_school(district):
    for c in district.clients():
        (manager,) = district.neighbours(c, "relationship")
        assert district.node(manager)["school"] == district.node(c)["school"]


def test_links_meet_needs_with_own_school_resources(district):
    for client, resource, data in district.ties("link"):
        needs = district.needs(client)
        served = data["need"].split(";")
        assert served and all(needs.get(d, 0) >= 1 and d in district.domains(resource) for d in served)
        school = district.node(resource).get("school")
        assert school in (None, district.node(client)["school"])
    informal = {r for r in district.resources() if district.node(r)["setting"] == "informal"}
    assert not informal & {v for _, v, _ in district.ties("link")}


def test_needs_look_like_a_priority_population(district):
    clients = district.clients()
    real = [[d for d, s in district.needs(c).items() if s >= 2] for c in clients]
    prevalence = Counter(d for needs in real for d in needs)
    assert prevalence.most_common(2)[0][0] in ("educational", "economic")
    assert prevalence["safety"] < 0.1 * len(clients) < prevalence["economic"]
    assert sum(1 <= len(needs) <= 3 for needs in real) >= 0.75 * len(clients)


def test_popularity_is_skewed(district):
    counts = sorted(_link_counts(district).values(), reverse=True)
    top = max(1, round(0.05 * len(counts)))
    assert sum(counts[:top]) >= 0.25 * sum(counts)
    assert counts[0] >= 5 * np.median(counts)


def test_some_needs_are_left_unmet(district):
    served: dict[str, set[str]] = {}
    for client, _, data in district.ties("link"):
        served.setdefault(client, set()).update(data["need"].split(";"))
    needs = [(c, d) for c in district.clients() for d, s in district.needs(c).items() if s >= 2]
    unmet = sum(d not in served.get(c, set()) for c, d in needs)
    assert 0.03 * len(needs) <= unmet <= 0.3 * len(needs)


def test_links_never_exceed_capacity(district):
    counts = _link_counts(district)
    capped = [r for r in district.resources() if district.node(r)["capacity"] is not None]
    assert capped
    assert all(counts[r] <= district.node(r)["capacity"] for r in capped)
    assert any(counts[r] == district.node(r)["capacity"] for r in capped)  # some are full


def test_every_tie_fits_its_relation_ends(district):
    seen = Counter()
    for u, v, data in district.ties():
        sources, targets = RELATION_ENDS[data["relation"]]
        assert district.kind(u) in sources and district.kind(v) in targets
        seen[data["relation"]] += 1
    assert set(seen) == set(RELATION_ENDS)


def test_brokers_join_school_and_community(district):
    org = district.org_graph()
    assert nx.is_connected(org)
    brokers = set(nx.articulation_points(org))
    settings = {district.node(b)["setting"] for b in brokers if district.kind(b) == "resource"}
    assert {"in_school", "out_of_school"} <= settings


def test_bad_arguments_are_refused():
    for clients in (0, -5, True, 2.5):
        with pytest.raises(CasekitError, match="clients must be a whole number"):
            synth_district(clients)  # type: ignore[arg-type]
    with pytest.raises(CasekitError, match="need_count_probs"):
        SynthParams(need_count_probs=(0.5, 0.6))


def test_every_parameter_is_in_the_table():
    doc = SynthParams.__doc__ or ""
    for field in dataclasses.fields(SynthParams):
        assert re.search(rf"^\s+{field.name}\b", doc, re.MULTILINE), field.name
