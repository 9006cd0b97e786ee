"""describe_entry: one readable line per record entry, in Korean or English."""

from __future__ import annotations

import pytest

from casekit.domain.describe import describe_entry
from casekit.domain.records import RecordEntry, RecordKind
from casekit.domain.vocabulary import Stage


def entry(kind, fields, note="", stage=Stage.SERVICE_PROVISION):
    return RecordEntry(1, stage, 12, "cm", kind, fields, note)


NAMES = {"wee": "솔빛초 Wee클래스", "tutor": "학습 멘토링"}


@pytest.mark.parametrize(
    ("kind", "fields", "ko", "en"),
    [
        (RecordKind.SERVICE_STATUS, {"resource": "wee", "status": "rejected", "reason": "not eligible"},
         "서비스 상태: 솔빛초 Wee클래스 → 거절됨 (이용 자격이 맞지 않음)", None),
        (RecordKind.LINK, {"resource": "tutor", "goal": "edu", "emergency": True, "client_agreed": True},
         "자원 연계·의뢰: 학습 멘토링 · 목표 edu · 긴급", None),
        (RecordKind.ELIGIBILITY, {"open": False, "reason": "transferred", "referred_to": "wee"},
         None, "decision to open the case: not opened · transferred or referred elsewhere · referred to: 솔빛초 Wee클래스"),
        (RecordKind.MONITORING, {"progress": {"edu": 40, "eco": 0}}, "점검 기록: edu 40%, eco 0%", "monitoring check: edu 40%, eco 0%"),
        (RecordKind.CRISIS, {"id": "crisis-1", "type": "self_harm_risk", "window_days": 0,
                             "description": {"ko": "자해 흔적", "en": "signs of self-harm"}},
         "위기 발생: 자해·자살 위험 (crisis-1) · 대응 기간 0일 · 자해 흔적",
         "crisis: risk of self-harm or suicide (crisis-1) · response window 0 days · signs of self-harm"),
        (RecordKind.CASE_END, {}, "사례 종료", "case ended"),
    ],
)
def test_each_kind_reads_as_a_sentence(kind, fields, ko, en):
    e = entry(kind, fields)
    if ko is not None:
        assert describe_entry(e, "ko", NAMES) == ko
    if en is not None:
        assert describe_entry(e, "en", NAMES) == en


def test_a_note_follows_the_entry_and_unknown_ids_show_as_they_are():
    e = entry(RecordKind.DIRECT_PRACTICE, {"skill": "counselling", "resource": "elsewhere"}, note="주 1회")
    assert describe_entry(e) == "직접실천: 상담·치료 · elsewhere — 주 1회"
