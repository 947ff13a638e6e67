"""Items from holdings fields (Koha 952 or a configured map) and from `--items`."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from folkbib.catalog.errors import UnknownBranch
from folkbib.catalog.marc.iso2709 import decode_record
from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.catalog.services import ItemsPolicy, import_records

from .import_data.helpers import LATER, LIBRIS, NOW, koha_952, make_branches, write_with_holdings

pytestmark = pytest.mark.django_db


@pytest.fixture
def branches():
    return make_branches("umea-stad", "vindeln", "vannas")


def test_it_creates_items_from_koha_952(tmp_path, branches):
    path = write_with_holdings(
        LIBRIS,
        tmp_path / "h.mrc",
        {
            26: [
                koha_952(
                    "30000001",
                    "umea-stad",
                    "vindeln",
                    o="Hc Jansson",
                    y="book",
                    v="199,00 kr",
                    z="Signerad",
                ),
                koha_952("30000002", "vindeln"),
            ]
        },
    )

    summary = import_records(path=path, now=NOW)

    assert (summary.items_created, summary.holdings_skipped) == (2, 0)
    first = Item.objects.get(barcode="30000001")
    assert first.record == Record.objects.get(control_number="7149593")
    assert (first.owning_branch.code, first.current_branch.code) == ("umea-stad", "vindeln")
    assert (first.shelf_mark, first.material_type, first.notes) == (
        "Hc Jansson",
        "book",
        "Signerad",
    )
    assert first.price == Decimal("199.00")
    assert first.status == ItemStatus.AVAILABLE
    second = Item.objects.get(barcode="30000002")
    assert second.current_branch == second.owning_branch == branches["vindeln"]


def test_the_stored_record_keeps_no_holdings_fields(tmp_path, branches):
    path = write_with_holdings(LIBRIS, tmp_path / "h.mrc", {0: [koha_952("1", "vindeln")]})

    import_records(path=path, now=NOW)

    lean, _ = decode_record(bytes(Record.objects.get(control_number="10796401").marc))
    assert "952" not in [tag for tag, _value in lean.fields]


def test_reimporting_updates_the_item_with_the_same_barcode(tmp_path, branches):
    first = write_with_holdings(LIBRIS, tmp_path / "1.mrc", {5: [koha_952("77", "vindeln")]})
    import_records(path=first, now=NOW)
    item = Item.objects.get(barcode="77")
    moved = write_with_holdings(
        LIBRIS, tmp_path / "2.mrc", {5: [koha_952("77", "umea-stad", o="Kartor")]}
    )

    summary = import_records(path=moved, now=LATER)

    assert (summary.items_created, summary.items_updated, summary.created) == (0, 1, 0)
    item.refresh_from_db()
    assert (item.owning_branch.code, item.shelf_mark, item.updated_at) == (
        "umea-stad",
        "Kartor",
        LATER,
    )
    assert Item.objects.count() == 1


def test_reimporting_unchanged_holdings_touches_nothing(tmp_path, branches):
    path = write_with_holdings(LIBRIS, tmp_path / "h.mrc", {1: [koha_952("5", "vindeln", v="10")]})
    import_records(path=path, now=NOW)

    again = import_records(path=path, now=LATER)

    assert (again.created, again.unchanged, again.items_created, again.items_updated) == (
        0,
        29,
        0,
        0,
    )
    assert Item.objects.get(barcode="5").updated_at == NOW


def test_a_holding_at_an_unknown_branch_is_reported_and_the_record_still_imports(
    tmp_path, branches
):
    path = write_with_holdings(
        LIBRIS, tmp_path / "h.mrc", {2: [koha_952("9", "CPL"), koha_952("10", "vindeln")]}
    )

    summary = import_records(path=path, now=NOW)

    assert (summary.created, summary.items_created, summary.holdings_skipped) == (29, 1, 1)
    problem = summary.problems[0]
    assert not problem.rejected
    assert "unknown branch 'CPL'" in problem.reason
    assert Record.objects.filter(control_number="11311266").exists()
    assert (
        "holding skipped: barcode 9: unknown branch 'CPL'"
        in (tmp_path / "h.mrc.rejects.txt").read_text()
    )
    assert not (tmp_path / "h.mrc.rejects.mrc").exists()


def test_a_barcode_of_another_record_is_reported_not_moved(tmp_path, branches):
    first = write_with_holdings(LIBRIS, tmp_path / "1.mrc", {3: [koha_952("42", "vindeln")]})
    import_records(path=first, now=NOW)
    second = write_with_holdings(LIBRIS, tmp_path / "2.mrc", {4: [koha_952("42", "umea-stad")]})

    again = import_records(path=second, now=LATER)

    assert (again.holdings_skipped, again.items_created, again.items_updated) == (1, 0, 0)
    assert "barcode 42 already belongs to another record" in again.problems[0].reason
    item = Item.objects.get(barcode="42")
    assert (item.record.control_number, item.owning_branch.code) == ("11357644", "vindeln")


def test_two_records_in_one_file_with_one_barcode_keep_the_first(tmp_path, branches):
    path = write_with_holdings(
        LIBRIS,
        tmp_path / "h.mrc",
        {3: [koha_952("42", "vindeln")], 4: [koha_952("42", "umea-stad")]},
    )

    summary = import_records(path=path, now=NOW)

    assert (summary.items_created, summary.holdings_skipped) == (1, 1)
    assert "appears on two records" in summary.problems[0].reason


def test_a_holding_without_barcode_is_reported(tmp_path, branches):
    path = write_with_holdings(LIBRIS, tmp_path / "h.mrc", {3: [[("a", "vindeln")]]})

    summary = import_records(path=path, now=NOW)

    assert summary.holdings_skipped == 1
    assert "no barcode" in summary.problems[0].reason


def test_a_configured_holdings_map_reads_another_tag(tmp_path, branches):
    path = write_with_holdings(
        LIBRIS,
        tmp_path / "h.mrc",
        {0: [[("b", "vannas"), ("h", "Ke"), ("x", "123")]]},
        tag="852",
    )
    mapping = {
        "tag": "852",
        "barcode": "x",
        "owning_branch": "b",
        "current_branch": "",
        "shelf_mark": "h",
        "price": "",
        "notes": "",
        "material_type": "",
    }

    summary = import_records(path=path, now=NOW, holdings_map=mapping)

    assert summary.items_created == 1
    item = Item.objects.get(barcode="123")
    assert (item.current_branch.code, item.shelf_mark) == ("vannas", "Ke")


def test_the_command_takes_the_holdings_map_as_options(tmp_path, branches):
    path = write_with_holdings(
        LIBRIS, tmp_path / "h.mrc", {0: [[("b", "vannas"), ("x", "123")]]}, tag="852"
    )

    call_command(
        "import_marc",
        str(path),
        "--no-progress",
        "--holdings-tag",
        "852",
        "--barcode-subfield",
        "x",
        "--owning-branch-subfield",
        "b",
        stdout=StringIO(),
    )

    assert Item.objects.get(barcode="123").owning_branch.code == "vannas"


def test_items_option_makes_one_item_per_branch_with_generated_barcodes(branches):
    summary = import_records(
        path=LIBRIS, now=NOW, items=ItemsPolicy(branch_codes=("umea-stad", "vindeln"))
    )

    assert summary.items_created == 58
    barcodes = sorted(Item.objects.values_list("barcode", flat=True))
    assert barcodes == [str(n) for n in range(10000001, 10000059)]
    record = Record.objects.get(control_number="7149593")
    assert sorted(record.items.values_list("owning_branch__code", flat=True)) == [
        "umea-stad",
        "vindeln",
    ]


def test_items_option_adds_nothing_on_reimport_and_continues_after_the_highest_barcode(branches):
    import_records(path=LIBRIS, now=NOW, items=ItemsPolicy(branch_codes=("vindeln",)))

    again = import_records(path=LIBRIS, now=LATER, items=ItemsPolicy(branch_codes=("vindeln",)))
    more = import_records(path=LIBRIS, now=LATER, items=ItemsPolicy(branch_codes=("vannas",)))

    assert again.items_created == 0
    assert more.items_created == 29
    assert (
        Item.objects.filter(owning_branch__code="vannas").order_by("barcode").first().barcode
        == "10000030"
    )


def test_items_option_skips_barcodes_that_are_taken(tmp_path, branches):
    write_with_holdings(LIBRIS, tmp_path / "one.mrc", {0: [koha_952("501", "vannas")]}, limit=1)
    import_records(path=tmp_path / "one.mrc", now=NOW)

    import_records(
        path=LIBRIS, now=NOW, items=ItemsPolicy(branch_codes=("vindeln",), barcode_start=500)
    )

    generated = Item.objects.filter(owning_branch__code="vindeln").values_list("barcode", flat=True)
    assert sorted(generated, key=int) == ["500", *(str(n) for n in range(502, 530))]
    assert Item.objects.get(barcode="501").owning_branch.code == "vannas"


def test_items_option_refuses_an_unknown_branch(branches):
    with pytest.raises(UnknownBranch):
        import_records(path=LIBRIS, now=NOW, items=ItemsPolicy(branch_codes=("nowhere",)))
    assert not Record.objects.exists()


def test_the_command_reports_an_unknown_items_branch(branches):
    with pytest.raises(CommandError, match="nowhere"):
        call_command("import_marc", str(LIBRIS), "--items", "vindeln,nowhere", "--no-progress")


def indexed_values(doc_or_json):
    """A bulk-indexed document (a SearchDocument, or the engine's JSON text) as the
    engine's field values, holdings lists sorted (their order follows the item query)."""
    import json

    from folkbib.catalog.search import get_backend

    text = doc_or_json if isinstance(doc_or_json, str) else get_backend()._to_json(doc_or_json)
    values = json.loads(text)
    for name in ("f_branch", "f_municipality", "f_available_branch"):
        values[name] = sorted(values[name])
    return values


@pytest.mark.parametrize("as_json", [True, False], ids=["engine-json", "documents"])
def test_bulk_documents_equal_what_the_index_queue_would_build(
    tmp_path, branches, monkeypatch, django_capture_on_commit_callbacks, as_json
):
    from folkbib.catalog import search
    from folkbib.catalog.services import batches, importing

    # The embedded engine takes JSON built in the workers; another engine takes documents.
    monkeypatch.setattr(importing, "json_bulk_documents", lambda: as_json)
    indexed: list[tuple[int, search.SearchDocument | str]] = []

    def index_documents(docs):
        indexed.extend((doc.record_id, doc) for doc in docs)
        return len(docs)

    def index_json(record_ids, texts):
        indexed.extend(zip(record_ids, texts, strict=True))
        return len(texts)

    monkeypatch.setattr(search, "index_bulk", index_documents)
    monkeypatch.setattr(batches, "index_bulk_json", index_json)
    path = write_with_holdings(
        LIBRIS,
        tmp_path / "h.mrc",
        {
            0: [koha_952("1", "vindeln")],
            26: [koha_952("2", "umea-stad", "vindeln"), koha_952("3", "vannas")],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_records(path=path, now=NOW)
    assert len(indexed) == 29
    assert all(isinstance(doc, str) == as_json for _id, doc in indexed)
    drained = search.documents_for(record_id for record_id, _doc in indexed)
    assert [indexed_values(d) for _id, d in indexed] == [indexed_values(d) for d in drained]
    Item.objects.filter(barcode="3").update(status=ItemStatus.ON_LOAN)
    indexed.clear()
    moved = write_with_holdings(LIBRIS, tmp_path / "m.mrc", {26: [koha_952("4", "vindeln")]})

    with django_capture_on_commit_callbacks(execute=True):
        import_records(path=moved, now=LATER)

    record_id = Record.objects.get(control_number="7149593").id
    assert [doc_id for doc_id, _doc in indexed] == [record_id]
    values = indexed_values(indexed[0][1])
    assert [values] == [indexed_values(d) for d in search.documents_for([record_id])]
    assert values["f_available_branch"] == ["vindeln"]


def test_lifting_holdings_out_by_bytes_equals_reencoding_the_record(tmp_path):
    from folkbib.catalog.marc.iso2709 import LeanRecord, encode_record
    from folkbib.catalog.marc.reader import decode_raw
    from folkbib.catalog.services.preparing import drop_fields

    from .import_data.helpers import MARC8, raw_records

    path = write_with_holdings(
        LIBRIS,
        tmp_path / "h.mrc",
        {
            n: [koha_952(str(n), "vindeln"), koha_952(f"{n}b", "vannas", z="Gåva")]
            for n in range(29)
        },
    )
    marc8 = write_with_holdings(
        MARC8, tmp_path / "m.mrc", {n: [koha_952(f"m{n}", "x")] for n in range(10)}
    )
    for raw in raw_records(path) + raw_records(marc8):
        lean, canonical = decode_raw(raw)
        assert canonical
        without = LeanRecord(lean.leader, [f for f in lean.fields if f[0] != "952"])
        assert drop_fields(raw, b"952") == encode_record(without)
