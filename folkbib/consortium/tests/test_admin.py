"""The region's configuration is editable in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from folkbib.consortium import services
from folkbib.consortium.tests.factories import make_branch

pytestmark = pytest.mark.django_db


def test_the_branch_admin_shows_its_hours_and_closed_days(client):
    branch = make_branch()
    services.add_closed_day(
        municipality=branch.municipality, branch=branch, date=dt.date(2026, 3, 3), reason="Flytt"
    )
    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 20))
    page = client.get(f"/admin/consortium/branch/{branch.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "10:00" in body and "Flytt" in body
