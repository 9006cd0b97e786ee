"""Named synthetic districts and ``NAME=VALUE`` overrides of :class:`SynthParams`.

``casekit network synth`` takes ``--preset NAME`` (a whole :class:`SynthParams`, e.g. a rural
district with few agencies) and any number of ``--param NAME=VALUE`` (one field changed on
top of it). :func:`synth_params` does both; the bundled districts in ``data/networks/`` are
made this way and their data card quotes the exact commands.

Values are written by the field's type (no Python syntax needed):

================================  ==========================================  ===============================
field type                        write                                       example
================================  ==========================================  ===============================
whole number / number             ``NAME=200`` / ``NAME=0.25``                ``clients_per_manager=200``
list of numbers                   comma-separated                             ``severity_probs=0.4,0.4,0.2``
``district``                      ``ko,en``                                   ``district=여울,Yeoul``
``need_weights``                  ``domain:weight,...`` (others kept)         ``need_weights=safety:0.05``
``strength_probs``                ``relation:strong/moderate/tenuous,...``    ``strength_probs=link:.3/.5/.2``
================================  ==========================================  ===============================

``in_school`` and ``district_resources`` (lists of :class:`ResourceSpec`) are set by a
preset or from Python, not on the command line.

Examples
--------
>>> p = synth_params("urban", ["clients_per_school=100", "need_weights=safety:0.05"])
>>> p.clients_per_school, p.clients_per_manager, dict(p.need_weights)["safety"]
(100, 200, 0.05)
>>> synth_params(None, ["clients_per_manger=50"])
Traceback (most recent call last):
...
casekit.domain.errors.CasekitError: --param clients_per_manger=50: unknown parameter 'clients_per_manger' (did you mean 'clients_per_manager'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from ..domain.errors import CasekitError
from ..domain.text import Text
from .synth_params import IN_SCHOOL_RESOURCES, ResourceSpec, SynthParams

__all__ = ["SynthPreset", "PRESETS", "RURAL_RESOURCES", "parse_param", "synth_params", "settable_params"]

_S = ResourceSpec


@dataclass(frozen=True)
class SynthPreset:
    """A named district: its parameters and what it stands for (Korean and English)."""

    name: str
    description: Text
    params: SynthParams


#: The agencies of a small rural county (군) district (?): one of most public offices, at the
#: county seat and far from the villages, with few places (waiting lists form once a
#: population run fills them); no hospital (the public health center serves medical needs),
#: no Hana center; an administrative welfare center for about every second school, each
#: with its village group.
RURAL_RESOURCES: tuple[ResourceSpec, ...] = (
    _S("wee_center", 0.0, 120, 2.0),
    _S("youth_counselling_center", 0.0, 60, 1.5),
    _S("mental_health_center", 0.0, 30, 1.5),
    _S("administrative_welfare_center", 0.67, None, 2.5, per_dong=True),
    _S("hope_welfare_team", 0.0, 60, 2.0, label=("희망복지지원단", "Hope Welfare Support Team")),
    _S("local_childrens_center", 0.67, 29, 2.0, anchor="school"),
    _S("dream_start", 0.0, 60, 1.5, elementary_only=True),
    _S("child_protection_agency", 0.0, 20, 0.5),
    _S("public_health_center", 0.0, None, 2.5),
    _S("police", 0.0, None, 1.0, label=("파출소", "police box")),
    _S("multicultural_family_center", 0.0, 40, 1.0, label=("가족센터", "family center")),
    _S("volunteer", 0.0, 20, 0.5, label=("자원봉사단", "volunteer group"), anchor="manager"),
    _S("religious_group", 0.0, None, 1.0, anchor="manager"),
    _S(
        "neighbour",
        0.67,
        None,
        1.5,
        label=("마을 모임", "village group"),
        per_dong=True,
        anchor="administrative_welfare_center",
    ),
)

#: The named districts of ``casekit network synth --preset``.
PRESETS: dict[str, SynthPreset] = {
    "urban": SynthPreset(
        "urban",
        Text(
            "도시 학군: 학교당 학생 200명, 학교마다 교육복지사 1명 (2,400명이면 12개 학교, 자원 60개)",
            "urban district: 200 students per school, one school social worker per school "
            "(2,400 students: 12 schools, 60 resources)",
        ),
        SynthParams(clients_per_school=200, clients_per_manager=200, clients_per_resource=40),
    ),
    "rural": SynthPreset(
        "rural",
        Text(
            "농촌 학군: 작은 학교 (학교당 100명), 기관은 군청 소재지에 하나씩, 정원이 적고 멀어 학교 안 자원에 더 기댐",
            "rural district: small schools (100 students each); one of each agency at the county seat, "
            "with few places and far away, so students lean on in-school resources",
        ),
        SynthParams(
            district=("여울", "Yeoul"),
            clients_per_school=100,
            clients_per_manager=100,
            clients_per_resource=40,
            in_school_share=0.7,
            informal_tie_rate=0.4,
            coordination_out=4,
            collaborations_per_agency=1.5,
            referrals_per_in_school=1.0,
            referrals_per_agency=1.5,
            in_school=IN_SCHOOL_RESOURCES,
            district_resources=RURAL_RESOURCES,
        ),
    ),
}

_SPEC_FIELDS = ("in_school", "district_resources")


def settable_params() -> tuple[str, ...]:
    """The :class:`SynthParams` fields ``--param`` can set (all but the resource lists)."""
    return tuple(f.name for f in fields(SynthParams) if f.name not in _SPEC_FIELDS)


def _number(text: str, whole: bool) -> int | float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if whole:
        if value != int(value):
            raise ValueError(f"{text!r} is not a whole number")
        return int(value)
    return value


def _parse_value(name: str, text: str, current: Any) -> Any:
    """``text`` as a value of field ``name``, shaped like ``current`` (its value now)."""
    items = [t.strip() for t in text.split(",") if t.strip()]
    if isinstance(current, bool):
        raise ValueError("not settable")
    if isinstance(current, (int, float)):
        return _number(text.strip(), isinstance(current, int))
    if name == "district":
        if len(items) != 2:
            raise ValueError("give the Korean and the English name, e.g. 여울,Yeoul")
        return (items[0], items[1])
    if current and isinstance(current[0], tuple):  # (key, value) pairs: change the keys given
        merged = dict(current)
        for item in items:
            key, sep, rest = item.partition(":")
            key = key.strip()
            if not sep or key not in merged:
                raise ValueError(f"{key!r} is not one of {', '.join(merged)}{_did_you_mean(key, merged)}")
            old = merged[key]
            if isinstance(old, tuple):
                parts = [p for p in rest.split("/") if p.strip()]
                if len(parts) != len(old):
                    raise ValueError(f"{key} needs {len(old)} numbers separated by '/'")
                merged[key] = tuple(_number(p.strip(), False) for p in parts)
            else:
                merged[key] = _number(rest.strip(), False)
        return tuple(merged.items())
    whole = bool(current) and all(isinstance(x, int) for x in current)
    return tuple(_number(t, whole) for t in items)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_param(assignment: str, base: SynthParams | None = None) -> tuple[str, Any]:
    """Read one ``NAME=VALUE`` into ``(name, value)`` for :func:`dataclasses.replace` on ``base``.

    Raises
    ------
    CasekitError
        An unknown name (with the closest field), a resource list, or a value that does not
        fit the field; the message starts with ``--param NAME=VALUE:``.

    Examples
    --------
    >>> parse_param("severity_probs=0.4,0.4,0.2")
    ('severity_probs', (0.4, 0.4, 0.2))
    >>> parse_param("strength_probs=link:0.3/0.5/0.2")[1][1]
    ('link', (0.3, 0.5, 0.2))
    """
    base = base or SynthParams()
    where = f"--param {assignment}"
    name, sep, text = assignment.partition("=")
    name = name.strip()
    if not sep or not name:
        raise CasekitError(f"{where}: expected NAME=VALUE, e.g. clients_per_manager=200")
    if name in _SPEC_FIELDS:
        raise CasekitError(
            f"{where}: {name} is a list of resource kinds; choose it with --preset or in Python"
        )
    if name not in settable_params():
        raise CasekitError(f"{where}: unknown parameter {name!r}{_did_you_mean(name, settable_params())}")
    try:
        return name, _parse_value(name, text, getattr(base, name))
    except ValueError as exc:
        raise CasekitError(f"{where}: {exc}") from None


def synth_params(preset: str | None = None, params: Iterable[str] = ()) -> SynthParams:
    """The :class:`SynthParams` of a preset (``None``: the defaults) with ``NAME=VALUE`` changes.

    Changes apply in order, each on top of the ones before; the result is checked as a whole
    (:class:`CasekitError` naming the rule broken, e.g. probabilities that do not sum to 1).
    """
    if preset is None:
        base = SynthParams()
    elif preset in PRESETS:
        base = PRESETS[preset].params
    else:
        raise CasekitError(
            f"synthetic district: unknown preset {preset!r}{_did_you_mean(preset, PRESETS)}; "
            f"use {', '.join(PRESETS)}"
        )
    for assignment in params:
        name, value = parse_param(assignment, base)
        base = replace(base, **{name: value})
    return base
