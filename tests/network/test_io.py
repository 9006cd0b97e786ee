"""Network files: every problem named FILE:LINE: column, encodings, privacy, round trips, exports."""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.domain import NetworkDataError
from casekit.network import (
    ResourceNetwork,
    loads_csv,
    nodes_frame,
    read_csv,
    ties_frame,
    to_gexf,
    to_graphml,
    write_csv,
)
from casekit.network._csvtable import scrub
from casekit.scenarios import bundled_scenarios

from ..mutations import COMMON

FIXTURES = Path(__file__).resolve().parent / "fixtures"

NODES = (
    "id,kind,name,setting,sector,domains,capacity\n"
    "S1,client,김하늘,,,educational:3;economic:2,\n"
    "cm,case_manager,배진아,in_school,school,,\n"
    "wee,resource,Wee클래스,in_school,school,psychological;relational,5\n"
    "hope,resource,희망복지지원단,out_of_school,public,economic;welfare,\n"
    "aunt,resource,고모,informal,informal,relational;welfare,\n"
)
EDGES = (
    "source,target,relation,strength,stressful,flow,weight\n"
    "S1,wee,link,strong,false,to_source,1\n"
    "cm,S1,relationship,,,,\n"
    "cm,wee,coordination,,,,\n"
    "wee,hope,referral,,,,\n"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in a fresh directory so that messages name ``nodes.csv`` and ``edges.csv``."""
    monkeypatch.chdir(tmp_path)


def write(nodes: str | bytes = NODES, edges: str | bytes = EDGES) -> None:
    for name, content in (("nodes.csv", nodes), ("edges.csv", edges)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        Path(name).write_bytes(data)


def load(nodes: str | bytes = NODES, edges: str | bytes = EDGES) -> ResourceNetwork:
    write(nodes, edges)
    return read_csv("nodes.csv", "edges.csv")


def problems(nodes: str | bytes = NODES, edges: str | bytes = EDGES) -> list[str]:
    """The problem lines ``read_csv`` reports for these files (it must report some)."""
    write(nodes, edges)
    with pytest.raises(NetworkDataError) as exc:
        read_csv("nodes.csv", "edges.csv")
    assert str(exc.value) == "\n".join(str(p) for p in exc.value.problems)
    return [str(p) for p in exc.value.problems]


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def snapshot(net: ResourceNetwork) -> tuple[list, list]:
    """Everything a network holds, in order: comparing snapshots compares networks exactly."""
    return [(n, dict(net.node(n))) for n in net.nodes()], [(u, v, dict(d)) for u, v, d in net.ties()]


def test_import_casekit_network_does_not_load_pandas():
    code = "import sys, casekit.network as n; n.read_csv, n.nodes_frame; print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert "networkx" in loaded
    assert not {"pandas", "matplotlib"} & loaded


# -- valid files ---------------------------------------------------------------------------------


def test_reads_the_small_fixture():
    net = read_csv(FIXTURES / "small" / "nodes.csv", FIXTURES / "small" / "edges.csv")
    assert repr(net) == "<ResourceNetwork 2 client, 1 case_manager, 6 resource; 16 ties>"
    assert dict(net.node("S1")) == {
        "school": "미리내중",
        "name": "김하늘",
        "needs": {"economic": 2, "educational": 3},
        "kind": "client",
    }
    assert net.node("S2")["note"] == '쉼표, 따옴표 "예시"'
    assert dict(net.node("wee_center")) == {
        "name": "Wee센터",
        "setting": "out_of_school",
        "sector": "public",
        "domains": ("educational", "psychological"),
        "capacity": 30,
        "kind": "resource",
    }
    ties = {(u, v, d["relation"]): d for u, v, d in net.ties()}
    assert ties["S1", "homeroom", "link"] == {
        "since": "2024-03",
        "relation": "link",
        "strength": "strong",
        "stressful": False,
        "flow": "to_source",
        "weight": 1.0,
    }
    assert ties["cm1", "homeroom", "coordination"]["trust"] == 4.0
    assert ties["cm1", "homeroom", "coordination"]["value"] == 3.5
    assert "trust" not in ties["cm1", "S1", "relationship"]  # empty cells are left out
    assert ties["S1", "S2", "informal"]["stressful"] is True  # 예
    assert ties["S1", "admin_welfare", "link"]["weight"] == 0.5


def test_reads_a_directory():
    assert snapshot(read_csv(FIXTURES / "small")) == snapshot(
        read_csv(FIXTURES / "small" / "nodes.csv", FIXTURES / "small" / "edges.csv")
    )


def test_loads_csv_reads_contents():
    data = (FIXTURES / "small" / "nodes.csv").read_bytes(), (FIXTURES / "small" / "edges.csv").read_bytes()
    assert snapshot(loads_csv(*data)) == snapshot(read_csv(FIXTURES / "small"))


@pytest.mark.parametrize(
    ("word", "value"),
    [
        *[("true", True), ("TRUE", True), ("1", True), ("yes", True), ("예", True)],
        *[("false", False), ("FALSE", False), ("0", False), ("no", False), ("아니오", False), ("", False)],
    ],
)
def test_stressful_words(word, value):
    net = load(edges=edit(EDGES, "S1,wee,link,strong,false,", f"S1,wee,link,strong,{word},"))
    assert net.graph.edges["S1", "wee", "link"]["stressful"] is value


def test_header_names_are_stripped_and_case_insensitive():
    nodes = edit(NODES, "id,kind,name,", " ID ,Kind,NAME,")
    edges = edit(EDGES, "source,target,relation,", "Source, TARGET ,Relation,")
    net = load(nodes, edges)
    assert net.node("S1")["name"] == "김하늘"
    assert net.n_ties == 4


def test_extra_columns_are_strings_and_empty_cells_are_left_out():
    nodes = edit(NODES, "capacity\n", "capacity,school,grade\n")
    nodes = edit(nodes, "educational:3;economic:2,\n", "educational:3;economic:2,,미리내중, 2 \n")
    net = load(nodes)
    assert net.node("S1")["school"] == "미리내중"
    assert net.node("S1")["grade"] == "2"  # stripped, not converted
    assert "school" not in net.node("cm")


def test_extra_columns_may_have_any_name():
    nodes = edit(NODES, "capacity\n", "capacity,node_id,node_for_adding\n")
    nodes = edit(nodes, "economic:2,\n", "economic:2,,a,b\n")
    edges = edit(EDGES, "weight\n", "weight,key,u_for_edge\n")
    edges = edit(edges, "cm,wee,coordination,,,,\n", "cm,wee,coordination,,,,,k,u\n")
    net = load(nodes, edges)
    assert (net.node("S1")["node_id"], net.node("S1")["node_for_adding"]) == ("a", "b")
    assert net.graph.edges["cm", "wee", "coordination"]["key"] == "k"
    assert net.graph.edges["cm", "wee", "coordination"]["u_for_edge"] == "u"


def test_a_needs_column_is_explained():
    nodes = edit(NODES, "capacity\n", "capacity,needs\n")
    assert problems(nodes) == [
        "nodes.csv:1: needs: clients' needs go in the domains column as domain:severity pairs "
        "(e.g. educational:3;economic:2); rename or remove this column"
    ]


def test_blank_rows_and_crlf_and_short_rows_are_fine():
    nodes = NODES.replace("\n", "\r\n").replace("hope,resource", ",,,,,,\r\n\r\nhope,resource")
    edges = edit(EDGES, "cm,S1,relationship,,,,\n", "cm,S1,relationship\n")
    net = load(nodes, edges)
    assert net.nodes() == ["S1", "cm", "wee", "hope", "aunt"]
    assert net.n_ties == 4


def test_a_header_only_edges_file_is_a_network_without_ties():
    assert load(edges="source,target,relation\n").n_ties == 0


# -- encodings -----------------------------------------------------------------------------------


def test_cp949_as_korean_excel_saves_it():
    nodes = NODES.replace("\n", "\r\n").encode("cp949")
    edges = EDGES.replace("\n", "\r\n").encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        nodes.decode("utf-8")
    net = load(nodes, edges)
    assert [net.node(n)["name"] for n in net.nodes()] == [
        "김하늘",
        "배진아",
        "Wee클래스",
        "희망복지지원단",
        "고모",
    ]
    assert net.n_ties == 4


def test_utf8_with_bom():
    net = load(NODES.encode("utf-8-sig"), EDGES.encode("utf-8-sig"))
    assert net.nodes() == ["S1", "cm", "wee", "hope", "aunt"]  # the BOM is not part of the first id


def test_undecodable_bytes_name_the_line():
    nodes = NODES.encode("cp949").replace("희망".encode("cp949"), b"\x80\x80")
    edges = EDGES.encode("utf-8") + b"cm,hope,\xff\xfe,,,,\n"
    assert problems(nodes, edges) == [
        "nodes.csv:5: cannot decode byte 0x80: the file is neither UTF-8 nor CP949; save it as 'CSV UTF-8 (쉼표로 분리)'",
        "edges.csv:6: cannot decode byte 0xff: the file is neither UTF-8 nor CP949; save it as 'CSV UTF-8 (쉼표로 분리)'",
    ]


def test_utf16_is_named():
    assert problems(NODES.encode("utf-16")) == [
        "nodes.csv:1: the file is UTF-16 (Excel 'Unicode text'); save it as 'CSV UTF-8 (쉼표로 분리)'"
    ]


# -- the shape of a file ---------------------------------------------------------------------------


def test_missing_required_columns():
    nodes = NODES.replace("id,kind,name,", "id,type,name,")
    edges = EDGES.replace("source,target,relation,", "from,to,relation,")
    assert problems(nodes, edges) == [
        "nodes.csv:1: kind: missing required column; the header has: id, type, name, setting, sector, domains, capacity",
        "edges.csv:1: source: missing required column; the header has: from, to, relation, strength, stressful, flow, weight",
        "edges.csv:1: target: missing required column; the header has: from, to, relation, strength, stressful, flow, weight",
    ]


def test_a_file_separated_by_semicolons_is_named():
    hint = "the header looks separated by tabs or semicolons: save the file as CSV (commas)"
    assert problems(nodes="id;kind\nS1;client\n") == [
        f"nodes.csv:1: id: missing required column; the header has: id;kind; {hint}",
        f"nodes.csv:1: kind: missing required column; the header has: id;kind; {hint}",
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n", b" , \r\n"])
def test_an_empty_file(content):
    assert problems(content, content) == [
        "nodes.csv:1: the file is empty; its first line must name the columns: id, kind, name, setting, sector, "
        "domains, capacity",
        "edges.csv:1: the file is empty; its first line must name the columns: source, target, relation, strength, "
        "stressful, flow, weight, trust, value",
    ]


def test_a_header_only_nodes_file():
    assert problems("id,kind,name\n", "source,target,relation\n") == [
        "nodes.csv:1: no nodes: the file has a header but no rows below it"
    ]


def test_a_column_given_twice():
    nodes = edit(NODES, "capacity\n", "capacity,Kind\n")
    assert problems(nodes) == ["nodes.csv:1: kind: column 'kind' appears twice (columns 2 and 8); keep one"]


def test_cells_beyond_the_header_and_in_unnamed_columns():
    nodes = edit(NODES, "capacity\n", "capacity,\n")
    nodes = edit(nodes, "in_school,school,,\n", "in_school,school,,,x,y\n")
    nodes = edit(nodes, "psychological;relational,5\n", "psychological;relational,5,z\n")
    unnamed = "a value in a column without a name; name the column on line 1 or delete the value"
    assert problems(nodes) == [
        f"nodes.csv:3: column 8: {unnamed}",
        "nodes.csv:3: column 9: this row has 9 cells but the header names 8 columns",
        f"nodes.csv:4: column 8: {unnamed}",
    ]


def test_lines_count_physical_lines_of_quoted_cells():
    nodes = edit(NODES, "S1,client,김하늘,", 'S1,client,"김하늘\n(가명)",')
    nodes = edit(nodes, "cm,case_manager,", "cm,case_manger,")
    assert problems(nodes) == [
        "nodes.csv:4: kind: unknown node kind 'case_manger' (did you mean 'case_manager'?); valid codes: "
        "client, case_manager, resource"
    ]


def test_missing_files():
    with pytest.raises(NetworkDataError) as exc:
        read_csv("no-nodes.csv", "no-edges.csv")
    assert [str(p) for p in exc.value.problems] == [
        "no-nodes.csv: no such file",
        "no-edges.csv: no such file",
    ]


# -- bad cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "cm,case_manager,",
            "cm,manager,",
            "nodes.csv:3: kind: unknown node kind 'manager' (did you mean 'case_manager'?); valid codes: "
            "client, case_manager, resource",
        ),
        (
            "cm,case_manager,",
            "cm,,",
            "nodes.csv:3: kind: is empty; valid codes: client, case_manager, resource",
        ),
        ("aunt,resource,", ",resource,", "nodes.csv:6: id: is empty; every node needs an id"),
        (
            "Wee클래스,in_school,",
            "Wee클래스,inschool,",
            "nodes.csv:4: setting: unknown setting 'inschool' (did you mean 'in_school'?); valid codes: "
            "in_school, out_of_school, informal",
        ),
        (
            "out_of_school,public,",
            "out_of_school,publc,",
            "nodes.csv:5: sector: unknown sector 'publc' (did you mean 'public'?); valid codes: school, public, "
            "private, informal",
        ),
        (
            "psychological;relational,",
            "psychological;relation,",
            "nodes.csv:4: domains: unknown need domain 'relation' (did you mean 'relational'?); valid codes: "
            "economic, medical, psychological, educational, cultural, welfare, safety, relational",
        ),
        (
            "psychological;relational,",
            "psychological:3,",
            "nodes.csv:4: domains: a resource lists the domains it serves without severities: write "
            "'psychological', not 'psychological:3'",
        ),
        (
            "educational:3;economic:2",
            "educational:5;economic:2",
            "nodes.csv:2: domains: severity of educational must be a whole number 0-4, got 5",
        ),
        (
            "educational:3;economic:2",
            "educational:3;economic:-1",
            "nodes.csv:2: domains: severity of economic must be a whole number 0-4, got -1",
        ),
        (
            "educational:3;economic:2",
            "educational:3;economic:high",
            "nodes.csv:2: domains: severity of economic must be a whole number 0-4, got 'high'",
        ),
        (
            "educational:3;economic:2",
            "educational:3;economic:2.5",
            "nodes.csv:2: domains: severity of economic must be a whole number 0-4, got '2.5'",
        ),
        (
            "educational:3;economic:2",
            "educational:3;economic",
            "nodes.csv:2: domains: need 'economic' has no severity; write domain:severity, e.g. educational:3",
        ),
        (
            "educational:3;economic:2",
            "educational:3;educational:2",
            "nodes.csv:2: domains: the need educational is given twice",
        ),
        (
            "educational:3;economic:2",
            "educatonal:3",
            "nodes.csv:2: domains: unknown need domain 'educatonal' (did you mean 'educational'?); valid codes: "
            "economic, medical, psychological, educational, cultural, welfare, safety, relational",
        ),
        (
            "in_school,school,,\n",
            "in_school,school,educational,\n",
            "nodes.csv:3: domains: a case manager has no domains; resources list the domains they serve, "
            "clients their needs",
        ),
        (
            "psychological;relational,5",
            "psychological;relational,five",
            "nodes.csv:4: capacity: must be a whole number >= 0, got 'five'",
        ),
        (
            "psychological;relational,5",
            "psychological;relational,-5",
            "nodes.csv:4: capacity: must be a whole number >= 0, got -5",
        ),
        (
            "educational:3;economic:2,",
            "educational:3;economic:2,2",
            "nodes.csv:2: capacity: only resources have a capacity, not a client",
        ),
        ("aunt,resource", "S1,resource", "nodes.csv:6: id: id 'S1' is used twice (first on line 2)"),
    ],
)
def test_bad_node_cell(old, new, expected):
    assert problems(edit(NODES, old, new)) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "cm,wee,coordination",
            "cm,wee,coordinaton",
            "edges.csv:4: relation: unknown relation 'coordinaton' (did you mean 'coordination'?); valid codes: "
            "link, coordination, relationship, referral, collaboration, informal",
        ),
        (
            "cm,wee,coordination",
            "cm,wee,",
            "edges.csv:4: relation: is empty; valid codes: link, coordination, relationship, referral, "
            "collaboration, informal",
        ),
        (
            "cm,wee,coordination",
            ",wee,coordination",
            "edges.csv:4: source: is empty; a tie needs a source and a target node id",
        ),
        (
            "link,strong,",
            "link,strog,",
            "edges.csv:2: strength: unknown tie strength 'strog' (did you mean 'strong'?); valid codes: strong, "
            "moderate, tenuous",
        ),
        (
            "to_source,1",
            "to_client,1",
            "edges.csv:2: flow: unknown flow 'to_client'; valid codes: none, to_target, to_source, both",
        ),
        (
            "strong,false,",
            "strong,maybe,",
            "edges.csv:2: stressful: must be true or false (also 1/0, yes/no, 예/아니오), got 'maybe'",
        ),
        ("to_source,1", "to_source,heavy", "edges.csv:2: weight: must be a number >= 0, got 'heavy'"),
        ("to_source,1", "to_source,-1", "edges.csv:2: weight: must be a number >= 0, got -1.0"),
        ("to_source,1", "to_source,inf", "edges.csv:2: weight: must be a number >= 0, got inf"),
        (
            "wee,hope,referral",
            "wee,hop,referral",
            "edges.csv:5: target: no node with id 'hop' in nodes.csv (did you mean 'hope'?)",
        ),
        (
            "wee,hope,referral",
            "ghost,hope,referral",
            "edges.csv:5: source: no node with id 'ghost' in nodes.csv",
        ),
        (
            "cm,wee,coordination",
            "S1,wee,coordination",
            "edges.csv:4: relation: a coordination tie joins case_manager and resource, not client and resource",
        ),
        (
            "wee,hope,referral",
            "S1,hope,referral",
            "edges.csv:5: relation: a referral tie joins case_manager/resource and resource, not client and resource",
        ),
        (
            "wee,hope,referral",
            "wee,wee,collaboration",
            "edges.csv:5: target: a node cannot be tied to itself",
        ),
        (
            "wee,hope,referral",
            "wee,cm,coordination",
            "edges.csv:5: relation: the coordination tie between 'wee' and 'cm' is given twice (first on line 4)",
        ),
        (
            "wee,hope,referral",
            "cm,S1,relationship",
            "edges.csv:5: relation: the relationship tie between 'cm' and 'S1' is given twice (first on line 3)",
        ),
    ],
)
def test_bad_tie_cell(old, new, expected):
    assert problems(edges=edit(EDGES, old, new)) == [expected]


def test_a_referral_back_is_not_a_duplicate():
    net = load(edges=EDGES + "hope,wee,referral,,,,\n")
    assert net.has_tie("hope", "wee", "referral") and net.has_tie("wee", "hope", "referral")


def test_tie_ratings_are_numbers():
    edges = edit(EDGES, "weight\n", "weight,Trust,value\n")
    edges = edit(edges, "cm,wee,coordination,,,,\n", "cm,wee,coordination,,,,,4,2.5\n")
    net = load(edges=edges)
    assert net.graph.edges["cm", "wee", "coordination"]["trust"] == 4.0
    assert net.graph.edges["cm", "wee", "coordination"]["value"] == 2.5
    assert "trust" not in net.graph.edges["wee", "hope", "referral"]
    bad = edit(edges, ",,4,2.5\n", ",,high,nan\n")
    assert problems(edges=bad) == [
        "edges.csv:4: trust: must be a number, got 'high'",
        "edges.csv:4: value: must be a number, got 'nan'",
    ]


def test_a_tie_to_a_node_whose_row_is_bad_is_not_reported_again():
    nodes = edit(NODES, "economic;welfare,", "economic;welfare,lots")
    assert problems(nodes) == ["nodes.csv:5: capacity: must be a whole number >= 0, got 'lots'"]


def test_ties_are_checked_even_when_the_nodes_file_is_unusable():
    edges = edit(EDGES, "cm,wee,coordination", "cm,wee,coord")
    assert problems("name\n김하늘\n", edges) == [
        "nodes.csv:1: id: missing required column; the header has: name",
        "nodes.csv:1: kind: missing required column; the header has: name",
        "edges.csv:4: relation: unknown relation 'coord'; valid codes: link, coordination, relationship, "
        "referral, collaboration, informal",
    ]


def test_every_problem_of_both_files_at_once():
    with pytest.raises(NetworkDataError) as exc:
        read_csv(FIXTURES / "bad" / "nodes.csv", FIXTURES / "bad" / "edges.csv")
    nodes, edges = str(FIXTURES / "bad" / "nodes.csv"), str(FIXTURES / "bad" / "edges.csv")
    assert [str(p) for p in exc.value.problems] == [
        f"{nodes}:3: kind: unknown node kind 'clent' (did you mean 'client'?); valid codes: client, case_manager, resource",
        f"{nodes}:4: domains: severity of educational must be a whole number 0-4, got 5",
        f"{nodes}:5: id: id 'S1' is used twice (first on line 2)",
        f"{nodes}:7: setting: unknown setting 'in_schol' (did you mean 'in_school'?); valid codes: in_school, "
        "out_of_school, informal",
        f"{nodes}:8: capacity: must be a whole number >= 0, got 'many'",
        f"{nodes}:9: memo: looks like a resident registration number (주민등록번호); pseudonymize the file "
        "before loading it",
        f"{edges}:2: relation: unknown relation 'lnk' (did you mean 'link'?); valid codes: link, coordination, "
        "relationship, referral, collaboration, informal",
        f"{edges}:4: target: no node with id 'hop' in nodes.csv (did you mean 'hope'?)",
        f"{edges}:5: stressful: must be true or false (also 1/0, yes/no, 예/아니오), got 'maybe'",
        f"{edges}:6: weight: must be a number >= 0, got -2.0",
        f"{edges}:7: relation: a coordination tie joins case_manager and resource, not client and case_manager",
    ]
    assert all((p.file, p.line, p.field) != (None, None, None) for p in exc.value.problems)


# -- privacy: resident registration numbers (DOMAIN.md §7) -------------------------------------------

RRN = "looks like a resident registration number (주민등록번호); pseudonymize the file before loading it"


def test_resident_registration_numbers_are_refused_and_never_echoed():
    nodes = edit(NODES, "capacity\n", "capacity,memo\n")
    nodes = edit(nodes, "educational:3;economic:2,\n", "educational:3;economic:2,,김하늘 050301-4123456\n")
    nodes = edit(nodes, "aunt,resource", "9001011234567,resource")
    edges = edit(EDGES, "cm,S1,relationship", "8501012345678,S1,relationship")
    edges = edit(edges, "cm,wee,coordination,,,,", "cm,wee,coordination,,,,900101-2345678")
    edges = edit(edges, "wee,hope,referral,,,,", "wee,hope,referral,,,,,880101-1234567")
    found = problems(nodes, edges)
    assert found == [
        f"nodes.csv:2: memo: {RRN}",
        f"nodes.csv:6: id: {RRN}",
        f"edges.csv:3: source: {RRN}",
        "edges.csv:3: source: no node with id '<주민등록번호>' in nodes.csv",
        f"edges.csv:4: weight: {RRN}",
        "edges.csv:4: weight: must be a number >= 0, got '<주민등록번호>'",
        f"edges.csv:5: column 8: {RRN}",
        "edges.csv:5: column 8: this row has 8 cells but the header names 7 columns",
    ]
    text = "\n".join(found)
    for digits in ("050301", "4123456", "900101", "1234567", "850101", "2345678", "880101"):
        assert digits not in text


def test_a_resident_registration_number_in_the_header():
    assert problems(edit(NODES, "capacity\n", "capacity,800101-1234567\n")) == [
        f"nodes.csv:1: column 8: {RRN}"
    ]


@pytest.mark.parametrize(
    "cell", ["010-1234-5678", "900101-9234567", "900101-0234567", "19001011234567", "2024-0301"]
)
def test_numbers_that_are_not_resident_registration_numbers(cell):
    nodes = edit(NODES, "capacity\n", "capacity,memo\n")
    nodes = edit(nodes, "economic:2,\n", f"economic:2,,{cell}\n")
    assert load(nodes).node("S1")["memo"] == cell


def test_a_13_digit_cell_is_a_number_only_with_a_valid_gender_digit():
    nodes = edit(NODES, "capacity\n", "capacity,memo\n")
    assert (
        load(edit(nodes, "economic:2,\n", "economic:2,,9001019234567\n")).node("S1")["memo"]
        == "9001019234567"
    )
    assert problems(edit(nodes, "economic:2,\n", "economic:2,, 9001013234567 \n")) == [
        f"nodes.csv:2: memo: {RRN}"
    ]


# -- round trips -------------------------------------------------------------------------------------


def test_round_trip_of_the_small_fixture(tmp_path):
    net = read_csv(FIXTURES / "small")
    nodes, edges = write_csv(net, tmp_path / "out")
    assert (nodes.name, edges.name) == ("nodes.csv", "edges.csv")
    assert snapshot(read_csv(nodes, edges)) == snapshot(net)
    assert (
        nodes.read_text(encoding="utf-8").splitlines()[0]
        == "id,kind,name,setting,sector,domains,capacity,note,school"
    )
    assert edges.read_text(encoding="utf-8").splitlines()[0] == (
        "source,target,relation,strength,stressful,flow,weight,since,trust,value"
    )
    again = write_csv(read_csv(nodes, edges), tmp_path / "again")
    assert [p.read_bytes() for p in again] == [nodes.read_bytes(), edges.read_bytes()]


def test_round_trip_of_a_network_built_in_code(tmp_path):
    net = ResourceNetwork()
    net.add_client(
        "학생1", name='이하늘, "별"', needs={"safety": 4, "medical": 0}, school="솔빛초", grade="5"
    )
    net.add_client("S2")
    net.add_case_manager("cm", name="서은재", licence="social_worker_1")
    net.add_resource(
        "r1", setting="informal", sector="informal", domains=[], capacity=0, note="여러 줄\n메모"
    )
    net.add_resource(
        "r2", setting="out_of_school", sector="private", domains=["cultural", "economic"], capacity=12
    )
    net.add_tie("학생1", "r1", "informal", strength="tenuous", stressful=True, flow="both", weight=0.25)
    net.add_tie("cm", "학생1", "relationship", since="2024-03")
    net.add_tie("cm", "r2", "coordination", trust=3.0, value=4.5)
    net.add_tie("r2", "r1", "collaboration")
    net.add_tie("r1", "r2", "referral", weight=3)
    back = read_csv(*write_csv(net, tmp_path))
    assert snapshot(back) == snapshot(net)


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.id)
def test_round_trip_of_a_scenario_network(tmp_path, scenario):
    net = ResourceNetwork.from_scenario(scenario)
    back = read_csv(*write_csv(net, tmp_path / "a"))
    nodes, ties = snapshot(net)
    # Extra attributes (wait_days, grade, age, deceased, ...) are written and read back as text.
    core = {"kind", "name", "setting", "sector", "domains", "capacity", "needs"}

    def text(v):
        return str(v).lower() if isinstance(v, bool) else str(v)

    as_text = [(n, {k: v if k in core else text(v) for k, v in d.items()}) for n, d in nodes]
    assert snapshot(back) == (as_text, ties)
    assert snapshot(read_csv(*write_csv(back, tmp_path / "b"))) == snapshot(back)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
def test_write_for_excel(tmp_path, encoding):
    net = read_csv(FIXTURES / "small")
    nodes, edges = write_csv(net, tmp_path, encoding=encoding)
    assert nodes.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert snapshot(read_csv(nodes, edges)) == snapshot(net)


def test_write_an_empty_network(tmp_path):
    nodes, edges = write_csv(ResourceNetwork(), tmp_path)
    assert nodes.read_text() == "id,kind,name,setting,sector,domains,capacity\n"
    assert edges.read_text() == "source,target,relation,strength,stressful,flow,weight\n"


# -- GraphML and GEXF -----------------------------------------------------------------------------


def _check_export(net: ResourceNetwork, g: nx.Graph) -> None:
    assert g.is_directed()
    assert g.number_of_nodes() == net.n_nodes
    assert g.number_of_edges() == net.n_ties
    s1 = g.nodes["S1"]
    assert (s1["kind"], s1["name"], s1["needs"], s1["school"]) == (
        "client",
        "김하늘",
        "economic:2;educational:3",
        "미리내중",
    )
    assert "domains" not in s1 and "capacity" not in s1
    center = g.nodes["wee_center"]
    assert (center["domains"], center["capacity"], center["setting"]) == (
        "educational;psychological",
        30,
        "out_of_school",
    )
    assert "capacity" not in g.nodes["homeroom"]  # None is left out
    edges = {(u, v, d["relation"]): d for u, v, d in g.edges(data=True)}
    assert len(edges) == net.n_ties
    for u, v, d in net.ties():
        got = edges[u, v, d["relation"]]
        assert got["directed"] is (d["relation"] == "referral")
        for key, value in d.items():
            assert got[key] == value, (u, v, key)
    assert edges["wee_class", "wee_center", "referral"]["directed"] is True
    assert edges["wee_center", "wee_class", "referral"]["directed"] is True  # both ways: two ties
    assert edges["wee_center", "community", "collaboration"]["directed"] is False


def test_graphml_reads_back(tmp_path):
    net = read_csv(FIXTURES / "small")
    g = nx.read_graphml(to_graphml(net, tmp_path / "net.graphml"), force_multigraph=True)
    assert g.is_multigraph()
    _check_export(net, g)
    assert list(g) == net.nodes()


def test_gexf_reads_back(tmp_path):
    net = read_csv(FIXTURES / "small")
    path = to_gexf(net, tmp_path / "net.gexf")
    assert 'defaultedgetype="directed"' in path.read_text(encoding="utf-8")
    g = nx.read_gexf(path)
    _check_export(net, g)
    assert g.nodes["S1"]["label"] == "김하늘"


def test_gexf_renames_attributes_it_reserves(tmp_path):
    net = ResourceNetwork()
    net.add_case_manager("cm", label="담당", start="2024")
    net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"])
    net.add_tie("cm", "wee", "coordination", type="undirected", id="t1", key="k")
    g = nx.read_gexf(to_gexf(net, tmp_path / "r.gexf"))
    assert (g.nodes["cm"]["label_"], g.nodes["cm"]["start_"], g.nodes["cm"]["label"]) == (
        "담당",
        "2024",
        "cm",
    )
    ((_, _, d),) = g.edges(data=True)
    assert (d["type_"], d["id_"], d["key_"], d["relation"]) == ("undirected", "t1", "k", "coordination")


def test_exports_keep_a_multiplex_pair(tmp_path):
    net = ResourceNetwork()
    net.add_case_manager("cm")
    net.add_resource("wee", setting="in_school", sector="school", domains=["psychological"])
    net.add_tie("cm", "wee", "coordination", flag=True)
    net.add_tie("cm", "wee", "referral", flag=3)  # a mix of types becomes text
    for g in (
        nx.read_graphml(to_graphml(net, tmp_path / "m.graphml")),
        nx.read_gexf(to_gexf(net, tmp_path / "m.gexf")),
    ):
        assert g.number_of_edges("cm", "wee") == 2
        assert sorted(d["flag"] for _, _, d in g.edges(data=True)) == ["3", "true"]


# -- tables --------------------------------------------------------------------------------------


def test_nodes_frame():
    net = read_csv(FIXTURES / "small")
    df = nodes_frame(net)
    assert df.index.name == "id"
    assert list(df.index) == net.nodes()
    assert list(df.columns) == [
        "kind",
        "name",
        "setting",
        "sector",
        "domains",
        "capacity",
        "need_economic",
        "need_medical",
        "need_psychological",
        "need_educational",
        "need_cultural",
        "need_welfare",
        "need_safety",
        "need_relational",
        "note",
        "school",
    ]
    assert str(df["capacity"].dtype) == "Int64" and str(df["need_safety"].dtype) == "Int64"
    assert df.loc["S2", "need_psychological"] == 4
    assert pd.isna(df.loc["S2", "need_economic"])
    assert df.loc["community", "domains"] == "cultural;economic;educational;welfare"
    assert df.loc["community", "capacity"] == 120
    assert df.loc["cm1", "domains"] is None
    assert df.loc["S1", "school"] == "미리내중"
    assert df.equals(net.nodes_frame())


def test_ties_frame():
    net = read_csv(FIXTURES / "small")
    df = ties_frame(net)
    assert list(df.columns) == [
        "source",
        "target",
        "relation",
        "strength",
        "stressful",
        "flow",
        "weight",
        "since",
        "trust",
        "value",
    ]
    assert len(df) == net.n_ties
    assert str(df["stressful"].dtype) == "bool" and str(df["weight"].dtype) == "float64"
    assert df.groupby("relation").size().to_dict() == {
        "collaboration": 3,
        "coordination": 3,
        "informal": 2,
        "link": 3,
        "referral": 3,
        "relationship": 2,
    }
    first = df.iloc[0].to_dict()
    assert first["source"] == "S1" and first["since"] == "2024-03"
    assert df["trust"].sum() == 16.0
    assert df.equals(net.ties_frame())


def test_frames_of_an_empty_network():
    assert list(nodes_frame(ResourceNetwork()).columns)[:6] == [
        "kind",
        "name",
        "setting",
        "sector",
        "domains",
        "capacity",
    ]
    assert ties_frame(ResourceNetwork()).empty


# -- no malformed file crashes the loader with anything but NetworkDataError ---------------------

SMALL = ((FIXTURES / "small" / "nodes.csv").read_bytes(), (FIXTURES / "small" / "edges.csv").read_bytes())

CELLS = st.sampled_from(
    [
        "",
        " ",
        "client",
        "resource",
        "case_manager",
        "link",
        "referral",
        "collaboration",
        "educational",
        "educational:3",
        "economic:9",
        ":",
        ";",
        "S1",
        "cm1",
        "wee_center",
        "-1",
        "1e309",
        "nan",
        "3.5",
        "예",
        "김하늘",
        '"',
        '"a,b"',
        "\n",
        "900101-1234567",
        "9001011234567",
        "id",
        "kind",
        "source",
        "relation",
        "key",
        "node_id",
        "needs",
        "trust",
        "u_for_edge",
        "node_for_adding",
    ]
) | st.text(max_size=6)


def _replace_cell(data: bytes, i: int, junk: bytes) -> bytes:
    lines = data.split(b"\n")
    k = i % len(lines)
    cells = lines[k].split(b",")
    cells[(i // 7) % len(cells)] = junk
    lines[k] = b",".join(cells)
    return b"\n".join(lines)


MUTATIONS = (*COMMON, _replace_cell)

JUNK = st.one_of(
    st.binary(min_size=1, max_size=6),
    CELLS.map(lambda t: t.encode("utf-8")),
    CELLS.map(lambda t: t.encode("cp949", errors="replace")),
)

mutations = st.lists(
    st.tuples(st.booleans(), st.sampled_from(MUTATIONS), st.integers(min_value=0, max_value=10**6), JUNK),
    min_size=1,
    max_size=4,
)


@settings(max_examples=400, deadline=None)
@given(mutations)
def test_mutated_files_raise_only_network_data_error(steps):
    files = list(SMALL)
    for on_edges, fn, i, junk in steps:
        files[on_edges] = fn(files[on_edges], i, junk)
    nodes, edges = files
    try:
        net = loads_csv(nodes, edges)
    except NetworkDataError as exc:
        assert exc.problems, "a NetworkDataError must carry at least one problem"
        for p, data in ((p, nodes if p.file == "nodes.csv" else edges) for p in exc.problems):
            assert p.file in ("nodes.csv", "edges.csv")
            assert p.line is None or 1 <= p.line <= data.count(b"\n") + data.count(b"\r") + 1
            assert scrub(str(p)) == str(p), "a message repeats a resident registration number"
    else:
        with tempfile.TemporaryDirectory() as tmp:
            assert snapshot(read_csv(*write_csv(net, tmp))) == snapshot(net)
