"""Malformed copies of the minimal scenario: every problem, exactly, at its line."""

from __future__ import annotations

NEEDS = (
    "needs: {economic: 3, medical: 0, psychological: 2, educational: 2, "
    "cultural: 1, welfare: 2, safety: 0, relational: 1}"
)
DOMAINS = "valid codes: economic, medical, psychological, educational, cultural, welfare, safety, relational"


def test_minimal_is_valid(problems):
    assert problems() == []


def test_missing_required_key_is_reported_at_the_parent(problems):
    assert problems(("  age: 13\n", "")) == ["minimal.yaml:11: student: missing required key 'age'"]


def test_misspelt_domain_code_suggests_the_closest(problems):
    assert problems(("domains: [economic, welfare]", "domains: [econmic, welfare]")) == [
        "minimal.yaml:56: resources[2].domains[0]: unknown need domain 'econmic' (did you mean "
        f"'economic'?); {DOMAINS}"
    ]


def test_unknown_code_without_a_close_match_lists_the_codes(problems):
    assert problems(("difficulty: introductory", "difficulty: hard")) == [
        "minimal.yaml:6: difficulty: unknown difficulty 'hard'; valid codes: introductory, intermediate, "
        "advanced"
    ]


def test_yaml_syntax_error(problems):
    assert problems(("  sex: female\n  age: 13", "  sex: female\n age: 13")) == [
        "minimal.yaml:15: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block mapping on line 2); check the indentation of this line and the one before"
    ]


def test_tab_indentation(problems):
    assert problems(("  grade: 1\n", "\tgrade: 1\n")) == [
        "minimal.yaml:18: YAML syntax error: found character '\\t' that cannot start any token "
        "(while scanning for the next token); indent with spaces, not tabs"
    ]


def test_duplicate_key(problems):
    assert problems(("  age: 13\n", "  age: 13\n  age: 14\n")) == [
        "minimal.yaml:16: student.age: duplicate key (first defined at line 15)"
    ]


def test_unknown_key_suggests_the_closest(problems):
    assert problems(("  age: 13\n", "  agee: 13\n")) == [
        "minimal.yaml:11: student: missing required key 'age'",
        "minimal.yaml:15: student.agee: unknown key (did you mean 'age'?)",
    ]


def test_unknown_key_without_a_close_match_lists_the_keys(problems):
    assert problems(("  conference_every_days: 14\n", "  conference_every_days: 14\n  budget: 3\n")) == [
        "minimal.yaml:44: operating_system.budget: unknown key; valid keys: team, partners, "
        "conference_every_days, supervisor, information_system"
    ]


def test_text_needs_both_languages(problems):
    assert problems(('title: {ko: "시험 사례", en: "Test case"}', 'title: {ko: "시험 사례"}')) == [
        "minimal.yaml:4: title: missing required key 'en'"
    ]
    assert problems(('title: {ko: "시험 사례", en: "Test case"}', 'title: {ko: "시험 사례", en: "  "}')) == [
        "minimal.yaml:4: title.en: text is empty"
    ]
    assert problems(('title: {ko: "시험 사례", en: "Test case"}', 'title: "Test case"')) == [
        "minimal.yaml:4: title: expected bilingual text {ko: ..., en: ...}, got 'Test case'"
    ]
    assert problems(
        ('title: {ko: "시험 사례", en: "Test case"}', 'title: {ko: "시험 사례", eng: "Test case"}')
    ) == [
        "minimal.yaml:4: title.eng: unknown key (did you mean 'en'?); bilingual text has only ko and en",
        "minimal.yaml:4: title: missing required key 'en'",
    ]


def test_bad_reference(problems):
    assert problems(("  source: homeroom", "  source: homeroon")) == [
        "minimal.yaml:29: referral.source: unknown referral source 'homeroon' (did you mean 'homeroom'?); "
        "use a resource id, 'self' or 'guardian'"
    ]


def test_references_to_resources_questions_and_household(problems):
    assert problems(
        ("partners: [wee]", "partners: [wee, police]"),
        ("target: mother", "target: mom"),
        ("    resource: wee\n", "    resource: wee-center\n"),
        ("questions: [family, money]", "questions: [family, mony]"),
        ("        resources: [welfare]", "        resources: [welfare, hospital]"),
        ("    resources: [welfare]\n  termination", "    resources: [welfre]\n  termination"),
    ) == [
        "minimal.yaml:42: operating_system.partners[1]: unknown resource 'police'; resources: homeroom, wee, "
        "welfare",
        "minimal.yaml:59: ties[0].target: unknown tie target 'mom'; "
        "use a household member id (mother) or a resource id (homeroom, wee, welfare)",
        "minimal.yaml:80: events[0].resource: unknown resource 'wee-center'; resources: homeroom, wee, "
        "welfare",
        "minimal.yaml:90: expert.intake.questions[1]: unknown interview question 'mony' (did you mean "
        "'money'?); "
        "interview ids: family, money",
        "minimal.yaml:105: expert.planning.goals[0].resources[1]: unknown resource 'hospital'; "
        "resources: homeroom, wee, welfare",
        "minimal.yaml:119: expert.crisis.resources[0]: unknown resource 'welfre' (did you mean 'welfare'?); "
        "resources: homeroom, wee, welfare",
    ]


def test_wrong_type(problems):
    assert problems(("  age: 13\n", "  age: thirteen\n")) == [
        "minimal.yaml:15: student.age: expected a whole number, got 'thirteen'"
    ]
    assert problems(("skills: [counselling, linking]", "skills: counselling")) == [
        "minimal.yaml:10: skills: expected a list, got 'counselling'"
    ]
    assert problems(("  standard_training: true", "  standard_training: 1")) == [
        "minimal.yaml:36: case_manager.standard_training: expected true or false, got 1"
    ]
    assert problems(("  id: s1", "  id: 1")) == [
        "minimal.yaml:12: student.id: expected an id (text of a-z, 0-9, '-' and '_'), got 1; put it in quotes"
    ]


def test_out_of_range_severity(problems):
    assert problems(
        (f"{NEEDS}\n  strengths", f"{NEEDS.replace('economic: 3', 'economic: 5')}\n  strengths")
    ) == ["minimal.yaml:62: truth.needs.economic: must be between 0 and 4, got 5"]


def test_needs_must_give_every_domain(problems):
    short = NEEDS.replace(", safety: 0, relational: 1", "")
    assert problems(
        (f"{NEEDS}\n  strengths", f"{short}\n  strengths"), (f"{NEEDS}\n  planning", f"{short}\n  planning")
    ) == [
        "minimal.yaml:62: truth.needs: missing need domains 'safety', 'relational'; "
        "give all 8 need domains a severity 0-4 (0 = none)",
        "minimal.yaml:96: expert.assessment.needs: missing need domains 'safety', 'relational'; "
        "give all 8 need domains a severity 0-4 (0 = none)",
    ]


def test_crises_must_match_crisis_events(problems):
    assert problems(("crises: [income_loss]", "crises: [bereavement]")) == [
        "minimal.yaml:9: crises: does not match the crisis events: add 'income_loss' (a crisis event has "
        "it); "
        "remove 'bereavement' (no crisis event has it)"
    ]


def test_event_fields_depend_on_kind(problems):
    assert problems(("    crisis: income_loss\n", "")) == [
        "minimal.yaml:82: events[1]: missing required key 'crisis' (kind is crisis)"
    ]
    assert problems(("    resource: wee\n", "    crisis: bereavement\n    response_window_days: 3\n")) == [
        "minimal.yaml:78: events[0]: missing required key 'resource' (kind is no_show)",
        "minimal.yaml:80: events[0].crisis: only allowed when kind is crisis",
        "minimal.yaml:81: events[0].response_window_days: only allowed when kind is crisis",
    ]


def test_not_opened_reason_rules(problems):
    assert problems(("  open_case: true\ninterview", "  open_case: false\ninterview")) == [
        "minimal.yaml:61: truth: missing required key 'not_opened_reason' (needed when open_case is false)"
    ]
    assert problems(
        ("  open_case: true\ninterview", "  open_case: true\n  not_opened_reason: transferred\ninterview")
    ) == ["minimal.yaml:67: truth.not_opened_reason: only allowed when open_case is false"]
    assert problems(
        ("  open_case: true\ninterview", "  open_case: false\n  not_opened_reason: declined\ninterview")
    ) == [
        "minimal.yaml:67: truth.not_opened_reason: unknown reason for not opening 'declined'; "
        "valid codes: transferred, not_eligible"
    ]


def test_required_expert_stages(problems):
    assert problems(("  planning:\n", "  plannin:\n"), ("  crisis:\n", "  crisis_:\n")) == [
        "minimal.yaml:87: expert: missing required key 'planning' (the case is opened: truth.open_case is "
        "true)",
        "minimal.yaml:87: expert: missing required key 'crisis' (events contain a crisis)",
        "minimal.yaml:97: expert.plannin: unknown key (did you mean 'planning'?)",
        "minimal.yaml:115: expert.crisis_: unknown key (did you mean 'crisis'?)",
    ]


def test_followup_days_increase(problems):
    assert problems(("followup_days: [30, 90]", "followup_days: [30, 30, 14]")) == [
        "minimal.yaml:125: expert.aftercare.followup_days[1]: must be greater than the day before it (30), "
        "got 30",
        "minimal.yaml:125: expert.aftercare.followup_days[2]: must be greater than the day before it (30), "
        "got 14",
    ]


def test_duplicate_ids(problems):
    assert problems(
        ("  - id: money\n", "  - id: family\n"), ("questions: [family, money]", "questions: [family]")
    ) == ["minimal.yaml:72: interview[1].id: duplicate id 'family' (first used at line 68)"]


def test_resource_without_type_needs_setting_sector_domains(problems):
    assert problems(("    type: wee_center\n", "")) == [
        "minimal.yaml:48: resources[1]: missing required key 'setting' (or give a 'type' to take it from)",
        "minimal.yaml:48: resources[1]: missing required key 'sector' (or give a 'type' to take it from)",
        "minimal.yaml:48: resources[1]: missing required key 'domains' (or give a 'type' to take it from)",
    ]


def test_grade_depends_on_school_level(problems):
    assert problems(("  grade: 1", "  grade: 5")) == [
        "minimal.yaml:18: student.grade: must be between 1 and 3 in middle school, got 5"
    ]


def test_schema_version_newer_than_casekit(problems):
    assert problems(("schema_version: 1", "schema_version: 3"), ("  age: 13\n", "")) == [
        "minimal.yaml:2: schema_version: version 3 is newer than this casekit reads (2); "
        "update casekit to use this file"
    ]


def test_file_name_must_match_id(problems):
    assert problems(("id: minimal", "id: other")) == [
        "minimal.yaml:3: id: 'other' does not match the file name 'minimal.yaml'; "
        "name the file 'other.yaml' or change the id"
    ]


def test_parameters_are_numbers_with_text_names(problems):
    assert problems(("  engagement_base: 0.6", "  engagement_base: high\n  on: 1")) == [
        "minimal.yaml:131: parameters.engagement_base: expected a number, got 'high'",
        "minimal.yaml:132: parameters: key 'on' is not text (YAML reads it as true); put it in quotes",
    ]


def test_every_problem_is_reported_at_once(problems):
    found = problems(
        ("  age: 13\n", "  age: 30\n"),
        ("difficulty: introductory", "difficulty: easy"),
        ("  licence: social_worker_1", "  licence: sw1"),
    )
    assert found == [
        "minimal.yaml:6: difficulty: unknown difficulty 'easy'; valid codes: introductory, intermediate, "
        "advanced",
        "minimal.yaml:15: student.age: must be between 5 and 24, got 30",
        "minimal.yaml:34: case_manager.licence: unknown licence 'sw1'; "
        "valid codes: none, social_worker_2, social_worker_1, school_social_worker",
    ]


def test_household_ids_and_resource_ids_are_distinct(problems):
    assert problems(("    - id: mother\n", "    - id: wee\n"), ("target: mother", "target: wee")) == [
        "minimal.yaml:22: student.household[0].id: id 'wee' is also a resource id; "
        "tie targets need distinct ids"
    ]


def test_resource_eligibility_age_range(problems):
    assert problems(("{categories: [single_parent, near_poor]}", "{min_age: 12, max_age: 9}")) == [
        "minimal.yaml:57: resources[2].eligibility.max_age: must be at least min_age (12), got 9"
    ]


def test_home_language_and_feedback_keys(problems):
    assert problems(
        ("  grade: 1\n", "  grade: 1\n  home_language: korean\n"),
        ("feedback:\n  intake:", "feedback:\n  intak:"),
    ) == [
        "minimal.yaml:19: student.home_language: invalid value 'korean': "
        "use a two-letter ISO 639-1 code such as 'ko' or 'vi'",
        "minimal.yaml:128: feedback.intak: unknown feedback stage 'intak' (did you mean 'intake'?); "
        "valid codes: intake, assessment, planning, service_provision, monitoring, reassessment, "
        "termination, aftercare, crisis",
    ]
