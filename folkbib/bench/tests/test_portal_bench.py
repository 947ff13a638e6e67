from __future__ import annotations

import io
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from folkbib.bench import portalbench
from folkbib.bench.tests.test_bench_command import tiny_region  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_every_url_the_portal_bench_sends_answers_200_on_the_tiny_region(tiny_region, client):  # noqa: F811
    out = io.StringIO()
    call_command("bench", "portal-plan", "--records", "20", "--sample", "300", stdout=out)
    plan = json.loads(out.getvalue().strip().splitlines()[-1])
    assert plan["records_total"] == 300
    assert len(plan["record"]) == 20
    assert any("page=2" in path for path in plan["search"])
    assert any("available=1" in path for path in plan["search"])
    assert set(plan["selectors"]) == {"search", "record"}
    for path in plan["search"][:40] + plan["record"]:
        assert client.get(path).status_code == 200, path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: set[tuple[str, int]] = set()

    def do_GET(self) -> None:
        _Handler.connections.add(self.client_address)
        if self.path.startswith("/?q=slow"):
            time.sleep(0.4)
        status = 404 if self.path.startswith("/missing") else 200
        body = b"<p>ok</p>"
        self.send_response(status)
        if self.path.startswith("/?q=chunked"):
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"4\r\n<p>o\r\n5\r\nk</p>\r\n0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/?q=once"):
            # As gunicorn's sync workers answer: one request per connection.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _load_against_test_server(phase: list, *, clients: int, warmup: float, seconds: float):
    """One phase of the load generator against ``_Handler``, summarised."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        plan = {
            "host": "127.0.0.1",
            "port": server.server_address[1],
            "clients": clients,
            "warmup": warmup,
            "seconds": seconds,
            "phases": phase,
        }
        out = io.StringIO()
        portalbench.load_main(io.StringIO(json.dumps(plan)), out)
    finally:
        server.shutdown()
    return portalbench._summarise(json.loads(out.getvalue()), server_cpu=0.0)


def test_the_load_generator_times_each_page_kind_and_counts_non_200_as_errors():
    result = _load_against_test_server(
        portalbench.phase_plan(["/?q=a", "/?q=chunked"], ["/missing/1/"], ["mixed"]),
        clients=4,
        warmup=0.1,
        seconds=0.4,
    )
    assert result.name == "mixed"
    assert result.pages["search"].requests > 0 and not result.pages["search"].errors
    record = result.pages["record"]
    assert record.latency is not None  # every request observed, the last ones' too
    assert len(record.errors) == record.latency.count >= record.requests > 0
    assert result.pages["record"].errors[0] == "HTTP 404 /missing/1/"


def test_the_load_generator_opens_a_connection_again_where_the_server_closes_each():
    _Handler.connections.clear()
    result = _load_against_test_server(
        portalbench.phase_plan(["/?q=once"], [], ["search"]), clients=2, warmup=0.05, seconds=0.3
    )
    pages = result.pages["search"]
    assert pages.requests > 10 and pages.errors == []
    # Not one connection per client: a new one for every request, as the server asked.
    assert len(_Handler.connections) > pages.requests


def test_a_request_answered_after_the_window_counts_in_the_percentiles_not_the_rate():
    result = _load_against_test_server(
        portalbench.phase_plan(["/?q=slow"], [], ["search"]), clients=2, warmup=0.0, seconds=0.1
    )
    pages = result.pages["search"]
    # Both clients' first requests were sent in the window and answered 0.4 s later.
    assert pages.requests == 0 and pages.per_second == 0
    assert pages.latency is not None and pages.latency.count == 2
    assert pages.latency.p50 >= 400  # ms


def test_the_server_runs_production_like_and_keeps_connections_only_when_asked(tmp_path):
    plain = portalbench.server_environment({"DEBUG": "true"})
    assert plain["DEBUG"] == "false" and plain["FOLKBIB_SEARCH_DRAIN"] == "background"
    assert "DJANGO_SETTINGS_MODULE" not in plain
    kept = portalbench.server_environment({}, settings_dir=tmp_path)
    assert kept["DJANGO_SETTINGS_MODULE"] == "folkbib_bench_persistent"
    assert kept["PYTHONPATH"].split(os.pathsep)[0] == str(tmp_path)
    assert 'CONN_MAX_AGE"] = None' in (tmp_path / "folkbib_bench_persistent.py").read_text()


@pytest.mark.parametrize(("threads", "worker_class"), [(1, "sync"), (4, "gthread")])
def test_the_server_runs_as_folkbib_serve_runs_it(threads, worker_class):
    from folkbib.operations.management.commands.serve import gunicorn_arguments

    served = gunicorn_arguments(bind="127.0.0.1:1", workers=3, threads=threads, timeout=60)
    benched = portalbench.gunicorn_command(port=1, workers=3, threads=threads)
    assert benched[: len(served)] == served
    assert benched[benched.index("--worker-class") + 1] == worker_class


def test_a_response_is_complete_only_when_its_whole_body_is_read():
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    assert portalbench._response_end(bytearray(head + b"abc")) is None
    assert portalbench._response_end(bytearray(head + b"abcdeHTTP/1.1")) == (
        200,
        len(head) + 5,
        True,
    )
    chunked = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    body = b"3\r\nabc\r\n0\r\n\r\n"
    for cut in range(len(body)):
        assert portalbench._response_end(bytearray(chunked + body[:cut])) is None
    assert portalbench._response_end(bytearray(chunked + body)) == (404, len(chunked + body), False)
    with pytest.raises(ConnectionError):
        portalbench._response_end(bytearray(b"HTTP/1.1 200 OK\r\n\r\n"))
