"""Presets and ``--param NAME=VALUE``: parsing, errors with a close match, and the CLI."""

from __future__ import annotations

import dataclasses

import pytest

from casekit.cli import main
from casekit.domain.errors import CasekitError
from casekit.network.synth import synth_district
from casekit.network.synth_params import SynthParams
from casekit.network.synth_presets import PRESETS, RURAL_RESOURCES, parse_param, settable_params, synth_params


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clients_per_manager=50", ("clients_per_manager", 50)),
        ("clients_per_manager=50.0", ("clients_per_manager", 50)),
        ("in_school_share=0.7", ("in_school_share", 0.7)),
        ("severity_probs=0.4, 0.4, 0.2", ("severity_probs", (0.4, 0.4, 0.2))),
        ("links_by_severity=1,1,2,2", ("links_by_severity", (1, 1, 2, 2))),
        ("district=여울,Yeoul", ("district", ("여울", "Yeoul"))),
    ],
)
def test_values_are_read_by_the_fields_type(text, expected):
    assert parse_param(text) == expected


def test_pairs_change_only_the_keys_given():
    name, value = parse_param("need_weights=safety:0.05,medical:0.1")
    weights = dict(value)
    assert name == "need_weights" and (weights["safety"], weights["medical"]) == (0.05, 0.1)
    assert weights["economic"] == dict(SynthParams().need_weights)["economic"]
    assert [k for k, _ in value] == [k for k, _ in SynthParams().need_weights]  # order kept
    _, probs = parse_param("strength_probs=link:0.3/0.5/0.2")
    assert dict(probs)["link"] == (0.3, 0.5, 0.2)
    assert dict(probs)["referral"] == dict(SynthParams().strength_probs)["referral"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "clients_per_manger=50",
            "unknown parameter 'clients_per_manger' (did you mean 'clients_per_manager'?)",
        ),
        ("clients_per_manager", "expected NAME=VALUE"),
        ("clients_per_manager=many", "'many' is not a number"),
        ("clients_per_manager=2.5", "'2.5' is not a whole number"),
        ("district=여울", "give the Korean and the English name"),
        ("need_weights=saftey:0.1", "'saftey' is not one of"),
        ("strength_probs=link:0.3/0.7", "link needs 3 numbers separated by '/'"),
        ("district_resources=x", "district_resources is a list of resource kinds; choose it with --preset"),
    ],
)
def test_bad_assignments_name_the_parameter(text, message):
    with pytest.raises(CasekitError) as info:
        parse_param(text)
    assert str(info.value).startswith(f"--param {text}: ")
    assert message in str(info.value)


def test_every_settable_field_round_trips_its_default():
    """Writing a field's default back as text gives the default: every field is reachable."""
    base = SynthParams()
    for name in settable_params():
        value = getattr(base, name)
        if isinstance(value, tuple) and value and isinstance(value[0], tuple):
            text = ",".join(f"{k}:{'/'.join(map(str, v)) if isinstance(v, tuple) else v}" for k, v in value)
        elif isinstance(value, tuple):
            text = ",".join(map(str, value))
        else:
            text = str(value)
        assert parse_param(f"{name}={text}") == (name, value), name
    assert set(settable_params()) | {"in_school", "district_resources"} == {
        f.name for f in dataclasses.fields(SynthParams)
    }


def test_presets_give_the_documented_districts():
    urban = synth_district(2400, seed=2026, params=synth_params("urban"))
    rural = synth_district(300, seed=2027, params=synth_params("rural"))
    assert (len(urban.case_managers()), len(urban.resources())) == (12, 60)
    assert len({urban.node(c)["school"] for c in urban.clients()}) == 12
    assert (len(rural.case_managers()), len(rural.resources())) == (3, 26)
    assert not {"hospital", "hana_center"} & {rural.node(r)["type"] for r in rural.resources()}
    assert synth_params("rural").district_resources is RURAL_RESOURCES
    assert synth_params("rural", ["coordination_out=2"]).coordination_out == 2
    with pytest.raises(CasekitError, match=r"unknown preset 'rurl' \(did you mean 'rural'\?\)"):
        synth_params("rurl")
    with pytest.raises(CasekitError, match="severity_probs must sum to 1"):
        synth_params(None, ["severity_probs=0.5,0.5,0.5"])


def test_changes_apply_in_order():
    assert synth_params(None, ["clients_per_school=50", "clients_per_school=70"]).clients_per_school == 70


# --- the command line ------------------------------------------------------------------------


def run(tmp_path, name, *extra):
    out = tmp_path / name
    assert main(["network", "synth", "--clients", "150", "--seed", "4", "--out", str(out), *extra]) == 0
    return (out / "nodes.csv").read_bytes(), (out / "edges.csv").read_bytes()


def test_a_default_written_as_a_param_changes_nothing(tmp_path, capsys):
    plain = run(tmp_path, "plain")
    assert (
        run(tmp_path, "same", "--param", "clients_per_school=200", "--param", "in_school_share=0.5") == plain
    )
    assert run(tmp_path, "other", "--param", "clients_per_school=50") != plain


def test_preset_and_param_on_the_command_line(tmp_path, capsys):
    nodes, _ = run(tmp_path, "rural", "--preset", "rural", "--param", "clients_per_school=50")
    text = nodes.decode("utf-8")
    assert "여울" in text and "s003" in text and "s004" not in text  # 150 students / 50 per school


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--param", "clients_per_manger=5"], "(did you mean 'clients_per_manager'?)"),
        (["--param", "in_school=x"], "choose it with --preset"),
        (["--preset", "town"], "unknown --preset 'town'; use urban, rural"),
    ],
)
def test_wrong_names_are_usage_errors(extra, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["network", "synth", "--clients", "10", "--out", str(tmp_path / "x"), *extra])
    assert info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_rules_broken_by_the_values_exit_1(tmp_path, capsys):
    argv = ["network", "synth", "--clients", "10", "--out", str(tmp_path / "x")]
    assert main([*argv, "--param", "severity_probs=0.5,0.5,0.5"]) == 1
    assert capsys.readouterr().err == "casekit: synthetic district: severity_probs must sum to 1\n"
    assert not (tmp_path / "x").exists()


def test_the_help_names_every_preset(capsys):
    with pytest.raises(SystemExit) as info:
        main(["network", "synth", "--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert all(f"{name} (" in text for name in PRESETS) and "--param NAME=VALUE" in text
