"""A synthetic school district: students, school social workers and the resources around them.

:func:`synth_district` builds a whole district as a :class:`~casekit.network.model.ResourceNetwork`
for teaching and research at scale; every school, person and agency in it is invented
(DOMAIN.md §7: bundled data is synthetic). The shape follows DOMAIN.md §4: each school has
in-school resources (homeroom teachers, Wee class, health teacher, case-management team,
after-school programme) and one or more school social workers as case managers; the district
has public, private and informal resources outside school. Popularity is skewed (Zipf within
each kind of resource), capacities are finite, and some needs are left unmet on purpose, as in
real districts. All numbers are in :class:`~casekit.network.synth_params.SynthParams`.

Everything random is drawn from one ``numpy.random.Generator`` made from ``seed``, in a fixed
order, so the same arguments always give the same network.

Examples
--------
>>> net = synth_district(200, seed=1)
>>> len(net.clients()), len(net.case_managers())
(200, 2)
>>> sorted({net.node(c)["school"] for c in net.clients()})
['s001']
>>> net.node("r0001")["type"], net.node("r0001")["name"]
('homeroom_teacher', '새빛초등학교 담임교사')
>>> all(len(net.neighbours(c, "relationship")) == 1 for c in net.clients())
True
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ..domain.errors import CasekitError
from ..domain.vocabulary import Flow, NeedDomain, Relation, TieStrength
from .model import ResourceNetwork
from .synth_names import dong_name, person_names, school_level, school_name
from .synth_params import DISTRICT_RESOURCES, IN_SCHOOL_RESOURCES, ResourceSpec, SynthParams
from .synth_ties import DOMAINS, INFORMAL, DistrictResources, link_clients, org_ties

__all__ = ["synth_district", "SynthParams", "ResourceSpec", "IN_SCHOOL_RESOURCES", "DISTRICT_RESOURCES"]

_ND = len(DOMAINS)
_STRENGTHS = (TieStrength.STRONG, TieStrength.MODERATE, TieStrength.TENUOUS)
# members rather than codes: the network checks them faster
_FLOW = {
    "relationship": Flow.BOTH,
    "link": Flow.TO_SOURCE,  # services flow from the resource (target) to the client (source)
    "informal": Flow.BOTH,
    "coordination": Flow.BOTH,
    "collaboration": Flow.BOTH,
    "referral": Flow.TO_TARGET,
}


class _Row(NamedTuple):
    """One resource while the district is drawn."""

    spec: ResourceSpec
    school: int  # -1 outside school
    popularity: float
    ko: str
    en: str
    area: int = -1  # the dong of a per-dong resource
    areas: int = 0  # how many dongs its kind divides the district into


_GRADES = {"elementary": (6, 6), "middle": (3, 12), "high": (3, 15)}  # (grades, age of grade 0)


def synth_district(
    clients: int, seed: int | np.random.Generator | None = 0, *, params: SynthParams | None = None
) -> ResourceNetwork:
    """A synthetic school district with ``clients`` students in case management.

    Parameters
    ----------
    clients
        Number of clients (students); at least 1.
    seed
        Seed or generator for ``numpy.random.default_rng``; the same arguments give the same
        network.
    params
        The numbers behind the district; :class:`SynthParams` defaults when ``None``.

    Returns
    -------
    ResourceNetwork
        Resources ``r0001 ...`` (attributes ``type``, ``name``, ``name_en``, ``school`` for
        in-school ones), case managers ``cm001 ...`` and clients ``c00001 ...`` (``school``,
        ``grade``, ``age``, needs); ties of every relation. A ``link`` tie names the need
        domains it serves in ``need``.

    Examples
    --------
    >>> a, b = synth_district(400, seed=7), synth_district(400, seed=7)
    >>> list(a.ties()) == list(b.ties())
    True
    >>> len(a.clients()), a.n_nodes > 400, a.n_ties > 1000
    (400, True, True)
    """
    if isinstance(clients, bool) or not isinstance(clients, (int, np.integer)) or clients < 1:
        raise CasekitError(f"synthetic district: clients must be a whole number >= 1, got {clients!r}")
    p = params or SynthParams()
    rng = np.random.default_rng(seed)
    n = int(clients)
    n_schools = math.ceil(n / p.clients_per_school)
    sizes = _school_sizes(rng, n, n_schools, p)
    client_school = np.repeat(np.arange(n_schools), sizes)
    mgr_school = np.repeat(np.arange(n_schools), _managers_per_school(sizes, n, p))
    res = _resources(rng, n, n_schools, p)
    sev = _needs(rng, n, p)
    link_pairs, link_needs = link_clients(rng, client_school, sev, res, p)
    return _assemble(rng, p, sizes, client_school, mgr_school, res, sev, link_pairs, link_needs)


def _school_sizes(rng: np.random.Generator, n: int, n_schools: int, p: SynthParams) -> np.ndarray:
    """Clients per school: at least one each, the rest spread by lognormal school weights."""
    weights = rng.lognormal(0.0, p.school_size_sigma, n_schools)
    return rng.multinomial(n - n_schools, weights / weights.sum()) + 1


def _managers_per_school(sizes: np.ndarray, n: int, p: SynthParams) -> np.ndarray:
    """At least one per school; the rest in proportion to school size (largest remainder)."""
    extra = max(0, round(n / p.clients_per_manager) - sizes.size)
    quota = sizes / sizes.sum() * extra
    out = np.floor(quota).astype(int)
    short = extra - int(out.sum())
    out[np.argsort(-(quota - out), kind="stable")[:short]] += 1
    return out + 1


def _resources(rng: np.random.Generator, n: int, n_schools: int, p: SynthParams) -> DistrictResources:
    """District agencies by their per-school rates; the rest of the budget inside schools."""
    budget = max(1, round(n / p.clients_per_resource))
    counts = [spec.count(n_schools) for spec in p.district_resources]
    per_school = (budget - sum(counts)) // n_schools
    k = min(len(p.in_school), max(p.min_in_school, per_school, 1))
    extras = budget - sum(counts) - k * n_schools if per_school >= k and k < len(p.in_school) else 0
    lucky = np.zeros(n_schools, bool)
    lucky[rng.choice(n_schools, size=extras, replace=False)] = True
    rows: list[_Row] = []
    for s in range(n_schools):
        for spec in p.in_school[: k + int(lucky[s])]:
            ko, en = spec.labels()
            rows.append(
                _Row(spec, s, spec.popularity, f"{school_name(s)} {ko}", f"{school_name(s, 'en')} {en}")
            )
    district_ko, district_en = p.district
    for spec, count in zip(p.district_resources, counts, strict=True):
        ko, en = spec.labels()
        zipf = (rng.permutation(count) + 1.0) ** -p.popularity_exponent
        for i in range(count):
            if spec.per_dong:
                names = (f"{dong_name(i)} {ko}", f"{dong_name(i, 'en')} {en}")
            else:
                num = f" {i + 1}" if count > 1 else ""
                names = (f"{district_ko} {ko}{num}", f"{district_en} {en}{num}")
            area = (i, count) if spec.per_dong else (-1, 0)
            rows.append(_Row(spec, -1, spec.popularity * zipf[i], *names, *area))
    ids = [f"r{i + 1:04d}" for i in range(len(rows))]
    attrs: list[dict[str, Any]] = []
    for row in rows:
        spec, prof = row.spec, row.spec.resource_type.profile
        a: dict[str, Any] = {
            "name": row.ko,
            "name_en": row.en,
            "type": spec.type,
            "setting": spec.setting or prof.setting.value,
            "sector": spec.sector or prof.sector.value,
            "domains": [d.value for d in NeedDomain if d in prof.domains],
            "capacity": spec.capacity,
        }
        if row.school >= 0:
            a["school"] = f"s{row.school + 1:03d}"
        attrs.append(a)
    return DistrictResources(
        ids=ids,
        attrs=attrs,
        school=np.array([r.school for r in rows]),
        setting=np.array([a["setting"] for a in attrs]),
        capacity=np.array([math.inf if r.spec.capacity is None else r.spec.capacity for r in rows]),
        popularity=np.array([r.popularity for r in rows]),
        serves=np.array([[d in a["domains"] for d in DOMAINS] for a in attrs], dtype=bool),
        elementary_only=np.array([r.spec.elementary_only for r in rows]),
        area=np.array([r.area for r in rows]),
        areas=np.array([r.areas for r in rows]),
        anchor=np.array([r.spec.anchor for r in rows]),
        type=np.array([r.spec.type for r in rows]),
    )


def _needs(rng: np.random.Generator, n: int, p: SynthParams) -> np.ndarray:
    """Severities ``(clients, domains)``: a few needs >= 2 per client, some mild ones."""
    weights = np.asarray(p.need_weight_array())
    k = rng.choice(len(p.need_count_probs), size=n, p=p.need_count_probs)
    keys = np.log(weights) + rng.gumbel(size=(n, _ND))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)  # weighted sampling without replacement
    has = rank < k[:, None]
    sev = np.zeros((n, _ND), dtype=np.int64)
    sev[has] = rng.choice([2, 3, 4], size=int(has.sum()), p=p.severity_probs)
    mild_p = np.minimum(1.0, p.mild_need_rate * weights / weights.mean())  # rare domains stay rare
    sev[~has & (rng.random((n, _ND)) < mild_p)] = 1
    return sev


def _assemble(
    rng: np.random.Generator,
    p: SynthParams,
    sizes: np.ndarray,
    client_school: np.ndarray,
    mgr_school: np.ndarray,
    res: DistrictResources,
    sev: np.ndarray,
    link_pairs: np.ndarray,
    link_needs: dict[int, str],
) -> ResourceNetwork:
    n, nr = client_school.size, len(res.ids)
    cid = [f"c{i + 1:05d}" for i in range(n)]
    mid = [f"cm{i + 1:03d}" for i in range(mgr_school.size)]
    school_ids = [f"s{s + 1:03d}" for s in range(sizes.size)]
    # a client works with one of its school's case managers
    first_mgr = np.searchsorted(mgr_school, np.arange(sizes.size))
    n_mgr = np.bincount(mgr_school, minlength=sizes.size)
    client_mgr = first_mgr[client_school] + (rng.random(n) * n_mgr[client_school]).astype(int)
    levels = [school_level(s) for s in range(sizes.size)]
    n_grades = np.array([_GRADES[lv][0] for lv in levels])[client_school]
    grade = 1 + (rng.random(n) * n_grades).astype(int)
    age = grade + np.array([_GRADES[lv][1] for lv in levels])[client_school]
    informal = np.flatnonzero(res.setting == INFORMAL)
    with_friend = np.flatnonzero(rng.random(n) < p.informal_tie_rate) if informal.size else np.empty(0, int)
    groups = (
        rng.choice(
            informal, size=with_friend.size, p=res.popularity[informal] / res.popularity[informal].sum()
        )
        if with_friend.size
        else with_friend
    )
    ties: dict[str, list[tuple[str, str]]] = {
        "relationship": [(mid[m], cid[c]) for c, m in enumerate(client_mgr)],
        "link": [(cid[code // nr], res.ids[code % nr]) for code in link_pairs.tolist()],
        "informal": [(cid[c], res.ids[r]) for c, r in zip(with_friend, groups, strict=True)],
        **org_ties(rng, p, mgr_school, res, mid),
    }
    mgr_ko, mgr_en = person_names(rng, mgr_school.size)
    cli_ko, cli_en = person_names(rng, n)
    net = ResourceNetwork()
    for r, a in zip(res.ids, res.attrs, strict=True):
        net.add_resource(r, **a)
    for i, m in enumerate(mid):
        net.add_case_manager(m, name=mgr_ko[i], name_en=mgr_en[i], school=school_ids[mgr_school[i]])
    for i, c in enumerate(cid):
        needs = {DOMAINS[d]: int(sev[i, d]) for d in np.flatnonzero(sev[i])}
        net.add_client(
            c,
            needs=needs,
            name=cli_ko[i],
            name_en=cli_en[i],
            school=school_ids[client_school[i]],
            grade=int(grade[i]),
            age=int(age[i]),
        )
    link_need = [link_needs.get(code, "") for code in link_pairs.tolist()]
    for code, pairs in ties.items():
        relation = Relation(code)
        strength = rng.choice(3, size=len(pairs), p=p.strength(code))
        stressful = rng.random(len(pairs)) < p.stressful_rate
        for i, (u, v) in enumerate(pairs):
            extra = {"need": link_need[i]} if code == "link" else {}
            net.add_tie(
                u,
                v,
                relation,
                strength=_STRENGTHS[strength[i]],
                stressful=bool(stressful[i]),
                flow=_FLOW[code],
                **extra,
            )
    return net
