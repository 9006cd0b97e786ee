"""``casekit scenarios`` and ``casekit validate``: output, exit codes, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.scenarios import loader

FIXTURE = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures" / "minimal.yaml"


@pytest.fixture
def bundle(tmp_path, monkeypatch) -> Path:
    """Bundled scenarios replaced by the minimal one and a copy named 'another'."""
    directory = tmp_path / "bundle"
    directory.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    (directory / "minimal.yaml").write_text(text, encoding="utf-8")
    (directory / "another.yaml").write_text(
        text.replace("id: minimal", "id: another").replace('en: "Test case"', 'en: "Another case"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(loader, "bundled_dir", lambda: directory)
    return directory


def test_validate_ok(capsys, tmp_path):
    shutil.copy(FIXTURE, tmp_path / "minimal.yaml")
    assert main(["validate", str(FIXTURE), str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out == "ok: 2 scenario(s) valid\n"
    assert out.err == ""


def test_validate_prints_one_line_per_problem_and_exits_1(capsys, tmp_path):
    bad = tmp_path / "minimal.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("  age: 13\n", "").replace("difficulty: introductory", "difficulty: easy"),
        encoding="utf-8",
    )
    assert main(["validate", str(bad), str(tmp_path / "missing.yaml")]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"{tmp_path / 'missing.yaml'}: no such file or directory",
        f"{bad}:6: difficulty: unknown difficulty 'easy'; valid codes: introductory, intermediate, advanced",
        f"{bad}:11: student: missing required key 'age'",
    ]
    assert "Traceback" not in out.out + out.err


def test_validate_unreadable_file_is_a_problem_not_a_traceback(capsys, tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_bytes(b"\xff\xfe\x00junk")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert out.out == f"{bad}:1: file is not valid UTF-8 (byte 0xff); save it as UTF-8, not CP949/EUC-KR\n"
    assert out.err == ""


def test_validate_needs_a_path(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_scenarios_bad_option_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["scenarios", "--lang", "fr"])
    assert info.value.code == 2


def test_scenarios_json(capsys, bundle):
    assert main(["scenarios", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in listed] == ["another", "minimal"]
    assert listed[1] == {
        "id": "minimal",
        "title": {"ko": "시험 사례", "en": "Test case"},
        "summary": {"ko": "시험용 짧은 사례입니다.", "en": "A short case for tests."},
        "difficulty": "introductory",
        "crises": ["income_loss"],
        "skills": ["counselling", "linking"],
        "learning_objectives": [{"ko": "욕구를 사정한다", "en": "Assess needs"}],
    }


def test_scenarios_json_is_not_ascii_escaped_and_stable(capsys, bundle):
    main(["scenarios", "--json"])
    first = capsys.readouterr().out
    main(["scenarios", "--json"])
    assert capsys.readouterr().out == first
    assert "시험 사례" in first


def test_scenarios_table_in_korean_and_english(capsys, bundle):
    assert main(["scenarios"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "id       제목       난이도  위기       실천 기술",
        "another  시험 사례  입문    소득 상실  상담·치료, 연계",
        "minimal  시험 사례  입문    소득 상실  상담·치료, 연계",
    ]
    assert main(["scenarios", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "id       title         difficulty    crises          skills",
        "another  Another case  introductory  loss of income  counselling and therapy, linking and referral",
        "minimal  Test case     introductory  loss of income  counselling and therapy, linking and referral",
    ]


def test_scenarios_with_a_broken_bundle_exits_1_without_traceback(capsys, bundle):
    (bundle / "broken.yaml").write_text("schema_version: 1\nid: broken\n", encoding="utf-8")
    assert main(["scenarios"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"casekit: {bundle / 'broken.yaml'}:1: missing required key 'title'\n")
    assert "Traceback" not in err
