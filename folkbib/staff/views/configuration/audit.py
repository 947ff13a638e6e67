"""The audit log: every staff change, newest first, within the reader's scope."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from folkbib.audit import selectors
from folkbib.staff.roles import requires, scope_of
from folkbib.staff.views.configuration.common import page

PAGE_SIZE = 50


@requires("audit.view")
@require_http_methods(["GET", "HEAD"])
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    who = request.GET.get("vem", "").strip()[:150]
    entries = selectors.audit_log(
        everything=scope.everything,
        municipality_id=scope.municipality_id,
        staff_query=who,
        subject_type=request.GET.get("typ", "").strip()[:60],
        subject_id=request.GET.get("id", "").strip()[:40],
    )
    listing = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    rows = [(entry, selectors.differences(entry)) for entry in listing]
    return page(request, "staff/admin/audit.html", {"listing": listing, "rows": rows, "who": who})
