"""The public half of the API: search, records, availability, items, branches. No sign-in."""

from __future__ import annotations

import hashlib

from django.http import HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _

from folkbib.api import shapes
from folkbib.api.declarations import API, PLAIN_TEXT, Param, Reply, Schema, operation
from folkbib.api.http import PAGE, PER_PAGE, Call, not_found, ok, paginated
from folkbib.api.replies import BAD_PARAMETER, NOT_FOUND
from folkbib.catalog import selectors as catalog
from folkbib.catalog.models import MaterialType, Record
from folkbib.catalog.search.base import FACET_SIZES, SORTS, SearchFilters
from folkbib.circulation import selectors as circulation
from folkbib.consortium import selectors as consortium

MAX_ID = 2**63 - 1
RECORD_ID = Param(
    "id", "The record's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "path"
)
BARCODE = Param(
    "barcode",
    "The item's barcode, as printed on it (an imported barcode may be any 1-32 characters "
    "but spaces, slashes and control characters).",
    {"type": "string", "minLength": 1, "maxLength": 32, "pattern": r"^[^ /\x00-\x1F\x7F]+$"},
    "path",
)
BRANCH_CODE: Schema = {
    "type": "string",
    "minLength": 1,
    "maxLength": 32,
    "pattern": "^[A-Za-z0-9_.-]+$",
}
_FREE: Schema = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": PLAIN_TEXT}


def _many(items: dict[str, object]) -> dict[str, object]:
    return {"type": "array", "items": items, "maxItems": 20}


SEARCH_PARAMS = (
    Param(
        "q",
        'The query: words, "a phrase", field:value (title, author, subject, isbn, ...), '
        "OR, -not. Empty: everything, as filtered.",
        {"type": "string", "maxLength": 500, "pattern": PLAIN_TEXT, "default": ""},
    ),
    PAGE,
    PER_PAGE,
    Param(
        "sort",
        "Order of the hits.",
        {"type": "string", "enum": list(SORTS), "default": "relevance"},
    ),
    Param(
        "material_type",
        "Only these material types (any of them).",
        _many({"type": "string", "enum": list(MaterialType.values)}),
    ),
    Param("language", "Only these languages (MARC codes such as swe, eng).", _many(_FREE)),
    Param("author", "Only these authors (as the author facet lists them).", _many(_FREE)),
    Param("subject", "Only these subjects.", _many(_FREE)),
    Param("municipality", "Only titles held in these municipalities (codes).", _many(BRANCH_CODE)),
    Param("branch", "Only titles held at these branches (codes).", _many(BRANCH_CODE)),
    Param(
        "year",
        "Publication year, or a range such as 1990-1999.",
        {"type": "string", "pattern": "^[0-9]{1,4}(-[0-9]{1,4})?$"},
    ),
    Param(
        "available",
        "Only titles with a copy on a shelf now.",
        {"type": "boolean", "default": False},
    ),
    Param(
        "available_at",
        "Only titles with a copy on the shelf of this branch now (a code).",
        BRANCH_CODE,
    ),
)
SEARCH_RESULTS = shapes.shape(
    "SearchResults",
    shapes.obj(
        {
            "total": shapes.COUNT,
            # true for a very broad search on the PostgreSQL engine: "total" is the
            # planner's estimate and the facets count the newest 1,000 matches only
            "total_estimated": {
                **shapes.BOOLEAN,
                "description": "true: total is an estimate and the facets count the "
                "newest 1,000 matches only (a very broad search, PostgreSQL engine)",
            },
            # the facets whose values come from a uniform sample of a broad search's
            # matches, their counts estimated (tantivy engine: author and subject)
            "facets_estimated": {
                "type": "array",
                "items": {"type": "string", "enum": list(FACET_SIZES)},
                "description": "The facets whose values were found in a uniform sample of "
                "the matches and whose counts are estimates, rounded (a broad search)",
            },
            "page": shapes.INTEGER,
            "per_page": shapes.INTEGER,
            "page_count": shapes.COUNT,
            "query": shapes.STRING,
            "sort": {"type": "string", "enum": list(SORTS)},
            "error": shapes.nullable(shapes.STRING),
            "did_you_mean": shapes.nullable(shapes.STRING),
            "hits": {"type": "array", "items": shapes.HIT},
            "facets": shapes.obj(
                {key: {"type": "array", "items": shapes.FACET_VALUE} for key in FACET_SIZES}
            ),
        }
    ),
)
PAGINATION_HEADERS = {
    "Link": {
        "description": 'RFC 8288 links: rel="first", "last", "prev", "next"',
        "schema": {"type": "string"},
    },
    "X-Total-Count": {"description": "All results, on every page", "schema": {"type": "string"}},
}


def _year_range(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    first, _dash, last = text.partition("-")
    low, high = int(first), int(last or first)
    return min(low, high), max(low, high)


@operation(
    API.endpoint("/search"),
    "GET",
    summary="Search the region's catalogue",
    tag="catalogue",
    params=SEARCH_PARAMS,
    replies=[
        Reply(
            200,
            "One page of hits with availability counts, and the facets of all hits. A query "
            "the parser cannot read gives no hits and a readable `error`.",
            SEARCH_RESULTS,
            headers=PAGINATION_HEADERS,
        ),
        BAD_PARAMETER,
    ],
)
def search(call: Call) -> HttpResponseBase:
    p = call.params
    year_from, year_to = _year_range(p["year"])
    filters = SearchFilters(
        material_types=p["material_type"],
        languages=p["language"],
        year_from=year_from,
        year_to=year_to,
        authors=p["author"],
        subjects=p["subject"],
        municipalities=p["municipality"],
        branches=p["branch"],
        available_now=p["available"],
        available_at=p["available_at"],
    )
    results = catalog.search(
        p["q"], filters, sort=p["sort"], page=p["page"], per_page=p["per_page"]
    )
    suggestion = None
    if results.total == 0 and results.error is None and p["q"].strip():
        suggestion = catalog.did_you_mean(p["q"])
    data = {
        "page_count": results.page_count,
        "total_estimated": results.estimated,
        "facets_estimated": sorted(results.estimated_facets),
        "query": p["q"],
        "sort": results.sort,
        "error": results.error,
        "did_you_mean": suggestion,
        "hits": [shapes.hit(found) for found in results.hits],
        "facets": shapes.facets(results.facets),
    }
    return paginated(call, data, total=results.total, max_page=catalog.MAX_PAGE)


_VALIDATORS = {
    "ETag": {
        "description": "Changes whenever the record (or the language) does",
        "schema": {"type": "string"},
    },
    "Last-Modified": {"description": "When the record last changed", "schema": {"type": "string"}},
}


def _etag(record: Record, language: str) -> str:
    # The language is part of it: labels in the JSON are translated.
    seed = f"{record.pk}:{record.updated_at.isoformat()}:{language}"
    return quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:24])


def _not_modified(call: Call, etag: str, modified: float) -> bool:
    headers = call.request.headers
    if "If-None-Match" in headers:
        presented = [tag.removeprefix("W/") for tag in parse_etags(headers["If-None-Match"])]
        return "*" in headers["If-None-Match"] or etag in presented
    since = parse_http_date_safe(headers.get("If-Modified-Since", ""))
    return since is not None and int(modified) <= since


@operation(
    API.endpoint("/records/{id}", RECORD_ID),
    "GET",
    summary="A record (title) of the catalogue",
    tag="catalogue",
    replies=[
        Reply(
            200,
            "The record; send its ETag as If-None-Match to revalidate.",
            shapes.RECORD,
            headers=_VALIDATORS,
        ),
        Reply(
            304,
            "Not modified since the ETag (If-None-Match) or date (If-Modified-Since)",
            headers=_VALIDATORS,
        ),
        BAD_PARAMETER,
        NOT_FOUND,
    ],
)
def record(call: Call) -> HttpResponseBase:
    found = Record.objects.defer("marc").filter(pk=call.params["id"]).first()
    if found is None:
        return not_found(_("Det finns ingen post med det id:t."))
    etag = _etag(found, call.language)
    modified = found.updated_at.timestamp()
    response: HttpResponseBase
    if _not_modified(call, etag, modified):
        response = HttpResponseNotModified()
    else:
        response = ok(shapes.record(found))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return response


@operation(
    API.endpoint("/records/{id}/availability", RECORD_ID),
    "GET",
    summary="Where the copies of a record are, and when those out are due",
    tag="catalogue",
    replies=[
        Reply(
            200,
            "Copies by branch (never who has them) and the length of the hold queue",
            shapes.AVAILABILITY,
        ),
        BAD_PARAMETER,
        NOT_FOUND,
    ],
)
def availability(call: Call) -> HttpResponseBase:
    record_id = call.params["id"]
    try:
        detail = catalog.record_detail(record_id)
    except Record.DoesNotExist:
        return not_found(_("Det finns ingen post med det id:t."))
    return ok(shapes.availability(detail, holds=circulation.queue_length(record_id)))


@operation(
    API.endpoint("/items/{barcode}", BARCODE),
    "GET",
    summary="The item (copy) with a barcode",
    tag="catalogue",
    replies=[Reply(200, "The item and its title", shapes.ITEM), BAD_PARAMETER, NOT_FOUND],
)
def item(call: Call) -> HttpResponseBase:
    found = catalog.item_by_barcode(call.params["barcode"])
    if found is None:
        return not_found(_("Det finns inget exemplar med den streckkoden."))
    return ok(shapes.item(found))


BRANCHES = shapes.shape("BranchList", shapes.list_of("branches", shapes.BRANCH))


@operation(
    API.endpoint("/branches"),
    "GET",
    summary="The region's libraries in service",
    tag="region",
    replies=[Reply(200, "Every active branch with its municipality", BRANCHES)],
)
def branches(call: Call) -> HttpResponseBase:
    return ok({"branches": [shapes.branch(b) for b in consortium.active_branches()]})
