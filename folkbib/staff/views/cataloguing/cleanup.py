"""The clean-up lists: records without items, and records that share an ISBN."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from folkbib.catalog import cleanup
from folkbib.staff.roles import requires

from .common import page

PER_PAGE = 50


@require_safe
@requires("catalog.view")
def records_without_items(request: HttpRequest) -> HttpResponse:
    rows = Paginator(cleanup.records_without_items(), PER_PAGE).get_page(request.GET.get("sida"))
    return page(request, "staff/cataloguing/records_without_items.html", {"page": rows})


@require_safe
@requires("catalog.view")
def isbn_duplicates(request: HttpRequest) -> HttpResponse:
    rows = Paginator(cleanup.isbn_duplicate_values(), PER_PAGE).get_page(request.GET.get("sida"))
    groups = cleanup.duplicate_groups([row["value"] for row in rows.object_list])
    return page(request, "staff/cataloguing/isbn_duplicates.html", {"page": rows, "groups": groups})
