"""The outermost middleware: a request id for every request, its log line and its metrics.

It sits first in ``MIDDLEWARE`` so the time measured includes every other middleware,
and every log line written while answering carries the request's id.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase

from folkbib.operations import metrics, requestids

logger = logging.getLogger("folkbib.requests")

#: URL names whose answer is a catalogue search (when a query was sent), by interface.
SEARCH_ROUTES = {"portal:search": "portal", "sru:sru": "sru", "api:search": "api"}
# A file in the speech cache written less than this before the request began counts as
# made for it (file systems keep mtimes to a few milliseconds or better).
_MTIME_SLACK = 0.01


class ObservabilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.speech_root = os.path.realpath(settings.SPEECH_CACHE_DIR)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = requestids.choose(request.headers.get(requestids.HEADER))
        token = requestids.begin(request_id)
        started_wall = time.time()
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            match = request.resolver_match
            route = match.view_name if match is not None else "unmatched"
            metrics.observe_request(
                route=route,
                method=request.method or "",
                status=response.status_code,
                seconds=seconds,
            )
            interface = SEARCH_ROUTES.get(route)
            if interface is not None and request.META.get("QUERY_STRING"):
                metrics.observe_search(interface=interface, seconds=seconds)
            self._count_speech(response, started_wall)
            response[requestids.HEADER] = request_id
            logger.info(
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
            return response
        finally:
            requestids.end(token)

    def _count_speech(self, response: HttpResponseBase, started_wall: float) -> None:
        """Count spoken audio answered from the speech cache: a hit unless made just now.

        The cache (``talking.cache``) writes a file once and renames it into place, so a
        file whose mtime is after the request began was synthesised for this request
        (or one beside it, which made this one wait just the same).
        """
        if not isinstance(response, FileResponse):
            return
        name = getattr(response.file_to_stream, "name", None)
        if not isinstance(name, str) or not os.path.realpath(name).startswith(
            self.speech_root + os.sep
        ):
            return
        try:
            modified = Path(name).stat().st_mtime
        except OSError:
            return
        metrics.speech_cache_used(hit=modified < started_wall - _MTIME_SLACK)
