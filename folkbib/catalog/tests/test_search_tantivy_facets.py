"""Facet counts of the tantivy engine stay exact when its cheap per-segment lists are cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from folkbib.catalog.search import SearchDocument, SearchRequest, parse_query, tantivy_backend
from folkbib.catalog.search.base import FACET_SIZES
from folkbib.catalog.search.tantivy_backend import TantivyBackend
from folkbib.catalog.tests.search_helpers import search_document

# Quotes and backslashes: the recount names each value in tantivy's query syntax.
TARGET = 'O"Brien, Anna \\ Maria'


def document(record_id: int, *, authors: list[str], title: str = "Fjällen") -> SearchDocument:
    return search_document(record_id, title, authors=authors)


def counts(backend: TantivyBackend, query: str, key: str) -> dict[str, int]:
    result = backend.search(SearchRequest(query=parse_query(query)))
    return dict(result.facets[key])


def four_segments_where_the_target_misses_three_lists(directory: Path) -> TantivyBackend:
    backend = TantivyBackend(directory)
    fillers_per_segment = FACET_SIZES["author"] + 1  # more than a segment reports
    next_id = iter(range(1, 10_000))
    for segment in range(3):
        # Each filler author twice, the target once: the target misses this segment's list.
        docs = [
            document(next(next_id), authors=[f"Fyll, {segment}-{n}"])
            for n in range(fillers_per_segment)
            for _twice in range(2)
        ]
        backend.index_documents([*docs, document(next(next_id), authors=[TARGET])])
    backend.index_documents([document(next(next_id), authors=[TARGET]) for _ in range(5)])
    assert backend.index.searcher().num_segments == 4  # one per commit: the case under test
    return backend


def test_an_author_left_out_of_some_segments_lists_is_still_counted_exactly(tmp_path: Path):
    backend = four_segments_where_the_target_misses_three_lists(tmp_path)

    authors = counts(backend, "fjällen", "author")

    assert authors[TARGET] == 3 + 5
    assert len(authors) == FACET_SIZES["author"]
    assert all(count == 2 for author, count in authors.items() if author != TARGET)


def test_a_value_the_query_syntax_refuses_is_still_counted_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    backend = four_segments_where_the_target_misses_three_lists(tmp_path)
    monkeypatch.setattr(tantivy_backend, "_field_query", lambda field, value: f"{field}:(")

    assert counts(backend, "fjällen", "author")[TARGET] == 3 + 5


def test_facet_counts_add_up_to_the_total_with_or_without_diacritics(tmp_path: Path):
    backend = TantivyBackend(tmp_path)
    backend.index_documents(
        [
            document(1, authors=["Åberg, Eva"], title="Göteborg i regn"),
            document(2, authors=["Aberg, Eva"], title="Goteborg i sol"),
            document(3, authors=["Öst, Per"], title="Staden Göteborg"),
            document(4, authors=["Öst, Per"], title="Malmö"),
        ]
    )

    for query in ("göteborg", "Goteborg", '"göteborg i"', "title:goteborg", "author:aberg"):
        result = backend.search(SearchRequest(query=parse_query(query)))
        assert result.total > 0, query
        assert sum(count for _value, count in result.facets["material_type"]) == result.total


def test_one_segment_counts_exactly_without_a_recount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    backend = TantivyBackend(tmp_path)
    fillers = FACET_SIZES["author"] * 3  # far more authors than the list shows
    docs = [document(n, authors=[f"Fyll, {n}"]) for n in range(1, fillers + 1)]
    docs += [document(fillers + n, authors=[TARGET, f"Fyll, {n}"]) for n in range(1, 4)]
    backend.index_documents(docs)
    assert backend.index.searcher().num_segments == 1
    monkeypatch.setattr(TantivyBackend, "_recount", None)  # would fail if called

    authors = counts(backend, "fjällen", "author")

    assert list(authors.items())[:4] == [
        (TARGET, 3),
        ("Fyll, 1", 2),
        ("Fyll, 2", 2),
        ("Fyll, 3", 2),
    ]
    assert len(authors) == FACET_SIZES["author"]


def test_a_rebuild_writes_one_segment(tmp_path: Path):
    backend = TantivyBackend(tmp_path)
    for start in (1, 101, 201):  # three commits: three segments before the rebuild
        backend.index_documents([document(n, authors=["Fyll"]) for n in range(start, start + 100)])

    count = backend.rebuild(document(n, authors=[f"Fyll, {n}"]) for n in range(1, 5001))

    assert count == 5000
    assert backend.index.searcher().num_segments == 1
    assert backend.index.searcher().num_docs == 5000
