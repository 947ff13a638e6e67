"""``folkbib serve``: the site under gunicorn, as in production.

Sync workers by default, one process per core and one more: a page is CPU work in
Python (SQLite and the search index answer from memory), so a process serves one
request at a time and takes the next from the listening socket's queue, first come
first served. Threaded workers (``--threads`` above 1: gunicorn's gthread) keep each
client's connection in the process that accepted it and share the cores unevenly;
with 16 busy clients on 2 cores the record page's p95 was 84 ms under 4 x 4 threads
and 32 ms under 3 sync workers at the same pages per second (docs/PERFORMANCE.md,
"Portal"). A sync worker reads a request and writes its answer whole, so it needs a
buffering proxy in front against slow clients: nginx, as in deploy/.
Static files are served by WhiteNoise inside the workers (hashed names, gzip/brotli,
cached forever), so no separate file server is needed.
"""

from __future__ import annotations

import os
import re
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)


def default_threads() -> int:
    return int(os.environ.get("FOLKBIB_THREADS") or 1)


def worker_class(threads: int) -> str:
    """gunicorn's own rule, said out loud: more than one thread means gthread."""
    return "sync" if threads == 1 else "gthread"


def metrics_directory() -> Path:
    return Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.VAR_DIR / "prometheus")


#: prometheus_client's multiprocess files end in the writing process's id.
_PID_OF_FILE = re.compile(r"_(\d+)\.db$")


def clear_metrics(directory: Path) -> None:
    """Start counting afresh: files left by processes of an earlier run would be added in.

    Files of processes still running are kept: the SIP2 server on this machine writes
    its series into the same directory, and a restart of the web server must not take
    its open sessions away.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        match = _PID_OF_FILE.search(stale.name)
        if match is None or not _running(int(match.group(1))):
            stale.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


# Each worker tells the master it is alive by touching a file before every request it
# takes; in memory that is cheaper than on a disk's file system (gunicorn's own advice;
# served pages, session 10: 1.17 -> 1.11 ms of CPU for the health check, three pairs).
_HEARTBEAT_DIR = Path("/dev/shm")


def gunicorn_arguments(*, bind: str, workers: int, threads: int, timeout: int) -> list[str]:
    in_memory = _HEARTBEAT_DIR.is_dir() and os.access(_HEARTBEAT_DIR, os.W_OK)
    heartbeat = ["--worker-tmp-dir", str(_HEARTBEAT_DIR)] if in_memory else []
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--config",
        "python:folkbib.operations.gunicorn_conf",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        worker_class(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        # A worker is replaced after this many requests (with jitter, so not all at
        # once): memory a long-lived process slowly gathers is given back.
        "--max-requests",
        "20000",
        "--max-requests-jitter",
        "2000",
        # Our middleware writes the access log (JSON, with the request id).
        "--error-logfile",
        "-",
        *heartbeat,
    ]


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn (sync workers, or gthread with --threads; WhiteNoise "
        "static files; Prometheus metrics from every worker). Bind, workers and threads "
        "come from the options or FOLKBIB_BIND, WEB_CONCURRENCY, FOLKBIB_THREADS."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("FOLKBIB_BIND", "127.0.0.1:8000"),
            help="HOST:PORT or unix:PATH (default 127.0.0.1:8000; a proxy goes in front)",
        )
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument(
            "--threads",
            type=int,
            default=default_threads(),
            help="threads per process (default 1: sync workers; more: gthread workers)",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("FOLKBIB_WORKER_TIMEOUT", "60")),
            help="seconds before a silent worker is restarted",
        )
        parser.add_argument(
            "--migrate", action="store_true", help="apply pending migrations before serving"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if settings.PRODUCTION:
            # Hashed, compressed copies for the manifest storage (settings.STORAGES).
            call_command("collectstatic", interactive=False, verbosity=0)
        metrics_dir = metrics_directory()
        clear_metrics(metrics_dir)
        environment = dict(os.environ)
        environment["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        environment.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        arguments = gunicorn_arguments(
            bind=options["bind"],
            workers=options["workers"],
            threads=options["threads"],
            timeout=options["timeout"],
        )
        self.stdout.write(
            f"Serving on {options['bind']}: {options['workers']} "
            f"{worker_class(options['threads'])} workers x {options['threads']} threads; "
            f"metrics in {metrics_dir}"
        )
        self.stdout.flush()
        # gunicorn takes this process's place: signals from systemd go straight to it.
        os.execve(sys.executable, arguments, environment)
