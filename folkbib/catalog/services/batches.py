"""One import batch: match, write records and identifiers, then items, then index.

Runs inside the caller's transaction (one per batch). Every database access is
per batch, never per record: matching, the stored MARC of matched records, the
items of the batch's barcodes are each a few queries for thousands of records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models.functions import Length

from folkbib.catalog import search
from folkbib.catalog.models import IndexQueue, Item, ItemStatus, Record, RecordIdentifier
from folkbib.catalog.search import IndexLocked
from folkbib.catalog.search.documents import assemble_document

# The search module's rule for which branch an item counts at: one rule for both paths.
from folkbib.catalog.search.indexing import holdings_for, index_bulk_json
from folkbib.catalog.search.tantivy_schema import bulk_json, record_json

from . import bulk
from .holdings import HoldingsMap
from .matching import Control, find_matches, pick_match
from .preparing import RECORD_COLUMNS, PreparedHolding, PreparedRecord

if TYPE_CHECKING:
    from .importing import ImportSummary, ProblemLog

FIRST_GENERATED_BARCODE = 10000001
AVAILABLE = ItemStatus.AVAILABLE.value  # an enum member's value costs a lookup per item
INDEX_EVERY = 20_000
RECORD_FIELDS = list(RECORD_COLUMNS)
ITEM_INSERT = [
    "record",
    "barcode",
    "owning_branch",
    "current_branch",
    "shelf_mark",
    "status",
    "material_type",
    "price",
    "notes",
    "created_at",
    "updated_at",
]
# What an import compares of an existing item (barcode, id, record id, then ITEM_UPDATE).
ITEM_COLUMNS = [
    "barcode",
    "id",
    "record_id",
    "owning_branch_id",
    "current_branch_id",
    "shelf_mark",
    "material_type",
    "price",
    "notes",
]
ITEM_UPDATE = [
    "owning_branch",
    "current_branch",
    "shelf_mark",
    "material_type",
    "price",
    "notes",
    "updated_at",
]


@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    code: str
    municipality_code: str


@dataclass(frozen=True)
class ItemsPolicy:
    """Create items per branch instead of reading holdings fields (``--items``).

    Each record gets one item at each listed branch (owning and current) that owns
    none of its items yet, so importing the file again adds nothing. Barcodes are
    decimal numbers counting up from ``barcode_start``; by default from one above
    the highest all-digit barcode in the catalogue (10000001 in an empty one). A
    number some item already has is skipped, so generated barcodes never collide.
    The shelf mark is the record's SAB classification.
    """

    branch_codes: tuple[str, ...]
    barcode_start: int | None = None


@dataclass(eq=False)
class _Target:
    """What one or more records of a batch become: a new record or an existing one."""

    record_id: int | None
    prepared: PreparedRecord
    holdings: list[tuple[int, PreparedHolding]] = field(default_factory=list)
    new: bool = False
    changed: bool = True

    def take(self, prepared: PreparedRecord) -> None:
        """The latest version of the record wins; holdings of every version count."""
        self.prepared = prepared
        self.holdings.extend((prepared.offset, h) for h in prepared.holdings)


class BatchWriter:
    def __init__(
        self,
        *,
        now: dt.datetime,
        holdings: HoldingsMap,
        branches: dict[str, BranchInfo],
        items: ItemsPolicy | None,
        summary: ImportSummary,
        problems: ProblemLog,
        json_documents: bool = False,
    ) -> None:
        self.now = now
        self.now_db = bulk.db_datetime(now)
        self.holdings = holdings
        self.branches = branches
        self.branch_ids = {code: info.id for code, info in branches.items()}
        # A new item as the index sees it, by its current branch (a Holding is immutable).
        self.available_at = {
            info.id: search.Holding(info.code, info.municipality_code, True)
            for info in branches.values()
        }
        self.items = items
        self.summary = summary
        self.problems = problems
        self._next_barcode: int | None = items.barcode_start if items else None
        # The engine takes documents as its JSON (``indexing.json_bulk_documents``).
        self.json_documents = json_documents
        self._pending_docs: list[search.SearchDocument] | list[str] = []
        self._pending_ids: list[int] = []
        # Inside ``bulk_indexing(commit_each=False)`` the index commits only at its end,
        # so the queue rows of what was indexed wait for ``dequeue_indexed``.
        self.dequeue_later = False
        self._indexed_ids: list[int] = []

    # -- the batch -------------------------------------------------------------------

    def write(self, batch: list[PreparedRecord]) -> None:
        targets = self._resolve(batch)
        self._write_records(targets)
        item_records, new_items = self._write_items(targets)
        touched = [t for t in targets if t.changed or t.record_id in item_records]
        self._schedule_index(touched, new_items)

    def _resolve(self, batch: list[PreparedRecord]) -> list[_Target]:
        """Match each record to an existing record, an earlier one in the batch, or none."""
        wanted = [(p.identifiers, Control(*p.control)) for p in batch]
        matches = find_matches(wanted)
        targets: list[_Target] = []
        by_record: dict[int, int] = {}
        found: dict[tuple[str, str], list[int]] = {}
        controls: dict[int, Control] = {}
        for prepared, (pairs, control), match in zip(batch, wanted, matches, strict=True):
            index = by_record.get(match) if match is not None else None
            if match is None:
                index = pick_match(pairs, control, found, controls)
            if index is None:
                index = len(targets)
                targets.append(_Target(match, prepared, new=match is None))
                controls[index] = control
                if match is not None:
                    by_record[match] = index
            else:
                self.summary.updated += 1  # the file repeats a record: the later one wins
            targets[index].take(prepared)
            for pair in pairs:
                indexes = found.setdefault(pair, [])
                if index not in indexes:
                    indexes.append(index)
        return targets

    def _write_records(self, targets: list[_Target]) -> None:
        existing = [t for t in targets if not t.new]
        stored = {
            record_id: bytes(marc)
            for record_id, marc in bulk.select_in(Record, ["id", "marc"], "id", _ids(existing))
        }
        for target in existing:
            assert target.record_id is not None
            target.changed = stored.get(target.record_id) != target.prepared.marc
            if target.changed:
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
        new = [t for t in targets if t.new]
        for target, record_id in zip(new, bulk.allocate_ids(Record, len(new)), strict=True):
            target.record_id = record_id
        self.summary.created += len(new)
        bulk.insert_rows(
            Record,
            ["id", "marc", *RECORD_FIELDS, "created_at", "updated_at"],
            [
                [t.record_id, t.prepared.marc, *t.prepared.row, self.now_db, self.now_db]
                for t in new
            ],
        )
        changed = [t for t in existing if t.changed]
        bulk.update_rows(
            Record,
            ["marc", *RECORD_FIELDS, "updated_at"],
            [[t.prepared.marc, *t.prepared.row, self.now_db, t.record_id] for t in changed],
        )
        bulk.delete_in(RecordIdentifier, "record_id", _ids(changed))
        bulk.insert_rows(
            RecordIdentifier,
            ["record", "kind", "value"],
            [
                [t.record_id, kind, value]
                for t in targets
                if t.changed
                for kind, value in t.prepared.identifiers
            ],
        )

    # -- items -----------------------------------------------------------------------

    def _write_items(self, targets: list[_Target]) -> tuple[set[int], list[list[Any]]]:
        """Create/update the batch's items.

        Returns the ids of the records whose items changed and the new items' rows.
        """
        if self.items is not None:
            creates = self._policy_items(targets, self.items)
            updates: list[tuple[int, list[Any]]] = []
        else:
            creates, updates = self._holdings_items(targets)
        bulk.insert_rows(Item, ITEM_INSERT, [row for _t, row in creates])
        bulk.update_rows(Item, ITEM_UPDATE, [row for _r, row in updates])
        self.summary.items_created += len(creates)
        self.summary.items_updated += len(updates)
        changed = {t.record_id for t, _row in creates if t.record_id} | {r for r, _ in updates}
        return changed, [row for _t, row in creates]

    def _holdings_items(
        self, targets: list[_Target]
    ) -> tuple[list[tuple[_Target, list[Any]]], list[tuple[int, list[Any]]]]:
        # The packed holdings as they came from the workers (no HoldingData per item:
        # three items per record, a million records).
        entries = [(t, offset, packed) for t in targets for offset, packed in t.holdings]
        barcodes = sorted({packed[1] for _t, _o, packed in entries if packed[1]})
        existing = {
            row[0]: row[1:] for row in bulk.select_in(Item, ITEM_COLUMNS, "barcode", barcodes)
        }
        branch_ids = self.branch_ids
        owner: dict[str, _Target] = {}
        creates: dict[str, tuple[_Target, list[Any]]] = {}
        updates: dict[str, tuple[int, list[Any]]] = {}
        for target, offset, packed in entries:
            problem, barcode, owning_code, current_code, shelf_mark, price, notes, material = packed
            owning = branch_ids.get(owning_code)
            current = branch_ids.get(current_code)
            if problem is None and (owning is None or current is None):
                problem = self._branch_problem(barcode, owning_code, current_code)
            if problem is None and owner.get(barcode, target) is not target:
                problem = f"barcode {barcode} appears on two records in the file"
            row = existing.get(barcode)
            if problem is None and row is not None and row[1] != target.record_id:
                problem = f"barcode {barcode} already belongs to another record (id {row[1]})"
            if problem is not None:
                self.problems.skip_holding(offset, problem)
                continue
            owner[barcode] = target
            values = [
                owning,
                current,
                shelf_mark[:100],
                material,
                None if price is None else Decimal(price),
                notes,
            ]
            if row is None:
                creates[barcode] = (
                    target,
                    [
                        target.record_id,
                        barcode,
                        owning,
                        current,
                        values[2],
                        AVAILABLE,
                        *values[3:],
                        self.now_db,
                        self.now_db,
                    ],
                )
            elif _differs(list(row[2:]), values):
                updates[barcode] = (row[1], [*values, self.now_db, row[0]])
        return list(creates.values()), list(updates.values())

    def _branch_problem(self, barcode: str, owning: str, current: str) -> str | None:
        """After ``holdings.holding_problem`` (the workers ask that one)."""
        for code in {owning, current}:
            if code not in self.branches:
                return f"barcode {barcode}: unknown branch {code!r}"
        return None

    def _policy_items(
        self, targets: list[_Target], policy: ItemsPolicy
    ) -> list[tuple[_Target, list[Any]]]:
        owned = set(
            bulk.select_in(
                Item,
                ["record_id", "owning_branch_id"],
                "record_id",
                _ids(t for t in targets if not t.new),
            )
        )
        wanted = [
            (target, self.branches[code].id)
            for target in targets
            for code in policy.branch_codes
            if (target.record_id, self.branches[code].id) not in owned
        ]
        barcodes = self._take_barcodes(len(wanted))
        return [
            (
                target,
                [
                    target.record_id,
                    barcode,
                    branch_id,
                    branch_id,
                    target.prepared.sab,
                    ItemStatus.AVAILABLE.value,
                    "",
                    None,
                    "",
                    self.now_db,
                    self.now_db,
                ],
            )
            for (target, branch_id), barcode in zip(wanted, barcodes, strict=True)
        ]

    def _take_barcodes(self, count: int) -> list[str]:
        if self._next_barcode is None:
            self._next_barcode = highest_numeric_barcode() + 1
        taken: list[str] = []
        while len(taken) < count:
            start = self._next_barcode
            candidates = [str(n) for n in range(start, start + count - len(taken))]
            self._next_barcode = start + len(candidates)
            used = {row[0] for row in bulk.select_in(Item, ["barcode"], "barcode", candidates)}
            taken.extend(c for c in candidates if c not in used)
        return taken

    # -- search ----------------------------------------------------------------------

    def _schedule_index(self, touched: list[_Target], new_items: list[list[Any]]) -> None:
        """Queue the touched records (crash-safe); index them in bulk after the commit.

        The workers built the documents from the fields they extracted (no re-read of
        the records); here they get their id and holdings, by the search module's own
        rule, so they equal what a queue drain would build (a test holds them to it).
        A new record's items are all in ``new_items``; only existing records need a
        query for theirs.
        """
        ids = _ids(touched)
        if not ids:
            return
        holdings = holdings_for(_ids(t for t in touched if not t.new))
        new_ids = {t.record_id for t in touched if t.new}
        available_at = self.available_at
        for row in new_items:  # ITEM_INSERT order; new items are available
            if row[0] in new_ids:
                holdings.setdefault(row[0], []).append(available_at[row[3]])
        docs: list[search.SearchDocument] | list[str]
        if self.json_documents:
            docs = [
                bulk_json(
                    t.record_id,
                    t.prepared.year,
                    record_json(t.prepared.document),
                    holdings.get(t.record_id, ()),
                )
                for t in touched
                if t.record_id is not None
            ]
        else:
            docs = [
                assemble_document(t.record_id, t.prepared.document, holdings.get(t.record_id, ()))
                for t in touched
                if t.record_id is not None
            ]
        queue_records(ids, self.now_db)
        transaction.on_commit(lambda: self._committed(docs, ids))

    def _committed(self, docs: list[search.SearchDocument] | list[str], ids: list[int]) -> None:
        self._pending_docs.extend(docs)  # type: ignore[arg-type]  # one kind per import
        self._pending_ids.extend(ids)
        # Fewer, larger index commits: each tantivy commit costs a fixed ~0.2 s. When the
        # index commits only at the end (``dequeue_later``) a flush commits nothing, so
        # each batch goes at once: tantivy's indexing thread takes it into its queue
        # (room for 10,000 documents) and indexes it while the next batch is written.
        # Flushing 20,000 at a time, this process waited for that thread at each flush.
        if self.dequeue_later or len(self._pending_docs) >= INDEX_EVERY:
            self.flush_index()

    def flush_index(self) -> None:
        """Index the committed, not yet indexed documents (also the import's last step)."""
        docs, ids = self._pending_docs, self._pending_ids
        self._pending_docs, self._pending_ids = [], []
        if not docs:
            return
        try:
            if self.json_documents:
                self.summary.indexed += index_bulk_json(ids, docs)  # type: ignore[arg-type]
            else:
                self.summary.indexed += search.index_bulk(docs)  # type: ignore[arg-type]
        except IndexLocked:
            # Another process holds the index writer: the queue rows stay, and its
            # next drain (or ``folkbib reindex --pending``) indexes these records.
            self.summary.index_pending += len(ids)
            return
        self._indexed_ids.extend(ids)
        if not self.dequeue_later:
            self.dequeue_indexed()

    def dequeue_indexed(self) -> None:
        """Delete the queue rows of the records indexed so far; later flushes do at once.

        Only once the index has committed them: inside ``bulk_indexing(commit_each=False)``
        that is after it has exited. Only our own rows: one re-queued meanwhile (newer
        ``queued_at``) stays queued.
        """
        self.dequeue_later = False
        ids, self._indexed_ids = self._indexed_ids, []
        with transaction.atomic():
            bulk.delete_in(
                IndexQueue, "record_id", ids, where="queued_at = %s", params=[self.now_db]
            )


def queue_records(record_ids: list[int], stamp: Any) -> None:
    """IndexQueue rows for ``record_ids`` (existing rows are left as they are)."""
    table = connection.ops.quote_name(IndexQueue._meta.db_table)
    with bulk.cursor() as db:
        if connection.vendor == "postgresql":  # one statement, not one per row
            db.execute(
                f"INSERT INTO {table} (record_id, queued_at) "
                "SELECT unnest(%s::bigint[]), %s ON CONFLICT (record_id) DO NOTHING",
                [record_ids, stamp],
            )
            return
        db.executemany(
            f"INSERT INTO {table} (record_id, queued_at) VALUES (%s, %s) "
            "ON CONFLICT (record_id) DO NOTHING",
            [(record_id, stamp) for record_id in record_ids],
        )


def highest_numeric_barcode() -> int:
    """The highest all-digit barcode in the catalogue, or one below the first generated one."""
    highest = (
        Item.objects.filter(barcode__regex=r"^[0-9]+$")
        .order_by(Length("barcode").desc(), "-barcode")
        .values_list("barcode", flat=True)
        .first()
    )
    return (
        max(int(highest), FIRST_GENERATED_BARCODE - 1) if highest else FIRST_GENERATED_BARCODE - 1
    )


def _ids(targets: Iterable[_Target]) -> list[int]:
    return [t.record_id for t in targets if t.record_id is not None]


def _differs(stored: list[Any], wanted: list[Any]) -> bool:
    for old, new in zip(stored, wanted, strict=True):
        if isinstance(old, Decimal) or isinstance(new, Decimal):
            # SQLite hands raw queries NUMERIC columns as float: compare as text.
            if (old is None) != (new is None) or (old is not None and Decimal(str(old)) != new):
                return True
        elif old != new:
            return True
    return False
