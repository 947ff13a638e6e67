"""The demo catalogue: real records from ``folkbib/demo/data`` and items spread over the region.

Records go through the catalogue's own services, so the demo exercises exactly the
code a real load does: ``import_records`` reads each file (batched, matched on
identifiers, so a second load updates instead of duplicating) and gives every record
one item at Umeå stadsbibliotek, barcodes counting up from 30000001 in file order;
``add_item`` then places further copies at other branches as :func:`plan_extra_copies`
decides (a pure function with a fixed seed).
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from folkbib.consortium.models import Branch

DATA_DIR = Path(__file__).resolve().parent / "data"
SWEDISH_FILE = "swedish_catalogue.marcxml"
FIRST_BARCODE = 30000001
CITY_BRANCH = "umea-stad"
SEED = 2480


def demo_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every MARC file of the demo, the hand-catalogued Swedish one first."""
    files = [p for p in data_dir.iterdir() if p.is_file() and p.suffix in {".mrc", ".marcxml"}]
    return sorted(files, key=lambda p: (p.name != SWEDISH_FILE, p.name))


@dataclass(frozen=True)
class ItemPlan:
    record_index: int
    barcode: str
    branch_code: str


def plan_extra_copies(
    *,
    record_count: int,
    popular: set[int],
    branch_weights: Sequence[tuple[str, int]],
    first_barcode: int,
) -> list[ItemPlan]:
    """Copies beyond the one every record has at the city library, at other branches.

    Most records get none to two more, ``popular`` ones (by index) one to four; each
    copy goes to a different branch, drawn by weight. Barcodes count on from
    ``first_barcode``. The same input always gives the same plan.
    """
    rng = random.Random(SEED)
    codes = [code for code, _weight in branch_weights if code != CITY_BRANCH]
    weights = [weight for code, weight in branch_weights if code != CITY_BRANCH]
    plans: list[ItemPlan] = []
    for index in range(record_count):
        extra = rng.randint(1, 4) if index in popular else rng.choices([0, 1, 2], [55, 30, 15])[0]
        placed: set[str] = set()
        for _copy in range(extra):
            branch = rng.choices(codes, weights)[0]
            for _attempt in range(5):  # prefer a branch that has no copy yet
                if branch not in placed:
                    break
                branch = rng.choices(codes, weights)[0]
            placed.add(branch)
            plans.append(ItemPlan(index, str(first_barcode + len(plans)), branch))
    return plans


@dataclass
class ImportedCatalogue:
    record_ids: list[int]  # in file order: the record of barcode 30000001 first
    popular: set[int]  # indexes into record_ids: records of the Swedish file
    rejected: int
    next_barcode: int


def import_demo_files(*, files: Iterable[Path], now: dt.datetime) -> ImportedCatalogue:
    """Import every file, each record with one item at Umeå stadsbibliotek.

    Must run after the demo branches' items were removed: a record that already has an
    item at the city library gets no new one (that is what makes re-importing safe).
    """
    from folkbib.catalog.models import Item
    from folkbib.catalog.services import ItemsPolicy, import_records

    next_barcode = FIRST_BARCODE
    rejected = 0
    swedish_range: tuple[int, int] | None = None
    with tempfile.TemporaryDirectory() as scratch:
        for path in files:
            summary = import_records(
                path=path,
                now=now,
                items=ItemsPolicy(branch_codes=(CITY_BRANCH,), barcode_start=next_barcode),
                rejects_path=Path(scratch) / f"{path.stem}.rejects.mrc",
                workers=0,
                progress=False,
            )
            if path.name == SWEDISH_FILE:
                swedish_range = (next_barcode, next_barcode + summary.items_created)
            next_barcode += summary.items_created
            rejected += summary.rejected
    # The city library's demo barcodes are in file order, so they give the record order.
    rows = (
        Item.objects.filter(owning_branch__code=CITY_BRANCH, barcode__gte=str(FIRST_BARCODE))
        .filter(barcode__lt=str(next_barcode))
        .order_by("barcode")
        .values_list("barcode", "record_id")
    )
    record_ids: list[int] = []
    popular: set[int] = set()
    for barcode, record_id in rows:
        if swedish_range and swedish_range[0] <= int(barcode) < swedish_range[1]:
            popular.add(len(record_ids))
        record_ids.append(record_id)
    return ImportedCatalogue(record_ids, popular, rejected, next_barcode)


def add_planned_items(
    *,
    record_ids: Sequence[int],
    plans: Iterable[ItemPlan],
    branches: dict[str, Branch],
    now: dt.datetime,
) -> int:
    """Create the planned copies through ``add_item``; shelf marks as at the city library."""
    from folkbib.catalog.models import Record
    from folkbib.catalog.services import add_item

    plans = list(plans)
    wanted = {record_ids[plan.record_index] for plan in plans}
    records = Record.objects.only("id", "sab", "dewey").in_bulk(wanted)
    for plan in plans:
        record = records[record_ids[plan.record_index]]
        add_item(
            record=record,
            barcode=plan.barcode,
            branch=branches[plan.branch_code],
            shelf_mark=shelf_mark_for(record.sab, record.dewey),
            now=now,
        )
    return len(plans)


def shelf_mark_for(sab: str, dewey: str) -> str:
    """The SAB code when the record has one (Swedish libraries shelve by it), else Dewey."""
    code = (sab or dewey or "").split()
    return code[0][:100] if code else ""
