"""The cataloguer's writes from the staff workspace: an edited record, items in bulk,
withdrawal with a reason. Each is audited (who, when, before and after).

    RecordInvalid                 (folkbib.catalog.errors)
    ├── RecordHasProblems         the editor's checks found problems; nothing was saved
    └── RecordAlreadyExists       a new record matches one already in the catalogue
    ItemError
    └── ItemNotWithdrawable       the item is on loan, in transit or on a hold shelf

Items that circulation is handling (on loan, in transit, on a hold shelf) keep the
status and branch circulation gave them: changing those by hand would break the
invariants in ``circulation.models`` (an ``on_loan`` item has an active loan, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pymarc
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from folkbib.audit.services import record_change, snapshot
from folkbib.catalog.errors import ItemError, ItemFieldInvalid, RecordInvalid
from folkbib.catalog.marc import MarcError, extract, record_from_iso2709
from folkbib.catalog.marc.validation import Draft, Problem, draft_to_record, validate
from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date

from .items import BARCODE_MAX, add_item, update_item
from .matching import find_matches
from .preparing import identifier_pairs
from .records import control_of, save_record


class RecordHasProblems(RecordInvalid):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            _("Posten sparades inte: den har %(n)d fel att rätta.") % {"n": len(problems)}
        )
        self.problems = list(problems)


class RecordAlreadyExists(RecordInvalid):
    def __init__(self, record_id: int) -> None:
        super().__init__(
            _("Det finns redan en post med samma kontrollnummer eller ISBN (post %(id)d).")
            % {"id": record_id}
        )
        self.record_id = record_id


class ItemNotWithdrawable(ItemError):
    pass


#: Statuses circulation owns; a cataloguer neither sets nor overrides them by hand.
CIRCULATING = frozenset({ItemStatus.ON_LOAN, ItemStatus.IN_TRANSIT, ItemStatus.ON_HOLD_SHELF})
#: Statuses a bulk change may set (withdrawal has its own form, with a reason).
BULK_STATUSES = (ItemStatus.AVAILABLE, ItemStatus.MISSING, ItemStatus.DAMAGED, ItemStatus.LOST)
ITEM_AUDIT_FIELDS = ("barcode", "owning_branch", "current_branch", "shelf_mark", "status", "notes")

WITHDRAW_REASONS = (
    ("worn", gettext_lazy("Sliten eller skadad")),
    ("outdated", gettext_lazy("Inaktuell")),
    ("unused", gettext_lazy("Lånas inte")),
    ("lost", gettext_lazy("Förlorad eller aldrig återlämnad")),
    ("duplicate", gettext_lazy("Dubblett, för många exemplar")),
    ("other", gettext_lazy("Annat (skriv varför)")),
)


def _marc_text(record: pymarc.Record | None) -> str | None:
    return None if record is None else str(record)


@transaction.atomic
def save_catalogued_record(
    *, draft: Draft, staff: Any, now: dt.datetime, record: Record | None = None
) -> Record:
    """Save the editor's record: a new one, or ``record`` changed.

    Raises ``RecordHasProblems`` (with every problem) when the checks find any, and
    ``RecordAlreadyExists`` when a new record matches one in the catalogue on
    003+001, 035 or ISBN: the editor never overwrites another record by accident.
    The audit keeps the record's MARC before and after, as readable text.
    """
    problems = validate(draft)
    if problems:
        raise RecordHasProblems(problems)
    marc = draft_to_record(draft)
    if record is None:
        fields = extract(marc)
        (match_id,) = find_matches([(identifier_pairs(fields), control_of(fields))])
        if match_id is not None:
            raise RecordAlreadyExists(match_id)
        before = None
    else:
        record = Record.objects.select_for_update().get(pk=record.pk)
        try:
            before = _marc_text(record_from_iso2709(bytes(record.marc)))
        except MarcError as broken:
            before = f"(unreadable: {broken})"
    saved, created = save_record(marc=marc, now=now, record=record)
    record_change(
        staff=staff,
        action="catalog.record_created" if created else "catalog.record_changed",
        subject=saved,
        before=None if before is None else {"marc": before},
        after={"marc": _marc_text(record_from_iso2709(bytes(saved.marc)))},
        now=now,
    )
    return saved


# -- items in bulk ------------------------------------------------------------------------


@dataclass
class BulkOutcome:
    """What a bulk change does (or did) to one scanned barcode."""

    barcode: str
    item: Item | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # field -> new value
    refused: str = ""  # why this barcode is left as it is

    @property
    def applies(self) -> bool:
        return self.item is not None and not self.refused and bool(self.changes)


def barcodes_from_text(text: str) -> list[str]:
    """Barcodes one per line (or separated by spaces or commas), first occurrence kept."""
    seen: dict[str, None] = {}
    for word in text.replace(",", " ").split():
        seen.setdefault(word, None)
    return list(seen)


def _same(item: Item, name: str, value: Any) -> bool:
    if isinstance(value, Branch):  # compare ids: no query, and no stale cached branch
        return bool(getattr(item, f"{name}_id") == value.pk)
    return bool(getattr(item, name) == value)


def _plan(item: Item, wanted: Mapping[str, Any]) -> BulkOutcome:
    outcome = BulkOutcome(item.barcode, item)
    changes = {name: value for name, value in wanted.items() if not _same(item, name, value)}
    if item.status == ItemStatus.WITHDRAWN and changes:
        outcome.refused = _("Gallrat; ändras inte.")
    elif item.status in CIRCULATING and ({"status", "current_branch"} & set(changes)):
        outcome.refused = _("%(status)s; status och placering sköts av cirkulationen.") % {
            "status": item.get_status_display()
        }
    elif not changes:
        outcome.refused = _("Redan så; ingenting att ändra.")
    outcome.changes = changes
    return outcome


def plan_bulk_change(*, barcodes: Sequence[str], changes: Mapping[str, Any]) -> list[BulkOutcome]:
    """What ``apply_bulk_change`` would do to each barcode, in the order given; no writes.

    ``changes`` may name ``current_branch`` / ``owning_branch`` (a ``Branch``),
    ``status`` (one of ``BULK_STATUSES``) and ``shelf_mark``. Unknown barcodes are
    reported, never guessed at.
    """
    unknown = set(changes) - {"current_branch", "owning_branch", "status", "shelf_mark"}
    if unknown or not changes:
        raise ItemFieldInvalid(_("Välj vad som ska ändras."))
    if "status" in changes and changes["status"] not in BULK_STATUSES:
        raise ItemFieldInvalid(_("Den statusen kan inte sättas för flera exemplar på en gång."))
    items = {
        item.barcode: item
        for item in Item.objects.filter(barcode__in=list(barcodes)).select_related(
            "record", "owning_branch", "current_branch"
        )
    }
    return [
        _plan(items[barcode], changes)
        if barcode in items
        else BulkOutcome(barcode, refused=_("Okänd streckkod."))
        for barcode in barcodes
    ]


@transaction.atomic
def apply_bulk_change(
    *, barcodes: Sequence[str], changes: Mapping[str, Any], staff: Any, now: dt.datetime
) -> list[BulkOutcome]:
    """Make ``changes`` to every item that ``plan_bulk_change`` would change; audited.

    Returns the same outcomes as the plan (taken again under lock, so an item checked
    out in between is refused, not changed). Refused barcodes are left untouched.
    """
    Item.objects.select_for_update().filter(barcode__in=list(barcodes)).exists()
    outcomes = plan_bulk_change(barcodes=barcodes, changes=changes)
    for outcome in outcomes:
        if not outcome.applies:
            continue
        item = outcome.item
        assert item is not None
        before = snapshot(item, ITEM_AUDIT_FIELDS)
        update_item(item=item, now=now, **outcome.changes)
        record_change(
            staff=staff,
            action="catalog.item_bulk_change",
            subject=item,
            before=before,
            after=snapshot(item, ITEM_AUDIT_FIELDS),
            now=now,
            municipality=item.owning_branch.municipality_id,
        )
    return outcomes


@transaction.atomic
def add_items(
    *,
    record: Record,
    barcodes: Sequence[str],
    branch: Branch,
    shelf_mark: str,
    staff: Any,
    now: dt.datetime,
) -> list[BulkOutcome]:
    """Add an item to ``record`` for each barcode, owned by ``branch``; each audited.

    A barcode that is taken or malformed is refused with the reason and the others
    are still added.
    """
    outcomes = []
    for barcode in barcodes:
        if len(barcode) > BARCODE_MAX:
            outcomes.append(
                BulkOutcome(
                    barcode,
                    refused=_("För lång streckkod (högst %(n)d tecken).") % {"n": BARCODE_MAX},
                )
            )
            continue
        try:
            with transaction.atomic():
                item = add_item(
                    record=record, barcode=barcode, branch=branch, shelf_mark=shelf_mark, now=now
                )
        except ItemError as error:
            outcomes.append(BulkOutcome(barcode, refused=error.message))
            continue
        record_change(
            staff=staff,
            action="catalog.item_added",
            subject=item,
            before=None,
            after=snapshot(item, ITEM_AUDIT_FIELDS),
            now=now,
            municipality=branch.municipality_id,
        )
        outcomes.append(BulkOutcome(barcode, item, {"barcode": barcode}))
    return outcomes


# -- withdrawal ---------------------------------------------------------------------------


@transaction.atomic
def withdraw_with_reason(
    *, item: Item, reason: str, note: str, staff: Any, now: dt.datetime
) -> Item:
    """Withdraw (gallra) ``item`` for one of ``WITHDRAW_REASONS``; audited.

    Refused with ``ItemNotWithdrawable`` while the item is on loan, in transit or on
    a hold shelf (check it in first), and for "other" without a note. The reason is
    added to the item's notes, so it shows wherever the item does.
    """
    item = Item.objects.select_for_update().select_related("owning_branch").get(pk=item.pk)
    labels = dict(WITHDRAW_REASONS)
    note = note.strip()
    if reason not in labels:
        raise ItemFieldInvalid(_("Välj ett skäl till gallringen."))
    if reason == "other" and not note:
        raise ItemFieldInvalid(_("Skriv varför exemplaret gallras."))
    if item.status == ItemStatus.WITHDRAWN:
        raise ItemNotWithdrawable(_("Exemplaret är redan gallrat."))
    if item.status in CIRCULATING:
        raise ItemNotWithdrawable(
            _("%(barcode)s är %(status)s och kan inte gallras förrän det är återlämnat.")
            % {"barcode": item.barcode, "status": item.get_status_display().lower()}
        )
    before = snapshot(item, ITEM_AUDIT_FIELDS)
    line = _("Gallrad %(day)s: %(reason)s") % {
        "day": local_date(now).isoformat(),
        "reason": labels[reason],
    }
    if note:
        line = f"{line} – {note}"
    notes = f"{item.notes}\n{line}" if item.notes else line
    update_item(item=item, now=now, status=ItemStatus.WITHDRAWN, notes=notes)
    record_change(
        staff=staff,
        action="catalog.item_withdrawn",
        subject=item,
        before=before,
        after={**(snapshot(item, ITEM_AUDIT_FIELDS) or {}), "reason": reason, "note": note},
        now=now,
        municipality=item.owning_branch.municipality_id,
    )
    return item
