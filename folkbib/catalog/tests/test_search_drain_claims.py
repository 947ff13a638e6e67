"""With the index in PostgreSQL, each drain takes queue rows no other drain holds.

Eight app processes each drain after their own commits; before claims, all of them
indexed the same queued records.
"""

from __future__ import annotations

import threading

import psycopg
import pytest
from django.db import connection

from folkbib.catalog.models import IndexQueue
from folkbib.catalog.search import indexing
from folkbib.catalog.selectors import search
from folkbib.catalog.tests.search_helpers import ids, make_record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


@pytest.fixture
def in_database_index(settings):
    settings.SEARCH_BACKEND = "postgres"


def _other_session() -> psycopg.Connection:
    """A second database session, as another app process would have."""
    params = connection.get_connection_params()
    return psycopg.connect(**params)


def _queue(*titles: str) -> list[int]:
    """Queued records, not drained yet (rows as ``enqueue_records`` writes them)."""
    records = [make_record(title) for title in titles]
    IndexQueue.objects.bulk_create([IndexQueue(record_id=r.id) for r in records])
    return [r.id for r in records]


def test_a_drain_skips_the_rows_another_drain_holds_and_leaves_them_queued(in_database_index):
    held, free = _queue("Norrsken", "Midnattssol")
    with _other_session() as other, other.transaction():
        other.execute("SELECT 1 FROM catalog_indexqueue WHERE record_id = %s FOR UPDATE", [held])
        assert indexing.drain_queue() == 1  # only the free row, without waiting

    assert ids(search("midnattssol")) == [free]
    assert ids(search("norrsken")) == []
    assert list(IndexQueue.objects.values_list("record_id", flat=True)) == [held]
    assert indexing.drain_queue() == 1
    assert ids(search("norrsken")) == [held]


def test_a_record_queued_again_while_its_drain_runs_is_indexed_again(in_database_index):
    (record_id,) = _queue("Norrsken")
    claimed = threading.Event()
    requeued = threading.Event()

    def write_while_claimed() -> None:
        claimed.wait(10)
        with _other_session() as other:
            # blocks on the claimed row until the drain commits, then queues anew
            other.execute(
                "INSERT INTO catalog_indexqueue (record_id, queued_at) VALUES (%s, now()) "
                "ON CONFLICT (record_id) DO UPDATE SET queued_at = EXCLUDED.queued_at",
                [record_id],
            )
            other.commit()
        requeued.set()

    writer = threading.Thread(target=write_while_claimed)
    writer.start()
    real = indexing.documents_for

    def documents_then_let_the_writer_in(record_ids):
        docs = list(real(record_ids))
        claimed.set()
        return docs

    indexing.documents_for = documents_then_let_the_writer_in  # type: ignore[assignment]
    try:
        assert indexing.drain_queue() == 1
    finally:
        indexing.documents_for = real  # type: ignore[assignment]
    writer.join(10)

    assert requeued.is_set()
    assert list(IndexQueue.objects.values_list("record_id", flat=True)) == [record_id]
    assert indexing.drain_queue() == 1
    assert not IndexQueue.objects.exists()
