"""Readiness: can this process answer real requests? (``/readyz``, ``folkbib check-deploy``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

#: Checks whose failure makes the node not ready; the others are reported only.
REQUIRED = ("database", "search_index")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    milliseconds: float


@dataclass
class Readiness:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return all(result.ok for result in self.results if result.name in REQUIRED)

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ready" if self.ready else "unavailable",
            "checks": {
                result.name: {
                    "ok": result.ok,
                    "required": result.name in REQUIRED,
                    "detail": result.detail,
                    "ms": round(result.milliseconds, 1),
                }
                for result in self.results
            },
        }


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_search_index() -> str:
    from folkbib.catalog.search import SearchRequest, get_backend, parse_query

    backend = get_backend()
    result = backend.search(SearchRequest(query=parse_query(""), limit=1, facets=False))
    return f"{backend.name}: {result.total} records"


def check_speech_engine() -> str:
    from folkbib.talking.speech import get_engine

    engine = get_engine()
    identity = engine.identity()
    if settings.LANGUAGE_CODE not in engine.voices():
        raise RuntimeError(f"{identity} has no voice for {settings.LANGUAGE_CODE!r}")
    return identity


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "search_index": check_search_index,
    "speech_engine": check_speech_engine,
}


def readiness() -> Readiness:
    """Run every check; a check that raises is reported failed with its error, never raised."""
    report = Readiness()
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as error:  # a readiness probe reports, it does not crash
            detail, ok = f"{type(error).__name__}: {error}", False
        report.results.append(CheckResult(name, ok, detail, (time.perf_counter() - started) * 1000))
    return report
