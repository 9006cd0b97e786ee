"""The network report: contract columns and keys, agreement with networkx, determinism, CLI."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from casekit.cli import main
from casekit.network.io import read_csv, write_csv
from casekit.network.report import NODE_COLUMNS, build_report, write_report
from casekit.network.synth import synth_district

SUMMARY_KEYS = {
    "n_nodes", "n_edges", "density", "degree_centralization", "betweenness_centralization", "ei_index",
    "coverage_share", "unmet_needs", "articulation_points", "resilience",
}  # fmt: skip


@pytest.fixture(scope="module")
def district():
    return synth_district(200, seed=3)


@pytest.fixture(scope="module")
def report(district):
    return build_report(district)


def test_contract_columns_and_keys(report, district):
    assert tuple(report.node_measures.columns) == NODE_COLUMNS
    assert len(report.node_measures) == district.n_nodes
    assert SUMMARY_KEYS <= set(report.summary)
    assert report.summary["n_nodes"] == district.n_nodes and report.summary["n_edges"] == district.n_ties
    assert report.summary["resilience"]["k"] == list(range(11))
    assert len(report.summary["resilience"]["by_degree"]) == 11
    json.dumps(report.summary, allow_nan=False)  # plain JSON, no NaN


def test_measures_equal_networkx(report, district):
    g = district.simple_graph()
    frame = report.node_measures.set_index("id")
    bc, cc = nx.betweenness_centrality(g), nx.closeness_centrality(g)
    assert report.summary["betweenness_method"] == "exact"
    for n in g:
        assert frame.at[n, "betweenness"] == pytest.approx(bc[n], abs=1e-9)
        assert frame.at[n, "closeness"] == pytest.approx(cc[n], abs=1e-9)
    assert frame["core_number"].to_dict() == nx.core_number(g)
    assert frame["degree"].to_dict() == dict(g.degree())
    assert report.summary["articulation_points"] == len(set(nx.articulation_points(g)))
    org = district.org_graph()
    constraint = nx.constraint(org)
    for n in list(org)[:25]:
        assert frame.at[n, "constraint"] == pytest.approx(constraint[n], nan_ok=True)
    clients = frame[frame["kind"] == "client"]
    assert clients["liaison"].isna().all() and clients["constraint"].isna().all()
    orgs = frame[frame["kind"] != "client"]
    assert orgs["coordinator"].notna().all()


def test_same_input_same_report(district, report, tmp_path):
    again = build_report(district)
    assert again.summary == report.summary
    write_report(report, district, tmp_path / "a", figures=False)
    write_report(again, district, tmp_path / "b", figures=False)
    for name in ("node_measures.csv", "summary.json", "gaps.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_synth_then_report(tmp_path, capsys):
    assert main(["network", "synth", "--clients", "200", "--seed", "1", "--out", str(tmp_path / "d")]) == 0
    capsys.readouterr()
    d = tmp_path / "d"
    code = main(
        [
            "network",
            "report",
            str(d / "nodes.csv"),
            str(d / "edges.csv"),
            "--out",
            str(tmp_path / "r"),
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    summary = json.loads(out)
    assert SUMMARY_KEYS <= set(summary)
    assert "[1/11] graph views" in err  # progress goes to standard error
    written = {p.name for p in (tmp_path / "r").iterdir()}
    assert {"node_measures.csv", "summary.json", "gaps.csv", "network.png", "resilience.png"} <= written
    assert 1 <= sum(name.startswith("ecomap_") for name in written) <= 5


def test_cli_bad_file_is_one_line_and_exit_1(tmp_path, capsys):
    net = synth_district(50, seed=0)
    nodes, edges = write_csv(net, tmp_path)
    text = nodes.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(",resource,", ",resorce,")
    nodes.write_text("\n".join(text) + "\n", encoding="utf-8")
    code = main(["network", "report", str(nodes), str(edges), "--out", str(tmp_path / "r"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{nodes}:4: kind: unknown node kind 'resorce' (did you mean 'resource'?)" in err
    assert "Traceback" not in err


def test_cli_reads_cp949_from_korean_excel(tmp_path, capsys):
    net = synth_district(50, seed=0)
    nodes, edges = write_csv(net, tmp_path, encoding="cp949")
    assert read_csv(nodes, edges).n_nodes == net.n_nodes
    assert main(["network", "report", str(nodes), str(edges), "--out", str(tmp_path / "r"), "--quiet"]) == 0
