"""save_record: create or update from MARC, matching on 003+001, 035 and ISBN."""

from __future__ import annotations

import pymarc
import pytest

from folkbib.catalog.errors import RecordInvalid
from folkbib.catalog.marc import record_from_iso2709
from folkbib.catalog.models import IndexQueue, Record, RecordIdentifier
from folkbib.catalog.services import save_record

from .import_data.helpers import LATER, LIBRIS, NOW, raw_records

pytestmark = pytest.mark.django_db


def libris(number: int) -> pymarc.Record:
    return record_from_iso2709(raw_records(LIBRIS)[number])


def book(
    control: str, source: str, title: str, *, isbn: str = "", system: str = ""
) -> pymarc.Record:
    record = pymarc.Record(leader="00000nam a2200000 a 4500")
    record.add_field(pymarc.Field(tag="001", data=control))
    if source:
        record.add_field(pymarc.Field(tag="003", data=source))
    record.add_field(pymarc.Field(tag="008", data="250301s2024    sw            000 1 swe d"))
    if isbn:
        record.add_field(
            pymarc.Field(tag="020", indicators=[" ", " "], subfields=[pymarc.Subfield("a", isbn)])
        )
    if system:
        record.add_field(
            pymarc.Field(tag="035", indicators=[" ", " "], subfields=[pymarc.Subfield("a", system)])
        )
    record.add_field(
        pymarc.Field(tag="245", indicators=["1", "0"], subfields=[pymarc.Subfield("a", title)])
    )
    return record


def test_it_creates_a_record_with_its_fields_and_identifiers():
    record, created = save_record(marc=libris(26), now=NOW)

    assert created
    assert record.title.startswith("Anteckningar från en ö")
    assert record.language == "swe"
    assert (record.created_at, record.updated_at) == (NOW, NOW)
    kinds = set(RecordIdentifier.objects.filter(record=record).values_list("kind", flat=True))
    assert {"ctrl", "isbn"} <= kinds
    assert IndexQueue.objects.filter(record_id=record.id).exists()


def test_saving_the_same_marc_again_updates_instead_of_duplicating():
    first, _ = save_record(marc=libris(26), now=NOW)

    again, created = save_record(marc=libris(26), now=LATER)

    assert not created and again.id == first.id
    assert Record.objects.count() == 1
    assert again.updated_at == LATER


def test_it_matches_on_035_when_the_control_number_is_new():
    first, _ = save_record(marc=book("1", "A", "Mästaren", system="(OCoLC)ocm00012345"), now=NOW)

    again, created = save_record(marc=book("99", "B", "Mästaren", system="(OCoLC)12345"), now=LATER)

    assert not created and again.id == first.id
    assert again.control_number == "99"


def test_it_matches_on_isbn_from_another_source():
    first, _ = save_record(marc=book("1", "A", "Hundraåringen", isbn="9789164202871"), now=NOW)

    again, created = save_record(
        marc=book("7", "B", "Hundraåringen", isbn="91-642-0287-9"), now=LATER
    )

    assert not created and again.id == first.id


def test_two_records_of_one_source_sharing_an_isbn_stay_apart():
    first, _ = save_record(marc=book("1", "A", "Del 1", isbn="9789164202871"), now=NOW)

    second, created = save_record(marc=book("2", "A", "Del 2", isbn="9789164202871"), now=NOW)

    assert created and second.id != first.id
    assert Record.objects.count() == 2


def test_the_identifiers_follow_the_new_marc():
    record, _ = save_record(marc=book("1", "A", "Titel", isbn="9789164202871"), now=NOW)

    save_record(marc=book("1", "A", "Titel"), now=LATER)

    assert list(RecordIdentifier.objects.filter(record=record).values_list("kind", "value")) == [
        ("ctrl", "A:1")
    ]


def test_an_explicit_record_is_updated_even_without_a_match():
    record, _ = save_record(marc=book("1", "A", "Gammal"), now=NOW)

    saved, created = save_record(marc=book("2", "B", "Ny"), now=LATER, record=record)

    assert not created and saved.id == record.id
    assert Record.objects.get().title == "Ny"


def test_holdings_fields_are_not_stored():
    marc = book("1", "A", "Titel")
    marc.add_field(
        pymarc.Field(tag="952", indicators=[" ", " "], subfields=[pymarc.Subfield("p", "1")])
    )

    record, _ = save_record(marc=marc, now=NOW)

    assert record_from_iso2709(bytes(record.marc)).get_fields("952") == []


def test_it_refuses_an_authority_record():
    marc = book("1", "A", "Titel")
    marc.leader = pymarc.Leader("00000nz  a2200000n  4500")

    with pytest.raises(RecordInvalid):
        save_record(marc=marc, now=NOW)
    assert not Record.objects.exists()
