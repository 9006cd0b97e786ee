"""``casekit simulate --export DIR --learner NAME``: the case files a run would hand in."""

from __future__ import annotations

import json

from casekit.cli import main
from casekit.store.casefile import read_case_file

ARGS = ["simulate", "self-harm-screening", "--policy", "naive", "--seed", "4"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_writes_case_file_and_page(tmp_path, capsys):
    code, out, _ = run(capsys, *ARGS, "--runs", "2", "--export", str(tmp_path / "x"), "--learner", "김하늘")
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert names == [
        "self-harm-screening-naive-seed4.case.html",
        "self-harm-screening-naive-seed4.case.json",
        "self-harm-screening-naive-seed5.case.html",
        "self-harm-screening-naive-seed5.case.json",
    ]
    doc = read_case_file(tmp_path / "x" / "self-harm-screening-naive-seed5.case.json")
    assert (doc["learner"], doc["policy"], doc["seed"], doc["scenario"]["id"]) == (
        "김하늘",
        "naive",
        5,
        "self-harm-screening",
    )
    assert "created" not in doc
    assert out.rstrip().splitlines()[-4:] == [
        f"작성: {tmp_path / 'x' / n}" for n in sorted(names, key=_json_first)
    ]


def _json_first(name: str) -> tuple[str, int]:
    return (name.split(".case.")[0], 0 if name.endswith(".json") else 1)


def test_export_is_byte_identical_for_identical_arguments(tmp_path, capsys):
    for d in ("a", "b"):
        assert run(capsys, *ARGS, "--export", str(tmp_path / d), "--learner", "x")[0] == 0
    for name in ("self-harm-screening-naive-seed4.case.json", "self-harm-screening-naive-seed4.case.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_existing_output_is_unchanged(tmp_path, capsys):
    _, plain, _ = run(capsys, *ARGS)
    _, exported, _ = run(capsys, *ARGS, "--export", str(tmp_path))
    assert exported.startswith(plain) and exported[len(plain) :].count("\n") == 2
    _, plain_json, _ = run(capsys, *ARGS, "--json")
    _, exported_json, _ = run(capsys, *ARGS, "--json", "--export", str(tmp_path / "j"))
    assert exported_json == plain_json and json.loads(exported_json)["policy"] == "naive"
    assert len(list((tmp_path / "j").iterdir())) == 2


def test_default_learner_is_the_policy(tmp_path, capsys):
    run(capsys, "simulate", "learning-low-income", "--policy", "expert", "--export", str(tmp_path))
    doc = read_case_file(tmp_path / "learning-low-income-expert-seed0.case.json")
    assert (doc["learner"], doc["policy"]) == ("expert", "expert")


def test_learner_without_export_is_a_usage_error(capsys):
    try:
        code = main([*ARGS, "--learner", "x"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "--learner names the learner in exported case files" in capsys.readouterr().err


def test_no_machine_path_and_sensitive_marks(tmp_path, capsys):
    out = tmp_path / "qzx-machine" / "folder"  # names no scenario text could contain
    run(capsys, *ARGS, "--export", str(out), "--learner", "학생")
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert str(tmp_path) not in text
        assert "qzx-machine" not in text
    page = (out / "self-harm-screening-naive-seed4.case.html").read_text(encoding="utf-8")
    doc = read_case_file(out / "self-harm-screening-naive-seed4.case.json")
    assert any("mental_health" in e["sensitive_as"] for e in doc["record"])
    assert page.count('<span class="badge">민감 정보 / sensitive') == sum(
        e["sensitive"] for e in doc["record"]
    )
    assert page.count("data:image/png;base64,") == 1
