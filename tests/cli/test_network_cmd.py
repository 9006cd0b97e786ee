"""``casekit network synth``: files, summary line, determinism and exit codes."""

from __future__ import annotations

import pytest

from casekit.cli import main
from casekit.network.io import read_csv


def test_synth_writes_both_files_and_a_summary(capsys, tmp_path):
    out = tmp_path / "new" / "district"
    assert main(["network", "synth", "--clients", "150", "--seed", "2", "--out", str(out)]) == 0
    net = read_csv(out / "nodes.csv", out / "edges.csv")
    assert len(net.clients()) == 150
    line = capsys.readouterr().out
    assert line == (
        f"wrote {out / 'nodes.csv'} ({net.n_nodes} nodes), {out / 'edges.csv'} ({net.n_ties} ties)\n"
    )


def test_same_arguments_same_bytes(tmp_path, capsys):
    for name in ("a", "b"):
        assert (
            main(["network", "synth", "--clients", "120", "--seed", "9", "--out", str(tmp_path / name)]) == 0
        )
    for file in ("nodes.csv", "edges.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


@pytest.mark.parametrize(
    "argv",
    [
        ["--clients", "0", "--out", "x"],
        ["--clients", "many", "--out", "x"],
        ["--clients", "10", "--seed", "-1", "--out", "x"],
        ["--clients", "10"],
    ],
)
def test_usage_errors_exit_2(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["network", "synth", *argv])
    assert info.value.code == 2
    assert "usage: casekit network synth" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_network_without_a_subcommand_shows_usage(capsys):
    assert main(["network"]) == 2
    assert "synth" in capsys.readouterr().err


def test_unwritable_out_exits_1_without_traceback(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert main(["network", "synth", "--clients", "5", "--out", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("casekit: ") and "Traceback" not in err
