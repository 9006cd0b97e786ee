"""No malformed scenario file crashes the loader with anything but ScenarioError.

Random mutations of the minimal scenario: delete a line, swap two characters, truncate,
insert junk bytes, duplicate a line, change indentation.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.domain import Problem, ScenarioError
from casekit.scenarios import Scenario, loads_scenario, validate_paths

from ..mutations import COMMON

MINIMAL = (Path(__file__).resolve().parent / "fixtures" / "minimal.yaml").read_bytes()


def _dedent_line(data: bytes, i: int, _: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        k = i % len(lines)
        lines[k] = lines[k][1:] if lines[k].startswith(b" ") else b"  " + lines[k]
    return b"".join(lines)


MUTATIONS = (*COMMON, _dedent_line)

JUNK = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from(
        [b":", b"- ", b"\t", b"{", b"]", b"&a ", b"*a", b"<<: ", b"!!int ", b"\n  x: 1\n", b"'", b"~"]
    ),
    st.text(max_size=4).map(lambda t: t.encode("utf-8")),
)

mutations = st.lists(
    st.tuples(st.sampled_from(MUTATIONS), st.integers(min_value=0, max_value=10**6), JUNK),
    min_size=1,
    max_size=4,
)


def mutate(steps) -> bytes:
    data = MINIMAL
    for fn, i, junk in steps:
        data = fn(data, i, junk)
    return data


@settings(max_examples=300, deadline=None)
@given(mutations)
def test_loads_scenario_raises_only_scenario_error(steps):
    data = mutate(steps)
    try:
        result = loads_scenario(data, "minimal.yaml")
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError must carry at least one problem"
        assert all(isinstance(p, Problem) and p.file == "minimal.yaml" for p in exc.problems)
        assert all(p.line is None or 1 <= p.line <= data.count(b"\n") + 2 for p in exc.problems)
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_validate_paths_never_raises(steps):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "minimal.yaml"
        path.write_bytes(mutate(steps))
        found = validate_paths([path, Path(tmp)])
    assert all(isinstance(p, Problem) for p in found)
    assert len(found) % 2 == 0  # the file is read twice: once by name, once in its directory


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_raises_only_scenario_error(text):
    try:
        loads_scenario(text, "any.yaml")
    except ScenarioError as exc:
        assert exc.problems
