"""The field specs on their own: what they accept, what they convert to, what they say."""

from __future__ import annotations

import math

import pytest

from casekit.domain import NeedDomain, Skill, Text
from casekit.scenarios.checker import Checker, describe, suggest
from casekit.scenarios.schema import (
    Bool,
    Code,
    Id,
    Int,
    ListOf,
    MapOf,
    Number,
    Record,
    Str,
    TextSpec,
    opt,
    req,
)
from casekit.scenarios.yamlnodes import INVALID


def run(spec, value, path=("f",)):
    checker = Checker("s.yaml", {path: 7})
    result = spec.convert(value, path, checker)
    return result, [str(p) for p in checker.problems]


def test_text():
    assert run(TextSpec(), {"ko": " 사정 ", "en": "assessment"}) == (Text("사정", "assessment"), [])
    assert run(TextSpec(), {"ko": "사정", "en": ""}) == (INVALID, ["s.yaml:7: f.en: text is empty"])
    assert run(TextSpec(), {"en": 2024, "ko": "연도"}) == (
        INVALID,
        ["s.yaml:7: f.en: expected text, got 2024; put it in quotes"],
    )
    assert run(TextSpec(), None) == (
        INVALID,
        ["s.yaml:7: f: expected bilingual text {ko: ..., en: ...}, got nothing"],
    )


def test_code():
    assert run(Code(Skill, "skill"), "linking") == (Skill.LINKING, [])
    assert run(Code(["a", "b"], "letter"), "b") == ("b", [])
    assert run(Code(Skill, "skill", only=("linking", "advocacy")), "counselling") == (
        INVALID,
        ["s.yaml:7: f: unknown skill 'counselling'; valid codes: linking, advocacy"],
    )
    assert run(Code(NeedDomain, "need domain"), 3)[1] == [
        "s.yaml:7: f: expected a need domain code, got 3; valid codes: economic, medical, psychological, "
        "educational, cultural, welfare, safety, relational"
    ]


def test_int_rejects_bools_floats_and_out_of_range():
    assert run(Int(0, 4), 4) == (4, [])
    assert run(Int(0, 4), True) == (INVALID, ["s.yaml:7: f: expected a whole number, got true"])
    assert run(Int(0, 4), 2.0) == (INVALID, ["s.yaml:7: f: expected a whole number, got 2.0"])
    assert run(Int(0, 4), -1) == (INVALID, ["s.yaml:7: f: must be between 0 and 4, got -1"])
    assert run(Int(1), 0) == (INVALID, ["s.yaml:7: f: must be at least 1, got 0"])


def test_number():
    assert run(Number(0), 3) == (3.0, [])
    assert run(Number(0), -0.5) == (INVALID, ["s.yaml:7: f: must be at least 0, got -0.5"])
    assert run(Number(), math.inf) == (INVALID, ["s.yaml:7: f: must be a finite number, got inf"])
    assert run(Number(), "1") == (INVALID, ["s.yaml:7: f: expected a number, got '1'"])


def test_bool_str_id():
    assert run(Bool(), "no way") == (INVALID, ["s.yaml:7: f: expected true or false, got 'no way'"])
    assert run(Str(r"^[a-z]{2}$", "use two letters"), "kor") == (
        INVALID,
        ["s.yaml:7: f: invalid value 'kor': use two letters"],
    )
    assert run(Id(), "wee_center-2") == ("wee_center-2", [])
    assert run(Id(), "Wee Center") == (
        INVALID,
        ["s.yaml:7: f: invalid id 'Wee Center': use 1-64 characters of a-z, 0-9, '-' and '_'"],
    )


def test_list_min_items_and_unique():
    spec = ListOf(Code(Skill, "skill"), min_items=1, unique=True)
    assert run(spec, []) == ((), ["s.yaml:7: f: needs at least 1 item, got 0"])
    assert run(spec, ["linking", "linking"]) == (
        (Skill.LINKING, Skill.LINKING),
        ["s.yaml:7: f[1]: 'linking' is listed twice"],
    )


def test_map_of_complete_keeps_vocabulary_order():
    spec = MapOf(
        Code(NeedDomain, "need domain"), Int(0, 4), complete=("economic", "safety"), what="need domain"
    )
    result, problems = run(spec, {"safety": 1, "economic": 2})
    assert problems == [] and list(result.items()) == [(NeedDomain.ECONOMIC, 2), (NeedDomain.SAFETY, 1)]
    assert run(spec, {"safety": 1}) == (
        INVALID,
        ["s.yaml:7: f: missing need domain 'economic'; give all 2 need domains"],
    )


def test_record_defaults_missing_and_unknown():
    spec = Record({"a": req(Int()), "b": opt(Bool(), False), "c": opt(Int())})
    assert run(spec, {"a": 1}) == ({"a": 1, "b": False, "c": None}, [])
    assert run(spec, {"b": True, "x": 1, "cc": 2}) == (
        {"a": INVALID, "b": True, "c": None},
        [
            "s.yaml:7: f.x: unknown key; valid keys: a, b, c",
            "s.yaml:7: f.cc: unknown key (did you mean 'c'?)",
            "s.yaml:7: f: missing required key 'a'",
        ],
    )


def test_invalid_values_are_not_reported_twice():
    for spec in (
        TextSpec(),
        Code(Skill, "skill"),
        Int(),
        Number(),
        Bool(),
        Str(),
        Id(),
        ListOf(Int()),
        MapOf(Str(), Int()),
    ):
        assert run(spec, INVALID) == (INVALID, [])


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "nothing"), (False, "false"), ("x", "'x'"), (1.5, "1.5"), ([1], "a list"), ({}, "a mapping")],
)
def test_describe(value, shown):
    assert describe(value) == shown


def test_suggest():
    assert suggest("econmic", NeedDomain.codes()) == " (did you mean 'economic'?)"
    assert suggest("zzz", NeedDomain.codes()) == ""
