"""The TCP server: real sockets, real threads, each with its own database connection.

SQLite needs a file test database for this (``FOLKBIB_TEST_SQLITE``), like the
circulation concurrency tests.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from folkbib.circulation.invariants import check_invariants
from folkbib.circulation.models import Loan, LoanStatus
from folkbib.core.testing import require_tool
from folkbib.operations import metrics
from folkbib.operations.tests.scrape import samples, value
from folkbib.protocols.sip2 import codec
from folkbib.protocols.sip2.server import ServerOptions
from folkbib.protocols.sip2.session import RESEND
from folkbib.protocols.sip2.tests.conftest import DATE, Running, SipWorld, verify_checksum

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def running(sip_tx: SipWorld) -> Iterator[Running]:
    server = Running(ServerOptions(port=0, workers=8))
    yield server
    server.stop()


class Client:
    """A self-check over a socket: numbers, checksums, reads up to CR."""

    def __init__(self, port: int, *, wrap: ssl.SSLContext | None = None) -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.sock: socket.socket = (
            wrap.wrap_socket(sock, server_hostname="localhost") if wrap else sock
        )
        self.buffer = b""
        self.sequence = -1

    def frame(self, text: str) -> bytes:
        self.sequence = (self.sequence + 1) % 10
        data = f"{text}AY{self.sequence}AZ".encode()
        return data + codec.checksum(data).encode() + b"\r"

    def exchange(self, raw: bytes) -> bytes:
        self.sock.sendall(raw)
        while b"\r" not in self.buffer:
            chunk = self.sock.recv(4096)
            assert chunk, "server closed the connection"
            self.buffer += chunk
        answer, _, self.buffer = self.buffer.partition(b"\r")
        return answer + b"\r"

    def send(self, text: str) -> codec.Message:
        answer = self.exchange(self.frame(text))
        verify_checksum(answer)
        return codec.parse(answer)

    def close(self) -> None:
        self.sock.close()


def checkout(card: str, pin: str, barcode: str) -> str:
    return f"11NN{DATE}{' ' * 18}AOUMEA|AA{card}|AB{barcode}|AC|AD{pin}|"


def test_a_terminal_logs_in_lends_and_takes_back_over_tcp(running):
    client = Client(running.port)
    assert client.send("9300CNsip-umea|COsip-umea|CPumea|").fixed["ok"] == "1"
    assert client.send("9900402.00").command == "98"
    assert client.send(checkout("20260001", "1234", "S0001")).fixed["ok"] == "1"
    assert client.send(f"09N{DATE}{DATE}APumea|AOUMEA|ABS0001|AC|").fixed["ok"] == "1"
    client.close()
    assert Loan.objects.get().status == LoanStatus.RETURNED


def test_the_metrics_count_terminal_connections_and_those_open_now(running):
    def scrape() -> dict:
        return samples(metrics.exposition().decode())

    before = scrape()
    client = Client(running.port)
    client.send("9300CNsip-umea|COsip-umea|CPumea|")
    during = scrape()
    assert (
        value(during, "folkbib_sip2_sessions_total")
        == value(before, "folkbib_sip2_sessions_total") + 1
    )
    assert (
        value(during, "folkbib_sip2_sessions_open")
        == value(before, "folkbib_sip2_sessions_open") + 1
    )

    client.close()

    deadline = time.monotonic() + 10
    while value(scrape(), "folkbib_sip2_sessions_open") != value(
        before, "folkbib_sip2_sessions_open"
    ):
        assert time.monotonic() < deadline, "the closed connection is still counted as open"
        time.sleep(0.05)


def test_bad_input_over_tcp_gets_96_and_the_connection_stays_usable(running):
    client = Client(running.port)
    client.send("9300CNsip-umea|COsip-umea|CPumea|")
    good = client.frame(checkout("20260001", "1234", "S0001"))
    assert client.exchange(good.replace(b"S0001", b"S0003")) == RESEND  # corrupted checksum
    assert client.exchange(b"\x00\xffnot sip at all\r") == RESEND
    assert client.exchange(b"X" * 40_000 + b"\r") == RESEND  # longer than any message
    assert client.exchange(b"4200ABC|\r") == RESEND
    assert not Loan.objects.exists()
    answer = client.exchange(good)
    assert codec.parse(answer).fixed["ok"] == "1"
    # A CR LF ending (some terminals) is read as one message.
    assert client.exchange(client.frame("9900402.00")[:-1] + b"\r\n").startswith(b"98")
    client.close()


def test_a_terminal_that_never_logged_in_gets_96_and_nothing_is_lent(running):
    client = Client(running.port)
    assert client.exchange(client.frame(checkout("20260001", "1234", "S0001"))) == RESEND
    assert client.send("9300CNsip-umea|COwrong|CPumea|").fixed["ok"] == "0"
    assert client.exchange(client.frame(checkout("20260001", "1234", "S0001"))) == RESEND
    client.close()
    assert not Loan.objects.exists()


def test_many_terminals_at_once_each_lend_their_own_copy_and_the_database_stays_consistent(
    running, sip_tx
):
    from folkbib.catalog.models import Item

    count = 16
    world = sip_tx.world
    record = sip_tx.records["mio"]
    for n in range(count):
        world.patron(card_number=f"2027{n:04d}", pin="1234")
        world.item(record, world.umea, barcode=f"P{n:04d}")
    results: dict[int, str] = {}
    start = threading.Barrier(count)

    def terminal(n: int) -> None:
        client = Client(running.port)
        try:
            client.send("9300CNsip-umea|COsip-umea|CPumea|")
            start.wait()
            out = client.send(checkout(f"2027{n:04d}", "1234", f"P{n:04d}"))
            back = client.send(f"09N{DATE}{DATE}APumea|AOUMEA|ABP{n:04d}|AC|")
            again = client.send(checkout(f"2027{n:04d}", "1234", f"P{n:04d}"))
            results[n] = out.fixed["ok"] + back.fixed["ok"] + again.fixed["ok"]
        finally:
            client.close()

    threads = [threading.Thread(target=terminal, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == {n: "111" for n in range(count)}
    assert Loan.objects.filter(status=LoanStatus.ACTIVE).count() == count
    assert Loan.objects.filter(status=LoanStatus.RETURNED).count() == count
    assert Item.objects.filter(barcode__startswith="P", status="on_loan").count() == count
    assert check_invariants() == []


def _self_signed(directory: Path) -> tuple[Path, Path]:
    require_tool("openssl")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_the_server_speaks_tls_when_given_a_certificate(sip_tx, tmp_path):
    from folkbib.protocols.sip2.server import tls_context

    cert, key = _self_signed(tmp_path)
    server = Running(ServerOptions(port=0, workers=2, ssl_context=tls_context(str(cert), str(key))))
    try:
        trust = ssl.create_default_context(cafile=str(cert))
        client = Client(server.port, wrap=trust)
        assert client.send("9300CNsip-umea|COsip-umea|CPumea|").fixed["ok"] == "1"
        assert client.send(checkout("20260001", "1234", "S0001")).fixed["ok"] == "1"
        client.close()
    finally:
        server.stop()


def test_a_terminal_silent_past_the_idle_timeout_is_disconnected(sip_tx):
    server = Running(ServerOptions(port=0, workers=1, idle_timeout=0.5))
    try:
        client = Client(server.port)
        assert client.send("9300CNsip-umea|COsip-umea|CPumea|").fixed["ok"] == "1"
        client.sock.settimeout(10)
        assert client.sock.recv(100) == b""  # closed by the server, not by us
        client.close()
    finally:
        server.stop()
