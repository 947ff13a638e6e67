"""What the desk remembers between scans, in the session (never in process memory).

The patron being served, the result of the last scan (shown once, after the redirect
that follows every POST) and the running list of this session's checkins.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

PATRON_KEY = "staff_patron_id"
RESULT_KEY = "staff_result"
CHECKINS_KEY = "staff_checkins"
#: The running checkin list keeps this many, newest first.
CHECKINS_KEPT = 50

OK = "ok"
ERROR = "error"
INFO = "info"


def current_patron_id(request: HttpRequest) -> int | None:
    value = request.session.get(PATRON_KEY)
    return int(value) if value is not None else None


def serve_patron(request: HttpRequest, patron_id: int | None) -> None:
    if patron_id is None:
        request.session.pop(PATRON_KEY, None)
    else:
        request.session[PATRON_KEY] = patron_id


def show(
    request: HttpRequest,
    kind: str,
    text: str,
    *,
    keep: str = "",
    lines: list[dict[str, Any]] | None = None,
    slips: list[dict[str, str]] | None = None,
) -> None:
    """Keep the outcome of an action for the next page; ``keep`` refills the scan field."""
    request.session[RESULT_KEY] = {
        "kind": kind,
        "text": text,
        "keep": keep,
        "lines": lines or [],
        "slips": slips or [],
    }


def take_result(request: HttpRequest) -> dict[str, Any] | None:
    result: dict[str, Any] | None = request.session.pop(RESULT_KEY, None)
    return result


def add_checkin(request: HttpRequest, entry: dict[str, Any]) -> None:
    entries = [entry, *request.session.get(CHECKINS_KEY, [])][:CHECKINS_KEPT]
    request.session[CHECKINS_KEY] = entries


def checkins(request: HttpRequest) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = request.session.get(CHECKINS_KEY, [])
    return entries
