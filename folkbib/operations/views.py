"""Health and metrics for load balancers, orchestrators and Prometheus.

``/healthz`` (liveness) answers without touching anything: the process can serve.
``/readyz`` (readiness) checks what a request needs: the database and the search
index must work, or the answer is 503 and the balancer sends traffic elsewhere. The
speech engine is reported but does not decide readiness: it is installed the same on
every node, so failing readiness for it would take the whole site down for the sake
of the kiosk, which already says "speech unavailable" by itself.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from folkbib.operations import health, metrics


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    report = health.readiness()
    return JsonResponse(report.as_json(), status=200 if report.ready else 503)


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if token and not hmac.compare_digest(
        request.headers.get("Authorization", "").encode(), f"Bearer {token}".encode()
    ):
        raise Http404
    return HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE_LATEST)
