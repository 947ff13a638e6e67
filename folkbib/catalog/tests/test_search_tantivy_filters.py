"""A facet filter of one value (a term query) finds and ranks as one of several (a term set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from folkbib.catalog.search import SearchRequest, parse_query
from folkbib.catalog.search.base import SearchFilters
from folkbib.catalog.search.query import ParsedQuery, Term
from folkbib.catalog.search.tantivy_backend import TantivyBackend
from folkbib.catalog.tests.search_helpers import search_document

NOWHERE = "0000"  # a municipality no record is held in


def document(record_id: int, title: str, material_type: str, municipalities: list[str]):
    return search_document(
        record_id,
        title,
        year=2000 + record_id,
        material_type=material_type,
        branches=[f"b-{m}" for m in municipalities],
        municipalities=municipalities,
    )


@pytest.fixture
def backend(tmp_path: Path) -> TantivyBackend:
    backend = TantivyBackend(tmp_path)
    backend.index_documents(
        [
            document(1, "Fjällen i norr", "book", ["2480"]),
            document(2, "Fjällen och fjällen", "book", ["2480", "2403"]),
            document(3, "Fjällen", "ebook", ["2403"]),
            document(4, "Havet", "book", ["2480"]),
            document(5, "Fjällvandring", "book", []),
        ]
    )
    return backend


def scored(backend: TantivyBackend, request: SearchRequest) -> list[tuple[int, float]]:
    """The hits of ``request``: record id and score, in order."""
    return [(hit.record_id, hit.score) for hit in backend.search(request).hits]


def hits(backend: TantivyBackend, query: str, filters: SearchFilters) -> list[tuple[int, float]]:
    return scored(backend, SearchRequest(query=parse_query(query), filters=filters))


@pytest.mark.parametrize(
    ("one", "same_as_a_set"),
    [
        (
            SearchFilters(municipalities=["2480"]),
            SearchFilters(municipalities=["2480", NOWHERE]),
        ),
        (
            SearchFilters(material_types=["book"]),
            SearchFilters(material_types=["book", "map"]),
        ),
        (
            SearchFilters(material_types=["book"], municipalities=["2403"]),
            SearchFilters(material_types=["book", "map"], municipalities=["2403", NOWHERE]),
        ),
    ],
)
def test_a_filter_of_one_value_finds_and_ranks_as_a_set_with_that_value(
    backend: TantivyBackend, one: SearchFilters, same_as_a_set: SearchFilters
):
    for query in ("fjällen", ""):
        found = hits(backend, query, one)

        assert found, query
        assert found == hits(backend, query, same_as_a_set), query


def test_a_filter_leaves_the_scores_of_the_words_alone(backend: TantivyBackend):
    unfiltered = dict(hits(backend, "fjällen", SearchFilters()))

    filtered = hits(backend, "fjällen", SearchFilters(municipalities=["2480"]))

    assert [record_id for record_id, _score in filtered] == [2, 1]
    assert all(score == unfiltered[record_id] for record_id, score in filtered)


def test_a_term_clause_of_one_value_scores_as_one_of_several(backend: TantivyBackend):
    def ranked(*values: str) -> list[tuple[int, float]]:
        query = ParsedQuery(clauses=(Term("material_type", values),))
        return scored(backend, SearchRequest(query=query))

    one = ranked("ebook")

    assert one == [(3, 1.0)]
    assert one == ranked("ebook", "map")
