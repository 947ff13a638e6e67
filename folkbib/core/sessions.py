"""Sign-ins end after SESSION_COOKIE_AGE idle seconds without a write on every page.

Django's SESSION_SAVE_EVERY_REQUEST writes the session row (a SQLite write transaction)
on every page a signed-in visitor opens, only to move its expiry on by a few seconds.
Here an unchanged session is written when its expiry is a minute or more behind where
that write would put it: a sign-in still ends SESSION_COOKIE_AGE seconds after the last
page, or up to a minute sooner. ``SESSION_ENGINE = "folkbib.core.sessions"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.http import HttpRequest, HttpResponse

from folkbib.core import clock

#: Seconds an unchanged session's expiry may lag behind before it is written again.
REFRESH_EVERY = 60


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, remembering when the row they were read from expires."""

    expire_date: dt.datetime | None = None

    def _get_session_from_db(self) -> Any:  # private, so not in the stubs
        row = super()._get_session_from_db()  # type: ignore[misc]
        self.expire_date = row.expire_date if row is not None else None
        return row

    def refresh_if_due(self) -> None:
        """Mark the session for saving if its expiry is a minute behind; reads it if unread."""
        if self.session_key is None or self.modified:
            return  # no session, or saved anyway
        self.keys()  # reads the row and its expiry, unless the page did already
        if self.expire_date is None:
            return  # unknown or expired: SessionMiddleware drops the cookie
        full_age = dt.timedelta(seconds=self.get_session_cookie_age() - REFRESH_EVERY)
        if self.expire_date - clock.now() <= full_age:
            self.modified = True


class IdleSessionMiddleware:
    """Goes after SessionMiddleware, so it marks the session before that decides to save it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if isinstance(session, SessionStore):
            session.refresh_if_due()
        return response
