"""Facets counted while the selector reads the database answer exactly as counted at once."""

from __future__ import annotations

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.catalog.search import SearchFilters, SearchRequest, parse_query
from folkbib.catalog.tests.search_helpers import engine, index_everything, make_item, make_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def test_facets_counted_later_equal_the_facets_of_one_search(places):
    for n in range(12):
        record = make_record(
            f"Fjällen del {n}",
            authors=[f"Ek, {n % 3}"],
            subjects=["Fjäll", f"Del {n % 4}"],
            year=2000 + n % 5,
            material_type="book" if n % 2 else "audiobook",
        )
        status = ItemStatus.AVAILABLE if n % 3 else ItemStatus.ON_LOAN
        make_item(record, places["umea-stad" if n % 2 else "vindeln"], status)
    index_everything()
    requests = [
        SearchRequest(parse_query(q), filters, sort)
        for q in ("fjällen", "", "author:ek", "nothing-matches-this")
        for filters in (SearchFilters(), SearchFilters(material_types=["book"]))
        for sort in ("relevance", "title")
    ]
    requests.append(SearchRequest(parse_query("fjällen"), facets=False))

    for request in requests:
        at_once = engine().search(request)
        result, facets = engine().search_facets_later(request)

        assert result.facets == {}
        result.facets = facets()
        assert result == at_once, request
    assert engine().search(requests[0]).facets["author"]  # the facets are not all empty
