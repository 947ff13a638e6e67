"""The first public pages: search, a record, the accessibility statement.

Edges only translate: parse GET parameters, call the catalogue selectors, hand
plain data to the templates. Every search is a GET URL so it can be bookmarked,
shared and reloaded.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from folkbib.catalog import selectors
from folkbib.circulation import selectors as circulation
from folkbib.consortium.models import Branch
from folkbib.patrons.auth import session_patron
from folkbib.portal import presentation
from folkbib.portal.params import SearchParams
from folkbib.portal.templatetags.portal import HIT_FIELDS

PER_PAGE = 20
NEWEST_COUNT = 5


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_query(request.GET)
    if not params.is_search:
        return welcome(request, params)
    results = selectors.search(
        params.q,
        params.to_filters(),
        sort=params.sort,
        page=params.page,
        per_page=PER_PAGE,
        record_fields=HIT_FIELDS,
        facet_limit=presentation.FACET_LIMIT,  # the values a facet shows; fewer to count
    )
    hits = [
        {"hit": hit, "summary": presentation.availability_summary(hit.availability)}
        for hit in results.hits
    ]
    context = {
        "my_library": _my_library_filter(request, params),
        "params": params,
        "results": results,
        "hits": hits,
        "first_number": (params.page - 1) * PER_PAGE + 1,
        "facet_groups": presentation.facet_groups(results.facets, params),
        "active_filters": presentation.active_filters(results.facets, params),
        "clear_filters_url": params.without_filters().querystring(),
        "first_page_url": params.on_page(1).querystring(),
        "pagination": presentation.pagination(params, results.total, PER_PAGE),
        "sort_hidden": params.pairs(with_sort=False, with_page=False),
        "did_you_mean": _did_you_mean(params, results),
    }
    return render(request, "portal/search.html", context)


def _did_you_mean(params: SearchParams, results: selectors.SearchResults) -> dict[str, str] | None:
    """For a search that found nothing: the same search with the words respelt."""
    if results.total or results.error or not params.q:
        return None
    suggestion = selectors.did_you_mean(params.q)
    if suggestion is None:
        return None
    respelt = dataclasses.replace(params, q=suggestion, page=1)
    return {"query": suggestion, "url": respelt.querystring()}


def _my_library_filter(request: HttpRequest, params: SearchParams) -> dict[str, Any] | None:
    """For a signed-in patron: "on the shelf at my library now" (preferred, else home)."""
    patron = session_patron(request)
    if patron is None:
        return None
    branch = patron.preferred_pickup_branch or patron.home_branch
    return {
        "branch": branch,
        "selected": params.available_at == branch.code,
        "url": params.toggled("available_at", branch.code).querystring(),
    }


def welcome(request: HttpRequest, params: SearchParams) -> HttpResponse:
    newest = selectors.search("", None, sort="newest", page=1, per_page=NEWEST_COUNT)
    return render(
        request,
        "portal/welcome.html",
        {"params": params, "newest": [] if newest.error else newest.hits},
    )


@require_safe
def record(request: HttpRequest, record_id: int) -> HttpResponse:
    try:
        detail = selectors.record_detail(record_id)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "portal/record.html",
        {
            "record": detail.record,
            "holdings": detail.holdings,
            "editions": selectors.other_editions(detail.record),
            "also_borrowed": circulation.also_borrowed(detail.record.id),
        },
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    branches = (
        Branch.objects.filter(is_active=True)
        .exclude(email="", phone="")
        .select_related("municipality")
    )
    return render(request, "portal/accessibility.html", {"branches": branches})
