"""gunicorn hooks for ``folkbib serve`` (``-c python:folkbib.operations.gunicorn_conf``)."""

from __future__ import annotations

import gc
import os
import socket
import ssl
from collections.abc import Callable
from typing import Any

from gunicorn import util
from prometheus_client import multiprocess


def post_worker_init(worker: Any) -> None:
    close_at_once_when_nothing_is_unread()
    # The worker has imported Django and the site: those objects live as long as it
    # does. Frozen, the garbage collector's full collections stop walking them again
    # and again (180 -> 40 us of collection per portal request, measured).
    gc.freeze()


def child_exit(server: Any, worker: Any) -> None:
    # A worker's "open now" gauges (SIP2 sessions) must not outlive it; its counters and
    # histograms stay in the directory, so totals never go down when a worker restarts.
    # (Without the directory, as under ``folkbib bench portal``, there is nothing to mark.)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)


# -- closing a connection -----------------------------------------------------------
# gunicorn 27 (older ones allowed by the pin close at once) closes every connection the
# RFC 9112 9.6 way: it half-closes, then reads until the client closes its side (up to
# 2 s). That protects a response from being cut off by a reset when request bytes the
# server never read are still waiting (closing a socket with unread data sends RST, and
# the client may drop what it had not yet read). A sync worker closes after every
# response, so it sat idle a round trip to the client each time (docs/PERFORMANCE.md,
# Portal, session 10: 467 -> 501 record pages/s served). With nothing unread, a close
# sends FIN and no reset, so the linger protects nothing: close at once, and linger
# only where bytes are waiting (a pipelined request, an unread body).


def close_at_once_when_nothing_is_unread() -> None:
    """Have this process's gunicorn close connections with nothing unread at once."""
    lingering = getattr(util, "close_graceful", None)
    if lingering is None or getattr(lingering, "lingers_only_when_needed", False):
        return  # an older gunicorn closes at once anyway, or already done
    util.close_graceful = _closing(lingering)


def _closing(lingering: Callable[..., None]) -> Callable[..., None]:
    def close(sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        if _unread_bytes_or_tls(sock):
            lingering(sock, *args, **kwargs)
        else:
            util.close(sock)

    close.lingers_only_when_needed = True  # type: ignore[attr-defined]
    return close


def _unread_bytes_or_tls(sock: socket.socket) -> bool:
    """Whether request bytes wait unread on ``sock`` (or it is TLS, left to gunicorn)."""
    if isinstance(sock, ssl.SSLSocket):
        return True
    try:
        waiting = sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return False  # open, and nothing sent that was not read
    except OSError:
        return False  # reset or gone: nothing to protect
    return bool(waiting)  # b"": the client has closed its side already
