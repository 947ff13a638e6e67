from __future__ import annotations

import io
import random

import pymarc
from stdnum import isbn

from folkbib.bench.generator import (
    CONTROL_NUMBER_IDENTIFIER,
    MAX_ITEMS_PER_RECORD,
    generate,
    item_counts,
    synthetic_isbn13,
)
from folkbib.bench.iso2709 import control_field, data_field, encode_record


def _records(data: bytes) -> list[pymarc.Record]:
    records = list(pymarc.MARCReader(io.BytesIO(data), to_unicode=True))
    assert all(r is not None for r in records)
    return records


def test_it_writes_the_requested_number_of_parseable_records_and_items(generated):
    records = _records(generated)
    assert len(records) == 300
    assert sum(len(r.get_fields("952")) for r in records) == 900
    assert all(r.leader[9] == "a" for r in records)


def test_control_numbers_barcodes_and_isbns_are_unique_and_valid(generated):
    records = _records(generated)
    control_numbers = [r["001"].data for r in records]
    assert len(set(control_numbers)) == len(records)
    assert {r["003"].data for r in records} == {CONTROL_NUMBER_IDENTIFIER}
    barcodes = [f["p"] for r in records for f in r.get_fields("952")]
    assert len(set(barcodes)) == len(barcodes) == 900
    isbns = [f["a"] for r in records for f in r.get_fields("020")]
    assert len(isbns) > 150
    assert len(set(isbns)) == len(isbns)
    assert all(isbn.is_valid(value) and value.startswith("9798") for value in isbns)


def test_it_is_deterministic_for_a_seed_and_varies_with_it(pool, generated):
    again, other = io.BytesIO(), io.BytesIO()
    generate(pool, out=again, records=300, items=900, seed=1)
    generate(pool, out=other, records=300, items=900, seed=2)
    assert again.getvalue() == generated
    assert other.getvalue() != generated


def test_records_are_varied_and_a_good_share_is_swedish(generated):
    records = _records(generated)
    titles = {r["245"]["a"] for r in records}
    assert len(titles) > 0.8 * len(records)
    languages = [r["008"].data[35:38] for r in records]
    assert 0.4 < languages.count("swe") / len(languages) < 0.7
    years = [int(r["008"].data[7:11]) for r in records]
    assert min(years) >= 1850 and max(years) <= 2026 and len(set(years)) > 50
    assert len({r.leader[6:8] for r in records}) >= 6  # books, audio, film, music, serials …


def test_item_counts_sum_exactly_and_stay_between_0_and_10():
    counts = item_counts(random.Random(5), 1000, 3000)
    assert sum(counts) == 3000
    assert min(counts) == 0 and max(counts) <= MAX_ITEMS_PER_RECORD
    assert len(set(counts)) >= 6


def test_synthetic_isbns_never_repeat_over_a_range():
    values = [synthetic_isbn13(i) for i in range(20000)]
    assert len(set(values)) == len(values)


def test_the_writer_produces_what_pymarc_reads_back():
    raw = encode_record(
        "nam ",
        [
            control_field("001", "x1"),
            data_field("245", "10", [("a", "Åsa och älgen"), ("b", ""), ("c", "Örjan")]),
        ],
    )
    record = pymarc.Record(data=raw, to_unicode=True, force_utf8=True)
    assert record["001"].data == "x1"
    assert record["245"].get_subfields("a", "c") == ["Åsa och älgen", "Örjan"]
    assert record["245"].get_subfields("b") == []
    assert int(raw[:5]) == len(raw)
