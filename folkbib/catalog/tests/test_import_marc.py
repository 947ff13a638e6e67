"""import_records / `folkbib import-marc`: formats, encodings, rejects, matching, idempotency."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from folkbib.catalog.marc.iso2709 import decode_record
from folkbib.catalog.models import IndexQueue, Record, RecordIdentifier
from folkbib.catalog.services import import_records

from .import_data.helpers import BROKEN, KOHA_XML, LATER, LIBRIS, MARC8, NOW, raw_records

pytestmark = pytest.mark.django_db


def test_it_imports_utf8_iso2709_with_swedish_letters(tmp_path):
    summary = import_records(path=LIBRIS, now=NOW)

    assert (summary.read, summary.created, summary.rejected) == (29, 29, 0)
    assert Record.objects.count() == 29
    record = Record.objects.get(control_number="7149593")
    assert record.title.startswith("Anteckningar från en ö")
    assert "Jansson, Tove" in " ".join(record.authors)
    assert summary.rejects_path is None and summary.log_path is None


def test_it_converts_marc8_records_to_utf8(tmp_path):
    summary = import_records(path=MARC8, now=NOW)

    assert (summary.created, summary.rejected) == (10, 0)
    for record in Record.objects.all():
        stored = bytes(record.marc)
        assert stored[9:10] == b"a"
        decode_record(stored)  # the stored form is valid UTF-8 ISO 2709
    titles = " ".join(Record.objects.values_list("title", flat=True))
    assert "\x1b" not in titles
    assert any(not c.isascii() for c in titles), "MARC-8 diacritics became Unicode letters"


def test_it_detects_and_imports_marcxml():
    summary = import_records(path=KOHA_XML, now=NOW)

    assert (summary.read, summary.created, summary.rejected) == (8, 8, 0)
    assert Record.objects.filter(control_number="17446121").exists()


def test_it_rejects_broken_records_byte_for_byte_and_imports_the_rest(tmp_path):
    source = tmp_path / "broken.mrc"
    source.write_bytes(BROKEN.read_bytes())

    summary = import_records(path=source, now=NOW)

    assert (summary.read, summary.created, summary.rejected) == (13, 11, 2)
    data = source.read_bytes()
    bad_directory = data[7168 : 7168 + 371]
    truncated = data[-300:]
    assert (tmp_path / "broken.mrc.rejects.mrc").read_bytes() == bad_directory + truncated
    log = (tmp_path / "broken.mrc.rejects.txt").read_text().splitlines()
    assert log[0].startswith("7168\trejected: directory length")
    assert log[1].startswith(f"{len(data) - 300}\trejected: truncated record")
    assert summary.rejects_path == tmp_path / "broken.mrc.rejects.mrc"


def test_it_writes_rejects_where_asked(tmp_path):
    summary = import_records(path=BROKEN, rejects_path=tmp_path / "bad.mrc", now=NOW)

    assert (tmp_path / "bad.mrc").stat().st_size == 371 + 300
    assert (tmp_path / "bad.txt").read_text().count("rejected:") == 2
    assert summary.log_path == tmp_path / "bad.txt"


def test_importing_the_same_file_twice_creates_nothing_the_second_time():
    import_records(path=LIBRIS, now=NOW)
    identifiers = sorted(RecordIdentifier.objects.values_list("record_id", "kind", "value"))

    again = import_records(path=LIBRIS, now=LATER)

    assert (again.read, again.created, again.updated, again.unchanged) == (29, 0, 0, 29)
    assert Record.objects.count() == 29
    assert sorted(RecordIdentifier.objects.values_list("record_id", "kind", "value")) == identifiers
    assert not Record.objects.filter(updated_at=LATER).exists()


def test_a_changed_record_updates_the_record_it_matches(tmp_path):
    import_records(path=LIBRIS, now=NOW)
    original = Record.objects.get(control_number="7149593")
    raws = raw_records(LIBRIS)
    changed = raws[26].replace(b"Anteckningar", b"Antecknyngar")
    (tmp_path / "one.mrc").write_bytes(changed)

    summary = import_records(path=tmp_path / "one.mrc", now=LATER)

    assert (summary.created, summary.updated) == (0, 1)
    record = Record.objects.get(id=original.id)
    assert record.title.startswith("Antecknyngar")
    assert record.updated_at == LATER and record.created_at == NOW
    assert Record.objects.count() == 29


def test_a_record_repeated_in_one_file_becomes_one_record(tmp_path):
    raws = raw_records(LIBRIS)
    (tmp_path / "twice.mrc").write_bytes(raws[3] + raws[0] + raws[3])

    summary = import_records(path=tmp_path / "twice.mrc", now=NOW)

    assert (summary.read, summary.created, summary.updated) == (3, 2, 1)
    assert Record.objects.count() == 2


def test_records_that_share_only_an_isbn_match_across_sources(tmp_path):
    import_records(path=LIBRIS, now=NOW)
    raws = raw_records(LIBRIS)
    # The same book from another system: a new 003 and 001, same ISBN.
    lean, _ = decode_record(raws[26])
    lean.fields = [("001", "X1"), ("003", "OTHER")] + [
        f for f in lean.fields if f[0] not in ("001", "003")
    ]
    from folkbib.catalog.marc.iso2709 import encode_record

    (tmp_path / "other.mrc").write_bytes(encode_record(lean))

    summary = import_records(path=tmp_path / "other.mrc", now=LATER)

    assert (summary.created, summary.updated) == (0, 1)
    assert Record.objects.get(control_number="X1").isbns


def test_worker_processes_import_exactly_what_the_main_process_does(tmp_path):
    inline = import_records(path=BROKEN, rejects_path=tmp_path / "a.mrc", now=NOW, workers=0)
    rows = sorted(Record.objects.values_list("control_number", "title", "marc"))
    Record.objects.all().delete()

    pooled = import_records(
        path=BROKEN, rejects_path=tmp_path / "b.mrc", now=NOW, workers=2, batch_size=4
    )

    assert (pooled.created, pooled.rejected) == (inline.created, inline.rejected)
    assert sorted(Record.objects.values_list("control_number", "title", "marc")) == [
        (c, t, bytes(m)) if isinstance(m, memoryview) else (c, t, m) for c, t, m in rows
    ]
    assert (tmp_path / "a.mrc").read_bytes() == (tmp_path / "b.mrc").read_bytes()


def test_an_authority_record_is_rejected_not_imported(tmp_path):
    from folkbib.catalog.marc.iso2709 import encode_record

    lean, _ = decode_record(raw_records(LIBRIS)[0])
    lean.leader = lean.leader[:6] + "z" + lean.leader[7:]
    (tmp_path / "auth.mrc").write_bytes(encode_record(lean))

    summary = import_records(path=tmp_path / "auth.mrc", now=NOW)

    assert (summary.created, summary.rejected) == (0, 1)
    assert "not a bibliographic record" in summary.problems[0].reason


def test_imported_records_are_indexed_when_each_batch_commits(django_capture_on_commit_callbacks):
    from folkbib.catalog.search import get_backend, parse_query
    from folkbib.catalog.search.base import SearchRequest

    with django_capture_on_commit_callbacks(execute=True):
        summary = import_records(path=LIBRIS, now=NOW)

    assert summary.indexed == 29
    assert not IndexQueue.objects.exists()
    result = get_backend().search(SearchRequest(query=parse_query("Tove Jansson")))
    assert [hit.record_id for hit in result.hits] == [
        Record.objects.get(control_number="7149593").id
    ]


def test_the_command_prints_a_summary_and_the_rejects(tmp_path):
    source = tmp_path / "broken.mrc"
    source.write_bytes(BROKEN.read_bytes())
    out, err = StringIO(), StringIO()

    call_command("import_marc", str(source), "--no-progress", stdout=out, stderr=err)

    assert "read 13, created 11, updated 0, unchanged 0, rejected 2" in out.getvalue()
    assert "records/s" in out.getvalue()
    assert f"rejected records: {source}.rejects.mrc" in out.getvalue()
    assert "offset 7168: rejected: directory length" in err.getvalue()


def test_preparing_a_record_by_its_read_fields_alone_changes_nothing(monkeypatch, tmp_path):
    """``prepare`` decodes a canonical record's read fields only (``decode_canonical``);
    every record of the fixtures (MARC-8, mis-flagged UTF-8, broken, with holdings)
    prepares exactly as with the full decode."""
    from folkbib.catalog.marc import RawRecord, split_records
    from folkbib.catalog.services import preparing
    from folkbib.catalog.services.holdings import HoldingsMap

    from .import_data.helpers import koha_952, write_with_holdings

    data = Path(__file__).parent
    paths = sorted([*data.glob("marc_data/*.mrc"), *data.glob("import_data/*.mrc")])
    paths += [
        write_with_holdings(
            source,
            tmp_path / f"{source.stem}-holdings.mrc",
            {
                n: [koha_952(f"{n}", "vindeln"), koha_952(f"{n}b", "vannas", z="Gåva")]
                for n in range(10)
            },
        )
        for source in (LIBRIS, MARC8)
    ]
    records = [
        item for path in paths for item in split_records(path) if isinstance(item, RawRecord)
    ]
    holdings = HoldingsMap.from_settings(None)
    canonical = preparing.decode_canonical

    def prepared(*, fast: bool) -> list[preparing.Prepared]:
        monkeypatch.setattr(
            preparing, "decode_canonical", canonical if fast else lambda raw, tags: None
        )
        return [preparing.prepare(item.offset, item.raw, holdings) for item in records]

    assert prepared(fast=True) == prepared(fast=False)
    took_fast_path = [canonical(item.raw, preparing._tags_read("952")) for item in records]
    assert 20 <= sum(lean is not None for lean in took_fast_path) < len(records) - 20
