"""Prometheus metrics: the series folkbib exports at ``/metrics`` and the calls that feed them.

Several gunicorn workers (and the SIP2 server, and cron's ``run-jobs``) are separate
processes. With ``PROMETHEUS_MULTIPROC_DIR`` set (``folkbib serve`` sets it) every
process writes its samples to memory-mapped files in that directory and ``/metrics``
adds them up when it is scraped, so any worker answers for the whole machine. Without
it (``runserver``, tests) the samples live in the one process. Each app machine has its
own directory and is scraped on its own; Prometheus sums over instances. Nothing here
is read back by the application, so no other machine ever needs these numbers.

The public calls are plain functions with no Django in them, so any edge may call
them: ``sip2_session_opened()``/``sip2_session_closed()`` (the SIP2 server),
``observe_search(...)``, ``speech_cache_used(hit=...)``, ``observe_job(...)``.
"""

from __future__ import annotations

import functools
import os

# The directory must exist before the first metric below is made (a fresh machine, a
# tmpfs emptied by a reboot).
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

__all__ = [
    "CONTENT_TYPE_LATEST",
    "circulation_event",
    "exposition",
    "observe_job",
    "observe_request",
    "observe_search",
    "sip2_session_closed",
    "sip2_session_opened",
    "speech_cache_used",
]

# Pages answer in milliseconds; a MARC import page or a report may take seconds.
_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_SEARCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_JOB_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)

REQUEST_SECONDS = Histogram(
    "folkbib_http_request_duration_seconds",
    "Time to answer an HTTP request, by route (URL name) and method.",
    ["route", "method"],
    buckets=_REQUEST_BUCKETS,
)
REQUESTS = Counter(
    "folkbib_http_requests",
    "HTTP requests answered, by route, method and status code.",
    ["route", "method", "status"],
)
CHECKOUTS = Counter("folkbib_checkouts", "Loans made (desk, portal, SIP2, API alike).")
RENEWALS = Counter("folkbib_renewals", "Loans renewed.")
CHECKINS = Counter("folkbib_checkins", "Items returned.")
HOLDS_PLACED = Counter("folkbib_holds_placed", "Holds placed.")
HOLDS_FILLED = Counter("folkbib_holds_filled", "Holds filled (an item caught for a hold).")
SIP2_SESSIONS = Counter("folkbib_sip2_sessions", "SIP2 connections opened.")
SIP2_SESSIONS_OPEN = Gauge(
    "folkbib_sip2_sessions_open",
    "SIP2 connections open now.",
    multiprocess_mode="livesum",
)
SEARCH_SECONDS = Histogram(
    "folkbib_search_duration_seconds",
    "Time to answer a catalogue search, by interface (portal, sru, api).",
    ["interface"],
    buckets=_SEARCH_BUCKETS,
)
SPEECH_CACHE = Counter(
    "folkbib_speech_cache_requests",
    "Spoken audio served, by whether it was already in the cache (hit) or synthesised (miss).",
    ["result"],
)
JOB_SECONDS = Histogram(
    "folkbib_job_duration_seconds",
    "Time a periodic job (folkbib run-jobs) took, by job.",
    ["job"],
    buckets=_JOB_BUCKETS,
)
JOB_FAILURES = Counter("folkbib_job_failures", "Periodic jobs that failed, by job.", ["job"])

_EVENT_COUNTERS = {
    "checkout": CHECKOUTS,
    "renewal": RENEWALS,
    "checkin": CHECKINS,
    "hold_placed": HOLDS_PLACED,
    "hold_filled": HOLDS_FILLED,
}


def observe_request(*, route: str, method: str, status: int, seconds: float) -> None:
    duration, count = _request_series(route, method, status)
    duration.observe(seconds)
    count.inc()


@functools.lru_cache(maxsize=4096)
def _request_series(route: str, method: str, status: int) -> tuple[Histogram, Counter]:
    # ``labels()`` checks and locks on every call to find the same two series again;
    # every request asks for them. Bounded: a client can make up methods.
    return REQUEST_SECONDS.labels(route, method), REQUESTS.labels(route, method, str(status))


def circulation_event(kind: str) -> None:
    """Count one committed circulation event (``CirculationEvent.kind``); others are ignored."""
    counter = _EVENT_COUNTERS.get(kind)
    if counter is not None:
        counter.inc()


def sip2_session_opened() -> None:
    """A self-check machine connected; call ``sip2_session_closed()`` when it goes."""
    SIP2_SESSIONS.inc()
    SIP2_SESSIONS_OPEN.inc()


def sip2_session_closed() -> None:
    SIP2_SESSIONS_OPEN.dec()


def observe_search(*, interface: str, seconds: float) -> None:
    SEARCH_SECONDS.labels(interface).observe(seconds)


def speech_cache_used(*, hit: bool) -> None:
    SPEECH_CACHE.labels("hit" if hit else "miss").inc()


def observe_job(*, job: str, seconds: float, ok: bool) -> None:
    JOB_SECONDS.labels(job).observe(seconds)
    if not ok:
        JOB_FAILURES.labels(job).inc()


def exposition() -> bytes:
    """The text a Prometheus scrape gets: every process of this machine, added up."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
