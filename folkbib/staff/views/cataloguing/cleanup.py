"""The clean-up lists: records without items, and records that share an ISBN."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from folkbib.catalog import cleanup
from folkbib.staff.roles import requires

PER_PAGE = 50


@require_safe
@requires("catalog.view")
def records_without_items(request: HttpRequest) -> HttpResponse:
    page = Paginator(cleanup.records_without_items(), PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "staff/cataloguing/records_without_items.html", {"page": page})


@require_safe
@requires("catalog.view")
def isbn_duplicates(request: HttpRequest) -> HttpResponse:
    page = Paginator(cleanup.isbn_duplicate_values(), PER_PAGE).get_page(request.GET.get("sida"))
    groups = cleanup.duplicate_groups([row["value"] for row in page.object_list])
    return render(
        request, "staff/cataloguing/isbn_duplicates.html", {"page": page, "groups": groups}
    )
