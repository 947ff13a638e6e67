"""``export_records``: the catalogue as MARC, items written back as holdings fields.

The stored MARC never carries holdings fields, so the export appends one per
item (Koha's 952 by default) after the record's own fields; importing the file
lifts them out again, which makes import -> export -> import a fixed point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Literal

from folkbib.catalog.marc.iso2709 import LeanRecord, decode_record, encode_record
from folkbib.catalog.marc.marcxml import write_marcxml
from folkbib.catalog.models import Item, Record

from .holdings import HoldingData, HoldingsMap, holding_subfields

ExportFormat = Literal["iso2709", "marcxml"]
FORMATS: tuple[ExportFormat, ...] = ("iso2709", "marcxml")
PAGE = 1000


def export_records(
    *,
    out: IO[bytes],
    format: ExportFormat = "iso2709",
    holdings_map: Mapping[str, str] | None = None,
    record_ids: Iterable[int] | None = None,
    progress: bool = False,
) -> int:
    """Write every record (or ``record_ids``) in id order to ``out``; returns the count.

    ISO 2709 is UTF-8 (leader/09 ``a``); MARCXML is one ``<collection>``. Each item
    becomes one holdings field described by ``holdings_map`` (default
    ``settings.MARC_HOLDINGS``), in item id order. Reads only; pages by id, so
    memory stays flat for any catalogue size.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (use {' or '.join(FORMATS)})")
    holdings = HoldingsMap.from_settings(holdings_map)
    wanted = sorted(set(record_ids)) if record_ids is not None else None
    records = _with_holdings(_pages(wanted), holdings)
    if progress:
        from tqdm import tqdm

        total = len(wanted) if wanted is not None else Record.objects.count()
        records = tqdm(records, total=total, unit=" records", mininterval=0.5)
    if format == "marcxml":
        return write_marcxml(records, out)
    count = 0
    for record in records:
        out.write(encode_record(record))
        count += 1
    return count


def _pages(wanted: list[int] | None) -> Iterator[list[tuple[int, bytes]]]:
    if wanted is not None:
        for start in range(0, len(wanted), PAGE):
            ids = wanted[start : start + PAGE]
            page = Record.objects.filter(id__in=ids).order_by("id").values_list("id", "marc")
            yield [(record_id, bytes(marc)) for record_id, marc in page]
        return
    last = 0
    while True:
        rows = list(
            Record.objects.filter(id__gt=last).order_by("id").values_list("id", "marc")[:PAGE]
        )
        if not rows:
            return
        yield [(record_id, bytes(marc)) for record_id, marc in rows]
        last = rows[-1][0]


def _with_holdings(
    pages: Iterator[list[tuple[int, bytes]]], holdings: HoldingsMap
) -> Iterator[LeanRecord]:
    for page in pages:
        items: dict[int, list[HoldingData]] = defaultdict(list)
        rows: Iterable[Any] = (
            Item.objects.filter(record_id__in=[record_id for record_id, _marc in page])
            .order_by("id")
            .values_list(
                "record_id",
                "barcode",
                "owning_branch__code",
                "current_branch__code",
                "shelf_mark",
                "price",
                "notes",
                "material_type",
            )
        )
        for record_id, barcode, owning, current, shelf_mark, price, notes, material in rows:
            items[record_id].append(
                HoldingData(barcode, owning, current, shelf_mark, price, notes, material)
            )
        for record_id, marc in page:
            lean, _canonical = decode_record(marc)
            for item in items.get(record_id, ()):
                lean.fields.append((holdings.tag, (" ", " ", holding_subfields(item, holdings))))
            yield lean
