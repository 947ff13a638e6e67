"""``import_records``: a MARC file (ISO 2709 or MARCXML) into the catalogue, fast.

The pipeline, built for a million records on a small machine:

    main process: split_records (file -> raw bytes + offsets), chunks of 1,000
        -> worker pool (2 processes): decode, MARC-8 -> UTF-8, lift and read holdings,
           extract, database row, search document without holdings (one marshal
           blob per chunk back: see ``preparing``)
        -> main process: batches of 5,000 in one transaction each:
           match (a few queries per batch) -> INSERT/UPDATE records and identifiers
           (executemany) -> items from holdings or the ``--items`` policy
           -> search documents, indexed in bulk once the batch has committed.
        Into an empty SQLite catalogue the records' secondary indexes are built once
        at the end instead of row by row (``bulk.indexes_built_afterwards``).

A broken record is rejected (offset and reason in the log, its exact bytes in the
rejects file) and the rest imports; a holding that names an unknown branch or a
barcode another record owns is reported and skipped while its record imports.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from folkbib.catalog.errors import ImportFileError, UnknownBranch
from folkbib.catalog.marc import RejectedRecord, split_records
from folkbib.catalog.search.indexing import bulk_indexing, json_bulk_documents
from folkbib.consortium.models import Branch

from . import bulk
from .batches import BatchWriter, BranchInfo, ItemsPolicy
from .holdings import HoldingsMap
from .pool import prepared_records

# Files smaller than this are decoded in the main process: a worker pool costs
# more to start than it saves.
POOL_THRESHOLD_BYTES = 4 << 20
PROBLEMS_KEPT = 1000
# The cycle collector runs by hand this often (in records read); see import_records.
COLLECT_EVERY = 50_000


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Something the import reports: a rejected record, or a holding it skipped."""

    offset: int
    reason: str
    rejected: bool


@dataclass
class ImportSummary:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    items_created: int = 0
    items_updated: int = 0
    holdings_skipped: int = 0
    indexed: int = 0
    index_pending: int = 0  # left in the index queue (index busy in another process)
    seconds: float = 0.0
    rejects_path: Path | None = None
    log_path: Path | None = None
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def records_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def report(self, problem: ImportProblem) -> None:
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)


class ProblemLog:
    """Writes rejects byte-for-byte and a text log, creating the files on first use."""

    def __init__(self, rejects_path: Path, log_path: Path, summary: ImportSummary) -> None:
        self.rejects_path = rejects_path
        self.log_path = log_path
        self.summary = summary
        self._rejects: IO[bytes] | None = None
        self._log: IO[str] | None = None

    def _log_file(self) -> IO[str]:
        if self._log is None:
            self._log = self.log_path.open("w", encoding="utf-8")
            self.summary.log_path = self.log_path
        return self._log

    def reject(self, rejected: RejectedRecord) -> None:
        if self._rejects is None:
            self._rejects = self.rejects_path.open("wb")
            self.summary.rejects_path = self.rejects_path
        self._rejects.write(rejected.raw)
        reason = f"rejected: {rejected.reason}"
        self._log_file().write(f"{rejected.offset}\t{reason}\n")
        self.summary.rejected += 1
        self.summary.report(ImportProblem(rejected.offset, reason, rejected=True))

    def skip_holding(self, offset: int, reason: str) -> None:
        self._log_file().write(f"{offset}\tholding skipped: {reason}\n")
        self.summary.holdings_skipped += 1
        self.summary.report(ImportProblem(offset, f"holding skipped: {reason}", rejected=False))

    def close(self) -> None:
        for handle in (self._rejects, self._log):
            if handle is not None:
                handle.close()


def default_rejects_path(path: Path) -> Path:
    """``<FILE>.rejects.mrc`` (``.rejects.xml`` for MARCXML, whose rejects are XML)."""
    suffix = ".rejects.xml" if is_marcxml(path) else ".rejects.mrc"
    return path.with_name(path.name + suffix)


def is_marcxml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(4096)
    return head.lstrip(b"\xef\xbb\xbf\r\n\x00 \t").startswith(b"<")


def load_branches() -> dict[str, BranchInfo]:
    return {
        code: BranchInfo(branch_id, code, municipality_code)
        for branch_id, code, municipality_code in Branch.objects.values_list(
            "id", "code", "municipality__code"
        )
    }


def import_records(
    *,
    path: Path,
    now: dt.datetime,
    rejects_path: Path | None = None,
    items: ItemsPolicy | None = None,
    holdings_map: Mapping[str, str] | None = None,
    progress: bool = False,
    workers: int | None = None,
    batch_size: int = 5000,
) -> ImportSummary:
    """Import every record of a MARC file; returns the counts of what happened.

    Records are matched on 003+001, 035 and ISBN and updated in place, so importing
    the same file twice creates nothing the second time. Items come from the
    holdings fields described by ``holdings_map`` (default ``settings.MARC_HOLDINGS``,
    Koha's 952); an item whose barcode exists on the same record is updated. With
    ``items`` the holdings fields are ignored and each record gets one item per
    listed branch that owns none of its items yet (barcodes as ``ItemsPolicy`` says).

    Rejected records go byte-for-byte to ``rejects_path`` (default
    ``<FILE>.rejects.mrc``, ``.rejects.xml`` for MARCXML); a log next to it with the
    suffix ``.txt`` (``<FILE>.rejects.txt``) has one line per rejected record or
    skipped holding: byte offset in the file, tab, reason. The files are only
    created when there is something to put in them.

    Not atomic as a whole, deliberately: each batch of ``batch_size`` records is
    one transaction, so a million-record import never holds one giant
    transaction, and an interrupted import keeps its finished batches (running it
    again finishes the job, since matching makes it idempotent). The search index
    is updated in bulk when each batch commits. Raises ``UnknownBranch`` for an
    ``items`` branch that does not exist, ``ImportFileError`` for a missing file.
    """
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"no such file: {path}")
    holdings = HoldingsMap.from_settings(holdings_map)
    branches = load_branches()
    if items is not None:
        for code in items.branch_codes:
            if code not in branches:
                raise UnknownBranch(code)
    rejects = Path(rejects_path) if rejects_path else default_rejects_path(path)
    log_path = (
        rejects.with_suffix(".txt") if rejects.suffix else rejects.with_name(rejects.name + ".txt")
    )
    summary = ImportSummary()
    problems = ProblemLog(rejects, log_path, summary)
    if workers is None:
        workers = 2 if path.stat().st_size >= POOL_THRESHOLD_BYTES else 0
    writer = BatchWriter(
        now=now,
        holdings=holdings,
        branches=branches,
        items=items,
        summary=summary,
        problems=problems,
        json_documents=json_bulk_documents(),
    )
    bar = _progress_bar(path, enabled=progress)
    # Batches and the documents waiting for the index are hundreds of thousands of
    # small objects, freed by reference counting; the automatic cycle collector only
    # rescanned them (12 us per record measured). It runs by hand now and then, and
    # the forked workers inherit it switched off (they free each chunk as a whole).
    collecting = gc.isenabled()
    gc.disable()
    next_collect = COLLECT_EVERY
    try:
        # One index writer for the whole import, committed once at the end: opening
        # one per flush and waiting for its merges grew with the index (1M records:
        # 2,916 -> 4,171 records/s), and a commit per flush left many small segments.
        with bulk.bulk_load_settings(), bulk.indexes_built_afterwards():
            growing = bulk.GrowingTables()
            with bulk_indexing(commit_each=False) as deferred:
                writer.dequeue_later = deferred
                for batch in _batches(
                    prepared_records(split_records(path), holdings, workers),
                    batch_size,
                    problems,
                    bar,
                ):
                    with transaction.atomic():
                        writer.write(batch)
                    growing.written(summary.created)
                    if summary.read >= next_collect:
                        gc.collect()
                        next_collect = summary.read + COLLECT_EVERY
                    if bar is not None:
                        rate = summary.read / (time.perf_counter() - started)
                        bar.set_postfix_str(
                            f"{summary.read:,} records, {rate:,.0f}/s", refresh=False
                        )
                # Committed batches not yet indexed (their queue rows keep them safe until then).
                transaction.on_commit(writer.flush_index)
            # The index has committed: the queue rows of what it holds can go.
            writer.dequeue_indexed()
    finally:
        if collecting:
            gc.enable()
        problems.close()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _batches(
    stream: Iterator[Any], size: int, problems: ProblemLog, bar: Any
) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for prepared in stream:
        problems.summary.read += 1
        if bar is not None:
            bar.update(prepared.size if hasattr(prepared, "size") else len(prepared.raw))
        if isinstance(prepared, RejectedRecord):
            problems.reject(prepared)
            continue
        batch.append(prepared)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _progress_bar(path: Path, *, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(
        total=path.stat().st_size,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=path.name,
        mininterval=0.5,
    )
