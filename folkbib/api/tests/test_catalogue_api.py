"""The public half of /api/v1: search, records, availability, items and branches."""

from __future__ import annotations

import pytest
from django.utils import timezone

from folkbib.api.tests.conftest import Library

pytestmark = pytest.mark.django_db


def test_a_search_finds_titles_with_their_availability_and_facets(client, library: Library):
    response = client.get("/api/v1/search?q=pippi")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    (hit,) = data["hits"]
    assert hit["title"] == "Pippi Långstrump"
    assert (hit["available"], hit["total_items"]) == (1, 2)  # one copy is on loan
    assert hit["url"] == f"/api/v1/records/{library.pippi.pk}"
    assert {"value": "book", "label": "Bok", "count": 1, "selected": False} in data["facets"][
        "material_type"
    ]


def test_a_broad_search_names_the_facets_whose_counts_are_estimated(
    client, library: Library, monkeypatch
):
    from folkbib.catalog.search import tantivy_backend

    assert client.get("/api/v1/search").json()["facets_estimated"] == []
    monkeypatch.setattr(tantivy_backend, "SAMPLED_FROM", 2)  # everything: 3 matches
    monkeypatch.setattr(tantivy_backend, "SAMPLE_SIZE", 2)

    data = client.get("/api/v1/search").json()

    assert data["facets_estimated"] == ["author", "subject"]
    assert data["total_estimated"] is False  # the total is still exact
    assert client.get("/api/v1/search?q=pippi").json()["facets_estimated"] == []


def test_a_filter_narrows_the_hits_to_what_was_asked_for(client, library: Library):
    data = client.get("/api/v1/search?material_type=talking_book").json()
    assert [hit["title"] for hit in data["hits"]] == ["Emil i Lönneberga"]
    assert data["facets"]["material_type"][0]["selected"] is True


def test_pages_of_hits_link_to_each_other_and_tell_the_total(client, library: Library):
    response = client.get("/api/v1/search?per_page=1&page=2&sort=title")
    data = response.json()
    assert (data["total"], data["page"], data["per_page"], len(data["hits"])) == (3, 2, 1, 1)
    assert response["X-Total-Count"] == "3"
    links = response["Link"]
    assert 'page=1>; rel="first"' in links and 'page=3>; rel="last"' in links
    assert 'page=1>; rel="prev"' in links and 'page=3>; rel="next"' in links
    assert "per_page=1" in links and "sort=title" in links


def test_a_query_the_parser_cannot_read_says_why_instead_of_failing(client, library: Library):
    data = client.get("/api/v1/search?q=isbn:123").json()
    assert data["hits"] == [] and data["total"] == 0
    assert "ISBN" in data["error"]


def test_bad_parameters_are_refused_with_the_parameter_named(client, library: Library):
    cases = {
        "per_page=500": "per_page",
        "material_type=scroll": "material_type",
        "available=yes": "available",
        "year=nineteen": "year",
        "materal_type=book": "materal_type",  # misspelt: refused, not ignored
    }
    for query, field in cases.items():
        response = client.get(f"/api/v1/search?{query}")
        assert response.status_code == 400, query
        assert response.json()["error"] == "bad_parameter"
        assert response.json()["field"] == field


def test_a_record_can_be_revalidated_with_its_etag(client, library: Library):
    url = f"/api/v1/records/{library.pippi.pk}"
    first = client.get(url)
    assert first.status_code == 200
    assert first.json()["authors"] == ["Lindgren, Astrid"]
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    library.pippi.updated_at = timezone.now()
    library.pippi.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_etag_differs_by_language_because_the_labels_do(client, library: Library):
    url = f"/api/v1/records/{library.pippi.pk}"
    swedish = client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert (swedish["Content-Language"], english["Content-Language"]) == ("sv", "en")
    assert swedish["ETag"] != english["ETag"]
    assert "Accept-Language" in english["Vary"]


def test_availability_says_where_copies_are_and_when_due_but_never_who_has_them(
    client, library: Library
):
    response = client.get(f"/api/v1/records/{library.pippi.pk}/availability")
    data = response.json()
    assert (data["available"], data["total"], data["holds"]) == (1, 2, 1)
    by_branch = {row["branch"]["code"]: row for row in data["branches"]}
    assert by_branch["vannas"]["available"] == 1
    assert by_branch["umea"]["statuses"] == {"on_loan": 1}
    assert by_branch["umea"]["next_due"] == library.loan.due_date.isoformat()
    text = response.content.decode()
    for patron in (library.patron, library.other):
        assert patron.card_number not in text and patron.last_name not in text


def test_an_item_is_found_by_its_barcode(client, library: Library):
    barcode = library.hobbit.items.order_by("id")[0].barcode
    data = client.get(f"/api/v1/items/{barcode}").json()
    assert data["record"]["title"] == "The hobbit"
    assert (data["status"], data["current_branch"]["code"]) == ("on_loan", "holmsund")


def test_an_imported_barcode_with_punctuation_is_found_too(client, library: Library):
    library.world.item(library.emil, library.world.vannas, barcode="UB-12.5:a")
    data = client.get("/api/v1/items/UB-12.5:a").json()
    assert data["record"]["title"] == "Emil i Lönneberga"


def test_unknown_things_are_json_404s(client, library: Library):
    for url in ["/api/v1/items/00000000", "/api/v1/records/999999", "/api/v1/no/such/path"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"
    assert client.get("/api/v1/records/abc").json()["field"] == "id"


def test_a_method_the_path_does_not_have_is_405_with_allow(client, library: Library):
    response = client.delete("/api/v1/branches")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"] == "method_not_allowed"
    assert client.head("/api/v1/branches").status_code == 200


def test_the_branches_are_listed_with_their_municipality(client, library: Library):
    branches = client.get("/api/v1/branches").json()["branches"]
    assert [b["code"] for b in branches] == ["holmsund", "tavelsjo", "umea", "vannas"]
    assert branches[0]["municipality"] == {"code": "2480", "name": "Umeå"}


def test_the_openapi_document_describes_every_route_the_api_serves(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) >= {
        "/search",
        "/records/{id}",
        "/records/{id}/availability",
        "/items/{barcode}",
        "/branches",
        "/auth/token",
        "/me",
        "/me/loans",
        "/me/loans/{id}/renew",
        "/me/loans/renew-all",
        "/me/history",
        "/me/holds",
        "/me/holds/{id}",
    }
    codes = spec["components"]["schemas"]["Error"]["properties"]["error"]["enum"]
    assert {"not_renewable", "wrong_pin", "too_many_attempts", "bad_parameter"} <= set(codes)
