"""Which database a read goes to (folkbib.core.db_routers), on either database engine.

The real standby is exercised in folkbib/operations/tests/test_replica.py (PostgreSQL);
these pin the rules themselves with the replica pretended present.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from folkbib.catalog.models import Record
from folkbib.core import db_routers
from folkbib.core.db_routers import PIN_COOKIE, ReplicaReadsMiddleware, ReplicaRouter
from folkbib.patrons.models import Patron

router = ReplicaRouter()


@pytest.fixture
def replica(monkeypatch: Any) -> None:
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)


def read_during(
    path: str, *, method: str = "GET", cookies: dict[str, str] | None = None, write: bool = False
) -> tuple[list[str], HttpResponse]:
    """The databases a view at ``path`` would read a record, a patron, a session from."""
    seen: list[str] = []

    def view(request: Any) -> HttpResponse:
        if write:
            router.db_for_write(Record)
        seen.extend(router.db_for_read(m) for m in (Record, Patron, Session))
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())(path)
    request.COOKIES.update(cookies or {})
    request.resolver_match = resolve(path)
    middleware = ReplicaReadsMiddleware(
        lambda r: middleware.process_view(r, view, (), {}) or view(r)
    )
    return seen, middleware(request)


def test_a_search_reads_the_catalogue_from_the_replica_and_people_from_the_primary(replica):
    seen, _ = read_during("/")
    assert seen == ["replica", "default", "default"]


def test_pages_that_did_not_opt_in_read_the_primary(replica):
    seen, _ = read_during("/tillganglighet/")
    assert seen == ["default", "default", "default"]


def test_a_post_reads_the_primary(replica):
    seen, _ = read_during("/", method="POST")
    assert seen == ["default", "default", "default"]


def test_after_a_write_the_request_reads_the_primary_and_the_browser_is_pinned(replica):
    seen, response = read_during("/post/1/", write=True)
    assert seen == ["default", "default", "default"]
    assert response.cookies[PIN_COOKIE]["max-age"] == 10

    pinned, _ = read_during("/post/1/", cookies={PIN_COOKIE: "1"})
    assert pinned == ["default", "default", "default"]


@pytest.mark.django_db
def test_inside_a_transaction_reads_go_to_the_primary(replica):
    with transaction.atomic():
        seen, _ = read_during("/")
    assert seen == ["default", "default", "default"]


def test_without_a_replica_everything_reads_the_primary():
    seen, response = read_during("/", write=True)
    assert seen == ["default", "default", "default"]
    assert PIN_COOKIE not in response.cookies


def test_writes_and_migrations_never_go_to_the_replica():
    assert router.db_for_write(Record) == "default"
    assert router.allow_migrate("replica", "catalog") is False
    assert router.allow_migrate("default", "catalog") is True


def test_oai_reads_the_primary_so_a_harvest_never_skips_a_record_the_replica_lacks(replica):
    seen, _ = read_during("/oai")
    assert seen == ["default", "default", "default"]
