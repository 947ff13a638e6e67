"""Facet counts of the tantivy engine stay exact when its cheap per-segment lists are cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from folkbib.catalog.search import (
    SearchDocument,
    SearchRequest,
    parse_query,
    tantivy_backend,
    tantivy_schema,
)
from folkbib.catalog.search.base import FACET_SIZES, SearchFilters
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


# -- branch and municipality, counted from their groups' keys ------------------------------

# More branches than groups, so some groups hold several codes; the quote and backslash
# must survive the JSON of a group's key.
BRANCHES = [f"filial-{n}" for n in range(12)] + ['citat"s\\kod']


def held(record_id: int, branches: list[str], *, available: bool = False) -> SearchDocument:
    return search_document(
        record_id,
        "Fjällen",
        branches=branches,
        municipalities=sorted({f"24{BRANCHES.index(code) % 3:02d}" for code in branches}),
        available_branches=branches if available else [],
        available=available,
    )


def held_documents() -> list[SearchDocument]:
    """Records holding one to four branches each, some branches as often as others."""
    docs = []
    for record_id in range(1, 61):
        count = 1 + record_id % 4
        branches = [BRANCHES[(record_id * 7 + k * 5) % len(BRANCHES)] for k in range(count)]
        docs.append(held(record_id, branches, available=record_id % 3 == 0))
    return docs


def expected(docs: list[SearchDocument], key: str) -> list[tuple[str, int]]:
    """Each record once per value it holds; most frequent first, equal counts by value."""
    counts: dict[str, int] = {}
    for doc in docs:
        for value in set(doc.branches if key == "branch" else doc.municipalities):
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))


def facets(backend: TantivyBackend, query: str = "fjällen") -> dict[str, list[tuple[str, int]]]:
    return backend.search(SearchRequest(query=parse_query(query))).facets


def test_each_record_counts_once_for_every_branch_and_municipality_it_holds(tmp_path: Path):
    backend = TantivyBackend(tmp_path)
    docs = held_documents()
    backend.index_documents(docs)

    counted = facets(backend)

    assert counted["branch"] == expected(docs, "branch")
    assert counted["municipality"] == expected(docs, "municipality")
    assert counted["available"] == [("1", 20)]
    assert len({count for _code, count in counted["branch"]}) < len(BRANCHES)  # ties ordered


def test_branch_counts_stay_exact_over_several_segments_and_after_a_filter(tmp_path: Path):
    backend = TantivyBackend(tmp_path)
    docs = held_documents()
    for start in range(0, len(docs), 20):  # three commits: three segments
        backend.index_documents(docs[start : start + 20])
    assert backend.index.searcher().num_segments == 3
    chosen = [doc for doc in docs if "filial-3" in doc.branches]

    counted = backend.search(
        SearchRequest(query=parse_query("fjällen"), filters=SearchFilters(branches=["filial-3"]))
    ).facets

    assert counted["branch"] == expected(chosen, "branch")
    assert counted["municipality"] == expected(chosen, "municipality")


def test_a_branch_facet_with_more_values_than_shown_keeps_the_most_frequent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(FACET_SIZES, "branch", 4)
    backend = TantivyBackend(tmp_path)
    docs = held_documents()
    backend.index_documents(docs)

    assert facets(backend)["branch"] == expected(docs, "branch")[:4]


def test_a_group_with_more_keys_than_asked_for_falls_back_to_the_holdings_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    backend = TantivyBackend(tmp_path)
    docs = held_documents()
    backend.index_documents(docs)
    cut = {
        name: {"terms": {**request["terms"], "size": 1, "segment_size": 1}}
        if name.startswith(("f_branch_set", "f_municipality_set"))
        else request
        for name, request in tantivy_backend._FACET_REQUEST.items()
    }
    monkeypatch.setattr(tantivy_backend, "_FACET_REQUEST", cut)

    counted = facets(backend)

    assert counted["branch"] == expected(docs, "branch")
    assert counted["municipality"] == expected(docs, "municipality")


def test_every_code_of_a_record_is_in_exactly_one_group():
    codes = [*BRANCHES, "umea-stad", "2480", ""]

    keys = tantivy_schema.set_keys(tantivy_schema.BRANCH_SET_FIELDS, [*codes, *codes])

    assert len(keys) == tantivy_schema.BRANCH_GROUPS
    held_codes = [code for key in keys.values() for code in tantivy_schema.set_codes(key)]
    assert sorted(held_codes) == sorted(set(codes))
