"""An exercise for a class: a student notebook in nbgrader's source layout.

:func:`make_exercise` writes ``OUT/source/<assignment>/<assignment>.ipynb`` and
``exercise.json`` beside it (nbgrader's ``source`` folder: ``nbgrader generate_assignment``
releases it, and ``nbgrader collect`` puts what students hand in at
``submitted/<student>/<assignment>/``, which ``casekit class-report`` reads). The notebook
opens the walkthrough of one scenario and seed with the student's name and a casebook
(autosave), and its last cell saves the case file next to the notebook as
``<assignment>.case.json``. A scenario that is not bundled is copied beside the notebook as
``<id>.yaml`` and loaded from there, so the released folder carries everything the student
needs. Nothing written holds a path of the instructor's machine.

Examples
--------
>>> import json, tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     nb = make_exercise("learning-low-income", tmp, "hw1", seed=3)
...     meta = json.loads((nb.parent / "exercise.json").read_text(encoding="utf-8"))
...     nb.relative_to(tmp).as_posix(), meta["scenario"]["id"], meta["scenario"]["file"], meta["seed"]
('source/hw1/hw1.ipynb', 'learning-low-income', None, 3)
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import CasekitError
from ..domain.text import Text, check_lang

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["EXERCISE_FILE", "exercise_notebook", "is_bundled", "make_exercise"]

#: The exercise's description, written beside the notebook.
EXERCISE_FILE = "exercise.json"

_ASSIGNMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

_DEFAULT_INSTRUCTIONS = Text(
    "위젯에서 사례를 접수부터 사후관리까지 진행하세요. 단계를 마칠 때마다 피드백을 읽고, 전문가의 선택과 비교해 보세요. "
    "사례가 끝나면 마지막 셀을 실행해 사례 기록을 저장하고 이 노트북과 함께 제출하세요.",
    "Work the case in the widget from intake to aftercare. Read the feedback after each stage and compare it with "
    "the expert's choices. When the case has ended, run the last cell to save the case file and hand it in with "
    "this notebook.",
)


def is_bundled(scenario: Scenario) -> bool:
    """Whether ``scenario`` is one of the bundled scenarios, unchanged.

    Read from a bundled file, or (made from text) equal to the bundled scenario of its id.

    Examples
    --------
    >>> from casekit.scenarios import get_scenario
    >>> is_bundled(get_scenario("learning-low-income"))
    True
    """
    from ..scenarios import bundled_dir, bundled_scenarios

    if scenario.source is not None:
        return Path(scenario.source).resolve().parent == bundled_dir().resolve()
    same = [s for s in bundled_scenarios() if s.id == scenario.id]
    return bool(same) and dataclasses.replace(same[0], source=None) == scenario


def _resolve(scenario: Scenario | str | os.PathLike[str]) -> Scenario:
    from ..scenarios import get_scenario

    return scenario if not isinstance(scenario, (str, os.PathLike)) else get_scenario(scenario)


def make_exercise(
    scenario: Scenario | str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    assignment: str,
    *,
    seed: int = 0,
    lang: str = "ko",
    instructions: Text | str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write an exercise in nbgrader's source layout; the student notebook's path.

    Parameters
    ----------
    scenario
        A scenario, a bundled id or a scenario file. One that is not bundled must have been
        read from a file (``load_scenario`` or ``ScenarioEditor.save``): the file is copied.
    out_dir
        The nbgrader course folder; ``source/<assignment>/`` is made inside it.
    assignment
        The assignment's name (letters, digits, ``-``, ``_``), as nbgrader will know it.
    seed
        The simulated world's seed every student gets.
    lang
        The notebook's starting language (the student can switch).
    instructions
        What the student is to do (``Text`` for Korean and English); a default otherwise.
    overwrite
        Replace an exercise already written there (otherwise that is an error).
    """
    from .. import __version__

    check_lang(lang)
    if not _ASSIGNMENT.match(assignment):
        raise CasekitError(
            f"assignment {assignment!r}: use letters, digits, '-' and '_' (it becomes nbgrader's folder name) "
            "/ 과제 이름은 영문자, 숫자, '-', '_'로 쓰세요"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise CasekitError(f"seed {seed!r}: must be a whole number 0 or more / 시드는 0 이상의 정수")
    s = _resolve(scenario)
    folder = Path(out_dir) / "source" / assignment
    notebook = folder / f"{assignment}.ipynb"
    if notebook.exists() and not overwrite:
        raise CasekitError(
            f"{notebook}: an exercise is already there; pass overwrite=True to replace it / 이미 있습니다"
        )
    scenario_file = None
    if not is_bundled(s):
        if s.source is None:
            raise CasekitError(
                f"scenario {s.id!r} was made from text and is not bundled: save it to a file first "
                "(ScenarioEditor.save) and pass that file / 먼저 파일로 저장하세요"
            )
        scenario_file = f"{s.id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    if scenario_file is not None:
        data = Path(str(s.source)).read_bytes()
        _check_copy(s, data, str(s.source))
        (folder / scenario_file).write_bytes(data)
    text = (
        instructions
        if isinstance(instructions, Text) or instructions is None
        else Text(instructions, instructions)
    )
    doc = exercise_notebook(
        s, assignment, seed=seed, lang=lang, instructions=text, scenario_file=scenario_file
    )
    notebook.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    meta = {
        "format": "casekit-exercise",
        "version": 1,
        "assignment": assignment,
        "notebook": notebook.name,
        "case_file": f"{assignment}.case.json",
        "scenario": {
            "id": s.id,
            "title": s.title.to_dict(),
            "bundled": scenario_file is None,
            "file": scenario_file,
        },
        "seed": seed,
        "lang": lang,
        "created_by": f"casekit {__version__}",
    }
    (folder / EXERCISE_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return notebook


def _check_copy(scenario: Scenario, data: bytes, name: str) -> None:
    """The file must still say what was loaded: a file edited since would give students another case."""
    from ..scenarios import loads_scenario

    copy = loads_scenario(data, name)
    if dataclasses.replace(copy, source=None) != dataclasses.replace(scenario, source=None):
        raise CasekitError(
            f"{name}: the file changed since the scenario was loaded; load it again / 파일이 바뀌었습니다"
        )


def _cell(kind: str, index: int, source: str) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "id": f"casekit-{index}", "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def exercise_notebook(
    scenario: Scenario,
    assignment: str,
    *,
    seed: int = 0,
    lang: str = "ko",
    instructions: Text | None = None,
    scenario_file: str | None = None,
) -> dict[str, Any]:
    """The student notebook (nbformat 4.5, no outputs) as a JSON-ready dict."""
    how = instructions or _DEFAULT_INSTRUCTIONS
    case_file = f"{assignment}.case.json"
    where = json.dumps(scenario_file or scenario.id, ensure_ascii=False)
    title = (
        f"# {assignment}: {scenario.title.ko}\n\n*{scenario.title.en}*\n\n"
        f"{how.ko}\n\n*{how.en}*\n\n"
        f"1. 아래 코드 셀의 `STUDENT`에 이름을 쓰고 실행하세요. 이름을 쓰면 한 단계마다 자동 저장되어, 커널이 멈춰도 이어서 할 수 "
        f"있습니다. *Write your name in `STUDENT` in the code cell below and run it: with a name every step is saved, "
        f"so you can continue after a kernel restart.*\n"
        f'2. 위젯에서 사례를 진행하세요. `LANG = "en"`이면 영어로 나옵니다. *Work the case in the widget; '
        f'`LANG = "en"` shows it in English.*\n'
        f"3. 사례가 끝나면 마지막 셀을 실행하세요. 이 노트북 옆에 `{case_file}`가 저장됩니다. *When the case has ended, "
        f"run the last cell: it saves `{case_file}` next to this notebook.*\n\n"
        f"사람, 학교, 기관은 모두 가상입니다. *Every person, school and agency here is synthetic.*"
    )
    setup = (
        "%matplotlib inline\n"
        "from casekit.scenarios import get_scenario\n"
        "from casekit.store import Casebook\n"
        "from casekit.ui import Walkthrough\n\n"
        f'LANG = "{lang}"  # "ko" 한국어 · "en" English\n'
        'STUDENT = ""  # 이름 · your name\n'
        f"SCENARIO = {where}\n"
        f"SEED = {seed}\n"
        f'ASSIGNMENT = "{assignment}"\n\n'
        "w = Walkthrough(get_scenario(SCENARIO), lang=LANG, seed=SEED, learner=STUDENT.strip() or None, casebook=Casebook(),\n"
        "                save_dir=\".\", save_name=ASSIGNMENT)\n"
        "w"
    )
    save_text = (
        f"## 제출 · Hand in\n\n사례가 끝나면 아래 셀을 실행하세요. 사례 기록이 `{case_file}`로 저장됩니다. 파일은 내용의 체크섬으로 "
        f"봉인되어 있으니 고치지 마세요.\n\n*When the case has ended, run the cell below. It saves the case file as "
        f"`{case_file}`, sealed with a checksum of its content: do not edit it.*"
    )
    save = (
        "import datetime\n\n"
        "from casekit.store.casefile import write_case_file\n\n"
        "created = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()\n"
        'saved = write_case_file(w.session.case_file(created=created), ASSIGNMENT + ".case.json")\n'
        'print(("저장했습니다: " if LANG == "ko" else "Saved: ") + saved.name)\n'
        "if not w.session.ended:\n"
        '    print("사례가 아직 끝나지 않았습니다: 끝까지 진행한 뒤 다시 저장하세요." if LANG == "ko" '
        'else "The case has not ended yet: finish it, then save again.")'
    )
    cells = [
        _cell("markdown", 1, title),
        _cell("code", 2, setup),
        _cell("markdown", 3, save_text),
        _cell("code", 4, save),
    ]
    for cell in cells:
        # nbformat stores source as lines; editors show the file as written.
        cell["source"] = cell["source"].splitlines(keepends=True)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "casekit": {"assignment": assignment, "scenario": scenario.id, "seed": seed},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
