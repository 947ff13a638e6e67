"""The hand-catalogued Swedish catalogue ships up to date and as proper MARC21."""

from __future__ import annotations

import re
from collections import Counter

import pymarc
import pytest

from folkbib.catalog import marc
from folkbib.demo.swedish import build
from folkbib.demo.swedish.works import WORKS

ARTICLES = ("En ", "Ett ", "Den ", "Det ", "De ")
EXTERNAL_IDENTIFIERS = ("010", "015", "016", "020", "022", "024", "035")


@pytest.fixture(scope="module")
def records() -> list[pymarc.Record]:
    return pymarc.parse_xml_to_array(str(build.OUTPUT_PATH), strict=True)


def _edition(record: pymarc.Record) -> str:
    """Classify by the leader, 008 and 347 exactly as the material-type contract reads them."""
    if record.leader[6] == "i":
        daisy = any("DAISY" in f.get_subfields("b") for f in record.get_fields("347"))
        return "talking_book" if daisy else "audiobook"
    return "large_print" if record["008"].data[23] == "d" else "book"


def test_the_shipped_file_is_what_the_builder_writes() -> None:
    assert build.OUTPUT_PATH.read_bytes() == build.render(build.build_records()), (
        "run .venv/bin/python -m folkbib.demo.swedish.build"
    )


def test_it_ships_at_least_150_readable_records(records: list[pymarc.Record]) -> None:
    assert len(records) >= 150
    assert all(record is not None for record in records)


def test_every_record_has_its_identity_title_shelf_mark_and_content_type(
    records: list[pymarc.Record],
) -> None:
    for record in records:
        for tag in ("001", "003", "008", "245", "336"):
            assert record.get_fields(tag), (record["001"], tag)
        assert record["003"].data == "FOLKBIB"
        sab = [f for f in record.get_fields("084") if f.get("2", "").startswith("kssb")]
        assert sab and sab[0]["a"], record["001"]


def test_no_record_carries_an_isbn_or_any_other_external_identifier(
    records: list[pymarc.Record],
) -> None:
    for record in records:
        assert not record.get_fields(*EXTERNAL_IDENTIFIERS), record["001"]


def test_every_record_is_in_swedish(records: list[pymarc.Record]) -> None:
    assert {record["008"].data[35:38] for record in records} == {"swe"}


def test_control_numbers_are_unique_local_and_name_the_edition(
    records: list[pymarc.Record],
) -> None:
    numbers = [record["001"].data for record in records]
    assert len(set(numbers)) == len(numbers)
    suffix = {"book": "", "large_print": "-ss", "talking_book": "-tb", "audiobook": "-lb"}
    for record, number in zip(records, numbers, strict=True):
        match = re.fullmatch(r"fb-sv-\d{4}(-ss|-tb|-lb)?", number)
        assert match, number
        assert (match.group(1) or "") == suffix[_edition(record)], number


def test_it_offers_talking_books_audiobooks_and_large_print(
    records: list[pymarc.Record],
) -> None:
    editions = Counter(_edition(record) for record in records)
    assert editions["talking_book"] >= 30
    assert editions["audiobook"] >= 20
    assert editions["large_print"] >= 5
    assert editions["book"] == len(WORKS)


def test_the_marc_mapping_reads_the_same_material_types(records: list[pymarc.Record]) -> None:
    mapped = Counter(marc.extract(record).material_type for record in records)
    assert mapped == Counter(_edition(record) for record in records)


def test_fixed_fields_have_their_defined_lengths(records: list[pymarc.Record]) -> None:
    for record in records:
        assert len(str(record.leader)) == 24
        assert len(record["008"].data) == 40, record["001"]


def test_only_initial_articles_are_skipped_when_filing_titles(
    records: list[pymarc.Record],
) -> None:
    titles = {}
    for record in records:
        field = record["245"]
        skip = int(field.indicator2)
        title = field["a"]
        titles[title.rstrip(" /:.")] = skip
        if skip:
            assert title[:skip] in ARTICLES, title
    # "Det" and "De" are pronouns here, not articles: these titles file under their first word.
    assert titles["Det går an"] == 0
    assert titles["De kommer att drunkna i sina mödrars tårar"] == 0
    assert titles["Den skrattande polisen"] == 4
    assert titles["En man som heter Ove"] == 3


def test_books_for_children_are_marked_juvenile_and_shelved_as_children_books(
    records: list[pymarc.Record],
) -> None:
    for record in records:
        shelf = record["084"]["a"]
        for_children = shelf.startswith(("Hcf", "Hcg")) or ",u" in shelf
        assert (record["008"].data[22] == "j") == for_children, (record["001"], shelf)


def test_only_the_printed_book_claims_a_publication_year(records: list[pymarc.Record]) -> None:
    for record in records:
        f008 = record["008"].data
        if _edition(record) == "book":
            assert f008[6] in "sm" and f008[7:11].isdigit() and record.get_fields("264")
        else:
            # A reissue whose own year we do not know; Date 2 keeps the original year.
            assert f008[6:11] == "ruuuu" and f008[11:15].isdigit()
            assert not record.get_fields("264")


def test_no_work_predates_its_author() -> None:
    for work in WORKS:
        for author in work.authors:
            if author.dates:
                assert int(author.dates[:4]) + 10 < work.year, (work.no, work.title)


def test_summaries_are_finished_sentences_that_do_not_name_a_medium() -> None:
    for work in WORKS:
        assert 20 <= len(work.summary) <= 400, work.title
        assert work.summary.endswith((".", "!", "?")), work.title
        # The medium belongs in the edition's own fields, never in the shared summary.
        assert "DAISY" not in work.summary and "talbok" not in work.summary.lower()
