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

``--instructions`` counts instead of timing: the script runs itself under valgrind's
callgrind, which counts the instructions of the timed pass (every thread: Python,
SQLite, tantivy) and nothing before it. The count is the same run after run whatever
else the machine does (session 10: 6,167,547 and 6,151,962 instructions a record page,
two runs), so a change of one per cent shows in one pair of runs. It is ~50 times
slower than the pages themselves (281 search pages: about 3 minutes), and it counts
instructions, not time: a system call or a cache miss costs more than its count says.

    python scripts/page_cpu.py /tmp/plan.json record 1 --instructions --pages 100
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

_UNDER_CALLGRIND = "FOLKBIB_PAGE_CPU_UNDER_CALLGRIND"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan")
    parser.add_argument("kind", choices=("search", "record"))
    parser.add_argument("rounds", type=int)
    parser.add_argument("--pages", type=int, help="only the first PAGES of the plan's list")
    parser.add_argument("--instructions", action="store_true", help="count, under callgrind")
    args = parser.parse_args()
    if args.instructions and not os.environ.get(_UNDER_CALLGRIND):
        count_instructions(args)
        return
    plan_path, kind, rounds = args.plan, args.kind, args.rounds
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
        urls = json.load(plan_file)[kind][: args.pages]

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
    counting = bool(os.environ.get(_UNDER_CALLGRIND))
    if counting:
        _callgrind("on")
    cpu, wall, main_thread = time.process_time(), time.perf_counter(), time.thread_time()
    for _ in range(rounds):
        for url in urls:
            call(url)
    if counting:
        _callgrind("off")
        return  # count_instructions, in the process that started this one, reports
    pages = rounds * len(urls)
    print(
        f"{kind}: {pages} pages, process CPU {(time.process_time() - cpu) / pages * 1000:.2f}"
        f" ms/page, main thread {(time.thread_time() - main_thread) / pages * 1000:.2f},"
        f" wall {(time.perf_counter() - wall) / pages * 1000:.2f}"
    )


def count_instructions(args: argparse.Namespace) -> None:
    """Run this script again under callgrind and print the instructions per page."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "callgrind.out")
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",  # switched on for the counted pass only
                f"--callgrind-out-file={out}",
                sys.executable,
                *sys.argv,
            ],
            env={**os.environ, _UNDER_CALLGRIND: "1"},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(out) as counts:
            total = next(int(line.split()[1]) for line in counts if line.startswith("totals:"))
    with open(args.plan) as plan_file:
        pages = len(json.load(plan_file)[args.kind][: args.pages]) * args.rounds
    print(f"{args.kind}: {pages} pages, {total / pages:,.0f} instructions/page")


def _callgrind(switch: str) -> None:
    subprocess.run(
        ["callgrind_control", "--instr", switch, str(os.getpid())],
        check=True,
        stdout=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    main()
