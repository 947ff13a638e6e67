"""Request ids: one per request, in the response header and in every log line it causes.

A proxy or load balancer that already made an ``X-Request-ID`` is believed (so its
logs and ours share the id) when the value looks like an id; anything else is
replaced, so a client cannot put text of its choosing into our logs.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{8,128}")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("folkbib_request_id", default="")


def current() -> str:
    """The id of the request being answered in this thread or task ("" outside one)."""
    return _current.get()


def choose(offered: str | None) -> str:
    if offered and _ACCEPTABLE.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def begin(request_id: str) -> contextvars.Token[str]:
    return _current.set(request_id)


def end(token: contextvars.Token[str]) -> None:
    _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` so any formatter may print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
