"""Builders for the import/export tests: branches, files with holdings, snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from folkbib.catalog.marc.iso2709 import decode_record, encode_record
from folkbib.catalog.marc.mapping import extract_lean
from folkbib.catalog.marc.reader import decode_raw
from folkbib.catalog.marc.stream import RawRecord, split_records
from folkbib.catalog.models import Item, Record
from folkbib.consortium.models import Branch, Municipality, Region

DATA = Path(__file__).parent
LIBRIS = DATA / "libris_bib.mrc"
MARC8 = DATA / "marc8_uva.mrc"
KOHA_XML = DATA / "koha_sample.marcxml.xml"
BROKEN = DATA / "with_broken_records.mrc"
NOW = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=1)


def make_branches(*codes: str) -> dict[str, Branch]:
    """Branches in two municipalities (Umeå 2480 and Vindeln 2404)."""
    region, _ = Region.objects.get_or_create(code="test", defaults={"name": "Testregionen"})
    umea, _ = Municipality.objects.get_or_create(
        code="2480", defaults={"region": region, "name": "Umeå"}
    )
    vindeln, _ = Municipality.objects.get_or_create(
        code="2404", defaults={"region": region, "name": "Vindeln"}
    )
    branches = {}
    for code in codes or ("umea-stad", "vindeln"):
        municipality = vindeln if code.startswith("vindeln") else umea
        branches[code], _ = Branch.objects.get_or_create(
            code=code, defaults={"municipality": municipality, "name": f"Bibliotek {code}"}
        )
    return branches


def raw_records(path: Path) -> list[bytes]:
    return [r.raw for r in split_records(path) if isinstance(r, RawRecord)]


def write_with_holdings(
    source: Path,
    target: Path,
    holdings: dict[int, Sequence[Sequence[tuple[str, str]]]],
    *,
    tag: str = "952",
    limit: int | None = None,
) -> Path:
    """Copy ``source`` to ``target`` with holdings fields added to the records numbered."""
    out = []
    for number, raw in enumerate(raw_records(source)[:limit]):
        lean, _ = decode_raw(raw)
        for subfields in holdings.get(number, ()):
            lean.fields.append((tag, (" ", " ", list(subfields))))
        out.append(encode_record(lean))
    target.write_bytes(b"".join(out))
    return target


def koha_952(
    barcode: str, home: str, holding: str | None = None, **extra: str
) -> list[tuple[str, str]]:
    subfields = [("a", home), ("b", holding or home), ("p", barcode)]
    subfields += [(code, value) for code, value in extra.items()]
    return subfields


def snapshot() -> dict[str, Any]:
    """Everything a user would notice of the catalogue, keyed without database ids."""
    records = {}
    for record in Record.objects.order_by("id"):
        marc = bytes(record.marc)
        lean, _ = decode_record(marc)
        key = (record.control_number, record.control_number_identifier, record.title)
        records[key] = {"marc": marc, "fields": extract_lean(lean)}
    items = {
        row[0]: row[1:]
        for row in Item.objects.order_by("barcode").values_list(
            "barcode",
            "record__control_number",
            "owning_branch__code",
            "current_branch__code",
            "shelf_mark",
            "status",
            "material_type",
            "price",
            "notes",
        )
    }
    return {"records": records, "items": items}
