"""Reads that tolerate lag may go to a read replica; writes never do.

With ``DATABASE_REPLICA_URL`` set there is a second connection, ``replica``: a
PostgreSQL hot standby fed by streaming replication from the primary (docs/deploy.md).
A standby is a little behind (milliseconds when idle, seconds under a burst of
writes), so it only answers where a moment's lag cannot mislead anyone:

- only views named in ``settings.REPLICA_READ_VIEWS`` (search, record pages, SRU;
  not OAI-PMH unless an operator adds it, see docs/deploy.md), and only for GET and
  HEAD;
- only the catalogue and the region's places (``LAG_TOLERANT_APPS``): sessions,
  accounts, patrons and loans are always read from the primary, so a sign-in made a
  moment ago on another app server is always seen;
- never inside a transaction, never after the request has written (the rest of that
  request reads the primary), and never for a browser that wrote in the last
  ``REPLICA_PIN_SECONDS``: a response to a request that wrote sets a short-lived
  cookie, so the page a patron is sent to after a change shows that change.

Without a replica every read goes to ``default`` and none of this does anything.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
#: Models whose rows a moment old are still right to show to anybody.
LAG_TOLERANT_APPS = frozenset({"catalog", "consortium"})
#: Set on the response to a request that wrote: this browser reads the primary a while.
PIN_COOKIE = "folkbib_wrote"

# Per request (and per thread: Django runs each request in its own context).
_replica_allowed: ContextVar[bool] = ContextVar("folkbib_replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("folkbib_wrote", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def may_read_replica() -> bool:
    """Whether a lag-tolerant read made now may go to the replica."""
    return (
        _replica_allowed.get()
        and not _wrote.get()
        and replica_configured()
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    """Django database router: the primary for writes, the replica where allowed."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if model._meta.app_label in LAG_TOLERANT_APPS and may_read_replica():
            return REPLICA
        # Explicit, so a related object of a row read from the replica is not fetched
        # from there too once the request has written (Django's fallback would be the
        # instance's own database).
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        # Also called for select_for_update and get_or_create: reads meant to write.
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the replica holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # a standby is read-only; it follows the primary's schema


def cursor_for_read(model: type[Model]) -> Any:
    """A cursor on the database the router would read ``model`` from (raw SQL readers)."""
    return connections[ReplicaRouter().db_for_read(model)].cursor()


class ReplicaReadsMiddleware:
    """Opens the replica to the views that opted in and keeps read-your-writes.

    Placed after the session middleware, so the session saved at the end of every
    request (SESSION_SAVE_EVERY_REQUEST) does not count as the request's own write.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed = _replica_allowed.set(False)
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() and replica_configured():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            _replica_allowed.reset(allowed)
            _wrote.reset(wrote)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        match = request.resolver_match
        if (
            replica_configured()
            and request.method in ("GET", "HEAD")
            and PIN_COOKIE not in request.COOKIES
            and match is not None
            and match.view_name in settings.REPLICA_READ_VIEWS
        ):
            _replica_allowed.set(True)
