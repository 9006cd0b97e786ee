"""The command-line skeleton: version, usage errors, error reporting, ``casekit lab``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import casekit
from casekit.cli import main
from casekit.cli.lab_cmd import START_NOTEBOOK, lab_command, notebooks_dir


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"casekit {casekit.__version__}"


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "usage: casekit" in capsys.readouterr().err


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "casekit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("casekit ")


def test_lab_opens_the_start_notebook():
    nb_dir = notebooks_dir()
    assert (nb_dir / START_NOTEBOOK).is_file()
    cmd = lab_command(port=8899, open_browser=False, extra=["--ServerApp.token=x"])
    assert Path(cmd[0]).name == "jupyter" and cmd[1] == "lab"
    assert str(nb_dir / START_NOTEBOOK) in cmd
    assert "--ServerApp.port=8899" in cmd and "--no-browser" in cmd and cmd[-1] == "--ServerApp.token=x"


def test_lab_without_jupyter_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setattr("casekit.cli._common.shutil.which", lambda *a, **k: None)
    assert main(["lab", "--no-browser"]) == 1
    err = capsys.readouterr().err
    assert "JupyterLab is not installed" in err and "Traceback" not in err


def test_lab_passes_options_after_the_separator(monkeypatch):
    seen = {}
    monkeypatch.setattr("casekit.cli.lab_cmd.os.execv", lambda path, cmd: seen.setdefault("cmd", cmd))
    assert main(["lab", "--no-browser", "--", "--ServerApp.ip=127.0.0.1"]) == 0
    assert seen["cmd"][-1] == "--ServerApp.ip=127.0.0.1" and "--" not in seen["cmd"]
