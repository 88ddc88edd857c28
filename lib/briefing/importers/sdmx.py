"""Reading sdmx sources (being written)."""

from __future__ import annotations

NAME = "sdmx"
LAYOUT_KEYS: tuple[str, ...] = ()


def detects(source) -> bool:
    return False


def read(source, mapping):
    raise NotImplementedError
