"""``make lab`` works for a person: JupyterLab opens the start notebook, it runs, widgets show.

The screenshots land in artifacts/browser/ for a human to look at (Hangul must render).
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "00_start_here.ipynb"

# window.jupyterapp exists because the server runs with --LabApp.expose_app_in_browser=True.
NOTEBOOK_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return Boolean(panel && panel.context && panel.context.isReady && panel.content.widgets.length
    && kernel && kernel.status === 'idle');
}"""

# Done when every code cell ran and the kernel is idle, or as soon as a cell shows an error.
RUN_FINISHED = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
  const failed = cells.some(cell => cell.model.outputs.toJSON().some(o => o.output_type === 'error'));
  const ran = cells.every(cell => cell.model.executionCount != null);
  return failed || (ran && panel.sessionContext.session.kernel.status === 'idle');
}"""

OUTPUT_PROBLEMS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const problems = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    if (cell.model.executionCount == null) problems.push(`cell ${index} did not run`);
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') problems.push(`cell ${index}: ${o.ename}: ${o.evalue}`);
      const text = [].concat(o.text || []).join('');
      if (o.output_type === 'stream' && o.name === 'stderr' && /Traceback|Error/.test(text)) {
        problems.push(`cell ${index} stderr: ${text}`);
      }
    }
  });
  return problems;
}"""

SCROLL_TO_TOP = """async () => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  notebook.activeCellIndex = 0;
  await notebook.scrollToCell(notebook.widgets[0], 'start');
}"""

ERROR_TEXT = re.compile(r"Traceback|\b\w*(Error|Exception)\b")


def test_korean_language_pack_available(lab_server):
    languages = json.loads(lab_server.get("/lab/api/translations/"))["data"]
    assert "ko_KR" in languages, (
        f"jupyterlab-language-pack-ko-kr is not installed; languages: {sorted(languages)}"
    )


def test_start_notebook_runs_in_lab(lab_server, page, repo_root):
    artifacts = repo_root / "artifacts" / "browser"
    artifacts.mkdir(parents=True, exist_ok=True)

    page.goto(f"{lab_server.url}/lab/tree/{NOTEBOOK}?token={lab_server.token}")
    page.wait_for_function(NOTEBOOK_READY, timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(RUN_FINISHED, timeout=120_000, polling=250)
    page.evaluate(SCROLL_TO_TOP)
    page.screenshot(path=str(artifacts / "00_start_here.png"))

    assert page.evaluate(OUTPUT_PROBLEMS) == []
    stderr = page.locator(
        '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
    ).all_inner_texts()
    assert not [text for text in stderr if "Traceback" in text], stderr
    outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
    assert not [text for text in outputs if ERROR_TEXT.search(text)], outputs

    # `make lab` sets JupyterLab's own interface to Korean (the learners' first language).
    assert page.locator(".lm-MenuBar-itemLabel", has_text="파일").count() == 1
    # The stages come from casekit's vocabulary, Korean first.
    assert any("1. 접수 · intake" in text for text in outputs), outputs
    # The scenario table and the picker widget rendered (the widgets lab extension works).
    assert page.locator(".jp-OutputArea-output table").count() >= 1
    # Two dropdowns: the scenario picker of section "practice scenarios" and the practice
    # screen's own picker further down (casekit.ui.app.AppView).
    assert page.locator(".widget-dropdown select").count() == 2
    assert page.locator(".ck-app-scenario select").count() == 1
    picker = page.locator(".widget-dropdown select").first
    picker.scroll_into_view_if_needed()
    options = picker.locator("option").all_inner_texts()
    if len(options) > 1:
        picker.select_option(index=1)
        page.locator(".widget-html h4", has_text=options[1]).wait_for(timeout=10_000)
    page.screenshot(path=str(artifacts / "00_start_here_picker.png"))
    # The ecomap cell drew a figure inline (matplotlib through the inline backend).
    images = page.locator(".jp-OutputArea-output img")
    assert images.count() >= 1
    images.last.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "00_start_here_ecomap.png"))

    saved = json.loads((repo_root / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    assert all(not cell.get("outputs") for cell in saved["cells"]), "the run wrote outputs into the notebook"
