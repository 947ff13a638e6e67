"""``folkbib bench circulation``: checkout and checkin against the database's own cost.

Runs in the benchmark database (never the demo one). Sets up a region of N patrons
and M items once (later runs reuse it and only reset circulation), then measures:

1. latency, one thread: ``services.checkout`` and ``services.checkin`` over distinct
   items, interleaved call by call with the database's own cost for the same rows —
   a raw INSERT of a loan + UPDATE of its item (and for a checkin an UPDATE of the
   loan + UPDATE of the item) in one transaction through the same connection;
2. throughput: worker processes (fresh connections each) lending distinct items for
   a fixed time; checkouts per second sustained, then the invariants are checked.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from folkbib.bench.report import LatencySummary
from folkbib.circulation.invariants import check_invariants

CARD_PREFIX = "CIRCBENCH"
BARCODE_PREFIX = "CB"
OPEN_HOURS = {day: ((dt.time(10), dt.time(19)),) for day in range(6)}


@dataclass(frozen=True)
class LatencyResult:
    checkout: LatencySummary
    checkin: LatencySummary
    raw_checkout: LatencySummary
    raw_checkin: LatencySummary
    checkout_queries: int
    checkin_queries: int

    @property
    def checkout_ratio(self) -> float:
        return self.checkout.p50 / self.raw_checkout.p50

    @property
    def checkin_ratio(self) -> float:
        return self.checkin.p50 / self.raw_checkin.p50


@dataclass(frozen=True)
class ThroughputResult:
    workers: int
    seconds: float
    checkouts: int
    refused: int
    errors: list[str]
    latency: LatencySummary
    violations: list[str]

    @property
    def rate(self) -> float:
        return self.checkouts / self.seconds


DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/folkbib_circulation_bench"


def bench_env(*, db: str, url: str | None, var_dir: Path | None) -> dict[str, str]:
    """The child's environment: its own database, and the search drain production uses.

    ``background``: the index follows each commit in a thread of the process, so a
    checkout never waits for the search engine (docs/PERFORMANCE.md, "Circulation").
    """
    from django.conf import settings

    from folkbib.bench.importbench import bench_environment

    database_url = None
    if db == "postgres":
        database_url = url or DEFAULT_PG_URL
        _create_postgres_database(database_url)
    default_dir = "var-circulation-pg" if db == "postgres" else "var-circulation"
    directory = (var_dir or Path(settings.BASE_DIR) / "bench-data" / default_dir).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    backend = "postgres" if db == "postgres" else "tantivy"
    env = bench_environment(var_dir=directory, database_url=database_url, backend=backend)
    env["FOLKBIB_SEARCH_DRAIN"] = "background"
    env["DEBUG"] = "false"
    return env


def _create_postgres_database(url: str) -> None:
    """Create the benchmark database if it is missing (never drops one)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise ValueError(f"refusing {name!r}: a benchmark database has 'bench' in its name")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


# -- the region ------------------------------------------------------------------------


def setup_region(*, patrons: int, items: int, seed: int = 1) -> dict[str, int]:
    """Create what is missing of the benchmark region; returns what exists afterwards."""
    from folkbib.bench.generator import demo_branches
    from folkbib.bench.region import ensure_branches
    from folkbib.catalog.models import Item, Record
    from folkbib.circulation.services.matrix import define_swedish_defaults
    from folkbib.consortium import services as consortium
    from folkbib.consortium.models import Branch, OpeningHours
    from folkbib.patrons import services as patron_services
    from folkbib.patrons.models import Patron

    rng = random.Random(seed)
    ensure_branches(branches=demo_branches())
    branches = list(Branch.objects.order_by("id"))
    for branch in branches:
        if not OpeningHours.objects.filter(branch=branch).exists():
            consortium.set_weekly_hours(branch=branch, hours=OPEN_HOURS)
    year = timezone.localdate().year
    for y in (year, year + 1):
        consortium.ensure_public_holidays(year=y)
    adult = patron_services.define_category(code="adult", name="Vuxen")
    child = patron_services.define_category(code="child", name="Barn", is_child=True)
    define_swedish_defaults(categories={"adult": adult, "child": child})

    now = timezone.now()
    have = Patron.objects.filter(card_number__startswith=CARD_PREFIX).count()
    Patron.objects.bulk_create(
        [
            Patron(
                card_number=f"{CARD_PREFIX}{n:07d}",
                first_name="Bänk",
                last_name=f"Låntagare {n}",
                home_branch=rng.choice(branches),
                category=child if n % 5 == 0 else adult,
                pin_hash="!",
                card_expires=now.date() + dt.timedelta(days=3 * 365),
            )
            for n in range(have, patrons)
        ],
        batch_size=1000,
    )
    have_items = Item.objects.filter(barcode__startswith=BARCODE_PREFIX).count()
    batch = 3000
    for start in range(have_items, items, batch):
        count = min(batch, items - start)
        # About three copies per title, as in the region's catalogue.
        records = Record.objects.bulk_create(
            [
                Record(
                    marc=b"",
                    title=f"Cirkulationstitel {start + n}",
                    sort_title=f"cirkulationstitel {start + n}",
                    language="swe",
                    languages=["swe"],
                    material_type="film" if (start + n) % 15 == 0 else "book",
                    created_at=now,
                    updated_at=now,
                )
                for n in range(0, count, 3)
            ]
        )
        made = []
        for n in range(count):
            home = rng.choice(branches)
            made.append(
                Item(
                    record=records[n // 3],
                    barcode=f"{BARCODE_PREFIX}{start + n:08d}",
                    owning_branch=home,
                    current_branch=home,
                    status="available",
                    created_at=now,
                    updated_at=now,
                )
            )
        Item.objects.bulk_create(made)
    return {
        "patrons": Patron.objects.filter(card_number__startswith=CARD_PREFIX).count(),
        "items": Item.objects.filter(barcode__startswith=BARCODE_PREFIX).count(),
        "branches": len(branches),
    }


@transaction.atomic
def reset_circulation() -> None:
    """Every bench item back on its home shelf, no loans, holds, transits, fees or events."""
    from django.db.models import F

    from folkbib.catalog.models import IndexQueue, Item
    from folkbib.circulation.models import (
        CirculationEvent,
        Fee,
        FeeTransaction,
        Hold,
        Loan,
        StaffAction,
        Transit,
    )

    for model in (FeeTransaction, Fee, Transit, Hold, Loan, CirculationEvent, StaffAction):
        model.objects.all().delete()
    IndexQueue.objects.all().delete()
    Item.objects.filter(barcode__startswith=BARCODE_PREFIX).exclude(
        status="available", current_branch_id=F("owning_branch_id")
    ).update(status="available", current_branch_id=F("owning_branch_id"), due_back=None)


def _bench_item_ids() -> list[int]:
    from folkbib.catalog.models import Item

    return list(
        Item.objects.filter(barcode__startswith=BARCODE_PREFIX)
        .order_by("id")
        .values_list("id", flat=True)
    )


def _bench_patron_ids() -> list[int]:
    from folkbib.patrons.models import Patron

    return list(
        Patron.objects.filter(card_number__startswith=CARD_PREFIX)
        .order_by("id")
        .values_list("id", flat=True)
    )


# -- the database's own cost -------------------------------------------------------------


def _raw_checkout(item_id: int, patron_id: int, branch_id: int, now: dt.datetime) -> None:
    """What a checkout must write at the least: the loan row and the item's status."""
    due = now.date() + dt.timedelta(days=28)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO circulation_loan (item_id, patron_id, branch_id, status, "
            "checked_out_at, due_date, renewals, overdue_notices) "
            "VALUES (%s, %s, %s, 'active', %s, %s, 0, 0)",
            [item_id, patron_id, branch_id, now, due],
        )
        cursor.execute(
            "UPDATE catalog_item SET status = 'on_loan', current_branch_id = %s, "
            "due_back = %s, updated_at = %s WHERE id = %s",
            [branch_id, due, now, item_id],
        )


def _raw_checkin(item_id: int, branch_id: int, now: dt.datetime) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE circulation_loan SET status = 'returned', closed_at = %s, "
            "return_branch_id = %s WHERE item_id = %s AND status = 'active'",
            [now, branch_id, item_id],
        )
        cursor.execute(
            "UPDATE catalog_item SET status = 'available', due_back = NULL, updated_at = %s "
            "WHERE id = %s",
            [now, item_id],
        )


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


# -- latency -----------------------------------------------------------------------------


def run_latency(*, calls: int, seed: int = 1, warmup: int = 50) -> LatencyResult:
    """Checkouts and checkins of distinct items, each beside the raw cost of the same rows."""
    from folkbib.catalog.models import Item
    from folkbib.circulation import services
    from folkbib.patrons.models import Patron

    rng = random.Random(seed)
    item_ids = _bench_item_ids()
    patron_ids = _bench_patron_ids()
    needed = 2 * (calls + warmup)
    if len(item_ids) < needed:
        raise ValueError(f"the latency run needs {needed} items, the region has {len(item_ids)}")
    chosen = rng.sample(item_ids, needed)
    service_items = chosen[: calls + warmup]
    raw_items = chosen[calls + warmup :]
    items = Item.objects.in_bulk(service_items)
    patrons = Patron.objects.in_bulk(patron_ids)
    now = timezone.now()
    timings: dict[str, list[float]] = {k: [] for k in ("out", "in", "raw_out", "raw_in")}
    queries: dict[str, int] = {}

    def one_round(n: int, keep: bool) -> None:
        item = items[service_items[n]]
        patron = patrons[rng.choice(patron_ids)]
        branch = item.current_branch
        raw_item = raw_items[n]
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("out", lambda: services.checkout(patron=patron, item=item, branch=branch, now=now)),
            ("raw_out", lambda: _raw_checkout(raw_item, patron.id, branch.id, now)),
            ("in", lambda: services.checkin(item=item, branch=branch, now=now)),
            ("raw_in", lambda: _raw_checkin(raw_item, branch.id, now)),
        ]
        # Alternate which of the pair goes first, so neither always meets a warm cache.
        if n % 2:
            steps = [steps[1], steps[0], steps[3], steps[2]]
        for name, call in steps:
            seconds = _timed(call)
            if keep:
                timings[name].append(seconds)

    for n in range(warmup):
        one_round(n, keep=False)
    for n in range(warmup, warmup + calls):
        one_round(n, keep=True)
    # One more checkout and checkin with their statements counted, outside the timing.
    queries.update(count_queries(items[service_items[-1]], patrons[patron_ids[0]], now))
    return LatencyResult(
        checkout=LatencySummary.of(timings["out"]),
        checkin=LatencySummary.of(timings["in"]),
        raw_checkout=LatencySummary.of(timings["raw_out"]),
        raw_checkin=LatencySummary.of(timings["raw_in"]),
        checkout_queries=queries["checkout"],
        checkin_queries=queries["checkin"],
    )


@dataclass(frozen=True)
class CpuResult:
    """CPU time per call, of this process and of its PostgreSQL backend (same machine)."""

    calls: int
    checkout_client_ms: float
    checkout_server_ms: float | None
    checkin_client_ms: float
    checkin_server_ms: float | None

    def capacity(self, cores: int) -> float | None:
        """Checkouts/s ``cores`` idle cores could sustain at this CPU cost per call."""
        if self.checkout_server_ms is None:
            return None
        return cores * 1000 / (self.checkout_client_ms + self.checkout_server_ms)


def _backend_cpu_seconds() -> float | None:
    """utime + stime of this connection's PostgreSQL backend process, from /proc."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_cpu(*, calls: int, seed: int = 2) -> CpuResult:
    """CPU per checkout and per checkin: less at the mercy of a busy machine than latency."""
    from folkbib.catalog.models import Item
    from folkbib.circulation import services
    from folkbib.patrons.models import Patron

    rng = random.Random(seed)
    item_ids = rng.sample(_bench_item_ids(), calls)
    patron_ids = _bench_patron_ids()
    items = list(Item.objects.filter(id__in=item_ids).select_related("current_branch"))
    patrons = Patron.objects.in_bulk(patron_ids)
    now = timezone.now()
    results = {}
    for kind in ("checkout", "checkin"):
        server = _backend_cpu_seconds()
        client = time.process_time()
        for item in items:
            if kind == "checkout":
                patron = patrons[rng.choice(patron_ids)]
                services.checkout(patron=patron, item=item, branch=item.current_branch, now=now)
            else:
                services.checkin(item=item, branch=item.current_branch, now=now)
        client_ms = (time.process_time() - client) * 1000 / calls
        after = _backend_cpu_seconds()
        server_ms = (after - server) * 1000 / calls if server is not None and after else None
        results[kind] = (client_ms, server_ms)
    return CpuResult(calls, *results["checkout"], *results["checkin"])


def count_queries(item: Any, patron: Any, now: dt.datetime) -> dict[str, int]:
    """Statements one checkout and one checkin send (the item must be on the shelf)."""
    from folkbib.circulation import services

    item.refresh_from_db()
    branch = item.current_branch
    with CaptureQueriesContext(connection) as out:
        services.checkout(patron=patron, item=item, branch=branch, now=now)
    with CaptureQueriesContext(connection) as back:
        services.checkin(item=item, branch=branch, now=now)
    if os.environ.get("FOLKBIB_BENCH_SHOW_QUERIES"):
        for label, captured in (("checkout", out), ("checkin", back)):
            print(f"-- {label}: {len(captured.captured_queries)} statements")
            for query in captured.captured_queries:
                print(f"   {query['time']} {query['sql'][:160]}")
    return {"checkout": len(out.captured_queries), "checkin": len(back.captured_queries)}


# -- throughput --------------------------------------------------------------------------


def _worker(
    index: int,
    item_ids: list[int],
    patron_ids: list[int],
    start: Any,
    seconds: float,
    results: Any,
) -> None:
    """One process: lend its own items to random patrons until the time is up."""
    from folkbib.catalog.models import Item
    from folkbib.circulation import services
    from folkbib.circulation.errors import CirculationError
    from folkbib.consortium.models import Branch
    from folkbib.patrons.models import Patron

    connections.close_all()  # never share the parent's connection
    rng = random.Random(index)
    branches = Branch.objects.in_bulk()
    patrons = list(Patron.objects.filter(id__in=patron_ids).select_related("category"))
    done = refused = 0
    errors: list[str] = []
    latencies: list[float] = []
    now = timezone.now()
    start.wait()
    deadline = time.perf_counter() + seconds
    for item_id in item_ids:
        if time.perf_counter() >= deadline:
            break
        item = Item(pk=item_id)
        branch = branches[rng.choice(list(branches))]
        started = time.perf_counter()
        try:
            services.checkout(patron=rng.choice(patrons), item=item, branch=branch, now=now)
            done += 1
        except CirculationError:
            refused += 1
        except Exception as error:  # counted and shown: a raw database error is a bug
            errors.append(f"{type(error).__name__}: {error}")
        latencies.append(time.perf_counter() - started)
    from folkbib.catalog.search import indexing

    indexing._background.join(timeout=30)
    connections.close_all()
    results.put((done, refused, errors[:5], latencies))


def run_throughput(*, workers: int, seconds: float, seed: int = 1) -> ThroughputResult:
    """``workers`` processes lending distinct items for ``seconds``; invariants afterwards."""
    rng = random.Random(seed)
    item_ids = _bench_item_ids()
    rng.shuffle(item_ids)
    patron_ids = _bench_patron_ids()
    slices = [item_ids[n::workers] for n in range(workers)]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    start = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(n, slices[n], patron_ids, start, seconds, results))
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    time.sleep(1.0)  # every worker has imported and connected
    start.set()
    outcomes = [results.get() for _ in processes]
    # Each worker stops at its deadline, ``seconds`` after the common start.
    elapsed = max(seconds, 1e-9)
    for process in processes:
        process.join()
    latencies = [s for outcome in outcomes for s in outcome[3]]
    return ThroughputResult(
        workers=workers,
        seconds=elapsed,
        checkouts=sum(o[0] for o in outcomes),
        refused=sum(o[1] for o in outcomes),
        errors=[e for o in outcomes for e in o[2]],
        latency=LatencySummary.of(latencies or [0.0]),
        violations=check_invariants(),
    )
