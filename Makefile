# Everyday commands: `make lab` (open the start notebook) and `make test` (the whole suite).
# Each creates .venv with $(PYTHON) if it is missing and installs what it needs; a stamp file
# in .venv skips the install next time unless pyproject.toml has changed.

PYTHON ?= python3
VENV := .venv
PIP := $(VENV)/bin/python -m pip install -q

.PHONY: lab test browser-test clean

lab: $(VENV)/.installed-lab
	$(VENV)/bin/casekit lab

# One pytest run: doctests in casekit/, the tests in tests/ (not tests/browser, see
# pyproject.toml) and every notebook in notebooks/ executed by nbval.
test: $(VENV)/.installed-test
	$(VENV)/bin/python -m pytest --doctest-modules --nbval-lax --nbval-current-env casekit tests notebooks

# JupyterLab driven in a real Chromium (/usr/bin/chromium: Debian's chromium package).
browser-test: $(VENV)/.installed-browser $(VENV)/.installed-lab
	$(VENV)/bin/python -m pytest tests/browser

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# JupyterLab opens in Korean (the learners' first language) unless an overrides file exists;
# Settings > Language switches it back for a user.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json

$(VENV)/.installed-lab: pyproject.toml Makefile | $(VENV)/bin/python
	$(PIP) -e '.[lab]'
	mkdir -p $(dir $(LAB_OVERRIDES))
	test -f $(LAB_OVERRIDES) || echo '{"@jupyterlab/translation-extension:plugin": {"locale": "ko_KR"}}' > $(LAB_OVERRIDES)
	touch $@

# The test install adds the optional igraph backend (extra `fast`, GPL) so its equality tests run,
# and dask.distributed (extra `cluster`) for the sweep's real LocalCluster test.
$(VENV)/.installed-test: pyproject.toml Makefile | $(VENV)/bin/python
	$(PIP) -e '.[test,lab,fast,cluster]'
	touch $@

$(VENV)/.installed-browser: pyproject.toml Makefile | $(VENV)/bin/python
	$(PIP) -e '.[test,browser]'
	touch $@

clean:
	rm -rf $(VENV) artifacts build dist .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
