"""A broad search counts author and subject over a uniform sample of its matches, and says so."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from folkbib.catalog.search import (
    Holding,
    SearchDocument,
    SearchRequest,
    parse_query,
    tantivy_backend,
    tantivy_schema,
)
from folkbib.catalog.search.tantivy_backend import TantivyBackend
from folkbib.catalog.search.tantivy_schema import bulk_json, record_json, sample_group
from folkbib.catalog.tests.search_helpers import search_document

RECORDS = 4_000
# Author k (1-based) writes one record in k, so "Skog, 1" every record, "Skog, 2" every
# other: a few common authors and a long tail, as in a real catalogue.
AUTHORS = 12


def document(record_id: int) -> SearchDocument:
    return search_document(
        record_id,
        "Fjällen" if record_id % 10 else "Fjällen i norr",  # "norr": 400 records
        authors=[f"Skog, {k}" for k in range(1, AUTHORS + 1) if record_id % k == 0][:3],
        subjects=["Fjäll", f"Del {record_id % 7}"],
        year=2000 + record_id % 20,
        material_type="book" if record_id % 3 else "audiobook",
    )


@pytest.fixture
def backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TantivyBackend:
    """An index of RECORDS records; searches above 1,000 matches sample some 1,000."""
    backend = TantivyBackend(tmp_path)
    backend.index_documents(document(n) for n in range(1, RECORDS + 1))
    monkeypatch.setattr(tantivy_backend, "SAMPLED_FROM", 1_000)
    monkeypatch.setattr(tantivy_backend, "SAMPLE_SIZE", 1_000)
    return backend


def search(backend: TantivyBackend, query: str) -> tuple[int, dict, frozenset[str]]:
    result = backend.search(SearchRequest(query=parse_query(query)))
    return result.total, result.facets, result.estimated_facets


def exactly(backend: TantivyBackend, query: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    with monkeypatch.context() as patch:
        patch.setattr(tantivy_backend, "SAMPLED_FROM", 10**9)
        _total, facets, estimated = search(backend, query)
    assert not estimated
    return facets


def test_a_broad_search_estimates_its_authors_close_to_their_exact_counts(
    backend: TantivyBackend, monkeypatch: pytest.MonkeyPatch
):
    total, facets, estimated = search(backend, "fjällen")
    exact = dict(exactly(backend, "fjällen", monkeypatch)["author"])

    assert total == RECORDS
    assert estimated == {"author", "subject"}
    authors = facets["author"]
    assert [author for author, _count in authors[:3]] == ["Skog, 1", "Skog, 2", "Skog, 3"]
    for author, count in authors[:4]:  # seen 170 times or more in the sample
        assert count == pytest.approx(exact[author], rel=0.1), author
        assert count == float(f"{count:.2g}")  # two significant figures
    assert authors[0] == ("Skog, 1", RECORDS)  # every sampled match has it: the total


def test_a_broad_search_keeps_every_other_facet_exact(
    backend: TantivyBackend, monkeypatch: pytest.MonkeyPatch
):
    _total, facets, _estimated = search(backend, "fjällen")
    exact = exactly(backend, "fjällen", monkeypatch)

    for key in ("material_type", "language", "year", "available"):
        assert facets[key] == exact[key], key


def test_a_narrow_search_counts_exactly_and_marks_nothing_estimated(
    backend: TantivyBackend, monkeypatch: pytest.MonkeyPatch
):
    total, facets, estimated = search(backend, "norr")

    assert total == RECORDS // 10
    assert estimated == frozenset()
    assert facets == exactly(backend, "norr", monkeypatch)
    assert dict(facets["author"])["Skog, 2"] == RECORDS // 10


def test_an_estimated_count_never_exceeds_the_total(backend: TantivyBackend):
    total, facets, _estimated = search(backend, "fjällen")

    assert all(0 < count <= total for key in ("author", "subject") for _v, count in facets[key])
    assert facets["subject"][0] == ("Fjäll", total)


def test_sampled_lists_cut_in_several_segments_are_recounted_in_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    backend = TantivyBackend(tmp_path)
    for start in range(1, RECORDS + 1, RECORDS // 4):  # one segment per commit
        backend.index_documents(
            search_document(n, "Fjällen", authors=[*document(n).authors, f"Ensam, {n}"])
            for n in range(start, start + RECORDS // 4)
        )
    assert backend.index.searcher().num_segments == 4
    monkeypatch.setattr(tantivy_backend, "SAMPLED_FROM", 1_000)
    monkeypatch.setattr(tantivy_backend, "SAMPLE_SIZE", 1_000)
    recounted = []
    recount = TantivyBackend._recount
    monkeypatch.setattr(
        TantivyBackend,
        "_recount",
        lambda self, *args: recounted.append(args[-1]) or recount(self, *args),
    )

    _total, facets, estimated = search(backend, "fjällen")
    exact = dict(exactly(backend, "fjällen", monkeypatch)["author"])

    assert estimated == {"author", "subject"}
    assert "author" in recounted[0]  # the authors' lists were cut: the sample's recounted
    for author, count in facets["author"][:4]:
        assert count == pytest.approx(exact[author], rel=0.1), author


def test_facets_counted_later_are_marked_estimated_as_those_counted_at_once(
    backend: TantivyBackend,
):
    for query in ("fjällen", "norr"):
        request = SearchRequest(query=parse_query(query))
        at_once = backend.search(request)
        later, facets = backend.search_facets_later(request)

        assert later.estimated_facets == at_once.estimated_facets  # known before the counts
        later.facets = facets()
        assert later == at_once, query


def test_the_sample_group_is_written_alike_by_a_single_document_and_a_bulk_import(
    tmp_path: Path,
):
    backend = TantivyBackend(tmp_path)
    # DocumentParts order: title, authors, responsibility, subjects, series, isbns,
    # other, sort_key, year, material_type, languages, numbers.
    parts = record_json(("Fjällen", [], "", [], [], [], "", "fjällen", 2001, "book", [], []))
    for record_id in (1, 2, 64, 1_000_003, (1 << 40) - 1):
        single = backend._values(search_document(record_id, "Fjällen"))["sample"]
        bulk = json.loads(bulk_json(record_id, 2001, parts, [Holding("umea", "2480", True)]))

        assert bulk["sample"] == single == sample_group(record_id)


def test_consecutive_ids_spread_evenly_over_the_sample_groups():
    groups = Counter(sample_group(n) for n in range(1, 64 * 500 + 1))

    assert sorted(groups) == list(range(tantivy_schema.SAMPLE_GROUPS))
    assert max(groups.values()) < 1.25 * 500 and min(groups.values()) > 0.75 * 500
    # Not the id's low bits: records catalogued together do not share a group.
    assert len({sample_group(n) for n in range(1000, 1064)}) > 32


def test_an_index_of_an_older_schema_is_left_alone_and_the_new_one_starts_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with monkeypatch.context() as patch:
        patch.setattr(tantivy_backend, "SCHEMA_VERSION", tantivy_backend.SCHEMA_VERSION - 1)
        old = TantivyBackend(tmp_path)
        old.index_documents([search_document(1, "Fjällen")])
        old.close()

    current = TantivyBackend(tmp_path)

    assert current.index.searcher().num_docs == 0  # filled by `folkbib reindex`
    assert (tmp_path / f"v{tantivy_backend.SCHEMA_VERSION - 1}").is_dir()
