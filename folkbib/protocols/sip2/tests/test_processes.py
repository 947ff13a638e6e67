"""``folkbib sip2-server --processes N``: one port, N processes answering, one SIGTERM stops all."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

from folkbib.bench.importbench import folkbib_command
from folkbib.protocols.sip2.session import RESEND


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def _gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":  # exited, waiting to be reaped by the test runner's init
            return True
        time.sleep(0.1)
    return False


def test_two_processes_share_the_port_answer_every_terminal_and_stop_together():
    process = subprocess.Popen(
        folkbib_command(
            "sip2-server",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--workers",
            "2",
            "--processes",
            "2",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("SIP2 on TCP 127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        children = _children(process.pid)
        assert len(children) == 1
        terminals = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(12)]
        try:
            for terminal in terminals:
                terminal.sendall(b"not a sip message\r")
            assert [terminal.recv(100) for terminal in terminals] == [RESEND] * 12
        finally:
            for terminal in terminals:
                terminal.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert _gone(children[0], timeout=10)
    finally:
        if process.poll() is None:
            process.kill()


def test_a_server_process_whose_parent_was_killed_stops_by_itself():
    process = subprocess.Popen(
        folkbib_command(
            "sip2-server",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--workers",
            "1",
            "--processes",
            "2",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("SIP2 on TCP")
        (child,) = _children(process.pid)
        process.kill()
        process.wait(timeout=10)
        assert _gone(child, timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
