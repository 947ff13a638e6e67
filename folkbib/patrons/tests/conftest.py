from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from folkbib.consortium.tests.factories import make_branch
from folkbib.patrons import services

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def branch(db):
    return make_branch("umea-stad")


@pytest.fixture
def adult(db):
    return services.define_category(code="adult", name="Vuxen")


@pytest.fixture
def register(branch, adult):
    def register(**overrides):
        values = {
            "card_number": "10000001",
            "first_name": "Anna",
            "last_name": "Lindqvist",
            "home_branch": branch,
            "category": adult,
            "pin": "1234",
            "email": "anna@example.org",
            "now": NOW,
        }
        values.update(overrides)
        return services.register_patron(**values)

    return register
