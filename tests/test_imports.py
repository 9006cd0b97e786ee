"""The public surface: ``import casekit`` stays light, and every ``__all__`` name exists."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import casekit

PACKAGE_DIR = Path(casekit.__file__).resolve().parent

#: Heavy libraries that the layers needing them import lazily (ARCHITECTURE.md).
HEAVY = ("matplotlib", "ipywidgets", "simpy", "dask", "networkx", "pandas")

#: Optional extras: a module needing one of these may be skipped when it is not installed.
OPTIONAL = {"dask": "cluster", "distributed": "cluster", "igraph": "fast", "playwright": "browser"}


def _module_names() -> list[str]:
    """Every module under casekit/, found on disk so that collection imports nothing."""
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] == "__main__" or any(p.startswith("_") and p != "__init__" for p in parts[1:]):
            continue
        names.append(".".join(parts))
    return names


MODULES = _module_names()


def test_import_casekit_is_light():
    code = "import sys, json, casekit; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    heavy = sorted(name for name in HEAVY if name in loaded)
    assert not heavy, f"'import casekit' imported {', '.join(heavy)}; import them lazily where they are used"


def test_top_level_names_exist():
    missing = [name for name in casekit.__all__ if not hasattr(casekit, name)]
    assert not missing, f"casekit.__all__ names that do not exist: {missing}"
    assert len(set(casekit.__all__)) == len(casekit.__all__), "casekit.__all__ lists a name twice"


def test_modules_found():
    assert "casekit.domain" in MODULES
    assert "casekit.cli" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_module_all_names_exist(name):
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top in OPTIONAL:
            pytest.skip(f"{name} needs {top}: pip install 'casekit[{OPTIONAL[top]}]'")
        raise
    public = getattr(module, "__all__", None)
    assert public is not None, f"{name} has no __all__ (STYLE.md: an explicit public surface in every module)"
    missing = [attr for attr in public if not hasattr(module, attr)]
    assert not missing, f"{name}.__all__ names that do not exist: {missing}"
