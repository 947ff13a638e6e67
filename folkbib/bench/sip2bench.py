"""``folkbib bench sip2``: many self-check terminals at once, checkout and checkin over TCP.

Runs in the circulation benchmark database (``bench circulation``'s region: its
patrons and items, reset before the run). The server is a real ``folkbib sip2-server``
subprocess on a free port; the terminals are asyncio connections in this process, each
logged in as the bench terminal (at one branch, PIN not required: the bench patrons
have none) and lending its own copies of that branch: checkout, checkin, next copy,
with a pause between messages like a patron scanning (``--pause``, jittered ±50 %;
0 measures capacity instead). A latency is one message end to end: from writing its
bytes to reading the answer's CR.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from folkbib.bench.importbench import folkbib_command
from folkbib.bench.report import LatencySummary
from folkbib.protocols.sip2 import codec

TERMINAL = "sip-bench"
PASSWORD = "sip-bench-password"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/folkbib_sip2_bench"
#: The target of issue 6: p95 of a checkout and of a checkin, end to end.
P95_TARGET_MS = 20.0


@dataclass
class Sip2BenchResult:
    pause: float
    terminals: int
    workers: int
    seconds: float
    checkout: LatencySummary
    checkin: LatencySummary
    messages: int
    refused: int
    server_cpu: float  # seconds of CPU the server processes used in the measured window
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    processes: int = 1  # server processes sharing the port

    @property
    def cpu_ms_per_message(self) -> float:
        return self.server_cpu * 1000 / self.messages if self.messages else float("nan")

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds

    @property
    def met(self) -> bool:
        return max(self.checkout.p95, self.checkin.p95) <= P95_TARGET_MS


def prepare(*, terminals: int, copies: int) -> tuple[str, list[list[str]], list[str]]:
    """The bench terminal's branch code, each terminal's copies, and a card per terminal."""
    from folkbib.bench import circulationbench as cb
    from folkbib.catalog.models import Item
    from folkbib.consortium.models import Branch
    from folkbib.patrons.models import Patron
    from folkbib.protocols.sip2.services import define_terminal

    cb.reset_circulation()
    # The branch with the most bench copies: every copy checked in there stays there.
    branch_ids = Item.objects.filter(barcode__startswith=cb.BARCODE_PREFIX).values_list(
        "owning_branch_id", flat=True
    )
    counts: dict[int, int] = {}
    for branch_id in branch_ids:
        counts[branch_id] = counts.get(branch_id, 0) + 1
    branch = Branch.objects.get(pk=max(counts, key=lambda key: counts[key]))
    define_terminal(
        username=TERMINAL,
        password=PASSWORD,
        branch=branch,
        institution_id="BENCH",
        now=timezone.now(),
        pin_required=False,
    )
    barcodes = list(
        Item.objects.filter(barcode__startswith=cb.BARCODE_PREFIX, owning_branch=branch)
        .order_by("barcode")
        .values_list("barcode", flat=True)[: terminals * copies]
    )
    if len(barcodes) < terminals * copies:
        raise RuntimeError(
            f"{branch.code} has {len(barcodes)} bench copies, not {terminals * copies}"
        )
    cards = list(
        Patron.objects.filter(card_number__startswith=cb.CARD_PREFIX, category__code="adult")
        .order_by("card_number")
        .values_list("card_number", flat=True)[:terminals]
    )
    plan = [barcodes[n * copies : (n + 1) * copies] for n in range(terminals)]
    return branch.code, plan, cards


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads) and its children's, from /proc.

    The children are the server's other processes (``--processes``), still running.
    """
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return _own_cpu_seconds(pid) + sum(_own_cpu_seconds(int(child)) for child in children)


def _own_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*, port: int, workers: int, processes: int = 1) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        folkbib_command(
            "sip2-server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--processes",
            str(processes),
        ),
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        text=True,
    )
    # "SIP2 on ..." comes once every process listens (a connection could reach the
    # first process alone before that).
    assert process.stdout is not None
    process.stdout.readline()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sip2-server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("sip2-server did not start within 60 s")


def stop_server(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


class _Terminal:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.sequence = -1

    async def send(self, text: str) -> tuple[codec.Message, float]:
        self.sequence = (self.sequence + 1) % 10
        data = f"{text}AY{self.sequence}AZ".encode()
        data += codec.checksum(data).encode() + b"\r"
        started = time.perf_counter()
        self.writer.write(data)
        await self.writer.drain()
        answer = await self.reader.readuntil(b"\r")
        elapsed = time.perf_counter() - started
        return codec.parse(answer), elapsed


async def _run_terminals(
    *,
    port: int,
    plan: list[list[str]],
    cards: list[str],
    seconds: float,
    warmup: float,
    pause: float,
    server_pid: int,
) -> tuple[list[float], list[float], int, int, list[str], float, float]:
    checkouts: list[float] = []
    checkins: list[float] = []
    counters = {"messages": 0, "refused": 0}
    errors: list[str] = []
    date = time.strftime("%Y%m%d    %H%M%S")
    # The clock starts once every terminal has logged in: a login checks a password hash
    # (PBKDF2, slow by design), once a day per machine, not per patron.
    window = {"from": 0.0, "to": 0.0}
    logged_in: list[int] = []
    everyone_in = asyncio.Event()
    cpu: list[float] = []  # the server's CPU seconds when the window opens and closes

    async def think(rng: random.Random) -> None:
        if pause > 0:
            await asyncio.sleep(pause * rng.uniform(0.5, 1.5))

    async def terminal(copies: list[str], card: str, rng: random.Random) -> None:
        await think(rng)  # the terminals do not all start in the same millisecond
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 16)
        desk = _Terminal(reader, writer)
        try:
            login, _ = await desk.send(f"9300CN{TERMINAL}|CO{PASSWORD}|CPbench|")
            if login.fixed["ok"] != "1":
                raise RuntimeError("the bench terminal could not log in")
            await desk.send("9900802.00")
            logged_in.append(1)
            if len(logged_in) == len(plan):
                window["from"] = time.perf_counter() + warmup
                window["to"] = window["from"] + seconds
                loop = asyncio.get_running_loop()
                loop.call_later(warmup, lambda: cpu.append(cpu_seconds(server_pid)))
                loop.call_later(warmup + seconds, lambda: cpu.append(cpu_seconds(server_pid)))
                everyone_in.set()
            await everyone_in.wait()
            stop_at, measure_from = window["to"], window["from"]
            await think(rng)  # spread the first messages, as patrons arrive one by one

            async def timed(text: str, into: list[float]) -> None:
                # A message counts if it was sent inside the window, whatever came before.
                sent_at = time.perf_counter()
                answer, took = await desk.send(text)
                if measure_from <= sent_at < stop_at:
                    into.append(took)
                    counters["messages"] += 1
                    if answer.fixed["ok"] != "1":
                        counters["refused"] += 1
                        if len(errors) < 10:
                            errors.append(f"{answer.command}: {answer.get('AF')}")

            n = 0
            while time.perf_counter() < stop_at:
                barcode = copies[n % len(copies)]
                n += 1
                await timed(f"11NN{date}{' ' * 18}AOBENCH|AA{card}|AB{barcode}|AC|", checkouts)
                await think(rng)
                await timed(f"09N{date}{date}APbench|AOBENCH|AB{barcode}|AC|", checkins)
                await think(rng)
        finally:
            writer.close()
            await writer.wait_closed()

    results = await asyncio.gather(
        *(
            terminal(copies, card, random.Random(n))
            for n, (copies, card) in enumerate(zip(plan, cards, strict=True))
        ),
        return_exceptions=True,
    )
    errors += [repr(result) for result in results if isinstance(result, BaseException)]
    elapsed = min(time.perf_counter(), window["to"]) - window["from"]
    server_cpu = cpu[1] - cpu[0] if len(cpu) == 2 else float("nan")
    return (
        checkouts,
        checkins,
        counters["messages"],
        counters["refused"],
        errors,
        elapsed,
        server_cpu,
    )


def run(
    *,
    terminals: int,
    workers: int,
    seconds: float,
    warmup: float,
    copies: int,
    pause: float,
    processes: int = 1,
) -> Sip2BenchResult:
    """Start the server, run the terminals, stop it, check the invariants."""
    from folkbib.circulation.invariants import check_invariants

    _branch, plan, cards = prepare(terminals=terminals, copies=copies)
    port = free_port()
    server = start_server(port=port, workers=workers, processes=processes)
    try:
        checkouts, checkins, messages, refused, errors, elapsed, server_cpu = asyncio.run(
            _run_terminals(
                port=port,
                plan=plan,
                cards=cards,
                seconds=seconds,
                warmup=warmup,
                pause=pause,
                server_pid=server.pid,
            )
        )
    finally:
        stop_server(server)
    if not checkouts:
        raise RuntimeError(f"no measured checkouts: {errors[:3]}")
    return Sip2BenchResult(
        pause=pause,
        terminals=terminals,
        workers=workers,
        seconds=elapsed,
        checkout=LatencySummary.of(checkouts),
        checkin=LatencySummary.of(checkins),
        messages=messages,
        refused=refused,
        server_cpu=server_cpu,
        errors=errors,
        violations=check_invariants(),
        processes=processes,
    )


# -- the command ---------------------------------------------------------------------------


def add_arguments(sub: Any) -> None:
    parser = sub.add_parser("sip2", help="SIP2: many terminals at once, checkout/checkin over TCP")
    parser.add_argument(
        "--db",
        choices=("current", "sqlite", "postgres"),
        default="current",
        help="current: these settings; sqlite/postgres: the circulation bench database",
    )
    parser.add_argument("--database-url", default=None, help="PostgreSQL benchmark database")
    parser.add_argument("--var-dir", type=Path, default=None)
    parser.add_argument("--terminals", type=int, default=50, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=8, help="the server's database threads")
    parser.add_argument(
        "--processes", type=int, default=1, help="server processes sharing the port"
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="measured")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--copies", type=int, default=10, help="copies each terminal cycles")
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        help="a terminal's mean pause between messages (s; 0: as fast as it can)",
    )
    parser.add_argument("--patrons", type=int, default=2000, help="of the bench region")
    parser.add_argument("--items", type=int, default=50_000, help="of the bench region")


def command(out: Any, options: dict[str, Any]) -> None:
    """``folkbib bench sip2``: prints the numbers and the row for docs/PERFORMANCE.md."""
    from django.db import connection

    from folkbib.bench import circulationbench as cb
    from folkbib.bench.report import machine_line

    argv = ["sip2"]
    names = (
        "terminals",
        "workers",
        "processes",
        "seconds",
        "warmup",
        "copies",
        "pause",
        "patrons",
        "items",
    )
    for name in names:
        argv += [f"--{name}", str(options[name])]
    if options["db"] != "current":
        # A database of its own (not the circulation bench's), so the two never collide.
        from django.conf import settings

        var_dir = options["var_dir"] or Path(settings.BASE_DIR) / "bench-data" / (
            "var-sip2-pg" if options["db"] == "postgres" else "var-sip2"
        )
        env = cb.bench_env(
            db=options["db"], url=options["database_url"] or DEFAULT_PG_URL, var_dir=var_dir
        )
        subprocess.run(folkbib_command("migrate", "--no-input", "-v", "0"), env=env, check=True)
        subprocess.run(folkbib_command("bench", *argv), env=env, check=True)
        return
    region = cb.setup_region(patrons=options["patrons"], items=options["items"])
    load_before = os.getloadavg()
    result = run(
        terminals=options["terminals"],
        workers=options["workers"],
        seconds=options["seconds"],
        warmup=options["warmup"],
        copies=options["copies"],
        pause=options["pause"],
        processes=options["processes"],
    )
    load_after = os.getloadavg()
    db = "postgres" if connection.vendor == "postgresql" else "sqlite"
    out.write(
        f"region: {region['patrons']:,} patrons, {region['items']:,} items, "
        f"{region['branches']} branches on {connection.vendor}"
    )
    out.write(
        f"  {result.terminals} terminals pausing {result.pause:g} s (mean) between messages, "
        f"server {result.processes} x {result.workers} threads, "
        f"{result.seconds:.0f} s measured: {result.messages:,} messages = "
        f"{result.per_second:,.0f}/s ({result.per_second / 2:,.0f} checkout+checkin cycles/s)"
    )
    out.write(f"  checkout {result.checkout.line()}")
    out.write(f"  checkin  {result.checkin.line()}")
    out.write(
        f"  server CPU: {result.cpu_ms_per_message:.2f} ms per message "
        f"({result.server_cpu:.1f} s in the window; the database's own CPU not included)"
    )
    out.write(f"  refused {result.refused}, errors {len(result.errors)}")
    for error in result.errors[:10]:
        out.write(f"    {error}")
    verdict = "hold" if not result.violations else f"BROKEN ({len(result.violations)})"
    out.write(f"  invariants after the run: {verdict}")
    out.write(
        f"  load average before {load_before[0]:.2f} / {load_before[1]:.2f}, "
        f"after {load_after[0]:.2f} / {load_after[1]:.2f} (1 / 5 min)"
    )
    met = "met" if result.met else "MISSED"
    out.write(
        f"| sip2 {db} | {result.terminals} terminals at once over TCP, "
        f"{result.pause:g} s mean pause between messages, server "
        f"{result.processes} x {result.workers} threads, {region['items']:,} items: checkout p50 "
        f"{result.checkout.p50:.1f} / p95 {result.checkout.p95:.1f} / p99 "
        f"{result.checkout.p99:.1f} ms, checkin p50 {result.checkin.p50:.1f} / p95 "
        f"{result.checkin.p95:.1f} / p99 {result.checkin.p99:.1f} ms (p95 target "
        f"{P95_TARGET_MS:.0f} ms: {met}); {result.per_second:,.0f} messages/s, server CPU "
        f"{result.cpu_ms_per_message:.1f} ms/message; refused "
        f"{result.refused}, errors {len(result.errors)}, invariants {verdict} | "
        f"`folkbib bench sip2 --db {db} --terminals {result.terminals} --workers "
        f"{result.workers} --processes {result.processes} --pause {result.pause:g}` | "
        f"{machine_line()}, "
        f"load {load_before[0]:.1f} before, {load_after[0]:.1f} after |"
    )
