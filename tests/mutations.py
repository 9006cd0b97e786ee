"""Byte-level mutations of a valid file, shared by the loaders' fuzz tests.

Each takes ``(data, i, junk)``: the file's bytes, a position seed and junk bytes, and returns
the mutated bytes. Hypothesis draws ``i`` and ``junk``.
"""

from __future__ import annotations

__all__ = ["delete_line", "duplicate_line", "swap", "truncate", "insert", "COMMON"]


def delete_line(data: bytes, i: int, _: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        del lines[i % len(lines)]
    return b"".join(lines)


def duplicate_line(data: bytes, i: int, _: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        k = i % len(lines)
        lines.insert(k, lines[k])
    return b"".join(lines)


def swap(data: bytes, i: int, junk: bytes) -> bytes:
    if len(data) < 2:
        return data
    a = i % len(data)
    b = (a + 1 + (junk[0] if junk else 0)) % len(data)
    chars = bytearray(data)
    chars[a], chars[b] = chars[b], chars[a]
    return bytes(chars)


def truncate(data: bytes, i: int, _: bytes) -> bytes:
    return data[: i % (len(data) + 1)]


def insert(data: bytes, i: int, junk: bytes) -> bytes:
    k = i % (len(data) + 1)
    return data[:k] + junk + data[k:]


#: Mutations that make sense for any text file.
COMMON = (delete_line, duplicate_line, swap, truncate, insert)
