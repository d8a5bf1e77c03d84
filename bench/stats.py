"""Shared by the benchmark scripts: how sure a proportion measured on few passages is."""

from __future__ import annotations

import math


def wilson_interval(hits: int, total: int, z: float = 1.96) -> tuple[float, float] | None:
    """95 % interval of a proportion (Wilson score): on 22 positives a recall of 0.77 may be
    anything from 0.57 to 0.90, so a difference between sets or rounds inside it shows nothing."""
    if total == 0:
        return None
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def fmt_interval(hits: int, total: int) -> str:
    """The interval as the tables print it ("0.57–0.90"), or "" when nothing was counted."""
    interval = wilson_interval(hits, total)
    return "" if interval is None else f"{interval[0]:.2f}–{interval[1]:.2f}"
