"""The public API of casekit.scenarios: paths, validation, the bundled scenarios."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import casekit.scenarios as scenarios
from casekit.domain import CasekitError, ScenarioError
from casekit.scenarios import (
    bundled_dir,
    bundled_scenarios,
    get_scenario,
    load_scenario,
    loader,
    loads_scenario,
    validate_paths,
)


@pytest.fixture
def bundle(tmp_path, minimal_text, monkeypatch) -> Path:
    """A bundled-scenarios directory with two valid scenarios, used instead of data/scenarios."""
    directory = tmp_path / "scenarios"
    directory.mkdir()
    (directory / "minimal.yaml").write_text(minimal_text, encoding="utf-8")
    (directory / "another.yaml").write_text(
        minimal_text.replace("id: minimal", "id: another"), encoding="utf-8"
    )
    monkeypatch.setattr(loader, "bundled_dir", lambda: directory)
    return directory


def test_all_names_exist():
    assert all(hasattr(scenarios, name) for name in scenarios.__all__)


def test_load_scenario_reports_a_missing_file(tmp_path):
    missing = tmp_path / "gone.yaml"
    with pytest.raises(ScenarioError) as exc:
        load_scenario(missing)
    assert str(exc.value) == f"{missing}: no such file"
    with pytest.raises(ScenarioError) as exc:
        load_scenario(tmp_path)
    assert str(exc.value) == f"{tmp_path}: is a directory, not a scenario file"


def test_loads_scenario_raises_every_problem():
    with pytest.raises(ScenarioError) as exc:
        loads_scenario("schema_version: 1\nid: Bad Id\nextra: 1\n")
    assert [str(p) for p in exc.value.problems][:3] == [
        "<string>:1: missing required key 'title'",
        "<string>:1: missing required key 'summary'",
        "<string>:1: missing required key 'difficulty'",
    ]
    assert "<string>:2: id: invalid id 'Bad Id': use 1-64 characters of a-z, 0-9, '-' and '_'" in str(
        exc.value
    )
    assert "<string>:3: extra: unknown key; valid keys: schema_version, id," in str(exc.value)
    assert isinstance(exc.value, CasekitError) and isinstance(exc.value, ValueError)


def test_top_level_must_be_a_mapping():
    with pytest.raises(ScenarioError) as exc:
        loads_scenario("- a\n- b\n", "x.yaml")
    assert (
        str(exc.value)
        == "x.yaml:1: a scenario file must be a mapping of keys (schema_version, id, ...), got a list"
    )


def test_validate_paths_files_directories_and_missing_paths(tmp_path, minimal_path, minimal_text):
    (tmp_path / "good").mkdir()
    shutil.copy(minimal_path, tmp_path / "good" / "minimal.yaml")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "notes.txt").write_text("not a scenario")
    (bad / "minimal.yaml").write_bytes(minimal_text.replace("age: 13", "age: 3").encode("utf-8"))
    (bad / "korean.yaml").write_bytes("id: 사례\n".encode("cp949"))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert validate_paths([minimal_path, tmp_path / "good"]) == []
    found = [str(p) for p in validate_paths([bad, empty, tmp_path / "nope.yaml"])]
    assert found == [
        f"{empty}: no scenario files (*.yaml) in this directory",
        f"{tmp_path / 'nope.yaml'}: no such file or directory",
        f"{bad / 'korean.yaml'}:1: file is not valid UTF-8 (byte 0xbb); save it as UTF-8, not CP949/EUC-KR",
        f"{bad / 'minimal.yaml'}:15: student.age: must be between 5 and 24, got 3",
    ]


def test_validate_paths_never_raises_for_unreadable_files(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"\x00\xff\xfe garbage")
    (tmp_path / "b.yaml").write_bytes(b"")
    assert [str(p) for p in validate_paths([tmp_path])] == [
        f"{tmp_path / 'a.yaml'}:1: file is not valid UTF-8 (byte 0xff); save it as UTF-8, not CP949/EUC-KR",
        f"{tmp_path / 'b.yaml'}:1: file is empty",
    ]


def test_bundled_dir_is_the_checkout_data_folder():
    assert bundled_dir() == Path(scenarios.__file__).resolve().parents[2] / "data" / "scenarios"


def test_bundled_scenarios_sorted_and_read_once(bundle):
    first = bundled_scenarios()
    assert [s.id for s in first] == ["another", "minimal"]
    assert first[0].source == str(bundle / "another.yaml")
    (bundle / "minimal.yaml").unlink()  # cached: the files are not read again
    second = bundled_scenarios()
    assert second == first and second is not first
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_bundled_scenarios_report_every_problem(bundle):
    (bundle / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        bundled_scenarios()
    assert [str(p) for p in exc.value.problems] == [
        f"{bundle / 'broken.yaml'}:2: YAML syntax error: expected the node content, but found '<stream end>' "
        "(while parsing a flow node)"
    ]


def test_get_scenario_by_id_or_path(bundle, minimal_path):
    assert get_scenario("minimal").id == "minimal"
    assert get_scenario("minimal") is get_scenario("minimal")
    assert get_scenario(minimal_path).source == str(minimal_path)
    assert get_scenario(str(minimal_path)).id == "minimal"


def test_get_scenario_unknown_id_lists_the_bundled_ids(bundle):
    with pytest.raises(CasekitError) as exc:
        get_scenario("minimum")
    assert (
        str(exc.value)
        == "unknown scenario 'minimum' (did you mean 'minimal'?); bundled scenarios: another, minimal"
    )


def test_get_scenario_missing_path():
    with pytest.raises(ScenarioError) as exc:
        get_scenario("no/such.yaml")
    assert str(exc.value) == "no/such.yaml: no such file"


def test_import_casekit_does_not_load_scenarios_or_yaml():
    code = "import sys, json, casekit, casekit.domain; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert "casekit.scenarios" not in loaded
    assert "yaml" not in loaded
