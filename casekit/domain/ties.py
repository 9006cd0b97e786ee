"""Ties between a client, a case manager and resources: the lines of an ecomap.

Seed 000 names the ties: a resource and the client are joined by mediation and linking, a
resource and the case manager by coordination and development, and the case manager and the
client by a working relationship. Hartman's ecomap draws each tie with a strength (solid =
strong, dashed = tenuous), a mark for stress (hatched) and arrows for the flow of energy or
resources; casekit keeps the three as separate attributes (DOMAIN.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import Flow, Relation, TieStrength

__all__ = ["Tie"]


@dataclass(frozen=True)
class Tie:
    """A tie from ``source`` to ``target`` (node ids).

    ``flow`` is read relative to the two ends: ``to_target`` means energy or resources go from
    source to target.

    Examples
    --------
    >>> Tie("S1", "wee", Relation.LINK, TieStrength.TENUOUS, flow=Flow.TO_SOURCE).key
    ('S1', 'wee', 'link')
    """

    source: str
    target: str
    relation: Relation
    strength: TieStrength = TieStrength.MODERATE
    stressful: bool = False
    flow: Flow = Flow.NONE
    weight: float = 1.0
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """``(source, target, relation)``: one tie per relation between two nodes."""
        return (self.source, self.target, self.relation.value)
