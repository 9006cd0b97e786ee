"""The printable case file: header, score, stage records, sensitive marks, ecomap, feedback."""

from __future__ import annotations

import base64
import copy
import html
import re

import pytest

from casekit.domain.vocabulary import ConsentPurpose
from casekit.scenarios import get_scenario
from casekit.sim import run_case
from casekit.teach.casefile import case_file_from_result
from casekit.viz.casefile_fields import field_label, field_value
from casekit.viz.casefile_html import FONT_STACK, ecomap_png, render_case_file_html

FEEDBACK = [
    {
        "stage": "intake",
        "good": [{"ko": "동의를 먼저 받았습니다.", "en": "You asked for consent first."}],
        "missing": [{"ko": "위험 수준을 기록하지 않았습니다.", "en": "No risk level was recorded."}],
    }
]


@pytest.fixture(scope="module")
def doc():
    s = get_scenario("self-harm-screening")
    return case_file_from_result(run_case(s, "naive", 2), s, learner="<김 학생>", feedback=FEEDBACK)


@pytest.fixture(scope="module")
def page(doc):
    return render_case_file_html(doc)


def test_print_css_and_korean_fonts(page):
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ko">' in page
    assert "@page { size: A4;" in page
    assert FONT_STACK == '"Noto Sans CJK KR", NanumGothic, "Malgun Gothic", sans-serif'
    assert f"font-family: {FONT_STACK};" in page
    assert "http://" not in page and "https://" not in page  # self-contained


def test_header_and_score(page, doc):
    assert "&lt;김 학생&gt;" in page and "<김 학생>" not in page
    assert "사이버폭력 뒤 고등학생 지유의 안전 확보" in page
    assert f"<b>{doc['score']['total']:.1f}</b> / 100" in page
    for label in ("과정", "사정", "계획 적합성", "위기 대응", "결과", "사후관리"):
        assert f"<th>{label}</th>" in page
    assert "<tr><th>시드</th><td>2</td>" in page and "<tr><th>정책</th><td>naive</td>" in page


def test_every_entry_is_printed_grouped_by_stage(page, doc):
    rows = re.findall(r'<tr class="entry(?: sensitive)?"><td>\d+</td>', page)
    assert len(rows) == len(doc["record"])
    runs = 1 + sum(a["stage"] != b["stage"] for a, b in zip(doc["record"], doc["record"][1:], strict=False))
    assert page.count("<h3>") == runs + len(FEEDBACK)


def test_sensitive_entries_are_marked(page, doc):
    n = sum(e["sensitive"] for e in doc["record"])
    assert n > 0
    assert page.count('<span class="badge">민감 정보 / sensitive') == page.count('"entry sensitive"') == n
    assert "민감 정보 / sensitive: 정신건강" in page and "학대·폭력" in page


def test_ecomap_is_embedded_as_png(page):
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 1
    assert base64.b64decode(images[0]).startswith(b"\x89PNG\r\n\x1a\n")


def test_feedback_and_violations(page, doc):
    assert "✓ 동의를 먼저 받았습니다." in page and "✗ 위험 수준을 기록하지 않았습니다." in page
    assert "규칙 위반" in page and page.count("stage_allows_action") == sum(
        v["rule"] == "stage_allows_action" for v in doc["violations"]
    )


def test_fields_in_words(page, doc):
    s = get_scenario("self-harm-screening")
    purpose = next(e["fields"]["purpose"] for e in doc["record"] if e["kind"] == "consent")
    assert f"목적: {ConsentPurpose.parse(purpose).ko}" in page  # a code becomes its label
    question = next(e["fields"]["question"] for e in doc["record"] if e["kind"] == "interview")
    assert f"질문: {html.escape(s.question(question).ask.ko)}" in page  # an id becomes the question
    resource = next(e["fields"]["resource"] for e in doc["record"] if e["kind"] == "link")
    assert f"자원: {html.escape(s.resource(resource).name.ko)}" in page  # an id becomes the name


def test_english_page(doc):
    page = render_case_file_html(doc, lang="en")
    assert '<html lang="en">' in page and "sensitive / 민감 정보" in page
    assert "You asked for consent first." in page and "purpose: consent to services" in page


def test_deterministic(doc, page):
    assert render_case_file_html(copy.deepcopy(doc)) == page


def test_unbundled_scenario_says_so(doc):
    other = copy.deepcopy(doc)
    other["scenario"]["id"] = "../../etc/passwd"
    page = render_case_file_html(other)
    assert "data:image/png" not in page
    assert "생태도를 다시 그릴 수 없습니다" in page


def test_record_that_does_not_replay_says_so(doc):
    broken = copy.deepcopy(doc)
    broken["record"][3]["seq"] = 99
    page = render_case_file_html(broken)
    assert "data:image/png" not in page and "생태도를 그리지 못했습니다" in page
    assert "record_order" in page


def test_ecomap_png_for_a_given_scenario(doc):
    png = ecomap_png(doc, get_scenario("self-harm-screening"), dpi=40)
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("key", "value", "lang", "words"),
    [
        ("granted", True, "ko", "예"),
        ("domains", ["medical", "safety"], "en", "medical and health, safety and protection"),
        ("agenda", {"ko": "역할 분담", "en": "roles"}, "en", "roles"),
        ("resource", "wee", "ko", "Wee센터"),
        ("reason", "just because", "ko", "just because"),
        ("resources", [], "ko", "-"),
    ],
)
def test_field_value(key, value, lang, words):
    from casekit.domain.text import Text

    assert field_value(key, value, {"wee": Text("Wee센터", "Wee center")}, lang) == words


def test_field_label():
    assert (field_label("window_days", "ko"), field_label("window_days", "en")) == (
        "대응 기간(일)",
        "window_days",
    )
