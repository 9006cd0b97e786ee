"""What several commands need: whole-number arguments and finding a tool next to Python.

Examples
--------
>>> whole_number(1)("3")
3
>>> whole_number(0)("-1")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: must be a whole number >= 0, got '-1'
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import CasekitError

__all__ = ["whole_number", "find_tool"]


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type`` accepting whole numbers ``>= minimum`` (a usage error otherwise)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number >= {minimum}, got {text!r}")
        return value

    return parse


def find_tool(name: str, missing: str) -> str:
    """The ``name`` executable of this Python's environment (then ``PATH``); ``missing`` if none."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        raise CasekitError(missing)
    return found
