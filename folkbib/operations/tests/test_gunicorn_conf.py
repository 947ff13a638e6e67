"""The hooks ``folkbib serve`` gives gunicorn."""

from __future__ import annotations

import gc
import socket

import pytest
from gunicorn import util

from folkbib.operations import gunicorn_conf


def test_a_worker_freezes_what_it_loaded_before_serving(monkeypatch):
    monkeypatch.setattr(util, "close_graceful", util.close_graceful)  # put back afterwards
    assert gc.get_freeze_count() == 0
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_worker_exiting_without_a_metrics_directory_marks_nothing(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)

    class Worker:
        pid = 12345

    gunicorn_conf.child_exit(server=None, worker=Worker())


@pytest.fixture
def lingering(monkeypatch):
    """gunicorn's lingering close, recorded; the hook installs its own in front of it."""
    lingered = []
    monkeypatch.setattr(
        util, "close_graceful", lambda sock, *args, **kwargs: lingered.append(sock) or sock.close()
    )
    gunicorn_conf.close_at_once_when_nothing_is_unread()
    return lingered


def test_a_connection_with_nothing_unread_closes_at_once_with_a_fin(lingering):
    server, client = socket.socketpair()
    client.sendall(b"GET / HTTP/1.1\r\n\r\n")
    server.recv(100)
    server.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhej")

    util.close_graceful(server)

    assert lingering == []
    assert server.fileno() == -1
    assert client.recv(100).endswith(b"hej")  # the whole answer, then end of file
    assert client.recv(100) == b""
    client.close()


def test_a_connection_with_unread_bytes_lingers_as_gunicorn_would(lingering):
    server, client = socket.socketpair()
    client.sendall(b"GET / HTTP/1.1\r\n\r\nGET /second HTTP/1.1\r\n\r\n")  # pipelined
    server.recv(18)

    util.close_graceful(server)

    assert lingering == [server]
    client.close()


def test_the_hook_wraps_gunicorns_close_once(lingering):
    wrapped = util.close_graceful
    gunicorn_conf.close_at_once_when_nothing_is_unread()

    assert util.close_graceful is wrapped
