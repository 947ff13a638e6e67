"""Keeping the index current: queue, drain, lock contention, bulk indexing, ``reindex``."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from folkbib.catalog.models import IndexQueue, ItemStatus
from folkbib.catalog.search import (
    Holding,
    build_document,
    drain_queue,
    enqueue_records,
    get_backend,
    index_bulk,
    indexing,
)
from folkbib.catalog.selectors import SearchFilters, search
from folkbib.catalog.tests.search_helpers import (
    ids,
    index_everything,
    make_item,
    make_record,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("search_backend")
def test_an_item_status_change_reaches_the_index_when_the_write_commits(
    places, django_capture_on_commit_callbacks
):
    record = make_record("Snöstormen")
    item = make_item(record, places["umea-stad"])
    index_everything()
    available = SearchFilters(available_now=True)
    assert ids(search("snöstormen", available)) == [record.id]

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item.status = ItemStatus.ON_LOAN
        item.save()
        enqueue_records([record.id])

    assert ids(search("snöstormen", available)) == []
    assert ids(search("snöstormen")) == [record.id]
    assert not IndexQueue.objects.exists()


@pytest.mark.usefixtures("search_backend")
def test_a_new_record_is_searchable_after_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record = make_record("Nattåg")
        enqueue_records([record.id])
        assert ids(search("nattåg")) == []

    assert ids(search("nattåg")) == [record.id]


@pytest.mark.usefixtures("search_backend")
def test_a_deleted_record_leaves_the_index():
    record = make_record("Isvinter")
    index_everything()
    record_id = record.id

    record.delete()
    enqueue_records([record_id])
    drain_queue()

    assert search("isvinter").total == 0


def test_a_drain_leaves_the_queue_for_later_while_another_writer_holds_the_index():
    record = make_record("Midnattssol")
    enqueue_records([record.id])
    writer = get_backend().index.writer(15_000_000, 1)  # as another process would

    assert drain_queue() == 0
    assert list(IndexQueue.objects.values_list("record_id", flat=True)) == [record.id]

    writer.rollback()
    del writer
    assert drain_queue() == 1
    assert ids(search("midnattssol")) == [record.id]
    assert not IndexQueue.objects.exists()


def test_a_record_changed_again_during_a_drain_stays_queued(monkeypatch, settings):
    # The embedded index (tantivy) keeps writes outside the drain's transaction; the
    # index in PostgreSQL claims its rows instead: test_search_drain_claims.py.
    settings.SEARCH_BACKEND = "tantivy"
    record = make_record("Vårflod")
    enqueue_records([record.id])
    real_documents_for = indexing.documents_for

    def documents_for_then_concurrent_write(record_ids):
        docs = list(real_documents_for(record_ids))
        enqueue_records([record.id])  # another writer, after the drain read the queue
        return docs

    monkeypatch.setattr(indexing, "documents_for", documents_for_then_concurrent_write)

    drain_queue(max_batches=1)

    assert list(IndexQueue.objects.values_list("record_id", flat=True)) == [record.id]


@pytest.mark.usefixtures("search_backend")
def test_bulk_indexing_takes_prepared_documents():
    record = make_record("Fjärilar", isbns=["9789129657623"])
    doc = build_document(
        record_id=record.id, fields=record, holdings=[Holding("vindeln", "2404", True)]
    )

    assert index_bulk([doc]) == 1
    results = search("isbn:9129657628", SearchFilters(available_at="vindeln"))
    assert ids(results) == [record.id]


@pytest.mark.usefixtures("search_backend")
def test_reindex_rebuilds_the_index_from_the_database():
    make_record("Tranor")
    make_record("Tranornas dans")
    out = StringIO()

    call_command("reindex", "--no-progress", stdout=out)

    assert search("tranor").total == 2
    assert out.getvalue().startswith("2 records indexed")


@pytest.mark.usefixtures("search_backend")
def test_reindex_pending_indexes_only_the_queue():
    queued = make_record("Hägrar")
    make_record("Hägrarnas sjö")  # written without enqueueing: not indexed by --pending
    enqueue_records([queued.id])
    out = StringIO()

    call_command("reindex", "--pending", stdout=out)

    assert ids(search("hägrar")) == [queued.id]
    assert not IndexQueue.objects.exists()
    assert out.getvalue().startswith("1 queued records indexed")


def test_a_new_index_directory_opens_a_new_index(settings, tmp_path):
    first = get_backend()
    assert get_backend() is first

    settings.SEARCH_INDEX_DIR = tmp_path / "another-index"

    second = get_backend()
    assert second is not first
    assert str(second.directory).startswith(str(tmp_path / "another-index"))


@pytest.mark.django_db(transaction=True)
def test_a_background_drain_indexes_the_record_soon_after_the_commit(settings, monkeypatch):
    settings.SEARCH_DRAIN = "background"
    monkeypatch.setattr(indexing._BackgroundDrainer, "IDLE_SECONDS", 0.05)
    with transaction.atomic():
        record = make_record("Norrsken")
        enqueue_records([record.id])

    deadline = time.monotonic() + 10
    while IndexQueue.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.02)

    indexing._background.join(timeout=10)  # its database connection closes with it
    assert ids(search("norrsken")) == [record.id]
    assert not IndexQueue.objects.exists()
