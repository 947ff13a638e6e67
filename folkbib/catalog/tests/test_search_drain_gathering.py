"""The background drain lets a moment's commits share one pass over the queue."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from folkbib.catalog.models import IndexQueue
from folkbib.catalog.search import enqueue_records, indexing
from folkbib.catalog.selectors import search
from folkbib.catalog.tests.search_helpers import ids, make_record


@pytest.mark.django_db(transaction=True)
def test_two_commits_a_moment_apart_are_indexed_by_one_drain(settings, monkeypatch):
    settings.SEARCH_DRAIN = "background"
    monkeypatch.setattr(indexing._BackgroundDrainer, "IDLE_SECONDS", 0.05)
    monkeypatch.setattr(indexing._BackgroundDrainer, "GATHER_SECONDS", 0.6)
    passes: list[int] = []  # how many records each drain indexed
    drain = indexing.drain_queue

    def counted(**options: object) -> int:
        passes.append(drain(**options))  # type: ignore[arg-type]
        return passes[-1]

    monkeypatch.setattr(indexing, "drain_queue", counted)
    records = []
    for title in ("Norrsken", "Midnattssol"):
        with transaction.atomic():
            record = make_record(title)
            enqueue_records([record.id])
        records.append(record)
        time.sleep(0.15)

    deadline = time.monotonic() + 10
    while IndexQueue.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    indexing._background.join(timeout=10)

    assert passes == [2]  # one pass indexed both records
    assert ids(search("norrsken")) == [records[0].id]
    assert ids(search("midnattssol")) == [records[1].id]
