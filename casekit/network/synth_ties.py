"""How the synthetic district's ties are drawn (used by :mod:`casekit.network.synth`).

Clients are linked to resources by need, school, popularity and remaining capacity;
organisations are tied by coordination, collaboration and referral. Sampling is vectorised:
weighted draws without replacement use the Gumbel top-k trick.

Examples
--------
>>> import numpy as np
>>> rows, cols = top_k(np.random.default_rng(0), np.array([[1.0, 0.0, 1.0]] * 2), np.array([2, 1]))
>>> rows.tolist(), sorted(cols[rows == 0].tolist())
([0, 0, 1], [0, 2])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..domain.vocabulary import NeedDomain, Setting
from .synth_names import school_level
from .synth_params import SynthParams

__all__ = ["DistrictResources", "top_k", "link_clients", "org_ties"]

DOMAINS = tuple(d.value for d in NeedDomain)
_ND = len(DOMAINS)
OUT, INFORMAL = Setting.OUT_OF_SCHOOL.value, Setting.INFORMAL.value


@dataclass
class DistrictResources:
    """The resources of a district as parallel arrays (index = position in ``ids``)."""

    ids: list[str]
    attrs: list[dict[str, Any]]
    school: np.ndarray  # school index, -1 outside school
    setting: np.ndarray
    capacity: np.ndarray  # inf for no fixed limit
    popularity: np.ndarray
    serves: np.ndarray  # (resources, domains) bool
    elementary_only: np.ndarray
    area: np.ndarray  # neighbourhood (dong) number of a per-dong resource, else -1
    areas: np.ndarray  # how many dongs its kind covers the district with
    anchor: np.ndarray  # ResourceSpec.anchor
    type: np.ndarray

    @property
    def hubs(self) -> np.ndarray:
        """Out-of-school agencies that many organisations deal with (not anchored to one)."""
        return np.flatnonzero((self.setting == OUT) & (self.anchor == ""))


def top_k(rng: np.random.Generator, weights: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row ``i``, ``k[i]`` distinct columns drawn with probability ∝ ``weights``
    (Gumbel top-k); columns of weight 0 are never drawn. Returns ``(rows, columns)``."""
    m = weights.shape[-1]
    kmax = int(min(m, k.max(initial=0)))
    if kmax == 0:
        return np.empty(0, int), np.empty(0, int)
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=(k.size, m))
    order = np.argsort(-keys, axis=1, kind="stable")[:, :kmax]
    ok = (np.arange(kmax)[None, :] < k[:, None]) & np.isfinite(np.take_along_axis(keys, order, axis=1))
    return np.nonzero(ok)[0], order[ok]


def link_clients(
    rng: np.random.Generator,
    client_school: np.ndarray,
    sev: np.ndarray,
    res: DistrictResources,
    p: SynthParams,
) -> tuple[np.ndarray, dict[int, str]]:
    """Link clients to resources by need, school, popularity and remaining capacity.

    Each need of severity >= 2 (less ``unlinked_need_rate`` of them) and ``mild_link_rate``
    of the mild ones seek ``links_by_severity`` resources among its school's resources and
    the out-of-school agencies serving that domain that its students can reach; full
    resources turn requests away, which seek again next round. Returns sorted pair codes ``client * resources + resource`` and the need
    domains each linked pair serves.
    """
    nr = len(res.ids)
    n_schools = int(client_school.max()) + 1
    in_school, outside = [], []
    for s in range(n_schools):
        # out-of-school agencies a school's students can reach: a per-dong office only in its dong
        reach = (
            (res.setting == OUT)
            & (res.area * n_schools <= s * res.areas)
            & (s * res.areas < (res.area + 1) * n_schools)
        )
        reach |= (res.setting == OUT) & (res.area < 0)
        if school_level(s) != "elementary":
            reach &= ~res.elementary_only
        in_school += [np.flatnonzero((res.school == s) & res.serves[:, d]) for d in range(_ND)]
        outside += [np.flatnonzero(reach & res.serves[:, d]) for d in range(_ND)]
    req_c, req_d = np.nonzero(sev >= 1)
    mild = sev[req_c, req_d] == 1
    keep = rng.random(req_c.size) >= np.where(mild, 1.0 - p.mild_link_rate, p.unlinked_need_rate)
    req_c, req_d = req_c[keep], req_d[keep]
    want = np.asarray(p.links_by_severity)[sev[req_c, req_d] - 1]
    group = client_school[req_c] * _ND + req_d
    remaining = res.capacity.copy()
    linked = np.empty(0, np.int64)
    met_pairs: list[np.ndarray] = []
    met_domains: list[np.ndarray] = []
    for _ in range(p.link_rounds):
        active = np.flatnonzero(want > 0)
        if active.size == 0:
            break
        active = active[np.argsort(group[active], kind="stable")]
        groups, starts = np.unique(group[active], return_index=True)
        props_req: list[np.ndarray] = []
        props_res: list[np.ndarray] = []
        for g, a, b in zip(groups, starts, [*starts[1:], active.size], strict=True):
            ins, outs = in_school[g], outside[g]
            ins, outs = ins[remaining[ins] > 0], outs[remaining[outs] > 0]
            share = p.in_school_share if outs.size else 1.0
            if ins.size == 0:
                share = 0.0
            cands = np.concatenate([ins, outs])
            if cands.size == 0:
                continue
            w = np.concatenate(
                [
                    res.popularity[ins] / max(res.popularity[ins].sum(), 1e-12) * share,
                    res.popularity[outs] / max(res.popularity[outs].sum(), 1e-12) * (1 - share),
                ]
            )
            reqs = active[a:b]
            rows, cols = top_k(rng, np.broadcast_to(w, (reqs.size, w.size)), want[reqs])
            props_req.append(reqs[rows])
            props_res.append(cands[cols])
        if not props_req:
            break
        perm = rng.permutation(sum(x.size for x in props_req))  # who asks first gets the place
        pr, rr = np.concatenate(props_req)[perm], np.concatenate(props_res)[perm]
        pair = req_c[pr].astype(np.int64) * nr + rr
        existing = np.isin(pair, linked)
        first = np.zeros(pair.size, bool)
        first[np.unique(pair, return_index=True)[1]] = True
        new = np.flatnonzero(first & ~existing)
        new = new[np.argsort(rr[new], kind="stable")]
        place = np.arange(new.size) - np.searchsorted(rr[new], rr[new], side="left")
        accepted = new[place < remaining[rr[new]]]
        remaining -= np.bincount(rr[accepted], minlength=nr)
        linked = np.union1d(linked, pair[accepted])
        met = existing | np.isin(pair, pair[accepted])
        np.subtract.at(want, pr[met], 1)
        met_pairs.append(pair[met])
        met_domains.append(req_d[pr[met]])
    needs: dict[int, list[str]] = {}
    if met_pairs:
        mp, md = np.concatenate(met_pairs), np.concatenate(met_domains)
        for code, d in sorted(set(zip(mp.tolist(), md.tolist(), strict=True))):
            needs.setdefault(code, []).append(DOMAINS[d])
    return linked, {code: ";".join(ds) for code, ds in needs.items()}


def org_ties(
    rng: np.random.Generator,
    p: SynthParams,
    mgr_school: np.ndarray,
    res: DistrictResources,
    mgr_ids: list[str],
) -> dict[str, list[tuple[str, str]]]:
    """Coordination, collaboration and referral ties among managers and resources."""
    rid = res.ids
    hubs = res.hubs
    overlap = res.serves.astype(int) @ res.serves.T.astype(int)
    coord: list[tuple[str, str]] = []
    collab: list[tuple[str, str]] = []
    referral: list[tuple[str, str]] = []
    for s in range(int(mgr_school.max()) + 1):
        mine = np.flatnonzero(res.school == s)
        mgrs = [mgr_ids[m] for m in np.flatnonzero(mgr_school == s)]
        coord += [(m, rid[r]) for m in mgrs for r in mine]
        collab += [(a, b) for i, a in enumerate(mgrs) for b in mgrs[i + 1 :]]
        # staff of a school work together: through its case-management team when it has one
        team = [r for r in mine if res.type[r] == "case_management_team"]
        hub_pairs = [(t, r) for t in team[:1] for r in mine if r != t]
        collab += [
            (rid[a], rid[b])
            for a, b in hub_pairs or [(a, b) for i, a in enumerate(mine) for b in mine[i + 1 :]]
        ]
    rows, cols = top_k(
        rng,
        np.broadcast_to(res.popularity[hubs], (len(mgr_ids), hubs.size)),
        np.full(len(mgr_ids), p.coordination_out),
    )
    coord += [(mgr_ids[m], rid[hubs[c]]) for m, c in zip(rows, cols, strict=True)]
    coordinated, collaborating = _anchor_ties(rng, res, mgr_ids)
    coord += coordinated
    collab += collaborating
    w = res.popularity[hubs][None, :] * (0.5 + overlap[np.ix_(hubs, hubs)])
    np.fill_diagonal(w, 0.0)
    rows, cols = top_k(rng, w, rng.poisson(p.collaborations_per_agency, hubs.size))
    pairs = sorted({(min(hubs[a], hubs[b]), max(hubs[a], hubs[b])) for a, b in zip(rows, cols, strict=True)})
    collab += [(rid[a], rid[b]) for a, b in pairs]
    inside = np.flatnonzero(res.school >= 0)
    w = res.popularity[hubs][None, :] * overlap[np.ix_(inside, hubs)]
    rows, cols = top_k(rng, w, rng.poisson(p.referrals_per_in_school, inside.size))
    referral += [(rid[inside[a]], rid[hubs[b]]) for a, b in zip(rows, cols, strict=True)]
    w = res.popularity[hubs][None, :] * (0.25 + overlap[np.ix_(hubs, hubs)])
    np.fill_diagonal(w, 0.0)
    rows, cols = top_k(rng, w, rng.poisson(p.referrals_per_agency, hubs.size))
    referral += [(rid[hubs[a]], rid[hubs[b]]) for a, b in zip(rows, cols, strict=True)]
    return {"coordination": coord, "collaboration": collab, "referral": referral}


def _anchor_ties(
    rng: np.random.Generator, res: DistrictResources, mgr_ids: list[str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Tie each anchored resource to its one organisation: (coordination, collaboration)."""
    rid = res.ids
    coord: list[tuple[str, str]] = []
    collab: list[tuple[str, str]] = []
    n_schools = int(res.school.max()) + 1
    for r in np.flatnonzero(res.anchor != ""):
        anchor = str(res.anchor[r])
        if anchor == "school":
            mine = np.flatnonzero(res.school == rng.integers(n_schools))
            after = mine[res.type[mine] == "after_school_program"]
            collab.append((rid[after[0] if after.size else mine[0]], rid[r]))
            continue
        partners = (
            np.flatnonzero((res.type == anchor) & (res.school < 0))
            if anchor != "manager"
            else np.empty(0, int)
        )
        same_dong = partners[(res.area[partners] == res.area[r]) & (res.area[r] >= 0)]
        if same_dong.size:  # a neighbourhood group works with its own dong's office
            collab.append((rid[same_dong[0]], rid[r]))
        elif partners.size:
            collab.append((rid[partners[rng.integers(partners.size)]], rid[r]))
        else:  # resource development by one case manager
            coord.append((mgr_ids[rng.integers(len(mgr_ids))], rid[r]))
    return coord, collab
