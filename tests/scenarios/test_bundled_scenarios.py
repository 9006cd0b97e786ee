"""The scenarios bundled in data/scenarios are valid and listed by ``casekit scenarios``."""

from __future__ import annotations

import json

from casekit.cli import main
from casekit.scenarios import bundled_dir, bundled_scenarios, get_scenario, validate_paths

#: Every scenario file in the bundle, by file name; the library test checks there are enough.
BUNDLED_IDS = sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def test_bundled_files_have_no_problems():
    assert [str(p) for p in validate_paths([bundled_dir()])] == []


def test_bundled_ids_match_file_names():
    assert [s.id for s in bundled_scenarios()] == BUNDLED_IDS
    assert len(BUNDLED_IDS) >= 3


def test_get_bundled_scenario_by_id():
    for scenario_id in BUNDLED_IDS:
        s = get_scenario(scenario_id)
        assert s.id == scenario_id
        assert s.source == str(bundled_dir() / f"{scenario_id}.yaml")


def test_bundled_expert_keys_agree_with_the_truth():
    for s in bundled_scenarios():
        assert s.expert.intake.open_case == s.truth.open_case, s.id
        if s.expert.assessment is not None:
            assert s.expert.assessment.needs == s.truth.needs, s.id


def test_cli_validate_bundled(capsys):
    assert main(["validate", str(bundled_dir())]) == 0
    assert capsys.readouterr().out == f"ok: {len(BUNDLED_IDS)} scenario(s) valid\n"


def test_cli_lists_bundled_scenarios(capsys):
    assert main(["scenarios", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in listed] == BUNDLED_IDS
    for entry in listed:
        assert list(entry) == [
            "id",
            "title",
            "summary",
            "difficulty",
            "crises",
            "skills",
            "learning_objectives",
        ]
        assert set(entry["title"]) == set(entry["summary"]) == {"ko", "en"}
        assert entry["learning_objectives"] and all(
            set(o) == {"ko", "en"} for o in entry["learning_objectives"]
        )
    assert main(["scenarios"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in table[1:]] == BUNDLED_IDS
