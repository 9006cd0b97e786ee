"""YAML with line numbers: plain values, the line of every field, problems instead of exceptions."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.scenarios.yamlnodes import INVALID, MAX_NODES, compose_document, decode, format_path


def lines_and_value(text: str):
    doc = compose_document(text, "t.yaml")
    assert doc.problems == []
    return doc.value, doc.lines


def messages(text: str) -> list[str]:
    return [str(p) for p in compose_document(text, "t.yaml").problems]


def test_scalars_resolve_as_yaml_says():
    value, _ = lines_and_value("i: 3\nf: 2.5\nb: true\nn: ~\ns: '3'\nd: 2024-03-01\nk: yes\n")
    assert value == {"i": 3, "f": 2.5, "b": True, "n": None, "s": "3", "d": date(2024, 3, 1), "k": True}


def test_lines_of_keys_items_and_root():
    text = "# comment\ntop:\n  inner: 1\n  list:\n    - a\n    -\n      k: v\nflow: [x, y]\n"
    value, lines = lines_and_value(text)
    assert value == {"top": {"inner": 1, "list": ["a", {"k": "v"}]}, "flow": ["x", "y"]}
    assert lines == {
        (): 2,
        ("top",): 2,
        ("top", "inner"): 3,
        ("top", "list"): 4,
        ("top", "list", 0): 5,
        ("top", "list", 1): 7,
        ("top", "list", 1, "k"): 7,
        ("flow",): 8,
        ("flow", 0): 8,
        ("flow", 1): 8,
    }


def test_line_falls_back_to_the_nearest_ancestor():
    doc = compose_document("a:\n  b: 1\n", "t.yaml")
    assert doc.line(("a", "missing", 3)) == 1
    assert doc.line(("a", "b")) == 2


def test_anchors_aliases_and_merge_keys():
    text = "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nagain: *b\n"
    value, lines = lines_and_value(text)
    assert value == {"base": {"x": 1, "y": 2}, "use": {"x": 1, "y": 3}, "again": {"x": 1, "y": 2}}
    assert lines[("use", "x")] == 1  # written at the anchor
    assert lines[("use", "y")] == 4  # overridden here
    assert lines[("use",)] == 2


def test_merge_of_a_list_of_mappings_prefers_the_first():
    value, _ = lines_and_value("a: &a {k: 1}\nb: &b {k: 2, j: 2}\nc:\n  <<: [*a, *b]\n")
    assert value["c"] == {"k": 1, "j": 2}


def test_duplicate_keys_are_problems():
    assert messages("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        "t.yaml:4: b.c: duplicate key (first defined at line 3)",
        "t.yaml:5: a: duplicate key (first defined at line 1)",
    ]


def test_keys_that_are_not_text():
    assert messages("a:\n  1: x\n  on: y\n  ~: z\n  [k]: w\n") == [
        "t.yaml:2: a: key '1' is not text (YAML reads it as 1); put it in quotes",
        "t.yaml:3: a: key 'on' is not text (YAML reads it as true); put it in quotes",
        "t.yaml:4: a: key '~' is not text (YAML reads it as null); put it in quotes",
        "t.yaml:5: a: keys must be plain text, not a mapping or a list",
    ]


def test_unreadable_scalars_and_tags():
    doc = compose_document(
        "a: 2024-13-01\nb: !thing x\nc: !!python/name:os.system x\nd: !tagged [1]\n", "t.yaml"
    )
    assert doc.value == {"a": INVALID, "b": INVALID, "c": INVALID, "d": INVALID}
    assert [str(p) for p in doc.problems] == [
        "t.yaml:1: a: cannot read '2024-13-01': month must be in 1..12",
        "t.yaml:2: b: cannot read 'x': could not determine a constructor for the tag '!thing'",
        "t.yaml:3: c: cannot read 'x': could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system'",
        "t.yaml:4: d: unsupported YAML tag '!tagged'",
    ]


def test_recursive_alias():
    assert messages("a: &x [1, *x]\n") == [
        "t.yaml:1: a[1]: an alias refers to the mapping or list that contains it"
    ]


def test_alias_bomb_is_refused():
    rows = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"]
    for prev, name in zip("abcdef", "bcdefg", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    assert messages("\n".join(rows) + "\n") == [
        f"t.yaml:1: document expands to more than {MAX_NODES} values (too many aliases)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "t.yaml:1: file is empty"),
        ("# nothing here\n\n", "t.yaml:1: file is empty"),
        (
            "a: [1, 2\n",
            "t.yaml:2: YAML syntax error: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence on line 1)",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "t.yaml:2: YAML syntax error: a second document starts here; a scenario file holds one",
        ),
        ("a: 1\nb: \x07\n", "t.yaml:2: YAML syntax error: character U+0007 is not allowed in YAML text"),
        (
            "a: 'open\n",
            "t.yaml:2: YAML syntax error: found unexpected end of stream "
            "(while scanning a quoted scalar on line 1)",
        ),
        ("[" * 3000, "t.yaml:1: YAML syntax error: the document is nested too deeply"),
    ],
)
def test_unreadable_documents(text, expected):
    doc = compose_document(text, "t.yaml")
    assert doc.value is None
    assert [str(p) for p in doc.problems] == [expected]


def test_decode_utf8_with_and_without_bom():
    assert decode("가: 1".encode(), "t.yaml") == ("가: 1", [])
    assert decode("\ufeff가: 1".encode(), "t.yaml") == ("가: 1", [])


def test_decode_names_the_line_of_the_bad_byte():
    text, problems = decode("a: 1\nb: 사례\n".encode("cp949"), "t.yaml")
    assert text is None
    assert [str(p) for p in problems] == [
        "t.yaml:2: file is not valid UTF-8 (byte 0xbb); save it as UTF-8, not CP949/EUC-KR"
    ]


def test_format_path():
    assert format_path(("resources", 3, "domains", 1)) == "resources[3].domains[1]"
    assert format_path((0, "a")) == "[0].a"
