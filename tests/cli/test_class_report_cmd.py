"""``casekit class-report DIR --out OUT``: the issue's acceptance case and the exit statuses."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pandas as pd
import pytest

from casekit.cli import main

#: Five students, each exported with a different policy or seed (nbgrader's collected layout).
STUDENTS = [
    ("kim", "self-harm-screening", "expert", 1),
    ("lee", "self-harm-screening", "naive", 2),
    ("park", "neglect-report-elementary", "random", 3),
    ("choi", "neglect-report-elementary", "naive", 4),
    ("jung", "learning-low-income", "naive", 5),
]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """DIR/<student>/hw1/*.case.json made with ``casekit simulate --export``, plus two bad files."""
    root = tmp_path_factory.mktemp("collected")
    for student, scenario, policy, seed in STUDENTS:
        folder = root / student / "hw1"
        args = ["simulate", scenario, "--policy", policy, "--seed", str(seed)]
        assert main([*args, "--export", str(folder), "--learner", student]) == 0
    source = root / "lee" / "hw1" / "self-harm-screening-naive-seed2.case.json"
    tampered = root / "han" / "hw1" / source.name
    tampered.parent.mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    total = json.loads(text)["score"]["total"]
    tampered.write_text(text.replace(f'"total": {total}', '"total": 100.0', 1), encoding="utf-8")
    garbage = root / "yoon" / "hw1" / "garbage.case.json"
    garbage.parent.mkdir(parents=True)
    garbage.write_bytes(b"\x00\x01 this is not a case file \xff\xfe")
    return root


def test_acceptance_five_rows_two_problems_readable_report(collected, tmp_path, capsys):
    out = tmp_path / "report"
    code, stdout, _ = run(capsys, "class-report", str(collected), "--out", str(out))
    assert code == 0
    summary = pd.read_csv(out / "class_summary.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(summary) == 5
    assert sorted(summary.student) == sorted(s for s, *_ in STUDENTS)
    assert set(summary.assignment) == {"hw1"}
    assert sorted(zip(summary.policy_or_learner, summary.seed, strict=True)) == sorted(
        (p, n) for *_, p, n in STUDENTS
    )
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('<img alt="') == 3 and page.count("data:image/png;base64,") == 3
    assert len(HANGUL.findall(page)) > 100
    assert "han/hw1/self-harm-screening-naive-seed2.case.json" in page and "(tampered)" in page
    assert "yoon/hw1/garbage.case.json" in page and "(malformed)" in page
    assert stdout.splitlines()[0] == "학급 보고서: 사례 파일 7개, 5행, 문제 파일 2개"
    assert (
        "  문제: han/hw1/self-harm-screening-naive-seed2.case.json: tampered (변조됨(체크섬 불일치)): "
        in stdout
    )
    assert "  문제: yoon/hw1/garbage.case.json: malformed (형식 오류(JSON 아님)): " in stdout
    book = pd.read_excel(out / "class_summary.xlsx", sheet_name=None)
    assert list(book) == ["요약", "문제 파일", "놓친 행동", "단계별 차이"] and len(book["요약"]) == 5


def test_json_summary(collected, tmp_path, capsys):
    code, stdout, _ = run(capsys, "class-report", str(collected), "--out", str(tmp_path / "o"), "--json")
    assert code == 0
    doc = json.loads(stdout)
    assert (doc["files"], doc["rows"]) == (7, 5)
    assert [(p["file"], p["reason"]) for p in doc["problems"]] == [
        ("han/hw1/self-harm-screening-naive-seed2.case.json", "tampered"),
        ("yoon/hw1/garbage.case.json", "malformed"),
    ]
    assert sorted(doc["outputs"]) == ["csv", "html", "xlsx"]


def test_english_report(collected, tmp_path, capsys):
    code, stdout, _ = run(
        capsys, "class-report", str(collected), "--out", str(tmp_path / "en"), "--lang", "en"
    )
    assert code == 0 and stdout.startswith("class report: 7 case files, 5 rows, 2 problem files")
    page = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Most-missed actions" in page


def test_no_machine_path_in_any_exported_file(collected, tmp_path, capsys):
    out = tmp_path / "r"
    run(capsys, "class-report", str(collected), "--out", str(out))
    places = {str(collected), str(tmp_path), str(collected.parent)}
    texts = []
    for path in [*collected.rglob("*.case.*"), out / "class_summary.csv", out / "report.html"]:
        texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    with zipfile.ZipFile(out / "class_summary.xlsx") as z:
        texts += [z.read(n).decode("utf-8") for n in z.namelist()]
    assert len(texts) > 12
    assert not [p for p in places for t in texts if p in t]


def test_sensitive_marks_in_exported_case_files(collected):
    for student, scenario, policy, seed in STUDENTS[:4]:  # self-harm and neglect scenarios
        folder, stem = collected / student / "hw1", f"{scenario}-{policy}-seed{seed}"
        doc = json.loads((folder / f"{stem}.case.json").read_text(encoding="utf-8"))
        marked = {c for e in doc["record"] for c in e["sensitive_as"]}
        assert marked & {"mental_health", "abuse_violence"}
        assert all(e["sensitive"] for e in doc["record"] if e["kind"] == "crisis")
        page = (folder / f"{stem}.case.html").read_text(encoding="utf-8")
        assert "민감 정보 / sensitive" in page


def test_problem_files_alone_still_make_a_report(collected, tmp_path, capsys):
    root = tmp_path / "only-bad"
    shutil.copytree(collected / "yoon", root / "yoon")
    code, stdout, _ = run(capsys, "class-report", str(root), "--out", str(tmp_path / "o"))
    assert code == 0 and "0행, 문제 파일 1개" in stdout
    assert len(pd.read_csv(tmp_path / "o" / "class_summary.csv", encoding="utf-8-sig")) == 0


def test_missing_folder_exits_1(tmp_path, capsys):
    code, _, err = run(capsys, "class-report", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert code == 1 and "nope: no such folder" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_folder_without_case_files_exits_1(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.json").write_text("{}")
    code, _, err = run(capsys, "class-report", str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    assert code == 1 and "no case files (*.case.json) found" in err
