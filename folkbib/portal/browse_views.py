"""Browsing without a query: by material type, subject, municipality's new arrivals."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from folkbib.catalog import selectors
from folkbib.consortium.models import Municipality
from folkbib.portal import presentation
from folkbib.portal.params import SearchParams

NEW_ARRIVALS = 40
TOP_SUBJECTS = 30


@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    everything = selectors.search("", None, sort="newest", page=1, per_page=1)
    params = SearchParams()
    material_types = [
        {
            "label": presentation.value_label("material_type", str(v.value), str(v.label or "")),
            "count": v.count,
            "url": params.toggled("material_type", str(v.value)).querystring(),
        }
        for v in everything.facets.get("material_type", [])
        if v.count
    ]
    subjects = [
        {
            "label": str(v.label or v.value),
            "count": v.count,
            "estimated": v.estimated,  # a big catalogue's subjects come from a sample
            "url": params.toggled("subject", str(v.value)).querystring(),
        }
        for v in everything.facets.get("subject", [])[:TOP_SUBJECTS]
        if v.count
    ]
    return render(
        request,
        "portal/browse.html",
        {
            "material_types": material_types,
            "subjects": subjects,
            "municipalities": Municipality.objects.order_by("name"),
            "total": everything.total,
        },
    )


@require_safe
def new_arrivals(request: HttpRequest, code: str) -> HttpResponse:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise Http404
    return render(
        request,
        "portal/new_arrivals.html",
        {
            "municipality": municipality,
            "arrivals": selectors.new_arrivals(municipality, limit=NEW_ARRIVALS),
            "municipalities": Municipality.objects.order_by("name"),
        },
    )


@require_safe
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles for the search box's suggestion list (the combobox in static/js/suggest.js)."""
    prefix = request.GET.get("q", "")[:100]
    response = JsonResponse({"q": prefix, "suggestions": selectors.title_suggestions(prefix)})
    response["Cache-Control"] = "public, max-age=300"
    return response
