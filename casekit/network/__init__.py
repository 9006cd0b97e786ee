"""Resource networks: the model, file formats and measures (imports networkx on use)."""

from __future__ import annotations

__all__: list[str] = []
