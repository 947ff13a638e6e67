"""gunicorn hooks for ``folkbib serve`` (``-c python:folkbib.operations.gunicorn_conf``)."""

from __future__ import annotations

from typing import Any

from prometheus_client import multiprocess


def child_exit(server: Any, worker: Any) -> None:
    # A worker's "open now" gauges (SIP2 sessions) must not outlive it; its counters and
    # histograms stay in the directory, so totals never go down when a worker restarts.
    multiprocess.mark_process_dead(worker.pid)
