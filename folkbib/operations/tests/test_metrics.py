"""/metrics: what Prometheus reads after patrons borrow, return, reserve, search and listen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from folkbib.circulation import services as circulation
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.jobs import run_jobs
from folkbib.circulation.tests.conftest import World, build_world
from folkbib.operations import metrics
from folkbib.operations.tests.scrape import samples, value
from folkbib.talking.views import say_text

NAMED_SERIES = [
    "folkbib_http_request_duration_seconds",
    "folkbib_checkouts_total",
    "folkbib_checkins_total",
    "folkbib_holds_placed_total",
    "folkbib_sip2_sessions_total",
    "folkbib_sip2_sessions_open",
    "folkbib_search_duration_seconds",
    "folkbib_speech_cache_requests_total",
    "folkbib_job_duration_seconds",
]


def scrape(client) -> dict:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return samples(response.content.decode())


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.django_db
def test_a_loan_a_return_and_a_hold_are_each_counted_once(
    client, world: World, django_capture_on_commit_callbacks
):
    patron = world.patron()
    record = world.record()
    item = world.item(record, world.umea)
    other = world.item(world.record("Mio, min Mio"), world.umea)
    before = scrape(client)

    with django_capture_on_commit_callbacks(execute=True):
        circulation.checkout(patron=patron, item=item, branch=world.umea, now=world.now)
        circulation.checkin(item=item, branch=world.umea, now=world.now)
        circulation.checkout(patron=patron, item=other, branch=world.umea, now=world.now)
        circulation.place_hold(
            patron=world.patron(), record=other.record, pickup_branch=world.umea, now=world.now
        )

    after = scrape(client)
    assert value(after, "folkbib_checkouts_total") - value(before, "folkbib_checkouts_total") == 2
    assert value(after, "folkbib_checkins_total") - value(before, "folkbib_checkins_total") == 1
    assert (
        value(after, "folkbib_holds_placed_total") - value(before, "folkbib_holds_placed_total")
        == 1
    )


@pytest.mark.django_db
def test_a_refused_or_rolled_back_loan_is_not_counted(
    client, world: World, django_capture_on_commit_callbacks
):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    before = scrape(client)

    with django_capture_on_commit_callbacks(execute=True):
        circulation.checkout(patron=patron, item=item, branch=world.umea, now=world.now)
        with pytest.raises(CirculationError):  # already on loan
            circulation.checkout(patron=world.patron(), item=item, branch=world.umea, now=world.now)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        circulation.checkin(item=item, branch=world.umea, now=world.now)
        transaction.set_rollback(True)
    assert callbacks == []

    after = scrape(client)
    assert value(after, "folkbib_checkouts_total") - value(before, "folkbib_checkouts_total") == 1
    assert value(after, "folkbib_checkins_total") == value(before, "folkbib_checkins_total")


@pytest.mark.django_db
def test_requests_are_timed_by_route_and_searches_by_interface(client):
    before = scrape(client)
    client.get(reverse("portal:search"), {"q": "pippi"})
    client.get(reverse("portal:search"), {"q": "emil"})
    client.get("/no-such-page/at-all")

    after = scrape(client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    route = {"route": "portal:search", "method": "GET"}
    assert grew("folkbib_http_request_duration_seconds_count", **route) == 2
    assert grew("folkbib_http_request_duration_seconds_bucket", le="+Inf", **route) == 2
    assert grew("folkbib_http_requests_total", status="200", **route) == 2
    assert grew("folkbib_search_duration_seconds_count", interface="portal") == 2
    # A path that matches no route is one label, whatever was asked for.
    assert grew("folkbib_http_requests_total", route="unmatched", method="GET", status="404") == 1


@pytest.mark.django_db
def test_spoken_audio_counts_a_miss_then_a_hit(client, fake_engine):
    before = scrape(client)
    audio_url = say_text("Hej och välkommen.")["audio"]
    assert client.get(audio_url).status_code == 200
    time.sleep(0.02)  # a later request: files are stamped from a clock of a few ms ticks
    assert client.get(audio_url).status_code == 200
    after = scrape(client)
    for result, grown in (("miss", 1), ("hit", 1)):
        assert (
            value(after, "folkbib_speech_cache_requests_total", result=result)
            - value(before, "folkbib_speech_cache_requests_total", result=result)
            == grown
        )
    assert len(fake_engine.calls) == 1


@pytest.mark.django_db
def test_sip2_sessions_and_jobs_are_exported_under_their_names(client):
    metrics.sip2_session_opened()
    metrics.sip2_session_opened()
    metrics.sip2_session_closed()
    metrics.observe_job(job="make-notices", seconds=1.5, ok=True)
    metrics.observe_job(job="deliver-notices", seconds=0.2, ok=False)

    scraped = scrape(client)
    names = {name for name, _labels in scraped}
    for series in NAMED_SERIES:
        assert any(name.startswith(series) for name in names), series
    assert value(scraped, "folkbib_sip2_sessions_open") >= 1
    assert value(scraped, "folkbib_job_duration_seconds_count", job="make-notices") >= 1
    assert value(scraped, "folkbib_job_failures_total", job="deliver-notices") >= 1


@pytest.mark.django_db
def test_every_run_of_the_periodic_jobs_is_timed_per_job(client, world):
    before = scrape(client)

    run_jobs(now=world.now, only=["expire-hold-shelf", "overdue-fees"])

    after = scrape(client)
    for job in ("expire-hold-shelf", "overdue-fees"):
        count = "folkbib_job_duration_seconds_count"
        assert value(after, count, job=job) == value(before, count, job=job) + 1
    assert value(after, "folkbib_job_duration_seconds_count", job="make-notices") == value(
        before, "folkbib_job_duration_seconds_count", job="make-notices"
    )


@pytest.mark.django_db
def test_with_a_token_set_only_a_scraper_with_the_token_reads_metrics(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")
    assert ok.status_code == 200


COUNT_IN_A_PROCESS = """
from folkbib.operations import metrics
metrics.circulation_event("checkout")
metrics.sip2_session_opened()
"""
SCRAPE_IN_A_PROCESS = """
import sys
from folkbib.operations import metrics
sys.stdout.write(metrics.exposition().decode())
"""


def test_counts_from_separate_worker_processes_are_added_up(tmp_path: Path):
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _worker in range(3):
        subprocess.run([sys.executable, "-c", COUNT_IN_A_PROCESS], env=environment, check=True)
    text = subprocess.run(
        [sys.executable, "-c", SCRAPE_IN_A_PROCESS],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    scraped = samples(text)
    assert value(scraped, "folkbib_checkouts_total") == 3
    assert value(scraped, "folkbib_sip2_sessions_total") == 3
