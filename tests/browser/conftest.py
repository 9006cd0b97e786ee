"""Fixtures for the real-browser tests: JupyterLab started the way ``make lab`` starts it, and
Debian's Chromium driven by Playwright.

Run with ``make browser-test`` (or ``pytest tests/browser``); ``make test`` leaves them out.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# As root and on a machine with no network: no sandbox, no GPU, no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 60


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@dataclass(frozen=True)
class LabServer:
    url: str
    token: str
    log: Path

    def get(self, path: str) -> bytes:
        request = urllib.request.Request(
            f"{self.url}{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log, for failure messages."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and everything in its process group: TERM, then KILL after 20 s."""
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install chromium chromium-driver fonts-noto-cjk"
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def lab_server(request, tmp_path_factory, repo_root) -> LabServer:
    """``casekit lab`` on a free port of 127.0.0.1, with fresh Jupyter folders and a random token."""
    home = tmp_path_factory.mktemp("jupyter")
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}  # kernels plot inline
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        IPYTHONDIR=str(home / "ipython"),
    )
    # No autosave: running the cells must never write outputs into the committed notebook.
    # No "official Jupyter news?" prompt: it would cover the screenshots, and there is no network.
    # Every cell in the DOM (no windowing), so the test can find outputs far down the notebook.
    for plugin, settings in (
        ("docmanager-extension/plugin", {"autosave": False}),
        ("apputils-extension/notification", {"fetchNews": "false"}),
        ("notebook-extension/tracker", {"windowingMode": "none"}),
    ):
        path = home / "lab-settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        str(Path(sys.executable).with_name("casekit")),
        "lab",
        "--no-browser",
        "--port",
        str(port),
        "--",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
    ]
    log_path = home / "lab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=repo_root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the finalizer stops it and only it
        )
    request.addfinalizer(lambda: _stop(process))
    server = LabServer(f"http://127.0.0.1:{port}", token, log_path)

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"casekit lab exited with {process.returncode}:\n{server.log_tail()}")
        try:
            server.get("/api/status")
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {STARTUP_SECONDS} s:\n{server.log_tail()}")
            time.sleep(0.25)


@pytest.fixture
def page(chromium, tmp_path):
    """A page in a headless Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 2000},
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


@dataclass(frozen=True)
class AppServer:
    url: str
    home: Path
    workdir: Path
    log: Path

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


@pytest.fixture(scope="session")
def app_server(request, tmp_path_factory) -> AppServer:
    """``casekit app learning-low-income --demo`` (Voilà) on a free port of 127.0.0.1.

    The casebook lives in a fresh ``CASEKIT_HOME`` and case files are saved under the
    server's working folder, both temporary.
    """
    root = tmp_path_factory.mktemp("app")
    home, workdir = root / "casekit-home", root / "work"
    workdir.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    env.update(
        CASEKIT_HOME=str(home),
        JUPYTER_CONFIG_DIR=str(root / "config"),
        JUPYTER_DATA_DIR=str(root / "data"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        IPYTHONDIR=str(root / "ipython"),
    )
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("casekit")),
        "app",
        "learning-low-income",
        "--demo",
        "--no-browser",
        "--port",
        str(port),
    ]
    log_path = root / "voila.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    request.addfinalizer(lambda: _stop(process))
    server = AppServer(f"http://127.0.0.1:{port}/", home, workdir, log_path)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"casekit app exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url, timeout=5):
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                pytest.fail(f"Voilà did not answer within {STARTUP_SECONDS} s:\n{server.log_tail()}")
            time.sleep(0.25)


@pytest.fixture(scope="session")
def artifacts(repo_root) -> Path:
    """artifacts/browser/: screenshots for a human to look at."""
    folder = repo_root / "artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
