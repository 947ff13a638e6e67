"""The periodic jobs of circulation, run by ``folkbib run-jobs`` (from cron, say every 15 min).

Every job is idempotent (a second run right after changes nothing) and safe to run
while another run is going: each claims its rows under a lock or with a conditional
update. A job that fails does not stop the others; the report says which failed.
Order matters within a run: holds expire and copies move on before notices are made,
so "not collected" and "ready for pickup" go out in the same run.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError
from django.dispatch import Signal

from folkbib.circulation import services
from folkbib.circulation.notices import NoticeSender, deliver_notices, make_notices
from folkbib.circulation.services.statistics import count_co_borrowing

logger = logging.getLogger(__name__)

#: How often a job that lost a race to a concurrent run is started over.
RACE_RETRIES = 3

#: Sent after each job with ``result`` (a ``JobResult``), for whoever watches the
#: jobs (the metrics); circulation does not know who listens.
job_finished = Signal()


@dataclass(frozen=True)
class JobResult:
    name: str
    summary: str  # one line; the error when the job failed
    ok: bool
    seconds: float


@dataclass
class JobReport:
    results: list[JobResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def failed(self) -> list[JobResult]:
        return [result for result in self.results if not result.ok]


def _expire_hold_shelf(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{len(services.expire_hold_shelf(now=now))} holds expired"


def _resume_paused_holds(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{services.resume_paused_holds(now=now)} paused holds resumed"


def _retarget_holds(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{services.retarget_waiting_holds(now=now)} hold allocations changed"


def _overdue_fees(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{services.accrue_overdue_fees(now=now)} overdue fees brought up to date"


def _co_borrowing(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{count_co_borrowing(now=now)} co-borrowing pairs counted"


def _make_notices(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"{make_notices(now=now)} notices made"


def _deliver_notices(now: dt.datetime, senders: Mapping[str, NoticeSender] | None) -> str:
    return f"notices: {deliver_notices(now=now, senders=senders)}"


Job = Callable[[dt.datetime, Mapping[str, NoticeSender] | None], str]

#: The jobs in the order they run; the names are those of ``run-jobs --only``.
JOBS: dict[str, Job] = {
    "expire-hold-shelf": _expire_hold_shelf,
    "resume-paused-holds": _resume_paused_holds,
    "retarget-holds": _retarget_holds,
    "overdue-fees": _overdue_fees,
    "co-borrowing": _co_borrowing,
    "make-notices": _make_notices,
    "deliver-notices": _deliver_notices,
}


def _run_with_retries(
    job: Job, now: dt.datetime, senders: Mapping[str, NoticeSender] | None
) -> str:
    """Run ``job``; start it over if it lost a race to a concurrent run.

    Every job is idempotent, so starting over is safe, and the rows the other run
    already handled are skipped the second time. A race surfaces as an IntegrityError
    when both runs create the same row (``accrue_overdue_fees`` creating one loan's
    first overdue fee) or, on PostgreSQL, as a deadlock.
    """
    for attempt in range(1, RACE_RETRIES + 1):
        try:
            return job(now, senders)
        except (IntegrityError, OperationalError) as error:
            if attempt == RACE_RETRIES or not _is_race(error):
                raise
            logger.info("job lost a race (%s); starting it over", error)
    raise AssertionError("unreachable")


def _is_race(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    text = str(error).lower()
    return "deadlock" in text or "could not serialize" in text or "database is locked" in text


def run_jobs(
    *,
    now: dt.datetime,
    only: Iterable[str] | None = None,
    senders: Mapping[str, NoticeSender] | None = None,
) -> JobReport:
    """Run the jobs (all, or those named in ``only``) as of ``now``; never raises for a job.

    ``senders`` overrides the notice senders (tests); by default they come from settings.
    """
    chosen = set(JOBS if only is None else only)
    unknown = chosen - set(JOBS)
    if unknown:
        raise ValueError(f"unknown jobs: {', '.join(sorted(unknown))}")
    report = JobReport()
    for name, job in JOBS.items():
        if name not in chosen:
            continue
        started = time.monotonic()
        try:
            summary, ok = _run_with_retries(job, now, senders), True
        except Exception as error:  # one failing job must not stop the others
            logger.exception("job %s failed", name)
            summary, ok = f"{type(error).__name__}: {error}", False
        result = JobResult(name, summary, ok, time.monotonic() - started)
        report.results.append(result)
        job_finished.send(sender=run_jobs, result=result)
    return report
