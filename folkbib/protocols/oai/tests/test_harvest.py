"""A real harvester (Sickle) against a running server: it gets exactly the catalogue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

from folkbib.catalog.models import Record
from folkbib.catalog.services import delete_record

from .conftest import NOW, make_book

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("oai_settings")]


@pytest.fixture
def catalogue(places, settings):
    # Pages of 7 make the harvester follow several resumption tokens.
    settings.OAI_PAGE_SIZE = 7
    branches = (places["umea-stad"], places["vindeln"])
    with transaction.atomic():  # one search-index commit for the lot, not one per record
        records = [
            make_book(
                n,
                f"Bok nummer {n}",
                now=NOW + dt.timedelta(minutes=n % 5),  # datestamps shared by several records
                branches=(branches[n % 2],),
            )
            for n in range(23)
        ]
    gone = records.pop(4)
    delete_record(record=gone, now=NOW + dt.timedelta(hours=2))
    return {"records": records, "gone": gone}


def local_ids(identifiers):
    return sorted(int(identifier.rsplit(":", 1)[1]) for identifier in identifiers)


@pytest.mark.parametrize("http_method", ["GET", "POST"])
def test_a_full_harvest_returns_exactly_the_records_in_the_catalogue(
    live_server, catalogue, http_method
):
    sickle = Sickle(f"{live_server.url}/oai", http_method=http_method)

    harvested = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))

    identifiers = [record.header.identifier for record in harvested]
    assert len(identifiers) == len(set(identifiers)) == Record.objects.count() == 22
    assert local_ids(identifiers) == sorted(record.pk for record in catalogue["records"])
    titles = {record.metadata["title"][0] for record in harvested}
    assert titles == {record.title for record in catalogue["records"]}


def test_a_harvest_with_deletions_reports_the_deleted_record(live_server, catalogue):
    sickle = Sickle(f"{live_server.url}/oai")

    headers = list(sickle.ListIdentifiers(metadataPrefix="marc21"))

    deleted = [header.identifier for header in headers if header.deleted]
    assert local_ids(deleted) == [catalogue["gone"].pk]
    assert len(headers) == 23


def test_a_selective_harvest_by_municipality_and_date(live_server, catalogue):
    sickle = Sickle(f"{live_server.url}/oai")

    vindeln = list(
        sickle.ListRecords(
            metadataPrefix="marc21", set="municipality:2404", **{"from": "2025-03-01T12:02:00Z"}
        )
    )

    expected = [
        record.pk
        for record in catalogue["records"]
        if record.items.filter(owning_branch__code="vindeln").exists()
        and record.updated_at >= NOW.replace(minute=2, microsecond=0)
    ]
    assert local_ids(record.header.identifier for record in vindeln) == sorted(expected)
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2030-01-01"}))


def test_the_harvester_reads_identify_and_the_sets(live_server, catalogue):
    sickle = Sickle(f"{live_server.url}/oai")

    identify = sickle.Identify()
    sets = {found.setSpec for found in sickle.ListSets()}

    assert identify.deletedRecord == "persistent"
    assert identify.earliestDatestamp == "2025-03-01T12:00:00Z"
    assert {"municipality:2480", "municipality:2404", "material:book"} <= sets
