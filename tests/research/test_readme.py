"""The README's "For researchers" section works as written: its files, its commands, the notebook."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.network.io import read_csv

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


KO, EN = section("연구자용"), section("For researchers")


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.DOTALL)


def own_district(tmp_path: Path) -> Path:
    folder = tmp_path / "mydistrict"
    folder.mkdir()
    nodes, edges = blocks(EN, "csv")
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    (folder / "edges.csv").write_text(edges, encoding="utf-8")
    return folder


def test_both_halves_show_the_same_files_and_cite_the_same_works():
    assert blocks(KO, "csv") == blocks(EN, "csv") and len(blocks(EN, "csv")) == 2
    refs = [line for line in KO.splitlines() if line.startswith("- ") and "(" in line]
    assert refs and all(line in EN.splitlines() for line in refs)
    for work in ("Freeman", "Brandes, U. (2001)", "Burt", "Gould", "Krackhardt", "Hartman"):
        assert work in KO and work in EN


def test_the_commands_run_on_the_example_files(tmp_path, capsys, monkeypatch):
    own = own_district(tmp_path)
    monkeypatch.chdir(tmp_path)
    (ko_sh,), (en_sh,) = blocks(KO, "sh"), blocks(EN, "sh")
    commands = [shlex.split(line.split("#")[0]) for line in en_sh.splitlines() if line.startswith("casekit ")]
    assert len(commands) == len([line for line in ko_sh.splitlines() if line.startswith("casekit ")]) == 4
    for argv in commands:
        assert main(argv[1:]) == 0, argv
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{") : out.rindex("}") + 1])["cases_referred"] == 1
    assert {"node_measures.csv", "summary.json", "network.png", "gaps.csv"} <= {
        p.name for p in (own / "report").iterdir()
    }
    assert len(read_csv(tmp_path / "synthetic").clients()) == 300
    assert len(read_csv(tmp_path / "synthetic2").case_managers()) == 7  # 1000 / 150


@pytest.mark.parametrize("name", ["20_research_network_structure.ipynb"])
def test_the_network_notebook_runs_on_your_own_folder(name, tmp_path):
    """As the README says: set DISTRICT and OUT_DIR (papermill injects a cell after the tagged one)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    own = own_district(tmp_path)
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    nb.cells.insert(
        1, nbformat.v4.new_code_cell(f"DISTRICT = {str(own)!r}\nOUT_DIR = {str(tmp_path / 'out')!r}")
    )
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    written = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert {"report/summary.json", "configurations.csv", "base.graphml", "configurations.png"} <= written
    table = (tmp_path / "out" / "configurations.csv").read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[0] for row in table[1:]] == ["base", "teams", "teams_conferences", "hub_closed"]
