"""Fixtures of the API tests: the talking app's engines, and a small library in use.

``library`` is the circulation tests' region (rules, calendars, four branches) with a
few indexed titles, a patron (PIN 1234) who has a loan and a hold, and another patron
with a loan and a hold of their own, which the first must never see. The API's clock
is frozen at the region's ``NOW`` so due dates are known.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from folkbib.api import tokens
from folkbib.catalog.models import Record
from folkbib.catalog.search import reindex_all
from folkbib.circulation import services
from folkbib.circulation.models import Hold, Loan
from folkbib.circulation.tests.conftest import NOW, World, build_world
from folkbib.core import clock
from folkbib.patrons.models import Patron
from folkbib.talking.tests.conftest import catalogue, espeak, fake_engine, speech_cache  # noqa: F401

PIN = "1234"


@dataclasses.dataclass
class Library:
    world: World
    patron: Patron
    other: Patron
    pippi: Record
    hobbit: Record
    emil: Record
    loan: Loan
    hold: Hold
    other_loan: Loan
    other_hold: Hold

    def token(self, patron: Patron | None = None) -> str:
        return tokens.issue_token(patron=patron or self.patron, now=NOW).token

    def auth(self, patron: Patron | None = None) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token(patron)}"}


def build_library() -> Library:
    world = build_world()
    pippi = world.record("Pippi Långstrump")
    pippi.authors = ["Lindgren, Astrid"]
    pippi.year = 1945
    pippi.save()
    hobbit = world.record("The hobbit")
    emil = world.record("Emil i Lönneberga", material_type="talking_book")
    for record, branch in [
        (pippi, world.umea),
        (pippi, world.vannas),
        (hobbit, world.holmsund),
        (hobbit, world.umea),
        (emil, world.tavelsjo),
    ]:
        world.item(record, branch, shelf_mark="Hc")
    patron = world.patron(first_name="Astrid", last_name="Låntagare")
    other = world.patron(first_name="Annan", last_name="Person")
    loan = services.checkout(
        patron=patron, item=pippi.items.order_by("id")[0], branch=world.umea, now=NOW
    ).loan
    other_loan = services.checkout(
        patron=other, item=hobbit.items.order_by("id")[0], branch=world.holmsund, now=NOW
    ).loan
    hold = services.place_hold(patron=patron, record=emil, pickup_branch=world.umea, now=NOW)
    other_hold = services.place_hold(
        patron=other, record=pippi, pickup_branch=world.vannas, now=NOW
    )
    reindex_all()
    return Library(world, patron, other, pippi, hobbit, emil, loan, hold, other_loan, other_hold)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def library(db: Any, frozen_clock: None) -> Library:
    return build_library()


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django as a plain WSGI app that leaves the test's transaction open between requests.

    Django's own handler closes "obsolete" connections when a request ends, which would
    end the test's transaction; its test client avoids that the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
