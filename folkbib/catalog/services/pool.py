"""Decode records in worker processes, in file order, with bounded memory.

``Pool.imap`` would read the whole file into its task queue ahead of the
workers; here at most ``IN_FLIGHT_PER_WORKER`` chunks per worker are queued, so
memory stays flat however large the file is. Enough are queued that the workers
keep decoding while the main process writes a batch and indexes (a few seconds).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from folkbib.catalog.marc import RawRecord, RejectedRecord

from .holdings import HoldingsMap
from .preparing import PackedChunk, Prepared, prepare_chunk, unpack_chunk

CHUNK_RECORDS = 1000
IN_FLIGHT_PER_WORKER = 8

Chunk = list[tuple[int, bytes]]
# A chunk's results, or a record the splitter already rejected, in file order.
Pending = AsyncResult[PackedChunk] | list[Prepared]


def _chunks(
    records: Iterable[RawRecord | RejectedRecord],
) -> Iterator[Chunk | RejectedRecord]:
    chunk: Chunk = []
    for record in records:
        if isinstance(record, RejectedRecord):
            if chunk:
                yield chunk
                chunk = []
            yield record
            continue
        chunk.append((record.offset, record.raw))
        if len(chunk) >= CHUNK_RECORDS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def prepared_records(
    records: Iterable[RawRecord | RejectedRecord], holdings: HoldingsMap, workers: int
) -> Iterator[Prepared]:
    """Prepare every record (see ``preparing.prepare``), in file order."""
    if workers <= 0:
        for item in _chunks(records):
            if isinstance(item, RejectedRecord):
                yield item
            else:
                yield from unpack_chunk(prepare_chunk((item, holdings)))
        return
    # fork: the workers inherit the imported codec; they never touch the database
    # connection or the search index the parent holds.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        pending: deque[Pending] = deque()
        limit = workers * IN_FLIGHT_PER_WORKER
        for item in _chunks(records):
            if isinstance(item, RejectedRecord):
                pending.append([item])
            else:
                pending.append(pool.apply_async(prepare_chunk, ((item, holdings),)))
            while len(pending) > limit:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())


def _result(pending: Pending) -> list[Prepared]:
    return pending if isinstance(pending, list) else unpack_chunk(pending.get())
