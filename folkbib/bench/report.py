"""Percentiles and the machine description every benchmark line ends with."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of ``values``; no interpolation, so it is a
    latency that was really observed."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LatencySummary:
    count: int
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> LatencySummary:
        ms = [s * 1000 for s in seconds]
        return cls(
            count=len(ms),
            p50=percentile(ms, 50),
            p95=percentile(ms, 95),
            p99=percentile(ms, 99),
            max=max(ms),
        )

    def line(self) -> str:
        return (
            f"p50 {self.p50:.2f} ms, p95 {self.p95:.2f} ms, p99 {self.p99:.2f} ms, "
            f"max {self.max:.2f} ms (n={self.count})"
        )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def machine_line() -> str:
    """``2 cores, AMD EPYC, 23.5 GiB RAM, Python 3.11.2, 2026-01-15`` — pasted with each number."""
    return (
        f"{os.cpu_count()} cores, {_cpu_model()}, {_ram_gib()}, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()}"
    )


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak), RssAnon and RssFile (mapped files, e.g. the index) in KiB."""
    values = dict.fromkeys(("VmRSS", "VmHWM", "RssAnon", "RssFile"), 0)
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in values:
            values[key] = int(rest.split()[0])
    return values
