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
# Linux stamps files from its coarse clock (a tick behind the precise one), so the start
# of a request is read from the same clock to compare with an mtime.
_FILE_CLOCK = getattr(time, "CLOCK_REALTIME_COARSE", time.CLOCK_REALTIME)
# Read from META: ``request.headers`` would build a dict of every header to find one.
_REQUEST_ID_META = "HTTP_" + requestids.HEADER.upper().replace("-", "_")


class ObservabilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = requestids.choose(request.META.get(_REQUEST_ID_META))
        token = requestids.begin(request_id)
        started_wall = time.clock_gettime(_FILE_CLOCK)
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
        file whose mtime is not before the request began was synthesised for this
        request (or one beside it, which made this one wait just the same). A file
        written by another request in the same clock tick (a few ms) just before counts
        as a miss too; the rate stays right to well within a percent.
        """
        if not isinstance(response, FileResponse):
            return
        name = getattr(response.file_to_stream, "name", None)
        root = os.path.realpath(settings.SPEECH_CACHE_DIR) + os.sep
        if not isinstance(name, str) or not os.path.realpath(name).startswith(root):
            return
        try:
            modified = Path(name).stat().st_mtime
        except OSError:
            return
        metrics.speech_cache_used(hit=modified < started_wall)
