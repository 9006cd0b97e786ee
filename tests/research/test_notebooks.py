"""The research notebooks: a tagged parameters cell first, plain assignments, saved without outputs.

nbval runs the notebooks themselves (``make test``); these checks keep them runnable by
papermill and small in git.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
RESEARCH = {
    "20_research_network_structure.ipynb": {"DISTRICT", "SMALL", "SEED", "LANG", "OUT_DIR"},
    "21_research_simulation_experiments.ipynb": {
        "DISTRICT", "SMALL", "SEED", "REPLICATES", "DAYS", "WORKERS", "SCHEDULER", "LANG", "OUT_DIR",
    },
}  # fmt: skip


def load(name: str) -> dict:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", RESEARCH)
def test_the_first_cell_is_the_tagged_parameters_cell(name):
    first = load(name)["cells"][0]
    assert first["cell_type"] == "code"
    assert "parameters" in first["metadata"].get("tags", [])
    lines = "".join(first["source"]).splitlines()
    assert lines[0] == "%matplotlib inline"
    tree = ast.parse("\n".join(lines[1:]))
    names = set()
    for statement in tree.body:  # papermill style: NAME = literal, nothing else
        assert isinstance(statement, ast.Assign) and len(statement.targets) == 1, ast.dump(statement)
        ast.literal_eval(statement.value)
        names.add(statement.targets[0].id)
    assert names == RESEARCH[name]


@pytest.mark.parametrize("name", RESEARCH)
def test_saved_without_outputs(name):
    for cell in load(name)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("name", RESEARCH)
def test_only_the_parameters_cell_is_tagged_and_small_runs_by_default(name):
    cells = load(name)["cells"]
    assert all("parameters" not in c["metadata"].get("tags", []) for c in cells[1:])
    source = "".join(cells[0]["source"])
    assert "SMALL = True" in source and "OUT_DIR = None" in source


@pytest.mark.parametrize("name", RESEARCH)
def test_no_pyplot_and_writes_go_to_out(name):
    code = "\n".join("".join(c["source"]) for c in load(name)["cells"] if c["cell_type"] == "code")
    assert "pyplot" not in code and "plt." not in code
    assert "tempfile.mkdtemp" in code
    for line in code.splitlines():  # every file written lands under OUT
        if any(call in line for call in (".savefig(", ".to_csv(", "to_graphml(", "write_report(")):
            assert "OUT /" in line, line
