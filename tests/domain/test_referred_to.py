"""The decision not to open a case may name the agency it goes to; the id must be real."""

from __future__ import annotations

import pytest

from casekit.domain import CaseError
from casekit.scenarios import get_scenario


def _ready():
    return get_scenario("family-needs-hope-team").new_case()


def test_not_opened_with_a_known_agency_is_kept_in_the_state():
    case = _ready()
    case.decide_to_open(False, "transferred", referred_to="hope_team")
    assert case.state.opened is False
    assert case.state.referred_to == "hope_team"


def test_not_opened_with_an_unknown_agency_is_refused_and_changes_nothing():
    case = _ready()
    before = case.record
    with pytest.raises(CaseError) as info:
        case.decide_to_open(False, "transferred", referred_to="nowhere")
    assert info.value.rule == "known_resource"
    assert case.record == before and case.state.opened is None
