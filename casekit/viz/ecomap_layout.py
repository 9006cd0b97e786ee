"""Where an ecomap puts things: the client at the centre, the systems on a ring by setting.

Every node tied to the client, by any relation and either way round (the case manager among
them), goes on the ring, grouped into three sectors by setting: informal (family, friends,
neighbours) at the top, out of school on the right, in school on the left. Within a sector
nodes are sorted (case managers, then resources, then peers; by name, then id), so the same
network gives the same picture whatever order its ties were added in. An empty sector keeps
a little room: a missing kind of support is itself an assessment finding.

References
----------
Hartman, A. (1978). Diagrammatic assessment of family relationships. *Social Casework*,
59(8), 465–476.

Examples
--------
>>> from casekit.network.model import ResourceNetwork
>>> net = ResourceNetwork()
>>> net.add_client("S1")
>>> net.add_resource("mom", setting="informal", sector="informal", domains=[])
>>> net.add_tie("S1", "mom", "informal")
>>> layout = ecomap_layout(net, "S1")
>>> [s.setting for s in layout.sectors], layout.positions["mom"]
(['informal', 'out_of_school', 'in_school'], (0.0, 3.5))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import CasekitError
from ..domain.vocabulary import NodeKind, Setting
from .style import EcomapStyle

if TYPE_CHECKING:
    from ..network.model import ResourceNetwork

__all__ = ["EcomapSector", "EcomapLayout", "ecomap_layout", "setting_of"]

_C, _M = NodeKind.CLIENT.value, NodeKind.CASE_MANAGER.value
_KIND_RANK = {_M: 0, NodeKind.RESOURCE.value: 1, _C: 2}

# Sectors clockwise from the top: informal at the top, out of school on the right, in school
# on the left. One fixed order, so every ecomap in a course reads the same way round.
_SECTOR_ORDER = (Setting.INFORMAL.value, Setting.OUT_OF_SCHOOL.value, Setting.IN_SCHOOL.value)
_SECTOR_GAP = 0.7  # empty space between sectors, in node slots
_NODE_GAP = 0.22  # space between neighbouring circles on the ring, in data units


@dataclass(frozen=True)
class EcomapSector:
    """One setting's arc of the ring: angles in degrees, ``theta1 < theta2``; members are
    placed clockwise from ``theta2``."""

    setting: str
    theta1: float
    theta2: float
    members: tuple[str, ...]

    @property
    def middle(self) -> float:
        """The angle (degrees) of the sector's middle."""
        return (self.theta1 + self.theta2) / 2


@dataclass(frozen=True)
class EcomapLayout:
    """Where everything of an ecomap goes: the client at ``(0, 0)``, the ring around it."""

    client: str
    positions: dict[str, tuple[float, float]]
    sectors: tuple[EcomapSector, ...]
    client_radius: float
    node_radius: float
    ring_radius: float


def _check_client(network: ResourceNetwork, client_id: str) -> None:
    if client_id not in network:
        raise CasekitError(f"ecomap: no node {client_id!r} in the network; pick one of network.clients()")
    if network.kind(client_id) != _C:
        raise CasekitError(
            f"ecomap: {client_id!r} is a {network.kind(client_id)}, not a client; pick one of network.clients()"
        )


def setting_of(network: ResourceNetwork, node_id: str) -> str:
    setting = network.node(node_id).get("setting")
    if setting:
        return str(setting)
    return Setting.IN_SCHOOL.value if network.kind(node_id) == _M else Setting.INFORMAL.value


def ecomap_layout(
    network: ResourceNetwork, client_id: str, *, style: EcomapStyle | None = None
) -> EcomapLayout:
    """The deterministic layout of the ecomap of ``client_id`` (see :func:`draw_ecomap`).

    The ring grows when many systems surround the client so circles never overlap.

    Examples
    --------
    >>> from casekit.network.model import ResourceNetwork
    >>> net = ResourceNetwork()
    >>> net.add_client("S1")
    >>> ecomap_layout(net, "S1").positions
    {'S1': (0.0, 0.0)}
    """
    _check_client(network, client_id)
    style = style or EcomapStyle()
    node = network.node
    groups: dict[str, list[str]] = {s: [] for s in _SECTOR_ORDER}
    for other in network.neighbours(client_id):
        groups[setting_of(network, other)].append(other)
    for members in groups.values():
        members.sort(key=lambda n: (_KIND_RANK[network.kind(n)], str(node(n).get("name", n)), n))
    positions: dict[str, tuple[float, float]] = {client_id: (0.0, 0.0)}
    if not any(groups.values()):
        return EcomapLayout(
            client_id, positions, (), style.client_radius, style.node_radius, style.ring_radius
        )
    # Every node takes one slot; an empty sector keeps one so its (telling) absence shows.
    slots = {s: max(len(m), 1) + _SECTOR_GAP for s, m in groups.items()}
    step = 2 * math.pi / sum(slots.values())
    ring = max(style.ring_radius, (style.node_radius + _NODE_GAP / 2) / math.sin(step / 2))
    sectors = []
    start = math.pi / 2 + slots[_SECTOR_ORDER[0]] * step / 2
    for setting in _SECTOR_ORDER:
        end = start - slots[setting] * step
        for i, member in enumerate(groups[setting]):
            angle = start - (_SECTOR_GAP / 2 + i + 0.5) * step
            positions[member] = (round(ring * math.cos(angle), 12), round(ring * math.sin(angle), 12))
        sectors.append(EcomapSector(setting, math.degrees(end), math.degrees(start), tuple(groups[setting])))
        start = end
    return EcomapLayout(client_id, positions, tuple(sectors), style.client_radius, style.node_radius, ring)
