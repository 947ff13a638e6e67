"""export_records / `folkbib export-marc`, and the import -> export -> import round trip."""

from __future__ import annotations

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command

from folkbib.catalog.marc import read_marc
from folkbib.catalog.models import Item, Record, RecordIdentifier
from folkbib.catalog.services import export_records, import_records

from .import_data.helpers import (
    KOHA_XML,
    LATER,
    LIBRIS,
    MARC8,
    NOW,
    koha_952,
    make_branches,
    snapshot,
    write_with_holdings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path):
    """Swedish UTF-8, MARC-8 and MARCXML records, some with Koha holdings."""
    make_branches("umea-stad", "vindeln")
    holdings = write_with_holdings(
        LIBRIS,
        tmp_path / "libris.mrc",
        {
            0: [koha_952("30000001", "umea-stad", o="Hc", v="199.00", z="Ny", y="book")],
            26: [koha_952("30000002", "vindeln", "umea-stad"), koha_952("30000003", "vindeln")],
        },
    )
    for path in (holdings, MARC8, KOHA_XML):
        summary = import_records(path=path, now=NOW)
        assert summary.rejected == 0
    return snapshot()


def wipe() -> None:
    Record.objects.all().delete()
    assert not Item.objects.exists() and not RecordIdentifier.objects.exists()


@pytest.mark.parametrize("format", ["iso2709", "marcxml"])
def test_import_export_import_yields_the_same_records_and_items(catalogue, tmp_path, format):
    exported = tmp_path / f"export.{format}"
    with exported.open("wb") as out:
        assert export_records(out=out, format=format) == 47
    wipe()

    summary = import_records(path=exported, now=LATER)

    assert (summary.created, summary.rejected, summary.items_created) == (47, 0, 3)
    again = snapshot()
    assert again["items"] == catalogue["items"]
    assert again["records"].keys() == catalogue["records"].keys()
    for key, record in catalogue["records"].items():
        assert again["records"][key]["marc"] == record["marc"], key
        assert again["records"][key]["fields"] == record["fields"], key


def test_exporting_twice_gives_the_same_bytes_and_reimport_changes_nothing(catalogue, tmp_path):
    first, second = BytesIO(), BytesIO()
    export_records(out=first)
    (tmp_path / "e.mrc").write_bytes(first.getvalue())

    summary = import_records(path=tmp_path / "e.mrc", now=LATER)
    export_records(out=second)

    assert (summary.created, summary.updated, summary.items_created, summary.items_updated) == (
        0,
        0,
        0,
        0,
    )
    assert second.getvalue() == first.getvalue()


def test_items_are_exported_as_koha_952(catalogue):
    out = BytesIO()
    export_records(out=out)

    records = [r.record for r in read_marc(BytesIO(out.getvalue()))]
    by_control = {r["001"].data: r for r in records if r.get("001")}
    fields = by_control["7149593"].get_fields("952")
    assert [(f["a"], f["b"], f["p"]) for f in fields] == [
        ("vindeln", "umea-stad", "30000002"),
        ("vindeln", "vindeln", "30000003"),
    ]
    first = by_control["10796401"]["952"]
    assert (first["o"], first["v"], first["z"], first["y"]) == ("Hc", "199.00", "Ny", "book")


def test_the_command_writes_marcxml_to_a_file(catalogue, tmp_path):
    out = StringIO()

    call_command("export_marc", "--format", "marcxml", "-o", str(tmp_path / "x.xml"), stdout=out)

    assert "exported 47 records" in out.getvalue()
    assert (tmp_path / "x.xml").read_bytes().startswith(b"<?xml")
    assert sum(1 for _ in read_marc(tmp_path / "x.xml")) == 47
