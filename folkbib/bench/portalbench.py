"""``folkbib bench portal``: the public portal under load, served by gunicorn.

gunicorn as ``folkbib serve`` runs it (sync workers unless threads are asked for,
``DEBUG=false``, search drain in the background) serves the benchmark database; a
load generator in its own process (asyncio over raw sockets, HTTP/1.1 keep-alive
where the server keeps connections, so it shares no GIL with the server) keeps N clients
busy, each sending its next request as soon as the last answer is read (a closed
loop, no think time). A phase warms up, then measures for a fixed time; search
result pages (the ``bench search`` query set as the portal's GET URLs, facet filters
and a later page included) and record pages ``/post/<id>/`` are measured in phases
of their own and mixed. Every non-200 answer is an error. The server's CPU per
request (its workers' utime + stime from /proc) is set beside the selectors alone.

Run as ``python -m folkbib.bench.portalbench`` the module is the load generator: a
JSON plan on stdin, a JSON result on stdout; only the standard library is imported.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

from folkbib.bench.memorybench import _free_port, _wait_until_up, portal_params
from folkbib.bench.queries import BenchQuery
from folkbib.bench.report import LatencySummary, memory_kib

SEARCH_P95_TARGET_MS = 100.0
RECORD_P95_TARGET_MS = 50.0


# -- the server ------------------------------------------------------------------
# config/settings.py keeps a database connection per server thread (SQLite: for the
# thread's life; PostgreSQL: DATABASE_CONN_MAX_AGE, 60 s). This option keeps them for
# good, with health checks, whatever the settings say; DATABASE_CONN_MAX_AGE=0 in the
# environment measures a connection opened and closed per request instead.
_PERSISTENT_SETTINGS = """from config.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
"""


def server_environment(env: dict[str, str], *, settings_dir: Path | None = None) -> dict[str, str]:
    """Production-like settings over the benchmark environment; with ``settings_dir``,
    persistent database connections (a settings module written there)."""
    served = dict(env)
    served["DEBUG"] = "false"
    served["FOLKBIB_SEARCH_DRAIN"] = "background"
    served.setdefault("LOG_LEVEL", "WARNING")
    if settings_dir is not None:
        (settings_dir / "folkbib_bench_persistent.py").write_text(_PERSISTENT_SETTINGS)
        served["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(settings_dir), served.get("PYTHONPATH", "")) if p
        )
        served["DJANGO_SETTINGS_MODULE"] = "folkbib_bench_persistent"
    return served


def gunicorn_command(*, port: int, workers: int, threads: int) -> list[str]:
    """``folkbib serve``'s gunicorn: the same worker class, hooks and limits."""
    from folkbib.operations.management.commands.serve import gunicorn_arguments

    arguments = gunicorn_arguments(
        bind=f"127.0.0.1:{port}", workers=workers, threads=threads, timeout=60
    )
    # gthread workers keep a connection open this long between a client's requests.
    return [*arguments, "--keep-alive", "30", "--log-level", "warning"]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def cpu_seconds(pids: Sequence[int]) -> float:
    """utime + stime of these processes (all their threads), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return total / ticks


# -- the load generator (its own process) ----------------------------------------
def _response_end(buffer: bytearray) -> tuple[int, int, bool] | None:
    """(status, bytes the response takes, keep-alive) once ``buffer`` holds a whole
    response (Content-Length or chunked), else None."""
    head_end = buffer.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    lines = buffer[:head_end].decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    position = head_end + 4
    if "content-length" in headers:
        end = position + int(headers["content-length"])
        return (status, end, keep_alive) if len(buffer) >= end else None
    if headers.get("transfer-encoding", "").lower() != "chunked":
        raise ConnectionError("a response without a length")
    while True:
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None
        size = int(bytes(buffer[position:line_end]).split(b";")[0], 16)
        position = line_end + 2 + size + 2
        if len(buffer) < position:
            return None
        if size == 0:
            return status, position, keep_alive


class _Connection(asyncio.Protocol):
    """One client's HTTP/1.1 connection: a GET at a time, its answer read whole.

    The bytes gather in one buffer and ``_response_end`` says when an answer is whole, a
    pure function tested without a socket. (Against asyncio's streams it saved no
    measurable CPU: with sync workers the new connection per request is the cost.)"""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.answer: asyncio.Future[tuple[int, bool]] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.answer is None or self.answer.done():
            return
        try:
            complete = _response_end(self.buffer)
        except (ValueError, ConnectionError) as exc:
            self.answer.set_exception(exc)
            return
        if complete is not None:
            status, length, keep_alive = complete
            del self.buffer[:length]
            self.answer.set_result((status, keep_alive))

    def connection_lost(self, exc: Exception | None) -> None:
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(ConnectionResetError("the server closed the connection"))

    async def get(self, path: str, host: str) -> tuple[int, bool]:
        """The response's status, and whether the server keeps the connection open."""
        assert self.transport is not None
        self.answer = asyncio.get_running_loop().create_future()
        self.transport.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\n\r\n".encode()
        )
        return await self.answer

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


async def _run_phase(
    *,
    host: str,
    port: int,
    paths: Sequence[tuple[str, str]],
    clients: int,
    warmup: float,
    seconds: float,
) -> dict[str, Any]:
    """``paths`` are (kind, path); client i starts at its own offset into the list."""
    latencies: dict[str, list[float]] = {kind: [] for kind, _ in paths}
    # Requests sent in the window and answered after it: in the percentiles (a client
    # the server kept waiting past the end must not drop out of them), not in the rate.
    late: dict[str, list[float]] = {kind: [] for kind, _ in paths}
    errors: dict[str, list[str]] = {kind: [] for kind, _ in paths}
    clock = time.perf_counter
    started = clock()
    measure_from = started + warmup
    stop_at = measure_from + seconds
    label = f"{host}:{port}"

    loop = asyncio.get_running_loop()

    async def client(index: int) -> None:
        connection: _Connection | None = None
        position = index * max(1, len(paths) // clients)
        try:
            while (now := clock()) < stop_at:
                kind, path = paths[position % len(paths)]
                position += 1
                try:
                    # As a browser does: a connection the server said it would close
                    # is opened again for the next request, inside that request's time.
                    if connection is None:
                        _transport, connection = await loop.create_connection(
                            _Connection, host, port
                        )
                    status, keep_alive = await connection.get(path, label)
                    problem = "" if status == 200 else f"HTTP {status}"
                except (OSError, ValueError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                    keep_alive = False
                if not keep_alive and connection is not None:
                    connection.close()
                    connection = None
                done = clock()
                if now >= measure_from:
                    (latencies if done <= stop_at else late)[kind].append(done - now)
                    if problem:
                        errors[kind].append(f"{problem} {path}")
        finally:
            if connection is not None:
                connection.close()

    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(client(i) for i in range(clients)))
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    return {
        "latencies": latencies,
        "late": late,
        "errors": errors,
        "seconds": seconds,
        "client_cpu_seconds": client_cpu,
        "elapsed": clock() - started,
    }


def load_main(stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout) -> None:
    """The load generator's process: a plan in, one result per phase out (JSON lines)."""
    plan = json.loads(stdin.read())
    for phase in plan["phases"]:
        result = asyncio.run(
            _run_phase(
                host=plan["host"],
                port=plan["port"],
                paths=[tuple(p) for p in phase["paths"]],
                clients=plan["clients"],
                warmup=plan["warmup"],
                seconds=plan["seconds"],
            )
        )
        result["name"] = phase["name"]
        stdout.write(json.dumps(result) + "\n")
        stdout.flush()


# -- one run ---------------------------------------------------------------------
@dataclass
class PageResult:
    kind: str
    latency: LatencySummary | None
    requests: int
    per_second: float
    errors: list[str]


@dataclass
class PhaseResult:
    name: str
    pages: dict[str, PageResult]
    seconds: float
    requests: int
    server_cpu_ms_per_request: float
    client_cpu_share: float  # load generator's CPU seconds per second of the phase

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def error_count(self) -> int:
        return sum(len(p.errors) for p in self.pages.values())


@dataclass
class PortalBenchResult:
    workers: int
    threads: int
    clients: int
    persistent_connections: bool
    phases: list[PhaseResult]
    load_before: float
    load_after: float
    server_log: str = ""
    notes: list[str] = field(default_factory=list)
    # Each worker's VmRSS, VmHWM, RssAnon, RssFile (KiB) after the last phase.
    worker_memory_kib: list[dict[str, int]] = field(default_factory=list)

    def phase(self, name: str) -> PhaseResult | None:
        return next((p for p in self.phases if p.name == name), None)


def search_paths(queries: Sequence[BenchQuery]) -> list[str]:
    """Each query as the portal's GET URL; every fifth one asks for its second page."""
    paths = []
    for i, query in enumerate(queries):
        params = portal_params(query)
        if i % 5 == 4:
            params.append(("page", "2"))
        paths.append("/?" + urlencode(params))
    return paths


def record_paths(record_ids: Sequence[int]) -> list[str]:
    return [f"/post/{pk}/" for pk in record_ids]


def phase_plan(search: Sequence[str], records: Sequence[str], names: Sequence[str]) -> list[Any]:
    mixed: list[tuple[str, str]] = []
    for i, path in enumerate(search):
        mixed.append(("search", path))
        if records:
            mixed.append(("record", records[i % len(records)]))
    every = {
        "search": [("search", p) for p in search],
        "record": [("record", p) for p in records],
        "mixed": mixed,
    }
    return [{"name": name, "paths": every[name]} for name in names]


def _summarise(raw: dict[str, Any], *, server_cpu: float) -> PhaseResult:
    pages = {}
    total = 0
    for kind, values in raw["latencies"].items():
        total += len(values)
        observed = values + raw["late"][kind]
        pages[kind] = PageResult(
            kind=kind,
            latency=LatencySummary.of(observed) if observed else None,
            requests=len(values),
            per_second=len(values) / raw["seconds"],
            errors=raw["errors"][kind],
        )
    return PhaseResult(
        name=raw["name"],
        pages=pages,
        seconds=raw["seconds"],
        requests=total,
        server_cpu_ms_per_request=server_cpu * 1000 / total if total else 0.0,
        client_cpu_share=raw["client_cpu_seconds"] / raw["elapsed"],
    )


def run_portal_bench(
    *,
    env: dict[str, str],
    search: Sequence[str],
    records: Sequence[str],
    phases: Sequence[str] = ("search", "record", "mixed"),
    workers: int,
    threads: int,
    clients: int = 16,
    warmup: float = 5.0,
    seconds: float = 20.0,
    persistent_connections: bool = False,
) -> PortalBenchResult:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()[0]
    results: list[PhaseResult] = []
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as settings_dir:
        server = subprocess.Popen(
            gunicorn_command(port=port, workers=workers, threads=threads),
            env=server_environment(
                env, settings_dir=Path(settings_dir) if persistent_connections else None
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                _wait_until_up(base, server)
            except RuntimeError as exc:
                log.seek(0)
                tail = log.read()[-3000:].decode("utf-8", "replace")
                raise RuntimeError(f"{exc}; its output:\n{tail}") from exc
            plan = {
                "host": "127.0.0.1",
                "port": port,
                "clients": clients,
                "warmup": warmup,
                "seconds": seconds,
                "phases": phase_plan(search, records, phases),
            }
            loader = subprocess.Popen(
                [sys.executable, "-m", "folkbib.bench.portalbench"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert loader.stdin is not None and loader.stdout is not None
            loader.stdin.write(json.dumps(plan))
            loader.stdin.close()
            # The server's CPU is read between phases: the loader prints each as it ends.
            pids = [server.pid, *_children(server.pid)]
            cpu_mark = cpu_seconds(pids)
            for line in loader.stdout:
                cpu_now = cpu_seconds(pids)
                # The warm-up's CPU is in there too: scale to the measured share.
                raw = json.loads(line)
                measured_share = raw["seconds"] / raw["elapsed"]
                results.append(_summarise(raw, server_cpu=(cpu_now - cpu_mark) * measured_share))
                cpu_mark = cpu_now
            if loader.wait(timeout=60) != 0:
                raise RuntimeError("the load generator failed")
            worker_memory = [memory_kib(pid) for pid in _children(server.pid)]
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.seek(0)
            server_log = log.read()[-3000:].decode("utf-8", "replace")
    return PortalBenchResult(
        workers=workers,
        threads=threads,
        clients=clients,
        persistent_connections=persistent_connections,
        phases=results,
        load_before=load_before,
        load_after=os.getloadavg()[0],
        server_log=server_log,
        worker_memory_kib=worker_memory,
    )


# -- the selectors alone, for the ratio -------------------------------------------
def time_selectors(
    queries: Sequence[BenchQuery], record_ids: Sequence[int], *, page_every: int = 5
) -> dict[str, dict[str, float]]:
    """What the two views call, in this process: a warm-up pass, then one timed pass."""
    from folkbib.catalog import selectors
    from folkbib.catalog.search.base import SearchFilters
    from folkbib.circulation import selectors as circulation
    from folkbib.portal.templatetags.portal import HIT_FIELDS

    def run_search(i: int, q: BenchQuery) -> None:
        page = 2 if i % page_every == page_every - 1 else 1
        filters = SearchFilters(**q.filters) if q.filters else None
        results = selectors.search(q.query, filters, "relevance", page, record_fields=HIT_FIELDS)
        for hit in results.hits:
            for availability in hit.availability:
                _ = availability.available

    def run_record(pk: int) -> None:
        detail = selectors.record_detail(pk)
        list(detail.holdings)
        selectors.other_editions(detail.record)
        circulation.also_borrowed(pk)

    timings: dict[str, list[float]] = {"search": [], "record": []}
    for timed in (False, True):
        for i, q in enumerate(queries):
            started = time.perf_counter()
            run_search(i, q)
            if timed:
                timings["search"].append(time.perf_counter() - started)
        for pk in record_ids:
            started = time.perf_counter()
            run_record(pk)
            if timed:
                timings["record"].append(time.perf_counter() - started)
    out = {}
    for kind, values in timings.items():
        if values:
            summary = LatencySummary.of(values)
            out[kind] = {"p50": summary.p50, "p95": summary.p95, "p99": summary.p99}
    return out


if __name__ == "__main__":
    load_main()
