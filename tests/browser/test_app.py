"""``casekit app`` works for a student: Voilà serves the walkthrough with no code, and a
student completes intake by typing, selecting and clicking, comes back after the page (and
its kernel) is gone, and — with the instructor's demonstration button — reaches aftercare and
saves the case file.

Screenshots land in artifacts/browser/ (Hangul must render, not empty boxes).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LEARNER = "김브라우저"
LOAD_MS = 90_000


def _open(page, app_server):
    page.goto(app_server.url, timeout=LOAD_MS)
    page.wait_for_selector(".ck-walkthrough", timeout=LOAD_MS)
    assert "app_view" not in page.inner_text("body")  # the student sees no code


def _click_and_wait(page, form: str) -> None:
    """Click a form's button and wait for its answer under the button."""
    before = page.locator(f".ck-form-{form} .ck-form-message").inner_html()
    page.click(f".ck-form-{form} .ck-do-{form}")
    page.wait_for_function(
        "([sel, old]) => { const m = document.querySelector(sel); return m && m.innerHTML !== old && m.innerHTML !== ''; }",
        arg=[f".ck-form-{form} .ck-form-message", before],
        timeout=30_000,
    )


def _choose(page, form: str, label: str, nth: int = 0) -> None:
    # ipywidgets writes option texts with non-breaking spaces; the value attribute keeps the label as is.
    page.locator(f".ck-form-{form} select").nth(nth).select_option(value=label)


def test_student_walks_a_case_in_the_app(app_server, page, artifacts):
    from casekit.scenarios import get_scenario
    from casekit.store.casefile import read_case_file

    scenario = get_scenario("learning-low-income")
    _open(page, app_server)
    assert "접수" in page.inner_text(".ck-stagebar-widget")
    page.fill(".ck-field-learner input", LEARNER)
    page.click(".ck-start-saving")
    page.wait_for_selector(f".ck-save-status:has-text('{LEARNER}')", timeout=30_000)

    # Interview: two questions, chosen from the list and asked.
    for question in scenario.interview[:2]:
        _choose(page, "ask", question.ask.ko)
        _click_and_wait(page, "ask")
    assert scenario.interview[0].reveals.ko[:10] in page.inner_text(".ck-walkthrough")

    # The intake record: a blank field is flagged in place and what was typed stays.
    boxes = page.locator(".ck-form-record_intake textarea")
    assert boxes.count() == 5
    for i, text in enumerate(["모자가정, 어머니와 둘", "임대 아파트", "어머니 시간제 근무", "특이 사항 없음"]):
        boxes.nth(i).fill(text)
    _click_and_wait(page, "record_intake")
    assert "⚠" in page.inner_text(".ck-form-record_intake")
    assert boxes.nth(0).input_value() == "모자가정, 어머니와 둘"
    boxes.nth(4).fill("지역아동센터 이용 안 함")
    _click_and_wait(page, "record_intake")
    assert "✓" in page.inner_text(".ck-form-record_intake .ck-form-message")

    for purpose in ("서비스 이용 동의", "정보 제공·공유 동의", "민감정보 처리 동의", "법정대리인 동의"):
        _choose(page, "record_consent", purpose)
        _click_and_wait(page, "record_consent")
    _choose(page, "set_risk_level", "주의")
    _click_and_wait(page, "set_risk_level")
    _choose(page, "decide_to_open", "예, 개입합니다")
    _click_and_wait(page, "decide_to_open")
    _choose(page, "advance_to", "사정")
    _click_and_wait(page, "advance_to")
    page.wait_for_selector(".ck-stage.current[data-stage='assessment']", timeout=30_000)
    assert page.locator(".ck-stage.done[data-stage='intake']").count() == 1
    page.wait_for_selector(".ck-feedback-widget:has-text('피드백')", timeout=30_000)
    page.screenshot(path=str(artifacts / "app-after-intake.png"), full_page=True)

    # The page and its kernel go away; the student comes back and continues at the same step.
    _open(page, app_server)
    page.fill(".ck-field-learner input", LEARNER)
    page.click(".ck-start-saving")
    page.wait_for_selector(".ck-stage.current[data-stage='assessment']", timeout=60_000)
    assert "이어서" in page.inner_text(".ck-walkthrough")

    # The instructor's demonstration takes the case on to aftercare through the same controls.
    page.click(".ck-demo-expert")
    page.wait_for_selector(".ck-summary", timeout=180_000)
    for stage in ("intake", "assessment", "planning", "service_provision", "monitoring", "termination", "aftercare"):
        assert page.locator(f".ck-stage.done[data-stage='{stage}']").count() == 1, stage
    assert "사례가 종료되었습니다" in page.inner_text(".ck-stagebar-widget")
    assert page.locator("img.ck-ecomap").count() == 1

    page.click(".ck-save-casefile")
    page.wait_for_selector(".ck-save-message code", timeout=60_000)
    page.screenshot(path=str(artifacts / "app-finished.png"), full_page=True)
    saved = sorted((app_server.workdir / "casefiles").glob("*.case.json"))
    assert [p.name for p in saved] == [f"{LEARNER}-learning-low-income.case.json"]
    doc = read_case_file(saved[0])
    assert doc["learner"] == LEARNER and doc["policy"] == "learner+expert"
    assert doc["stages"][-1]["stage"] == "aftercare"
    assert (app_server.workdir / "casefiles" / f"{LEARNER}-learning-low-income.case.html").is_file()
    assert str(app_server.workdir) not in saved[0].read_text(encoding="utf-8")
