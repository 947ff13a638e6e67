"""Keeping the index current: the queue, the drain, bulk indexing and full rebuilds.

The database is the source of truth. A write enqueues the ids of the records it
changed inside its own transaction (so a crash never loses an update) and the queue
is drained when that transaction commits. Any process may drain; if the embedded
index is being written by another process the rows simply stay queued and the next
drain (or ``folkbib reindex --pending``) picks them up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.db.models import Q

from folkbib.catalog.models import IndexQueue, Item, ItemStatus, Record
from folkbib.catalog.search.base import SearchBackend
from folkbib.catalog.search.documents import Holding, SearchDocument, build_document
from folkbib.catalog.search.errors import IndexLocked
from folkbib.core.prepared import insert_rows

logger = logging.getLogger(__name__)

# Items that are gone do not make a record "held" anywhere.
HIDDEN_STATUSES = (ItemStatus.WITHDRAWN, ItemStatus.LOST)
DRAIN_BATCH = 200  # also bounds the OR-chain of the queue delete (SQLite's expression depth)
BULK_BATCH = 2000

_backend_lock = threading.Lock()
_backend_cache: dict[tuple[str, str], SearchBackend] = {}


def get_backend() -> SearchBackend:
    """The configured engine, opened once per process and per index directory.

    Keyed by (backend, directory) so a changed ``SEARCH_INDEX_DIR`` (every test has
    its own) opens a new index; only the latest is kept open.
    """
    name = settings.SEARCH_BACKEND
    key = (name, str(settings.SEARCH_INDEX_DIR) if name == "tantivy" else "")
    with _backend_lock:
        backend = _backend_cache.get(key)
        if backend is None:
            for old in _backend_cache.values():
                old.close()
            _backend_cache.clear()
            backend = _open_backend(name)
            _backend_cache[key] = backend
        return backend


def _open_backend(name: str) -> SearchBackend:
    if name == "tantivy":
        from folkbib.catalog.search.tantivy_backend import TantivyBackend

        return TantivyBackend(Path(settings.SEARCH_INDEX_DIR))
    if name == "postgres":
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "SEARCH_BACKEND = 'postgres' needs a PostgreSQL DATABASE_URL."
            )
        from folkbib.catalog.search.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"Unknown SEARCH_BACKEND {name!r}: use 'tantivy' or 'postgres'.")


# -- the queue ---------------------------------------------------------------------------


def enqueue_records(record_ids: Iterable[int]) -> None:
    """Mark records as stale inside the caller's transaction; the index follows on commit.

    Re-enqueueing a queued record refreshes its ``queued_at``, which tells a drain that
    is running concurrently not to delete the row when it finishes.
    """
    ids = sorted({int(i) for i in record_ids})
    if not ids:
        return
    # bulk_create(update_conflicts=True) without compiling it: every item change (each
    # checkout and checkin) enqueues its record.
    insert_rows(
        [IndexQueue(record_id=i) for i in ids],
        unique_fields=("record_id",),
        update_fields=("queued_at",),
    )
    transaction.on_commit(_drain_after_commit)


def _drain_after_commit() -> None:
    if settings.SEARCH_DRAIN == "background":
        _background.kick()
        return
    # The write has committed; a failing index must not turn it into an error page.
    try:
        drain_queue()
    except Exception:
        logger.exception("search index drain failed; the records stay queued")


class _BackgroundDrainer:
    """One thread per process that drains after commits, so a request never waits.

    A tantivy commit fsyncs a dozen files (150-250 ms measured on this VM's disk);
    in the background, a burst of checkouts shares one commit. Woken, the thread first
    lets ``GATHER_SECONDS`` pass, so that the commits of that moment share one drain:
    a drain's fixed cost (its queries, the engine's write) was ~6 ms of CPU per
    checkout when each drained alone. The thread exits after a few idle seconds. A
    crash loses nothing: the rows are still queued.
    """

    IDLE_SECONDS = 5.0
    GATHER_SECONDS = 0.2

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def kick(self) -> None:
        with self._lock:
            self._wake.set()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="folkbib-search-drain", daemon=True
                )
                self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the thread has gone idle and exited (tests; orderly shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        try:
            while True:
                if not self._wake.wait(self.IDLE_SECONDS):
                    with self._lock:  # a kick racing with the exit is seen under the lock
                        if not self._wake.is_set():
                            self._thread = None
                            return
                time.sleep(self.GATHER_SECONDS)
                # Cleared after the pause: the kicks of commits made meanwhile are
                # served by this drain, which reads the queue after them.
                self._wake.clear()
                try:
                    drain_queue()
                except Exception:
                    logger.exception("search index drain failed; the records stay queued")
        finally:
            connections.close_all()


_background = _BackgroundDrainer()


def drain_queue(*, max_batches: int | None = None) -> int:
    """Index every queued record; returns how many were (re)indexed or removed.

    Returns early, leaving rows queued, if another process holds the index writer.
    """
    backend = get_backend()
    drain_batch = _drain_claimed_batch if backend.in_database else _drain_batch
    done = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        count = drain_batch(backend)
        if count is None:
            break
        done += count
        batches += 1
        if count < DRAIN_BATCH:
            # The queue had no more; a record queued since then comes with its own
            # drain (every enqueue asks for one when its transaction commits).
            break
    return done


def _write_documents(backend: SearchBackend, record_ids: list[int]) -> None:
    """The current documents of these records into the index; those gone, out of it."""
    docs = list(documents_for(record_ids))
    gone = set(record_ids) - {doc.record_id for doc in docs}
    if gone:
        backend.delete(gone)
    if docs:
        backend.index_documents(docs)


def _drain_batch(backend: SearchBackend) -> int | None:
    """One batch for an index outside the database (None: another process writes it)."""
    rows = list(
        IndexQueue.objects.order_by("queued_at").values_list("record_id", "queued_at")[:DRAIN_BATCH]
    )
    if not rows:
        return 0
    try:
        _write_documents(backend, [record_id for record_id, _queued in rows])
    except IndexLocked:
        logger.info("search index busy in another process; %d records stay queued", len(rows))
        return None
    # Only rows unchanged since we read them: a record re-enqueued meanwhile stays.
    condition = Q()
    for record_id, queued_at in rows:
        condition |= Q(record_id=record_id, queued_at=queued_at)
    IndexQueue.objects.filter(condition).delete()
    return len(rows)


_CLAIM = (
    f"SELECT record_id FROM {IndexQueue._meta.db_table} ORDER BY queued_at "
    "LIMIT %s FOR UPDATE SKIP LOCKED"
)


def _drain_claimed_batch(backend: SearchBackend) -> int:
    """One batch for an index kept in the database itself (PostgreSQL), in one transaction.

    It locks queue rows no other drain holds (``SKIP LOCKED``), writes their documents,
    deletes the rows and commits. With many processes each drain takes its own rows,
    instead of all of them indexing the same records (with 8 processes that was 8 times
    the indexing work), and the documents and the queue change together or not at all.
    A write that re-enqueues a claimed record waits for this transaction, then queues it
    anew (the row it conflicted with is gone), so its change is indexed by the next drain.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_CLAIM, [DRAIN_BATCH])
        record_ids = [row[0] for row in cursor.fetchall()]
        if record_ids:
            _write_documents(backend, record_ids)
            cursor.execute(
                f"DELETE FROM {IndexQueue._meta.db_table} WHERE record_id = ANY(%s)",
                [record_ids],
            )
    return len(record_ids)


# -- building documents from the database ----------------------------------------------


def documents_for(record_ids: Iterable[int]) -> Iterator[SearchDocument]:
    """Search documents of these records as the database has them now (two queries)."""
    ids = list(record_ids)
    if not ids:
        return
    holdings = holdings_for(ids)
    for record in Record.objects.filter(id__in=ids).defer("marc").order_by("id"):
        yield build_document(
            record_id=record.id, fields=record, holdings=holdings.get(record.id, [])
        )


def holdings_for(record_ids: list[int]) -> dict[int, list[Holding]]:
    """Holdings of these records (one query): what ``build_document`` needs besides fields.

    An item counts at the branch it stands in when on the shelf, else at its owner;
    withdrawn and lost items do not count.
    """
    rows = (
        Item.objects.filter(record_id__in=record_ids)
        .exclude(status__in=HIDDEN_STATUSES)
        .values_list(
            "record_id",
            "status",
            "owning_branch__code",
            "owning_branch__municipality__code",
            "current_branch__code",
            "current_branch__municipality__code",
        )
    )
    holdings: dict[int, list[Holding]] = defaultdict(list)
    for record_id, status, owner, owner_municipality, current, current_municipality in rows:
        if status == ItemStatus.AVAILABLE:
            holdings[record_id].append(Holding(current, current_municipality, True))
        else:
            holdings[record_id].append(Holding(owner, owner_municipality, False))
    return holdings


def _all_documents(*, progress: bool) -> Iterator[SearchDocument]:
    ids = Record.objects.order_by("id").values_list("id", flat=True)
    total = ids.count()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="records")
    last = 0
    while True:
        batch = list(ids.filter(id__gt=last)[:BULK_BATCH])
        if not batch:
            break
        yield from documents_for(batch)
        last = batch[-1]
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()


def index_bulk(docs: Iterable[SearchDocument]) -> int:
    """Add or replace many prepared documents in one commit (used by bulk imports)."""
    return get_backend().index_documents(docs)


def json_bulk_documents() -> bool:
    """Whether the engine takes a bulk import's documents as JSON text.

    The embedded engine does (``index_json``): the import then writes each document's
    JSON from its parts, id and holdings (``record_json``, ``bulk_json``) instead of
    building a SearchDocument and turning that into JSON.
    """
    return hasattr(get_backend(), "index_json")


def index_bulk_json(record_ids: list[int], texts: list[str]) -> int:
    """``index_bulk`` for documents as the engine's JSON (see ``json_bulk_documents``)."""
    backend: Any = get_backend()
    count: int = backend.index_json(record_ids, texts)
    return count


@contextmanager
def bulk_indexing(*, commit_each: bool = True) -> Iterator[bool]:
    """Around many ``index_bulk`` calls: the engine may keep its writer open meanwhile.

    The embedded engine then holds its index lock throughout (other processes' drains
    leave their rows queued, as whenever the index is busy). Each call commits, or
    with ``commit_each=False`` (bulk imports) the engine may commit them all at the
    end instead: they become searchable together, when this exits without an error,
    and an error rolls back what it had not committed. A caller that deletes queue
    rows for indexed records must then do so only after this has exited. Yields
    whether that is so (an engine in the database commits each call at once).
    """
    hold = getattr(get_backend(), "holding_writer", None)
    if hold is None:
        yield False
        return
    with hold(commit_each=commit_each):
        yield not commit_each


def reindex_all(*, progress: bool = False) -> int:
    """Rebuild the whole index from the database; returns the number of documents.

    The queue is emptied of rows older than the rebuild: they are covered by it.
    """
    started = IndexQueue.objects.order_by("-queued_at").values_list("queued_at", flat=True).first()
    count = get_backend().rebuild(_all_documents(progress=progress))
    if started is not None:
        IndexQueue.objects.filter(queued_at__lte=started).delete()
    return count
