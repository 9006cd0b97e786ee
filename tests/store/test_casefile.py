"""Case files on disk: the envelope, the checksum, atomic writing, and every kind of bad file."""

from __future__ import annotations

import copy
import hashlib
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.domain.errors import StoreError
from casekit.store.casefile import (
    FORMAT,
    REASONS,
    CaseFileError,
    canonical_json,
    content_checksum,
    dumps_case_file,
    loads_case_file,
    read_case_file,
    seal,
    validate_case_file,
    verify_checksum,
    write_case_file,
)

from ..mutations import COMMON


def minimal_doc() -> dict:
    """The smallest valid case-file content (two record entries, one crisis)."""
    return {
        "casekit_version": "0.1.0",
        "learner": "김하늘",
        "scenario": {
            "id": "demo",
            "title": {"ko": "연습 사례", "en": "Practice case"},
            "difficulty": "introductory",
        },
        "policy": "learner",
        "seed": 7,
        "closed_reason": None,
        "score": {"total": 41.5, "components": {"process": 50.0, "crisis": 33.0}},
        "stages": [{"stage": "intake", "day": 0}, {"stage": "assessment", "day": 2}],
        "stage_days": {"intake": 2, "assessment": 3},
        "crises": [
            {
                "id": "crisis-1",
                "type": "self_harm_risk",
                "day": 4,
                "intervened_day": None,
                "response_days": None,
                "window_days": 1,
            }
        ],
        "violations": [{"day": 1, "verb": "refer", "stage": "intake", "rule": "case_not_open"}],
        "needs_before": {"psychological": 3.0},
        "needs_after": {"psychological": 2.5},
        "record": [
            {
                "seq": 0,
                "stage": "intake",
                "day": 0,
                "author": "cm",
                "kind": "referral_received",
                "fields": {"source": "담임교사"},
                "note": "",
                "sensitive": False,
            },
            {
                "seq": 1,
                "stage": "assessment",
                "day": 4,
                "author": "world",
                "kind": "crisis",
                "fields": {"id": "crisis-1", "type": "self_harm_risk", "window_days": 1},
                "note": "",
                "sensitive": True,
            },
        ],
    }


def text_of(doc: dict) -> str:
    return dumps_case_file(doc)


def reason_of(data: bytes | str, name: str = "sub/a.case.json") -> CaseFileError:
    with pytest.raises(CaseFileError) as info:
        loads_case_file(data, name=name)
    return info.value


# -- the envelope and the checksum ------------------------------------------------------------


def test_canonical_json_is_sorted_compact_and_keeps_hangul():
    assert (
        canonical_json({"b": [1, 2.5], "a": {"d": None, "c": "사례"}})
        == '{"a":{"c":"사례","d":null},"b":[1,2.5]}'
    )


def test_checksum_is_sha256_of_the_canonical_content_without_the_checksum():
    doc = seal({"a": 1})
    expected = hashlib.sha256(b'{"a":1,"format":"casekit.casefile","schema_version":1}').hexdigest()
    assert doc == {"format": FORMAT, "schema_version": 1, "a": 1, "checksum": f"sha256:{expected}"}
    assert content_checksum(doc) == doc["checksum"]


def test_seal_orders_the_envelope_and_replaces_an_old_checksum():
    doc = seal({"checksum": "sha256:old", "learner": "a", "schema_version": 9, "seed": 1})
    assert list(doc) == ["format", "schema_version", "learner", "seed", "checksum"]
    assert doc["schema_version"] == 1 and verify_checksum(doc)
    assert seal(doc) == doc


def test_seal_refuses_what_json_cannot_hold():
    with pytest.raises(StoreError, match="cannot be written as JSON"):
        seal({"seed": float("nan")})
    with pytest.raises(StoreError):
        seal({"learner": {1, 2}})


def test_dumps_is_pretty_deterministic_and_utf8():
    doc = minimal_doc()
    text = dumps_case_file(doc)
    assert text == dumps_case_file(copy.deepcopy(doc))
    assert text.endswith("}\n") and text.startswith(
        '{\n  "format": "casekit.casefile",\n  "schema_version": 1,'
    )
    assert '"learner": "김하늘"' in text
    assert text.rstrip().splitlines()[-2].startswith('  "checksum": "sha256:')


def test_reindenting_keeps_a_file_valid():
    doc = json.loads(dumps_case_file(minimal_doc()))
    assert loads_case_file(json.dumps(doc, indent=4, ensure_ascii=True)) == doc


def test_a_bom_is_tolerated():
    data = b"\xef\xbb\xbf" + dumps_case_file(minimal_doc()).encode("utf-8")
    assert loads_case_file(data)["learner"] == "김하늘"


# -- writing ----------------------------------------------------------------------------------


def test_write_and_read_round_trip(tmp_path):
    path = write_case_file(minimal_doc(), tmp_path / "a.case.json")
    assert path == tmp_path / "a.case.json"
    assert path.read_bytes() == dumps_case_file(minimal_doc()).encode("utf-8")
    assert read_case_file(path) == seal(minimal_doc())
    assert [p.name for p in tmp_path.iterdir()] == ["a.case.json"]


def test_written_file_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        path = write_case_file(minimal_doc(), tmp_path / "a.case.json")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = write_case_file(minimal_doc(), tmp_path / "a.case.json")
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("casekit.store.casefile.os.replace", broken_replace)
    changed = minimal_doc() | {"learner": "다른 이름"}
    with pytest.raises(OSError, match="disk full"):
        write_case_file(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.case.json"]


# -- every kind of bad file -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00\x01garbage\x80", b"hello world", b'{"format": x}', b"<html><body>hi</body></html>"],
    ids=["binary", "text", "broken-json", "html"],
)
def test_malformed(data):
    err = reason_of(data)
    assert err.reason == "malformed"
    assert str(err).startswith("sub/a.case.json: ")


def test_truncated_at_every_position():
    text = text_of(minimal_doc()).rstrip()
    reasons = {loads_error(text[:k]) for k in range(len(text))}
    assert reasons == {"truncated"}


def loads_error(text: str) -> str:
    try:
        loads_case_file(text)
    except CaseFileError as exc:
        return exc.reason
    return "ok"


def test_empty_file_is_truncated():
    err = reason_of(b"")
    assert (err.reason, err.message) == ("truncated", "the file is empty")


@pytest.mark.parametrize(
    "data",
    [
        "[1, 2]",
        '"a string"',
        "42",
        '{"nbformat": 4, "cells": []}',
        '{"format": "casekit.other", "schema_version": 1}',
    ],
)
def test_foreign(data):
    err = reason_of(data)
    assert (err.reason, err.field) == ("foreign", "format")


def test_tampered_when_a_value_changes():
    text = text_of(minimal_doc()).replace('"total": 41.5', '"total": 99.5')
    err = reason_of(text)
    assert (err.reason, err.field) == ("tampered", "checksum")
    assert str(err) == (
        "sub/a.case.json: checksum: does not match the content: the file was changed after it was exported"
    )


def test_tampered_when_the_checksum_changes():
    doc = seal(minimal_doc())
    doc["checksum"] = "sha256:" + "0" * 64
    assert reason_of(json.dumps(doc)).reason == "tampered"


@pytest.mark.parametrize("version", [0, 2, 99])
def test_unsupported_version(version):
    doc = seal(minimal_doc()) | {"schema_version": version}
    err = reason_of(json.dumps(doc))
    assert (err.reason, err.field) == ("unsupported_version", "schema_version")
    assert f"version {version} cannot be read" in err.message


def _edited(edit) -> str:
    doc = minimal_doc()
    edit(doc)
    return dumps_case_file(doc)  # sealed again, so only the shape is wrong


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (lambda d: d.pop("learner"), "learner", "is missing"),
        (lambda d: d.update(seed="7"), "seed", "must be a whole number"),
        (lambda d: d.update(seed=True), "seed", "must be a whole number"),
        (lambda d: d["scenario"]["title"].pop("en"), "scenario.title.en", "is missing"),
        (lambda d: d["record"][1].update(day="4"), "record[1].day", "must be a whole number"),
        (lambda d: d["record"][0].update(kind="diary"), "record[0].kind", "must be a record kind code"),
        (lambda d: d["stages"][1].update(stage="phase2"), "stages[1].stage", "must be a stage code"),
        (
            lambda d: d["score"]["components"].update(process="high"),
            "score.components.process",
            "must be a number",
        ),
        (lambda d: d["crises"].append(3), "crises[1]", "must be an object"),
        (lambda d: d.update(feedback=[{"stage": "intake", "good": []}]), "feedback[0].missing", "is missing"),
        (lambda d: d.update(closed_reason=5), "closed_reason", "must be text or null"),
    ],
)
def test_invalid_names_the_field(edit, field, words):
    err = reason_of(_edited(edit))
    assert (err.reason, err.field) == ("invalid", field)
    assert str(err).startswith(f"sub/a.case.json: {field}: {words}")


def test_a_missing_or_odd_checksum_or_version_is_invalid():
    doc = seal(minimal_doc())
    assert reason_of(json.dumps({k: v for k, v in doc.items() if k != "checksum"})).field == "checksum"
    err = reason_of(json.dumps(doc | {"schema_version": "1"}))
    assert (err.reason, err.field) == ("invalid", "schema_version")


def test_validate_accepts_the_minimal_doc():
    validate_case_file(minimal_doc())


def test_read_names_the_file_as_given_or_as_told(tmp_path):
    path = tmp_path / "x.case.json"
    path.write_text("nope", encoding="utf-8")
    with pytest.raises(CaseFileError) as info:
        read_case_file(path, name="student/hw1/x.case.json")
    assert str(info.value).startswith("student/hw1/x.case.json: ")
    with pytest.raises(CaseFileError) as info:
        read_case_file(path)
    assert str(info.value).startswith(str(path))


def test_error_is_a_store_error_with_a_known_reason():
    err = reason_of("[]")
    assert isinstance(err, StoreError) and err.reason in REASONS
    with pytest.raises(ValueError, match="unknown case-file problem"):
        CaseFileError("lost", "a", "", "x")


mutations = st.lists(
    st.tuples(st.sampled_from(COMMON), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    min_size=1,
    max_size=3,
)


@given(mutations)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_damaged_file_crashes_the_reader(steps):
    data = dumps_case_file(minimal_doc()).encode("utf-8")
    for mutate, i, junk in steps:
        data = mutate(data, i, junk)
    try:
        doc = loads_case_file(data)
    except CaseFileError as exc:
        assert exc.reason in REASONS
    else:
        assert verify_checksum(doc)
