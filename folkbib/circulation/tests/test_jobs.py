"""``folkbib run-jobs``: every job once per run, idempotent, safe to run twice at once."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connections

from folkbib.circulation import jobs, services
from folkbib.circulation.models import Fee, Hold, HoldStatus, Loan, Notice, NoticeStatus
from folkbib.circulation.notices import FakeSender
from folkbib.circulation.tests.conftest import NOW, World, build_world, days, needs_a_file_database

LATER = NOW + days(40)  # the loans below are overdue, the hold below has expired


def busy_day(world: World, patrons: int = 3) -> None:
    """Loans that will be overdue, a hold that will expire unclaimed, and its queue."""
    for n in range(patrons):
        patron = world.patron(email=f"patron{n}@example.org")
        for title in ("Mio, min Mio", "Ronja rövardotter"):
            item = world.item(world.record(f"{title} {n}"), world.umea)
            services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    item = world.item(world.record("Bröderna Lejonhjärta"), world.umea)
    first, second = world.patron(), world.patron()
    services.place_hold(patron=first, record=item.record, pickup_branch=world.umea, now=NOW)
    services.place_hold(patron=second, record=item.record, pickup_branch=world.umea, now=NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)  # ready for the first


def state() -> dict[str, Any]:
    return {
        "notices": sorted(Notice.objects.values_list("key", "status", "attempts")),
        "fees": sorted(Fee.objects.values_list("loan_id", "amount")),
        "holds": sorted(Hold.objects.values_list("id", "status", "allocated_item_id")),
        "loans": sorted(Loan.objects.values_list("id", "status", "overdue_notices")),
    }


@pytest.mark.django_db
def test_run_jobs_does_each_job_and_a_second_run_changes_nothing(world):
    busy_day(world)
    report = jobs.run_jobs(now=LATER)
    assert report.ok
    assert [r.name for r in report.results] == list(jobs.JOBS)
    summaries = {r.name: r.summary for r in report.results}
    assert summaries["expire-hold-shelf"] == "1 holds expired"
    assert summaries["overdue-fees"] == "6 overdue fees brought up to date"
    # overdue 1 for six loans, expired for the first hold, ready for the second
    assert summaries["make-notices"] == "8 notices made"
    assert summaries["deliver-notices"].startswith("notices: 8 sent, 0 failed")
    assert len(mail.outbox) == 8
    statuses = Counter(Hold.objects.values_list("status", flat=True))
    assert statuses == {HoldStatus.EXPIRED: 1, HoldStatus.READY: 1}

    before = state()
    again = jobs.run_jobs(now=LATER)
    assert state() == before
    assert len(mail.outbox) == 8
    assert {r.name: r.summary for r in again.results} == {
        "expire-hold-shelf": "0 holds expired",
        "resume-paused-holds": "0 paused holds resumed",
        "retarget-holds": "0 hold allocations changed",
        "overdue-fees": "6 overdue fees brought up to date",  # touched, not changed
        "co-borrowing": "0 co-borrowing pairs counted",
        "make-notices": "0 notices made",
        "deliver-notices": "notices: 0 sent, 0 failed (0 given up), 0 no longer relevant",
    }


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(world, monkeypatch):
    busy_day(world, patrons=1)

    def broken(*, now: dt.datetime) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "accrue_overdue_fees", broken)
    report = jobs.run_jobs(now=LATER)
    assert not report.ok
    assert [(r.name, r.summary) for r in report.failed] == [
        ("overdue-fees", "RuntimeError: disk full")
    ]
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 4


@pytest.mark.django_db
def test_a_job_that_loses_a_race_to_another_run_is_started_over(world, monkeypatch):
    calls = []

    def racy(*, now: dt.datetime) -> int:
        calls.append(now)
        if len(calls) == 1:
            raise IntegrityError("duplicate key value violates unique constraint")
        return 2

    monkeypatch.setattr(services, "accrue_overdue_fees", racy)
    report = jobs.run_jobs(now=LATER, only=["overdue-fees"])
    assert report.ok
    assert report.results[0].summary == "2 overdue fees brought up to date"
    assert len(calls) == 2


@pytest.mark.django_db
def test_only_the_named_jobs_run(world):
    busy_day(world, patrons=1)
    report = jobs.run_jobs(now=LATER, only=["make-notices"])
    assert [r.name for r in report.results] == ["make-notices"]
    assert Notice.objects.filter(status=NoticeStatus.PENDING).count() == 3
    assert not Fee.objects.exists()
    with pytest.raises(ValueError, match="unknown jobs: send-letters"):
        jobs.run_jobs(now=LATER, only=["send-letters"])


@pytest.mark.django_db
def test_the_command_is_silent_by_default_and_prints_a_line_per_job_when_asked(world):
    busy_day(world, patrons=1)
    out = io.StringIO()
    call_command("run_jobs", "--now", LATER.isoformat(), stdout=out)
    assert out.getvalue() == ""
    assert Notice.objects.filter(status=NoticeStatus.SENT).count() == 4

    call_command(
        "run_jobs", "--now", LATER.isoformat(), "--only", "make-notices", "-v", "1", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("make-notices: 0 notices made (")


@pytest.mark.django_db
def test_the_command_fails_when_a_job_fails_after_running_the_others(world, monkeypatch):
    def broken(*, now: dt.datetime) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "retarget_waiting_holds", broken)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 job\\(s\\) failed: retarget-holds"):
        call_command("run_jobs", "--now", LATER.isoformat(), stderr=err)
    assert "FAILED retarget-holds: RuntimeError: disk full" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_notice_exactly_once():
    needs_a_file_database()
    world = build_world()
    busy_day(world, patrons=8)
    fake = FakeSender()
    reports: list[Any] = [None] * 3
    start = threading.Barrier(3)

    def run(index: int) -> None:
        start.wait()
        try:
            reports[index] = jobs.run_jobs(now=LATER, senders={"email": fake})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(report.ok for report in reports), [r.failed for r in reports]
    sent = Counter(notice.key for notice in fake.sent)
    assert len(sent) == Notice.objects.count() == 18  # 16 overdue, 1 expired, 1 ready
    assert max(sent.values()) == 1
    assert set(Notice.objects.values_list("status", flat=True)) == {NoticeStatus.SENT}
    assert Hold.objects.filter(status=HoldStatus.EXPIRED).count() == 1
