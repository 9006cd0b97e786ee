"""The committed notebooks: stripped, plotting inline, in Korean and English, the series complete.

nbval runs the notebooks (``--nbval-lax``); these checks only read them as JSON, so they are
quick and name the notebook and the cell that breaks a rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

#: The learner series of issue 5, by the names the notebooks link to each other with.
LEARNER_SERIES = (
    "00_start_here.ipynb",
    "01_practice_elements.ipynb",
    "02_intake_and_assessment.ipynb",
    "03_planning.ipynb",
    "04_implementation_and_monitoring.ipynb",
    "05_reassessment_termination_aftercare.ipynb",
    "06_full_case_walkthrough.ipynb",
)

HANGUL = re.compile(r"[가-힣]")
#: Four or more English words in a row: a sentence, not a stray identifier or code name.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){3,}")


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def problems(nb: dict[str, Any]) -> list[str]:
    """What breaks the notebook rules, one line each (empty when the notebook is fine).

    Committed without outputs or execution counts (nor saved widget state); the first code cell
    starts with ``%matplotlib inline``; the markdown has Korean and English, and every markdown
    cell with Korean in it has its English too.
    """
    out: list[str] = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("outputs"):
            out.append(f"cell {i}: has outputs")
        if cell.get("execution_count") is not None:
            out.append(f"cell {i}: has an execution count")
    if "widgets" in nb.get("metadata", {}):
        out.append("metadata: has saved widget state")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if not code or not _source(code[0]).startswith("%matplotlib inline"):
        out.append("first code cell: does not start with %matplotlib inline")
    markdown = [(i, _source(c)) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]
    text = "\n".join(src for _, src in markdown)
    if not HANGUL.search(text):
        out.append("markdown: no Korean")
    if not ENGLISH.search(text):
        out.append("markdown: no English")
    for i, src in markdown:
        if HANGUL.search(src) and not ENGLISH.search(src):
            out.append(f"cell {i}: Korean with no English")
    return out


def _md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": "m", "metadata": {}, "source": text}


def _code(text: str, outputs: list[Any] | None = None, count: int | None = None) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "id": "c",
        "metadata": {},
        "source": text,
        "outputs": outputs or [],
        "execution_count": count,
    }


def test_a_clean_notebook_has_no_problems() -> None:
    nb = {
        "cells": [
            _md("# 접수 · Intake\n\n면접을 합니다.\n\n*The case manager interviews the student.*"),
            _code("%matplotlib inline\nLANG = 'ko'"),
            _code("print(LANG)"),
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
    }
    assert problems(nb) == []


def test_each_broken_rule_is_named_with_its_cell() -> None:
    nb = {
        "cells": [
            _md("# 접수\n\n면접을 합니다. `LANG` 참고."),
            _code("import casekit", outputs=[{"output_type": "stream", "text": "1"}], count=3),
            _code("%matplotlib inline", count=4),
            _md("An English paragraph with several words."),
        ],
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {}}},
    }
    assert problems(nb) == [
        "cell 1: has outputs",
        "cell 1: has an execution count",
        "cell 2: has an execution count",
        "metadata: has saved widget state",
        "first code cell: does not start with %matplotlib inline",
        "cell 0: Korean with no English",
    ]


def test_markdown_in_one_language_only_is_named() -> None:
    only_english = {
        "cells": [_md("Only English words in this notebook."), _code("%matplotlib inline")],
        "metadata": {},
    }
    only_korean = {"cells": [_md("한국어만 있습니다."), _code("%matplotlib inline")], "metadata": {}}
    assert problems(only_english) == ["markdown: no Korean"]
    assert problems(only_korean) == ["markdown: no English", "cell 0: Korean with no English"]


def test_the_learner_series_00_to_06_is_there() -> None:
    missing = [name for name in LEARNER_SERIES if not (NOTEBOOKS / name).is_file()]
    assert missing == []


NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.name for p in NOTEBOOK_FILES])
def test_committed_notebook_follows_the_rules(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert problems(nb) == []


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.name for p in NOTEBOOK_FILES])
def test_committed_notebook_is_valid_nbformat(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbformat.validate(nbformat.read(path, as_version=4))
