"""A small region and a catalogue of real MARC records for the OAI-PMH tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pymarc
import pytest
from lxml import etree

from folkbib.catalog.models import Record
from folkbib.catalog.services import add_item, save_record
from folkbib.catalog.tests.search_helpers import places
from folkbib.consortium.models import Branch

__all__ = ["places"]

NOW = dt.datetime(2025, 3, 1, 12, 0, 0, 250000, tzinfo=dt.UTC)
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "marc": "http://www.loc.gov/MARC21/slim",
}
_barcodes = iter(range(50000001, 60000000))


def marc_book(number: int, title: str, *, author: str = "Lagerlöf, Selma") -> pymarc.Record:
    record = pymarc.Record(leader="00000nam a2200000 a 4500")
    record.add_field(pymarc.Field(tag="001", data=f"oai{number}"))
    record.add_field(pymarc.Field(tag="003", data="SE-TEST"))
    record.add_field(pymarc.Field(tag="008", data="250301s2024    sw            000 1 swe d"))
    record.add_field(
        pymarc.Field(tag="100", indicators=["1", " "], subfields=[pymarc.Subfield("a", author)])
    )
    record.add_field(
        pymarc.Field(tag="245", indicators=["1", "0"], subfields=[pymarc.Subfield("a", title)])
    )
    return record


def make_book(
    number: int,
    title: str,
    *,
    now: dt.datetime = NOW,
    branches: tuple[Branch, ...] = (),
    **changes: Any,
) -> Record:
    record, _created = save_record(marc=marc_book(number, title), now=now)
    for branch in branches:
        add_item(record=record, barcode=str(next(_barcodes)), branch=branch, now=now)
    if changes:
        Record.objects.filter(pk=record.pk).update(**changes)
        record.refresh_from_db()
    return record


STRUCTURE = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("oai_pmh_structure.xsd"))))


def parse(content: bytes) -> etree._Element:
    """The response as an element tree; fails unless it is well-formed OAI-PMH XML that
    follows the protocol's structure, with metadata in the namespace of its format."""
    root = etree.fromstring(content)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    STRUCTURE.assertValid(root)
    for metadata in root.iterfind(".//oai:metadata", NS):
        (format_root,) = metadata
        if format_root.tag == f"{{{NS['oai_dc']}}}dc":
            assert all(child.tag.startswith(f"{{{NS['dc']}}}") for child in format_root)
        else:
            assert format_root.tag == f"{{{NS['marc']}}}record"
            assert all(child.tag.startswith(f"{{{NS['marc']}}}") for child in format_root)
    return root


def error_code(content: bytes) -> str | None:
    error = parse(content).find("oai:error", NS)
    return None if error is None else str(error.get("code"))


@pytest.fixture
def oai_settings(settings: Any) -> Any:
    settings.OAI_REPOSITORY_IDENTIFIER = "bibliotek.example.se"
    settings.OAI_ADMIN_EMAIL = "oai@bibliotek.example.se"
    settings.OAI_REPOSITORY_NAME = "Testregionens bibliotek"
    settings.OAI_PAGE_SIZE = 100
    return settings
