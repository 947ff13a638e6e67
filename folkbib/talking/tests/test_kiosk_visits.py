"""The kiosk counts its visitors for the statistics: once a day each, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from folkbib.circulation.tests.conftest import NOW, build_world
from folkbib.talking import selectors
from folkbib.talking.models import Kiosk, KioskVisits

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiosk_at_vannas(fake_engine) -> Kiosk:
    world = build_world()
    return Kiosk.objects.create(name="Talboksdatorn", branch=world.vannas)


def test_a_listener_is_counted_once_a_day_however_often_the_page_reloads(
    client, kiosk_at_vannas, monkeypatch
):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)
    client.get(reverse("talking:kiosk"), {"kiosk": kiosk_at_vannas.pk})
    client.get(reverse("talking:kiosk"))
    client.get(reverse("talking:kiosk"))
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW + dt.timedelta(days=1))
    client.get(reverse("talking:kiosk"))
    visits = {(v.day, v.branch, v.visits) for v in KioskVisits.objects.all()}
    assert visits == {
        (NOW.date(), kiosk_at_vannas.branch, 1),
        (NOW.date() + dt.timedelta(days=1), kiosk_at_vannas.branch, 1),
    }


def test_two_listeners_at_one_kiosk_make_two_visits_and_a_phone_counts_without_a_branch(
    client, kiosk_at_vannas, monkeypatch
):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)
    client.get(reverse("talking:kiosk"), {"kiosk": kiosk_at_vannas.pk})
    Client().get(reverse("talking:kiosk"), {"kiosk": kiosk_at_vannas.pk})
    Client().get(reverse("talking:kiosk"))
    branch = kiosk_at_vannas.branch
    assert selectors.visits_by_day(
        start=NOW.date(), end=NOW.date(), municipality=None, branch=branch
    ) == [(NOW.date(), 2)]
    assert selectors.visits_by_day(
        start=NOW.date(), end=NOW.date(), municipality=None, branch=None
    ) == [(NOW.date(), 3)]
