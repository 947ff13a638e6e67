"""The demo region comes with a year of anonymous statistics to look at."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

from folkbib.circulation.models import ActiveBorrower, CirculationEvent
from folkbib.circulation.reports import catalogue
from folkbib.circulation.reports.catalogue import Options
from folkbib.circulation.reports.queries import Scope
from folkbib.consortium.models import Municipality
from folkbib.demo.tests.conftest import NOW
from folkbib.talking.models import KioskVisits

pytestmark = pytest.mark.django_db


def _shape() -> list[tuple[object, ...]]:
    return list(
        CirculationEvent.objects.values_list("day", "kind", "branch__code", "shelf_class")
        .annotate(n=Count("id"))
        .order_by("day", "kind", "branch__code", "shelf_class")
    )


def test_the_demo_has_a_year_of_events_with_flows_between_every_municipality(load):
    started = time.monotonic()
    load()
    seconds = time.monotonic() - started
    days = CirculationEvent.objects.dates("day", "day")
    assert days.first() <= NOW.date() - dt.timedelta(days=364)
    assert CirculationEvent.objects.filter(kind="checkout").count() > 10_000
    scope = Scope(start=NOW.date() - dt.timedelta(days=365), end=NOW.date())
    loans = catalogue.flows(Options(scope=scope))[0]
    municipalities = Municipality.objects.count()
    inner = [row[1 : 1 + municipalities] for row in loans.rows[:-1]]
    assert all(n > 0 for row in inner for n in row)  # everyone borrows from everyone
    assert ActiveBorrower.objects.filter(year=2026).count() > 100
    assert KioskVisits.objects.filter(branch__code="umea-stad").exists()
    assert seconds < 120  # the whole small demo, statistics included


def test_the_demo_statistics_are_the_same_every_load(load):
    load()
    first = (_shape(), ActiveBorrower.objects.count(), KioskVisits.objects.count())
    load()
    assert (_shape(), ActiveBorrower.objects.count(), KioskVisits.objects.count()) == first


REPORT_PAGES = [
    "statistics",
    "statistics_activity",
    "statistics_breakdown",
    "statistics_flows",
    "statistics_holds",
    "statistics_collection",
]


def test_the_demo_staff_open_every_statistics_page_on_the_demo_year(load, client, monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)
    load()
    client.force_login(get_user_model().objects.get(username="bibliotekarie"))
    for name in REPORT_PAGES:
        response = client.get(reverse(f"staff:{name}"))
        assert response.status_code == 200, name
    csv = client.get(reverse("staff:statistics_flows"), {"format": "csv"})
    assert "Vindeln" in csv.content.decode("utf-8")
    assert client.get(reverse("staff:statistics_yearly")).status_code == 403

    client.force_login(get_user_model().objects.get(username="kommunadmin"))
    body = client.get(reverse("staff:statistics_yearly")).content.decode()
    assert "Nyckeltal: Vännäs 2025" in body  # last year, the municipality's own
    assert '<option value="' in body and "Umeå</option>" not in body
