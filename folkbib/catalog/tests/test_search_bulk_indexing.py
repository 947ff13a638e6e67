"""``bulk_indexing``: one index writer held across a bulk import's many commits."""

from __future__ import annotations

import pytest

from folkbib.catalog.search import (
    IndexLocked,
    SearchDocument,
    build_document,
    get_backend,
    index_bulk,
)
from folkbib.catalog.search.indexing import bulk_indexing
from folkbib.catalog.selectors import search
from folkbib.catalog.tests.search_helpers import ids, make_record

pytestmark = pytest.mark.django_db


def _document(title: str) -> SearchDocument:
    record = make_record(title)
    return build_document(record_id=record.id, fields=record, holdings=[])


def _lock_is_free() -> bool:
    try:
        writer = get_backend().index.writer(15_000_000, 1)  # as another process would
    except ValueError as error:
        assert "LockBusy" in str(error)
        return False
    writer.rollback()
    writer.wait_merging_threads()
    return True


def test_each_bulk_index_is_searchable_at_once_while_the_writer_stays_held():
    first, second = _document("Fjällräven"), _document("Järven")

    with bulk_indexing():
        assert index_bulk([first]) == 1
        assert ids(search("fjällräven")) == [first.record_id]
        assert not _lock_is_free()
        assert index_bulk([second]) == 1
        assert ids(search("järven")) == [second.record_id]

    assert _lock_is_free()
    assert ids(search("fjällräven")) == [first.record_id]


def test_a_bulk_index_replaces_the_document_it_indexed_earlier_in_the_same_hold():
    doc = _document("Lodjuret")

    with bulk_indexing():
        index_bulk([doc])
        index_bulk([doc])

    assert search("lodjuret").total == 1


def test_bulk_indexing_holds_nothing_while_another_process_writes_the_index():
    doc = _document("Vargen")
    other = get_backend().index.writer(15_000_000, 1)

    with bulk_indexing(), pytest.raises(IndexLocked):
        index_bulk([doc])

    other.rollback()
    other.wait_merging_threads()
    with bulk_indexing():
        index_bulk([doc])
    assert ids(search("vargen")) == [doc.record_id]


def test_a_hold_that_commits_at_the_end_shows_its_documents_together_then():
    first, second = _document("Fjällräven"), _document("Järven")

    with bulk_indexing(commit_each=False):
        index_bulk([first])
        index_bulk([second])
        assert search("fjällräven").total == 0
        assert not _lock_is_free()

    assert _lock_is_free()
    assert ids(search("fjällräven")) == [first.record_id]
    assert ids(search("järven")) == [second.record_id]


def test_a_hold_that_commits_at_the_end_keeps_nothing_of_a_failed_run():
    kept, lost = _document("Lodjuret"), _document("Vargen")
    index_bulk([kept])

    with pytest.raises(RuntimeError), bulk_indexing(commit_each=False):
        index_bulk([lost])
        raise RuntimeError("the import failed")

    assert _lock_is_free()
    assert ids(search("lodjuret")) == [kept.record_id]
    assert search("vargen").total == 0
