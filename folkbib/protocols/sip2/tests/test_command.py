"""``folkbib sip2-server``: the command starts, answers, and stops on SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess

from folkbib.bench.importbench import folkbib_command
from folkbib.protocols.sip2.session import RESEND


def test_folkbib_sip2_server_listens_answers_garbage_with_96_and_stops_on_sigterm():
    process = subprocess.Popen(
        folkbib_command("sip2-server", "--host", "127.0.0.1", "--port", "0", "--workers", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("SIP2 on TCP 127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(b"not a sip message\r")
            assert sock.recv(100) == RESEND
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
