"""casekit: a teaching and research kit for case management in schools (학교 사례관리).

``import casekit`` is fast: it loads the pure-Python domain layer only. Scenarios, networks,
simulation, plots and widgets are imported when first used.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .domain import *  # noqa: F403  (the stable domain names, listed in domain.__all__)
from .domain import __all__ as _domain_all

__all__ = ["__version__", *_domain_all]
