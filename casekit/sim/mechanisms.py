"""Small formulas of the outcome model shared by the single-case world and the population model.

Examples
--------
>>> round(service_effect(0.035, 0.5, 1.0, 1), 5)
0.0175
>>> overload_factor(6, 4, 0.25)
0.5
"""

from __future__ import annotations

from typing import Any

__all__ = ["service_effect", "overload_factor"]


def overload_factor(active: float, threshold: float, penalty: float) -> float:
    """Share of a service's effect left when ``active`` formal services run at once.

    Each service above ``threshold`` removes ``penalty`` of the effect (never below 0).

    Examples
    --------
    >>> overload_factor(3, 4, 0.25), overload_factor(5, 4, 0.25)
    (1.0, 0.75)
    """
    return max(0.0, 1 - penalty * max(0.0, active - threshold))


def service_effect(rate: float, engagement: Any, factor: Any, serving: Any) -> Any:
    """Daily fall of a need served by ``serving`` services in progress.

    ``rate * engagement * factor * 2 * (1 - 0.5 ** serving)``: one service gives the full
    ``rate`` at full engagement, a second adds half as much again, and so on (diminishing
    returns). Works on numbers and numpy arrays alike. Summed over days with a constant
    ``factor`` and ``serving``, the fall is the same formula with ``engagement`` replaced by
    the sum of the daily engagements (the population model uses this).

    Examples
    --------
    >>> round(service_effect(0.035, 1.0, 1.0, 2), 5)
    0.0525
    >>> service_effect(0.035, 1.0, 1.0, 0)
    0.0
    """
    return rate * engagement * factor * 2 * (1 - 0.5**serving)
