"""CPU per portal page in process: the WSGI application called directly, no server.

A development tool for before/after pairs (docs/PERFORMANCE.md, Portal, session 8):
the served benchmark (``folkbib bench portal``) is the measure of the targets, but on a
noisy 2-core machine its runs differ by more than a change of a few per cent; this one
calls the same pages in one process and reports process CPU per page.

    export FOLKBIB_VAR_DIR=$PWD/bench-data/n1m FOLKBIB_SEARCH_BACKEND=tantivy
    folkbib bench portal-plan --no-selectors | tail -1 > /tmp/plan.json
    python scripts/page_cpu.py /tmp/plan.json record 2   # or: search 2

Old code against new: run it with ``PYTHONPATH`` pointing at a worktree of the old
commit, then without, one after the other, several times.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time


def main() -> None:
    plan_path, kind, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.update(
        DEBUG="false",
        FOLKBIB_SEARCH_DRAIN="background",
        LOG_LEVEL="WARNING",
        ACCESS_LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("FOLKBIB_SEARCH_BACKEND", "tantivy")

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    with open(plan_path) as plan_file:
        urls = json.load(plan_file)[kind]

    def call(url: str) -> None:
        path, _, query = url.partition("?")
        status: list[str] = []
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        b"".join(app(environ, lambda s, h, *a: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{url}: {status[0]}")

    # Warm, untimed: templates, translations, and every page's database pages. All of
    # them: this host pages out file cache nobody read for a minute (PERFORMANCE.md,
    # Portal, session 9), so a first timed round would read from disk what later
    # rounds find in memory.
    for url in urls:
        call(url)
    cpu, wall, main_thread = time.process_time(), time.perf_counter(), time.thread_time()
    for _ in range(rounds):
        for url in urls:
            call(url)
    pages = rounds * len(urls)
    print(
        f"{kind}: {pages} pages, process CPU {(time.process_time() - cpu) / pages * 1000:.2f}"
        f" ms/page, main thread {(time.thread_time() - main_thread) / pages * 1000:.2f},"
        f" wall {(time.perf_counter() - wall) / pages * 1000:.2f}"
    )


if __name__ == "__main__":
    main()
