"""The service plan and what follows from it: goals, linked services and crisis episodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import CrisisType, NeedDomain, ServiceStatus

__all__ = ["Goal", "Service", "CrisisEpisode", "SERVICE_TRANSITIONS"]


@dataclass(frozen=True)
class Goal:
    """A goal of the service plan: what, how it is measured, by when, with whom.

    The fields follow the typical Korean service-plan form (DOMAIN.md §3): goal, service,
    provider, responsible person, period, frequency, method.
    """

    id: str
    domain: NeedDomain
    description: str
    measure: str
    by_day: int
    resources: tuple[str, ...] = ()
    responsible: str = ""
    frequency: str = ""


@dataclass
class Service:
    """A service linked for the client at one resource, with its status history."""

    resource_id: str
    status: ServiceStatus
    referred_day: int
    goal_id: str | None = None
    client_agreed: bool = True
    emergency: bool = False
    history: list[tuple[int, ServiceStatus, str]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Whether the service still ties the client to the resource."""
        return self.status.active

    def started_day(self) -> int | None:
        """The day the service first reached *in progress*, if it did."""
        return next((d for d, s, _ in self.history if s is ServiceStatus.IN_PROGRESS), None)


#: Legal moves of a service's status (Primero's referral states, simplified).
SERVICE_TRANSITIONS: dict[ServiceStatus, frozenset[ServiceStatus]] = {
    ServiceStatus.REFERRED: frozenset(
        {ServiceStatus.ACCEPTED, ServiceStatus.WAITING, ServiceStatus.REJECTED, ServiceStatus.CANCELLED}
    ),
    ServiceStatus.WAITING: frozenset(
        {ServiceStatus.ACCEPTED, ServiceStatus.REJECTED, ServiceStatus.CANCELLED}
    ),
    ServiceStatus.ACCEPTED: frozenset({ServiceStatus.IN_PROGRESS, ServiceStatus.CANCELLED}),
    ServiceStatus.IN_PROGRESS: frozenset({ServiceStatus.DONE, ServiceStatus.CANCELLED}),
    ServiceStatus.DONE: frozenset(),
    ServiceStatus.REJECTED: frozenset(),
    ServiceStatus.CANCELLED: frozenset(),
}


@dataclass
class CrisisEpisode:
    """A crisis that arrived during the case, and when the case manager responded."""

    id: str
    type: CrisisType
    day: int
    window_days: int
    description: str = ""
    intervened_day: int | None = None
    reported_day: int | None = None

    @property
    def response_days(self) -> int | None:
        """Days from the crisis to the first intervention, if there was one."""
        return None if self.intervened_day is None else self.intervened_day - self.day

    @property
    def responded_in_window(self) -> bool:
        """Whether the first intervention came inside the response window."""
        return self.response_days is not None and self.response_days <= self.window_days

    def active_on(self, day: int) -> bool:
        """Whether ``day`` falls inside the crisis's response window (rapid linking is allowed)."""
        return self.day <= day <= self.day + self.window_days
