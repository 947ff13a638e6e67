"""Items as MARC holdings fields (Koha's 952 by default) and back; pure, no ORM.

The map says which subfield carries which item column; it comes from
``settings.MARC_HOLDINGS`` and can be overridden per import (CLI options). Only
columns a holdings field can describe are mapped: status, RFID tag and due date
belong to circulation and are never taken from (or written to) a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation

from folkbib.catalog.models import MaterialType

Subfields = Sequence[tuple[str, str]]

_PRICE = re.compile(r"\d+(?:[.,]\d{1,2})?")
_MATERIAL_TYPES = frozenset(MaterialType.values)


@dataclass(frozen=True)
class HoldingsMap:
    """Tag and subfield codes of a holdings field; an empty code means "not in the file"."""

    tag: str = "952"
    barcode: str = "p"
    owning_branch: str = "a"
    current_branch: str = "b"
    shelf_mark: str = "o"
    price: str = "v"
    notes: str = "z"
    material_type: str = "y"

    @classmethod
    def from_settings(cls, mapping: Mapping[str, str] | None = None) -> HoldingsMap:
        """Build from a dict like ``settings.MARC_HOLDINGS`` (unknown keys are refused)."""
        if mapping is None:
            from django.conf import settings

            mapping = settings.MARC_HOLDINGS
        names = {f.name for f in fields(cls)}
        unknown = set(mapping) - names
        if unknown:
            raise ValueError(f"unknown holdings map keys: {', '.join(sorted(unknown))}")
        holdings = replace(cls(), **{k: str(v) for k, v in mapping.items()})
        if not (len(holdings.tag) == 3 and holdings.tag.isdigit() and holdings.tag >= "010"):
            raise ValueError(
                f"holdings tag must be a data field tag (010-999), not {holdings.tag!r}"
            )
        if not holdings.barcode:
            raise ValueError("the holdings map needs a barcode subfield")
        return holdings


@dataclass(frozen=True, slots=True)
class HoldingData:
    """One holdings field read from a record, not yet checked against the database."""

    barcode: str
    owning_branch: str
    current_branch: str
    shelf_mark: str = ""
    price: Decimal | None = None
    notes: str = ""
    material_type: str = ""


def parse_price(text: str) -> Decimal | None:
    """The first amount in ``text`` ("199,00 kr", "SEK 25.5"), or None."""
    match = _PRICE.search(text)
    if match is None:
        return None
    try:
        price = Decimal(match.group().replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None
    return price if price < Decimal("10000000") else None


def read_holding(subfields: Subfields, holdings: HoldingsMap) -> HoldingData:
    """The item a holdings field describes (first occurrence of each subfield wins)."""
    first: dict[str, str] = {}
    for code, value in subfields:
        if code not in first:
            first[code] = value
    barcode, owning, current, shelf_mark, price, notes, material_type = (
        first.get(code, "").strip() if code else ""  # "" = a column not in the file
        for code in (
            holdings.barcode,
            holdings.owning_branch,
            holdings.current_branch,
            holdings.shelf_mark,
            holdings.price,
            holdings.notes,
            holdings.material_type,
        )
    )
    return HoldingData(
        barcode=barcode,
        owning_branch=owning or current,
        current_branch=current or owning,
        shelf_mark=shelf_mark,
        price=parse_price(price) if price else None,
        notes=notes,
        material_type=material_type if material_type in _MATERIAL_TYPES else "",
    )


def holding_problem(holding: HoldingData, holdings: HoldingsMap) -> str | None:
    """Why a holding cannot become an item, as far as the field alone tells; else None.

    Whether its branches exist and who owns its barcode is the import writer's to check.
    """
    if not holding.barcode:
        return f"no barcode (subfield ${holdings.barcode})"
    if len(holding.barcode) > 32 or holding.barcode.split() != [holding.barcode]:  # whitespace
        return f"invalid barcode {holding.barcode!r}"
    if not holding.owning_branch:
        return f"barcode {holding.barcode} has no branch"
    return None


def holding_subfields(item: HoldingData, holdings: HoldingsMap) -> list[tuple[str, str]]:
    """The subfields that describe ``item``, sorted by code, empty values left out."""
    values = {
        holdings.barcode: item.barcode,
        holdings.owning_branch: item.owning_branch,
        holdings.current_branch: item.current_branch,
        holdings.shelf_mark: item.shelf_mark,
        holdings.price: "" if item.price is None else f"{item.price:.2f}",
        holdings.notes: item.notes,
        holdings.material_type: item.material_type,
    }
    return sorted((code, value) for code, value in values.items() if code and value)
