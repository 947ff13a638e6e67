"""``folkbib bench generate|import|...|circulation``: measure, paste the last line.

Every measuring subcommand ends with one Markdown table row for docs/PERFORMANCE.md:
the numbers, the command that produced them and the machine they ran on. ``--db
sqlite|postgres`` runs the work in a child process whose settings point at the
benchmark database (bench-data/var, or the PostgreSQL database ``folkbib_bench``);
``import`` always starts from a fresh one. Method and results: docs/PERFORMANCE.md.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from folkbib.bench import importbench, memorybench, sip2bench
from folkbib.bench.generator import demo_branches, generate
from folkbib.bench.pool import default_source_dir, load_pool
from folkbib.bench.queries import MIN_QUERIES, build_query_set, dump_queries, load_queries
from folkbib.bench.report import machine_line


def _bench_dir() -> Path:
    return Path(settings.BASE_DIR) / "bench-data"


class Command(BaseCommand):
    help = "Benchmarks: generate a region-sized catalogue, time import, search and memory."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        gen = sub.add_parser("generate", help="write N varied records (ISO 2709) with items")
        gen.add_argument("--records", type=int, default=1_000_000)
        gen.add_argument("--items", type=int, default=3_000_000)
        gen.add_argument("--out", type=Path, default=None)
        gen.add_argument("--seed", type=int, default=1)
        gen.add_argument(
            "--source",
            type=Path,
            action="append",
            help="MARC files or directories to recombine (default: folkbib/demo/data)",
        )

        imp = sub.add_parser("import", help="time import-marc against yaz-marcdump")
        imp.add_argument("file", type=Path)
        self._environment_arguments(imp)
        imp.add_argument(
            "--import-arg",
            action="append",
            default=[],
            help="extra argument passed to import-marc (repeatable)",
        )

        search = sub.add_parser("search", help="selector against raw engine over the query set")
        self._environment_arguments(search)
        search.add_argument("--queries", type=Path, help="JSON lines query set (default: built)")
        search.add_argument("--rounds", type=int, default=2)
        search.add_argument("--seed", type=int, default=1)
        search.add_argument("--sample", type=int, default=3000, help="records to draw queries from")

        memory = sub.add_parser("memory", help="peak RSS of a web process serving the region")
        self._environment_arguments(memory)
        memory.add_argument("--requests", type=int, default=200)
        memory.add_argument("--seed", type=int, default=1)

        portal = sub.add_parser("portal", help="search and record pages under load from gunicorn")
        self._environment_arguments(portal)
        portal.add_argument(
            "--workers", type=int, default=None, help="gunicorn processes (folkbib serve's)"
        )
        portal.add_argument(
            "--threads", type=int, default=None, help="threads per process (1: sync workers)"
        )
        portal.add_argument("--clients", type=int, default=16, help="concurrent clients")
        portal.add_argument("--warmup", type=float, default=5.0, help="seconds per phase")
        portal.add_argument("--seconds", type=float, default=20.0, help="measured, per phase")
        portal.add_argument(
            "--phases", default="search,record,mixed", help="comma-separated: search,record,mixed"
        )
        portal.add_argument("--records", type=int, default=500, help="record pages to cycle")
        portal.add_argument("--no-selectors", action="store_true", help="skip the selector run")
        portal.add_argument(
            "--persistent-connections",
            action="store_true",
            help="keep a database connection per server thread for good, whatever the "
            "settings say (SQLite keeps them by default; DATABASE_CONN_MAX_AGE=0 opens one "
            "per request)",
        )
        portal.add_argument("--seed", type=int, default=1)
        portal.add_argument("--sample", type=int, default=3000, help="records to draw queries from")
        portal_plan = sub.add_parser("portal-plan", help="(internal) the portal benchmark's URLs")
        portal_plan.add_argument("--records", type=int, default=500)
        portal_plan.add_argument("--seed", type=int, default=1)
        portal_plan.add_argument("--sample", type=int, default=3000)
        portal_plan.add_argument("--no-selectors", action="store_true")

        queries = sub.add_parser("queries", help="write the query set built from the database")
        queries.add_argument("--out", type=Path, required=True)
        queries.add_argument("--seed", type=int, default=1)
        queries.add_argument("--sample", type=int, default=3000)

        plan = sub.add_parser("memory-plan", help="(internal) the memory benchmark's requests")
        plan.add_argument("--requests", type=int, default=200)
        plan.add_argument("--seed", type=int, default=1)
        lend = sub.add_parser("lend", help="put every Nth item on loan, then reindex")
        self._environment_arguments(lend)
        lend.add_argument("--every", type=int, default=7)
        circ = sub.add_parser(
            "circulation", help="checkout/checkin latency vs raw SQL, and throughput"
        )
        circ.add_argument(
            "--db",
            choices=("current", "sqlite", "postgres"),
            default="current",
            help="current: these settings; sqlite/postgres: the circulation bench database",
        )
        circ.add_argument("--database-url", default=None, help="PostgreSQL benchmark database")
        circ.add_argument("--var-dir", type=Path, default=None)
        circ.add_argument("--patrons", type=int, default=2000)
        circ.add_argument("--items", type=int, default=50_000)
        circ.add_argument("--calls", type=int, default=2000, help="timed checkouts (and checkins)")
        circ.add_argument("--workers", type=int, default=8)
        circ.add_argument("--seconds", type=float, default=20.0)
        circ.add_argument("--seed", type=int, default=1)
        sip2bench.add_arguments(sub)
        spoken = sub.add_parser("speech", help="AudioIndex: scan to first audio byte over HTTP")
        spoken.add_argument("--count", type=int, default=200, help="demo barcodes to request")
        spoken.add_argument("--format", choices=("wav", "opus", "mp3"), default="wav")
        sub.add_parser("setup-region", help="(internal) create the generator's branches")
        sub.add_parser("counts", help="(internal) records, items, indexed documents as JSON")

    def _environment_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--db",
            choices=("current", "sqlite", "postgres"),
            default="current",
            help="current: this process's settings; sqlite/postgres: the benchmark database",
        )
        parser.add_argument("--database-url", default=None, help="PostgreSQL benchmark database")
        parser.add_argument("--var-dir", type=Path, default=None)
        parser.add_argument("--backend", choices=("tantivy", "postgres"), default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        getattr(self, f"do_{action}")(options)

    # -- environments ------------------------------------------------------------
    def _bench_env(self, options: dict[str, Any]) -> tuple[dict[str, str], str | None, Path]:
        db = options["db"]
        database_url = None
        if db == "postgres":
            database_url = options["database_url"] or importbench.DEFAULT_PG_URL
        default_dir = "var-pg" if db == "postgres" else "var"
        var_dir = (options["var_dir"] or _bench_dir() / default_dir).resolve()
        backend = options["backend"] or ("postgres" if db == "postgres" else "tantivy")
        env = importbench.bench_environment(
            var_dir=var_dir, database_url=database_url, backend=backend
        )
        return env, database_url, var_dir

    def _rerun_in_bench_env(self, options: dict[str, Any], argv: list[str]) -> bool:
        """Run this subcommand again in a child whose settings point at the bench database."""
        if options["db"] == "current":
            if options["backend"]:
                settings.SEARCH_BACKEND = options["backend"]
            return False
        env, _, var_dir = self._bench_env(options)
        if not (var_dir.exists() or options["db"] == "postgres"):
            raise CommandError(f"no benchmark database in {var_dir}: run `folkbib bench import`")
        subprocess.run(importbench.folkbib_command("bench", *argv), env=env, check=True)
        return True

    # -- subcommands -------------------------------------------------------------
    def do_generate(self, options: dict[str, Any]) -> None:
        sources = options["source"] or [default_source_dir()]
        pool = load_pool(sources)
        out = options["out"] or _bench_dir() / f"region-{options['records']}.mrc"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            summary = generate(
                pool,
                out=handle,
                records=options["records"],
                items=options["items"],
                seed=options["seed"],
                branches=demo_branches(),
            )
        rate = summary.records / summary.seconds if summary.seconds else 0
        self.stdout.write(
            f"{summary.records:,} records, {summary.items:,} items from {pool.records_read:,} "
            f"real records -> {out} ({summary.bytes / 1e6:.0f} MB) in {summary.seconds:.1f} s "
            f"({rate:,.0f} records/s)"
        )
        self.stdout.write(
            f"| generate | {summary.records:,} records, {summary.items:,} items in "
            f"{summary.seconds:.1f} s | `folkbib bench generate --records {summary.records} "
            f"--items {summary.items} --seed {options['seed']}` | {machine_line()} |"
        )

    def do_import(self, options: dict[str, Any]) -> None:
        _, database_url, var_dir = self._bench_env(options)
        backend = options["backend"] or ("postgres" if database_url else "tantivy")
        path = options["file"].resolve()
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        result = importbench.run_import_bench(
            path,
            var_dir=var_dir,
            database_url=database_url,
            backend=backend,
            import_args=options["import_arg"],
        )
        self.stdout.write(
            f"yaz-marcdump -n (parse only): {result.records_in_file:,} records in "
            f"{result.yaz_seconds:.2f} s = {result.yaz_rate:,.0f} records/s"
        )
        index_note = (
            f" + reindex {result.reindex_seconds:.1f} s" if result.reindex_seconds else " (indexed)"
        )
        self.stdout.write(
            f"folkbib import-marc ({result.database}, {result.backend}): {result.records:,} "
            f"records, {result.items:,} items, {result.indexed:,} indexed in "
            f"{result.import_seconds:.1f} s{index_note} = {result.folkbib_rate:,.0f} records/s"
        )
        self.stdout.write(f"ratio folkbib / yaz: {result.ratio:.3f} (1/{1 / result.ratio:.1f})")
        self.stdout.write(
            f"| import {result.database} + {result.backend} | {result.records:,} records, "
            f"{result.items:,} items: {result.folkbib_rate:,.0f} records/s end to end "
            f"({result.folkbib_seconds:.0f} s); yaz-marcdump parse {result.yaz_rate:,.0f} "
            f"records/s; ratio {result.ratio:.3f} | `folkbib bench import {options['file']} "
            f"--db {options['db']}` | {machine_line()} |"
        )

    def _query_set(self, options: dict[str, Any]) -> list[Any]:
        from folkbib.bench.searchbench import sample_records

        if options.get("queries"):
            return load_queries(options["queries"])
        return build_query_set(
            sample_records(options["sample"], seed=options["seed"]), seed=options["seed"]
        )

    def do_queries(self, options: dict[str, Any]) -> None:
        queries = self._query_set(options)
        dump_queries(queries, options["out"])
        self.stdout.write(f"{len(queries)} queries -> {options['out']}")

    def do_search(self, options: dict[str, Any]) -> None:
        argv = ["search", "--rounds", str(options["rounds"]), "--seed", str(options["seed"])]
        argv += ["--sample", str(options["sample"])]
        if options["queries"]:
            argv += ["--queries", str(options["queries"].resolve())]
        if self._rerun_in_bench_env(options, argv):
            return
        from folkbib.bench.searchbench import run_search_bench

        queries = self._query_set(options)
        if len(queries) < MIN_QUERIES:
            self.stderr.write(f"note: only {len(queries)} queries (the target is {MIN_QUERIES})")
        result = run_search_bench(queries, rounds=options["rounds"], seed=options["seed"])
        kinds = sorted({q.kind for q in queries})
        self.stdout.write(
            f"{result.backend}: {result.records:,} records, {len(queries)} queries "
            f"({', '.join(kinds)}), {options['rounds']} rounds after a warm-up; "
            f"{len(result.zero_hit_queries)} queries found nothing"
        )
        for label in result.zero_hit_queries[:10]:
            self.stdout.write(f"    no hits: {label}")
        self.stdout.write(
            f"  selector (top 20 + total + facets + availability): {result.selector.line()}"
        )
        self.stdout.write(
            f"  raw engine, same request (hits + total + facets): {result.engine.line()}"
        )
        self.stdout.write(
            f"  raw engine, hits + total only:                   {result.engine_hits_only.line()}"
        )
        for kind, (sel, eng) in result.per_kind_p50.items():
            self.stdout.write(
                f"    {kind:<11} p50 selector {sel:7.2f} ms  engine {eng:7.2f} ms  "
                f"median hits {result.per_kind_hits[kind]:,}"
            )
        self.stdout.write(
            f"  ratio selector / engine: p50 {result.ratio_p50:.2f}x, p95 {result.ratio_p95:.2f}x"
        )
        for error in result.errors[:10]:
            self.stderr.write(f"  query error: {error}")
        self.stdout.write(
            f"| search {result.backend} on {connection.vendor} | {result.records:,} records, "
            f"{len(queries)} queries: "
            f"selector p50 {result.selector.p50:.1f} ms, p95 {result.selector.p95:.1f} ms; "
            f"engine p50 {result.engine.p50:.1f} ms, p95 {result.engine.p95:.1f} ms; ratio p50 "
            f"{result.ratio_p50:.2f}x, p95 {result.ratio_p95:.2f}x | `folkbib bench search "
            f"--db {_db_option()} --backend {result.backend}` | {machine_line()} |"
        )

    def do_memory(self, options: dict[str, Any]) -> None:
        if options["db"] == "current":
            env = dict(os.environ)
            if options["backend"]:
                env["FOLKBIB_SEARCH_BACKEND"] = options["backend"]
        else:
            env, _, _ = self._bench_env(options)
        # The requests come from the database the server will serve, read with its settings.
        plan_command = ["memory-plan", "--requests", str(options["requests"])]
        out = subprocess.run(
            importbench.folkbib_command("bench", *plan_command, "--seed", str(options["seed"])),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        plan = json.loads(out.strip().splitlines()[-1])
        queries = [load_query(q) for q in plan["queries"]]
        record_ids = plan["record_ids"]
        paths = memorybench.request_paths(queries, record_ids, options["requests"])
        result = memorybench.run_memory_bench(env=env, paths=paths)
        verdict = "under" if result.peak_mib < memorybench.TARGET_MIB else "OVER"
        self.stdout.write(
            f"{result.requests} requests, statuses {result.statuses}; RSS after start "
            f"{result.rss_after_start_kib / 1024:.0f} MiB, at end {result.rss_end_kib / 1024:.0f} "
            f"MiB (anonymous {result.anon_end_kib / 1024:.0f} MiB, mapped files "
            f"{result.file_end_kib / 1024:.0f} MiB), peak (VmHWM) {result.peak_mib:.0f} MiB: "
            f"{verdict} the {memorybench.TARGET_MIB} MB target"
        )
        self.stdout.write(
            f"| memory | peak RSS {result.peak_mib:.0f} MiB after {result.requests} search and "
            f"record-page requests (target < {memorybench.TARGET_MIB} MB) | `folkbib bench memory "
            f"--db {options['db']}` | {machine_line()} |"
        )

    def do_memory_plan(self, options: dict[str, Any]) -> None:
        from dataclasses import asdict

        from folkbib.bench.searchbench import sample_records

        queries = build_query_set(sample_records(2000, seed=options["seed"]), seed=options["seed"])
        plan = {
            "queries": [asdict(q) for q in queries],
            "record_ids": _some_record_ids(options["requests"]),
        }
        self.stdout.write(json.dumps(plan, ensure_ascii=False))

    def do_portal(self, options: dict[str, Any]) -> None:
        from folkbib.bench import portalbench
        from folkbib.operations.management.commands import serve

        if options["db"] == "current":
            env = dict(os.environ)
            if options["backend"]:
                env["FOLKBIB_SEARCH_BACKEND"] = options["backend"]
        else:
            env, _, var_dir = self._bench_env(options)
            if not (var_dir.exists() or options["db"] == "postgres"):
                raise CommandError(
                    f"no benchmark database in {var_dir}: run `folkbib bench import`"
                )
        # The URLs (and the selectors' own times) come from the database the server serves.
        plan_command = ["portal-plan", "--records", str(options["records"])]
        plan_command += ["--seed", str(options["seed"]), "--sample", str(options["sample"])]
        if options["no_selectors"]:
            plan_command.append("--no-selectors")
        out = subprocess.run(
            importbench.folkbib_command("bench", *plan_command),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        plan = json.loads(out.strip().splitlines()[-1])
        # What ``folkbib serve`` would run on this machine, unless told otherwise.
        workers = options["workers"] or serve.default_workers()
        threads = options["threads"] or serve.default_threads()
        result = portalbench.run_portal_bench(
            env=env,
            search=plan["search"],
            records=plan["record"],
            phases=[p.strip() for p in options["phases"].split(",") if p.strip()],
            workers=workers,
            threads=threads,
            clients=options["clients"],
            warmup=options["warmup"],
            seconds=options["seconds"],
            persistent_connections=options["persistent_connections"],
        )
        selector = plan["selectors"]
        self.stdout.write(
            f"{plan['records_total']:,} records; {len(plan['search'])} search URLs, "
            f"{len(plan['record'])} record pages; gunicorn {workers} workers x {threads} threads "
            f"({serve.worker_class(threads)}), DEBUG off, search drain background, "
            f"database connections "
            f"{'kept' if result.persistent_connections else 'as configured'}; "
            f"{options['clients']} clients, "
            f"{options['warmup']:.0f} s warm-up + {options['seconds']:.0f} s per phase; "
            f"load {result.load_before:.1f} before, {result.load_after:.1f} after"
        )
        for phase in result.phases:
            self.stdout.write(
                f"  {phase.name}: {phase.per_second:,.1f} requests/s, {phase.error_count} errors, "
                f"server CPU {phase.server_cpu_ms_per_request:.1f} ms/request, load generator "
                f"{phase.client_cpu_share * 100:.0f} % of a core"
            )
            for page in phase.pages.values():
                latency = page.latency.line() if page.latency else "no requests"
                alone = selector.get(page.kind)
                ratio = (
                    f"; selector alone p50 {alone['p50']:.1f} / p95 {alone['p95']:.1f} ms, ratio "
                    f"{page.latency.p95 / alone['p95']:.1f}x"
                    if alone and page.latency
                    else ""
                )
                self.stdout.write(f"    {page.kind:<6} {latency}, {page.per_second:,.1f}/s{ratio}")
                for error in page.errors[:5]:
                    self.stderr.write(f"      error: {error}")
        if result.worker_memory_kib:
            self.stdout.write(
                "  workers' RSS at end / peak (anonymous + mapped files), MiB: "
                + ", ".join(
                    f"{m['VmRSS'] / 1024:.0f} / {m['VmHWM'] / 1024:.0f} "
                    f"({m['RssAnon'] / 1024:.0f} + {m['RssFile'] / 1024:.0f})"
                    for m in result.worker_memory_kib
                )
            )
        self.stdout.write(self._portal_row(options, plan, result))

    def _portal_row(self, options: dict[str, Any], plan: dict[str, Any], result: Any) -> str:
        from folkbib.bench import portalbench
        from folkbib.operations.management.commands import serve

        parts = []
        targets = {
            "search": portalbench.SEARCH_P95_TARGET_MS,
            "record": portalbench.RECORD_P95_TARGET_MS,
        }
        for phase in result.phases:
            pages = []
            for page in phase.pages.values():
                if page.latency is None:
                    continue
                met = "met" if page.latency.p95 <= targets[page.kind] else "MISSED"
                alone = plan["selectors"].get(page.kind)
                ratio = f", {page.latency.p95 / alone['p95']:.1f}x selector" if alone else ""
                pages.append(
                    f"{page.kind} p50 {page.latency.p50:.0f} / p95 {page.latency.p95:.0f} / "
                    f"p99 {page.latency.p99:.0f} ms ({met}{ratio})"
                )
            parts.append(
                f"{phase.name}: {phase.per_second:,.0f} req/s, {phase.error_count} errors, "
                + "; ".join(pages)
            )
        return (
            f"| portal ({_env_db(options)}) | {plan['records_total']:,} records, gunicorn "
            f"{result.workers}x{result.threads} {serve.worker_class(result.threads)}"
            + (", persistent connections" if result.persistent_connections else "")
            + f", {result.clients} clients: "
            + " — ".join(parts)
            + f" | `folkbib bench portal --db {options['db']} --workers {result.workers} "
            f"--threads {result.threads}"
            + (" --persistent-connections" if result.persistent_connections else "")
            + f"` | {machine_line()}, load "
            f"{result.load_before:.1f} before, {result.load_after:.1f} after |"
        )

    def do_portal_plan(self, options: dict[str, Any]) -> None:
        from folkbib.bench import portalbench
        from folkbib.catalog.models import Record

        queries = self._query_set({**options, "queries": None})
        record_ids = _some_record_ids(options["records"])
        selectors = (
            {} if options["no_selectors"] else portalbench.time_selectors(queries, record_ids)
        )
        plan = {
            "search": portalbench.search_paths(queries),
            "record": portalbench.record_paths(record_ids),
            "records_total": Record.objects.count(),
            "selectors": selectors,
        }
        self.stdout.write(json.dumps(plan, ensure_ascii=False))

    def do_lend(self, options: dict[str, Any]) -> None:
        if self._rerun_in_bench_env(options, ["lend", "--every", str(options["every"])]):
            return
        import datetime as dt
        import time

        from folkbib.bench.region import lend_items
        from folkbib.catalog.search import reindex_all

        started = time.perf_counter()
        lent = lend_items(every=options["every"], due_back=dt.date(2026, 2, 5))
        indexed = reindex_all(progress=False)
        vacuumed = _vacuum_changed_tables()
        self.stdout.write(
            f"{lent:,} items on loan; {indexed:,} records reindexed"
            f"{' and vacuumed' if vacuumed else ''} in {time.perf_counter() - started:.0f} s"
        )

    def do_speech(self, options: dict[str, Any]) -> None:
        from folkbib.bench import speechbench

        result = speechbench.run(count=options["count"], audio_format=options["format"])
        load = os.getloadavg()
        self.stdout.write(f"uncached  {result.uncached.line()}")
        self.stdout.write(f"cached    {result.cached.line()}")
        self.stdout.write(f"espeak-ng {result.espeak.line()}")
        self.stdout.write(
            f"| speech {result.audio_format} ({connection.vendor}) | {result.barcodes} demo "
            f"barcodes, short level, first audio byte: uncached p95 {result.uncached.p95:.1f} ms, "
            f"cached p95 {result.cached.p95:.1f} ms; espeak-ng alone p95 "
            f"{result.espeak.p95:.1f} ms (uncached/espeak {result.ratio_p95:.2f}) | "
            f"`folkbib bench speech --count {options['count']} --format {options['format']}` | "
            f"{machine_line()}, load {load[0]:.1f} |"
        )

    def do_circulation(self, options: dict[str, Any]) -> None:
        from folkbib.bench import circulationbench as cb

        argv = ["circulation", "--patrons", str(options["patrons"])]
        for name in ("items", "calls", "workers", "seconds", "seed"):
            argv += [f"--{name}", str(options[name])]
        if options["db"] != "current":
            env = cb.bench_env(
                db=options["db"], url=options["database_url"], var_dir=options["var_dir"]
            )
            subprocess.run(
                importbench.folkbib_command("migrate", "--no-input", "-v", "0"), env=env, check=True
            )
            subprocess.run(importbench.folkbib_command("bench", *argv), env=env, check=True)
            return
        import time

        started = time.perf_counter()
        region = cb.setup_region(
            patrons=options["patrons"], items=options["items"], seed=options["seed"]
        )
        cb.reset_circulation()
        self.stdout.write(
            f"region: {region['patrons']:,} patrons, {region['items']:,} items, "
            f"{region['branches']} branches on {connection.vendor} (ready in "
            f"{time.perf_counter() - started:.0f} s); search drain: {settings.SEARCH_DRAIN}, "
            f"backend {settings.SEARCH_BACKEND}"
        )
        latency = cb.run_latency(calls=options["calls"], seed=options["seed"])
        self.stdout.write(f"  checkout           {latency.checkout.line()}")
        self.stdout.write(f"  raw INSERT+UPDATE  {latency.raw_checkout.line()}")
        self.stdout.write(f"  checkin            {latency.checkin.line()}")
        self.stdout.write(f"  raw UPDATE+UPDATE  {latency.raw_checkin.line()}")
        self.stdout.write(
            f"  statements: checkout {latency.checkout_queries}, checkin "
            f"{latency.checkin_queries}; ratio to raw at p50: checkout "
            f"{latency.checkout_ratio:.1f}x, checkin {latency.checkin_ratio:.1f}x"
        )
        cb.reset_circulation()
        cpu = cb.run_cpu(calls=min(500, options["calls"]))
        server = (
            f", its PostgreSQL backend {cpu.checkout_server_ms:.2f} / "
            f"{cpu.checkin_server_ms:.2f} ms"
            if cpu.checkout_server_ms is not None and cpu.checkin_server_ms is not None
            else ""
        )
        capacity = cpu.capacity(os.cpu_count() or 1)
        self.stdout.write(
            f"  CPU per call (checkout / checkin, {cpu.calls} each): this process "
            f"{cpu.checkout_client_ms:.2f} / {cpu.checkin_client_ms:.2f} ms{server}"
            + (f"; {os.cpu_count()} idle cores: ~{capacity:,.0f} checkouts/s" if capacity else "")
        )
        cb.reset_circulation()
        load_before = os.getloadavg()[0]
        if options["workers"] == 0:  # latency only (the tests: no processes in a test database)
            self.stdout.write(f"  invariants after the latency runs: {cb.check_invariants()}")
            return
        throughput = cb.run_throughput(
            workers=options["workers"], seconds=options["seconds"], seed=options["seed"]
        )
        self.stdout.write(
            f"  throughput: {throughput.checkouts:,} checkouts in {throughput.seconds:.0f} s from "
            f"{throughput.workers} processes = {throughput.rate:,.0f}/s (refused "
            f"{throughput.refused}, raw errors {len(throughput.errors)}); per call "
            f"{throughput.latency.line()}"
        )
        for error in throughput.errors:
            self.stderr.write(f"    error: {error}")
        verdict = "hold" if not throughput.violations else f"BROKEN ({len(throughput.violations)})"
        for problem in throughput.violations[:10]:
            self.stderr.write(f"    invariant: {problem}")
        self.stdout.write(f"  invariants after the run: {verdict}")
        load = os.getloadavg()
        db = _db_option()
        out, back = latency.checkout, latency.checkin
        self.stdout.write(
            f"| circulation {db} | {region['patrons']:,} patrons, {region['items']:,} items: "
            f"checkout p50 {out.p50:.2f} / p95 {out.p95:.2f} / p99 {out.p99:.2f} ms, "
            f"checkin p50 {back.p50:.2f} / p95 {back.p95:.2f} / p99 {back.p99:.2f} ms "
            f"({options['calls']} each); raw INSERT+UPDATE p50 "
            f"{latency.raw_checkout.p50:.2f} ms, ratio {latency.checkout_ratio:.1f}x (checkin "
            f"{latency.checkin_ratio:.1f}x); CPU/checkout {cpu.checkout_client_ms:.2f} ms"
            + (f" + {cpu.checkout_server_ms:.2f} ms DB" if cpu.checkout_server_ms else "")
            + f"; {throughput.rate:,.0f} checkouts/s from {throughput.workers} processes over "
            f"{throughput.seconds:.0f} s, invariants {verdict} | `folkbib bench circulation "
            f"--db {db}` | {machine_line()}, load {load_before:.1f} before throughput, "
            f"{load[0]:.1f} after |"
        )

    def do_sip2(self, options: dict[str, Any]) -> None:
        sip2bench.command(self.stdout, options)

    def do_setup_region(self, options: dict[str, Any]) -> None:
        from folkbib.bench.region import ensure_branches

        created = ensure_branches(branches=demo_branches())
        self.stdout.write(f"{created} branches created")

    def do_counts(self, options: dict[str, Any]) -> None:
        from folkbib.catalog.models import Item, Record

        self.stdout.write(
            json.dumps(
                {
                    "records": Record.objects.count(),
                    "items": Item.objects.count(),
                    "indexed": _indexed_documents(),
                }
            )
        )


def _env_db(options: dict[str, Any]) -> str:
    return str(options["db"]) if options["db"] != "current" else _db_option()


def _db_option() -> str:
    return "postgres" if connection.vendor == "postgresql" else "sqlite"


def load_query(data: dict[str, Any]) -> Any:
    from folkbib.bench.queries import BenchQuery

    return BenchQuery(data["kind"], data["query"], data.get("filters") or {})


def _some_record_ids(count: int) -> list[int]:
    """About ``count`` record ids spread evenly over the catalogue."""
    from django.db.models import Max, Min

    from folkbib.catalog.models import Record

    bounds = Record.objects.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return []
    step = max(1, (bounds["high"] - bounds["low"]) // max(1, count))
    wanted = range(bounds["low"], bounds["high"] + 1, step)
    found = Record.objects.filter(pk__in=list(wanted)[:count]).values_list("id", flat=True)
    return list(found.order_by("id"))


def _indexed_documents() -> int:
    """How many documents the engine holds: the total of a query that matches everything."""
    from folkbib.catalog.search import get_backend
    from folkbib.catalog.search.base import SearchRequest
    from folkbib.catalog.search.query import parse_query

    result = get_backend().search(SearchRequest(query=parse_query(""), limit=1, facets=False))
    if result.sampled:  # the total of a broad search is an estimate: count the rows
        from folkbib.catalog.models import SearchDocumentRow

        return SearchDocumentRow.objects.count()
    return int(result.total)


def _vacuum_changed_tables() -> bool:
    """PostgreSQL: ``VACUUM (ANALYZE)`` the items and the search documents ``lend`` rewrote.

    Reindexing a million records leaves a million dead rows in the search table until
    autovacuum comes by (never, where it is off): every bitmap then reads twice the
    pages (1M region, load ~3: selector p95 193 ms before, 116 after; engine p50 26 ->
    22 ms). A region searched in production has been vacuumed; the benchmark measures
    that state. False elsewhere, and inside a caller's transaction (VACUUM cannot run in
    one: the tests').
    """
    from folkbib.catalog.models import Item, SearchDocumentRow

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        for model in (Item, SearchDocumentRow):
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
    return True
