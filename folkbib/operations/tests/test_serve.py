"""folkbib serve as production runs it: gunicorn workers, static files, metrics, JSON logs.

The server is a real subprocess on the test database (a file for SQLite), with
production settings: manifest static files, HTTPS cookies, JSON logs. It needs only
the migrated schema, which the test database has from the start.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from folkbib.circulation.tests.conftest import needs_a_file_database
from folkbib.operations.management.commands import serve
from folkbib.operations.management.commands.serve import clear_metrics
from folkbib.operations.tests.scrape import samples, value

FOLKBIB = str(Path(sys.executable).with_name("folkbib"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(django_db_setup, tmp_path_factory):
    """One server for the module (starting one takes seconds); the last test stops it."""
    needs_a_file_database()
    tmp_path = tmp_path_factory.mktemp("served")
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "FOLKBIB_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "serve-test-" + "x7Qp2" * 10,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # the proxy in front redirects; here plain HTTP
        "FOLKBIB_VAR_DIR": str(tmp_path / "var"),
        "FOLKBIB_SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "FOLKBIB_SPEECH_ENGINE": "fake",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "2",
        "FOLKBIB_THREADS": "1",  # the default: sync workers (two app servers test gthread)
    }
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(
        [FOLKBIB, "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if get(base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("folkbib serve did not start:\n" + (tmp_path / "server.log").read_text())
        time.sleep(0.2)
    yield base, server, tmp_path / "server.log"
    if server.poll() is None:
        server.kill()
        server.wait()
    log.close()


def test_several_workers_serve_and_one_scrape_counts_them_all(served):
    base, _server, log = served
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: get(base + "/healthz")[0], range(40)))
    assert statuses == [200] * 40

    status, _, body = get(base + "/metrics")
    assert status == 200
    scraped = samples(body.decode())
    healthz = {"route": "healthz", "method": "GET"}
    # Every request, whichever worker answered it (the polls while starting up included).
    assert value(scraped, "folkbib_http_requests_total", status="200", **healthz) >= 40
    assert value(scraped, "folkbib_http_request_duration_seconds_count", **healthz) >= 40
    workers = {p.name.split("_")[-1] for p in (log.parent / "metrics").glob("counter_*.db")}
    assert len(workers) >= 2

    status, _, body = get(base + "/readyz")
    assert status == 200, body


def test_static_files_are_served_hashed_compressed_and_cached_for_long(served):
    base, _server, _log = served
    status, _, page = get(base + "/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet is not None, "the page links the hashed stylesheet"

    status, headers, body = get(base + stylesheet.group(1).decode(), **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert b"{" in gzip.decompress(body)
    assert "immutable" in headers["Cache-Control"]


def test_log_lines_are_json_with_the_request_id_and_sigterm_stops_cleanly(served):
    base, server, log = served
    _, headers, _ = get(base + "/healthz", **{"X-Request-ID": "probe-0123456789"})
    assert headers["X-Request-ID"] == "probe-0123456789"

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=40) == 0

    events = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    (probe,) = [e for e in events if e.get("request_id") == "probe-0123456789"]
    assert (probe["route"], probe["status"], probe["logger"]) == (
        "healthz",
        200,
        "folkbib.requests",
    )


def test_a_restart_clears_the_metrics_of_ended_processes_and_keeps_the_running_ones(tmp_path):
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    ended_pid = int(ended.stdout)
    (tmp_path / f"counter_{ended_pid}.db").write_bytes(b"old")
    (tmp_path / f"gauge_livesum_{os.getpid()}.db").write_bytes(b"live")  # e.g. the SIP2 server

    clear_metrics(tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == [f"gauge_livesum_{os.getpid()}.db"]


def test_by_default_one_sync_worker_per_core_and_one_more(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("FOLKBIB_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert (serve.default_workers(), serve.default_threads()) == (3, 1)
    arguments = serve.gunicorn_arguments(bind="127.0.0.1:1", workers=3, threads=1, timeout=60)
    assert arguments[arguments.index("--worker-class") + 1] == "sync"
    threaded = serve.gunicorn_arguments(bind="127.0.0.1:1", workers=3, threads=4, timeout=60)
    assert threaded[threaded.index("--worker-class") + 1] == "gthread"
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("FOLKBIB_THREADS", "4")
    assert (serve.default_workers(), serve.default_threads()) == (5, 4)


def test_workers_keep_their_heartbeat_file_in_memory_where_linux_has_dev_shm(monkeypatch, tmp_path):
    assert str(serve._HEARTBEAT_DIR) == "/dev/shm"
    monkeypatch.setattr(serve, "_HEARTBEAT_DIR", tmp_path)  # as if it were /dev/shm
    arguments = serve.gunicorn_arguments(bind="127.0.0.1:1", workers=3, threads=1, timeout=60)
    assert arguments[arguments.index("--worker-tmp-dir") + 1] == str(tmp_path)
    monkeypatch.setattr(serve, "_HEARTBEAT_DIR", tmp_path / "missing")
    elsewhere = serve.gunicorn_arguments(bind="127.0.0.1:1", workers=3, threads=1, timeout=60)
    assert "--worker-tmp-dir" not in elsewhere  # gunicorn's default temporary directory
