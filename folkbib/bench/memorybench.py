"""``folkbib bench memory``: the resident memory of one web process serving the region.

Starts ``folkbib runserver --noreload`` (one process, no autoreloader child) against
the benchmark environment, sends search and record-page requests like a portal user
would, and reads the process's peak resident set (VmHWM) from /proc.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from folkbib.bench.importbench import folkbib_command
from folkbib.bench.queries import BenchQuery
from folkbib.bench.report import memory_kib

TARGET_MIB = 400


@dataclass(frozen=True)
class MemoryBenchResult:
    requests: int
    statuses: dict[int, int]
    rss_after_start_kib: int
    rss_end_kib: int
    peak_kib: int
    anon_end_kib: int  # the process's own heap
    file_end_kib: int  # pages of mapped files (the index, libraries) in memory

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the web process exited before serving")
        try:
            _get(base + "/healthz")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError("the web process did not start in time")


# SearchFilters field -> the portal's GET parameter (folkbib.portal.params).
_PORTAL_PARAMS = {
    "material_types": "material_type",
    "languages": "language",
    "authors": "author",
    "subjects": "subject",
    "municipalities": "municipality",
    "branches": "branch",
}


def portal_params(query: BenchQuery) -> list[tuple[str, str]]:
    params = [("q", query.query)]
    filters = query.filters
    for key, name in _PORTAL_PARAMS.items():
        params.extend((name, str(v)) for v in filters.get(key, ()))
    if filters.get("available_at"):
        params.append(("branch", str(filters["available_at"])))
    if filters.get("available_now") or filters.get("available_at"):
        params.append(("available", "1"))
    if "year_from" in filters or "year_to" in filters:
        start = filters.get("year_from") or 1000
        end = filters.get("year_to") or 2100
        params.append(("year", f"{start}-{end}"))
    return params


def request_paths(
    queries: Sequence[BenchQuery], record_ids: Sequence[int], count: int
) -> list[str]:
    """Alternate search pages (with filters as the portal's GET params) and record pages."""
    paths: list[str] = []
    i = 0
    while len(paths) < count and (queries or record_ids):
        if queries and (i % 2 == 0 or not record_ids):
            q = queries[(i // 2) % len(queries)]
            paths.append("/?" + urlencode(portal_params(q)))
        else:
            paths.append(f"/post/{record_ids[(i // 2) % len(record_ids)]}/")
        i += 1
    return paths


def run_memory_bench(*, env: dict[str, str], paths: Sequence[str]) -> MemoryBenchResult:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            folkbib_command("runserver", "--noreload", f"127.0.0.1:{port}"),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                _wait_until_up(base, process)
            except RuntimeError as exc:
                log.seek(0)
                tail = log.read()[-3000:].decode("utf-8", "replace")
                raise RuntimeError(f"{exc}; its output:\n{tail}") from exc
            after_start = memory_kib(process.pid)["VmRSS"]
            statuses: Counter[int] = Counter()
            for path in paths:
                statuses[_get(base + path)] += 1
            end = memory_kib(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return MemoryBenchResult(
        requests=len(paths),
        statuses=dict(statuses),
        rss_after_start_kib=after_start,
        rss_end_kib=end["VmRSS"],
        peak_kib=end["VmHWM"],
        anon_end_kib=end["RssAnon"],
        file_end_kib=end["RssFile"],
    )
