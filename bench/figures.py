"""A benchmark result: a figure, its unit, its target, its ratio to a same-run baseline."""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable


@dataclasses.dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str
    ratio: float | None = None

    def line(self) -> str:
        ratio = f"  ratio {self.ratio:.2f}x" if self.ratio is not None else ""
        return f"{self.name:<34} {self.value:>10.3f} {self.unit:<4} target {self.target}{ratio}"


def timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock milliseconds of ``runs`` calls, one each."""
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        results.append((time.perf_counter() - start) * 1000)
    return results


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
