"""environment.yml (conda) and pyproject.toml (pip) list the same packages.

environment.yml carries the core dependencies and the ``lab``, ``test`` and ``cluster``
extras; ``fast`` (igraph) and ``browser`` (Playwright) are left out on purpose.
"""

from __future__ import annotations

import re

import pytest
import yaml
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

#: The extras environment.yml must carry alongside the core dependencies.
EXTRAS_IN_CONDA = ("lab", "test", "cluster")

#: A pip requirement with extras that conda-forge splits into several packages.
PIP_EXTRAS_AS_CONDA = {("dask", "distributed"): {"dask", "distributed"}}

#: conda-forge names that differ from the PyPI name of the same package.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}

#: conda packages that are the environment itself rather than casekit's dependencies.
CONDA_ONLY = {"python", "pip"}

#: The Python the conda environment pins; markers in pyproject.toml are evaluated for it.
CONDA_PYTHON = {"python_version": "3.11", "python_full_version": "3.11.0"}


def normalise(name: str) -> str:
    """Lower case, ``_`` and ``.`` as ``-``, as PyPI compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_names(requirement: str, extras: dict[str, list[str]]) -> set[str]:
    """Package names one pyproject requirement stands for (``casekit[x]`` expands extra x)."""
    req = Requirement(requirement)
    if req.marker is not None and not req.marker.evaluate(CONDA_PYTHON):
        return set()
    name = normalise(req.name)
    if name == "casekit":
        return {n for extra in req.extras for r in extras[extra] for n in pip_names(r, extras)}
    for (base, extra), names in PIP_EXTRAS_AS_CONDA.items():
        if name == base and extra in req.extras:
            return set(names)
    return {name}


def conda_name(spec: str) -> str:
    """The package name of a conda spec such as ``conda-forge::numpy>=1.24``."""
    spec = spec.split("::")[-1]
    name = normalise(re.split(r"[\s=<>!~\[]", spec, maxsplit=1)[0])
    return CONDA_TO_PYPI.get(name, name)


@pytest.fixture(scope="module")
def pyproject(repo_root):
    with open(repo_root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def environment(repo_root):
    with open(repo_root / "environment.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def pyproject_packages(pyproject) -> set[str]:
    project = pyproject["project"]
    extras = project["optional-dependencies"]
    wanted = list(project["dependencies"])
    for extra in EXTRAS_IN_CONDA:
        wanted += extras[extra]
    return {name for req in wanted for name in pip_names(req, extras)}


def environment_packages(environment) -> set[str]:
    names = set()
    for item in environment["dependencies"]:
        if isinstance(item, dict):
            for line in item.get("pip", []):
                if not line.startswith("-"):  # "-e ." installs casekit itself
                    names.add(normalise(Requirement(line).name))
        else:
            names.add(conda_name(item))
    return names - CONDA_ONLY


def test_same_packages(pyproject, environment):
    pip_side = pyproject_packages(pyproject)
    conda_side = environment_packages(environment)
    only_pip = sorted(pip_side - conda_side)
    only_conda = sorted(conda_side - pip_side)
    assert not only_pip and not only_conda, (
        "environment.yml and pyproject.toml (core + lab + test + cluster) disagree:\n"
        f"  only in pyproject.toml: {only_pip}\n  only in environment.yml: {only_conda}\n"
        "Add the package to both files (or map its conda name in tests/test_environment.py)."
    )


def test_environment_basics(environment):
    assert environment["name"] == "casekit"
    assert environment["channels"] == ["conda-forge"]
    assert "python=3.11" in environment["dependencies"]
    pip_lines = [
        line for item in environment["dependencies"] if isinstance(item, dict) for line in item["pip"]
    ]
    assert "-e ." in pip_lines, "environment.yml should install casekit itself with pip"


def test_optional_extras_stay_out_of_conda(pyproject, environment):
    extras = pyproject["project"]["optional-dependencies"]
    conda_side = environment_packages(environment)
    for extra in ("fast", "browser"):
        own = {n for req in extras[extra] if not req.startswith("casekit") for n in pip_names(req, extras)}
        assert not own & conda_side, f"the {extra!r} extra is meant to stay out of environment.yml"


def test_normalisation_examples(pyproject):
    extras = pyproject["project"]["optional-dependencies"]
    assert pip_names("dask[distributed]>=2023.6", extras) == {"dask", "distributed"}
    assert pip_names("Jupyterlab_Language_Pack_ko_KR", extras) == {"jupyterlab-language-pack-ko-kr"}
    assert pip_names("tomli>=1.1; python_version < '3.11'", extras) == set()
    assert conda_name("conda-forge::matplotlib-base >=3.7") == "matplotlib"
