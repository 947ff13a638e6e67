"""The portal pages' reads, compiled once per process: the same answers as the ORM's."""

from __future__ import annotations

import pytest

from folkbib.catalog.models import ItemStatus, Record
from folkbib.catalog.selectors import other_editions, record_detail, search
from folkbib.catalog.tests.search_helpers import index_everything, make_item, make_record
from folkbib.circulation.models import CoBorrowing
from folkbib.circulation.selectors import also_borrowed

pytestmark = pytest.mark.django_db


def test_a_record_detail_leaves_the_marc_blob_unread_but_has_every_field_the_page_shows(places):
    record = make_record("Fjällräven", marc=b"00042nam", authors=["Lindgren, Astrid"], year=1977)
    make_item(record, places["vindeln"], ItemStatus.ON_LOAN, shelf_mark="Hc")

    detail = record_detail(record.id)

    assert detail.record.get_deferred_fields() == {"marc"}
    shown = ("title", "authors", "year", "language", "sort_title", "material_type")
    assert [getattr(detail.record, f) for f in shown] == [getattr(record, f) for f in shown]
    ((row,),) = [g.rows for g in detail.holdings]
    assert (row.branch.code, row.branch.municipality.name) == ("vindeln", "Vindeln")
    assert (row.item.status, row.item.shelf_mark) == (ItemStatus.ON_LOAN, "Hc")


@pytest.mark.parametrize("record_id", [2**63, -(2**63) - 1, 10**30])
def test_an_id_no_key_can_hold_raises_does_not_exist(record_id):
    with pytest.raises(Record.DoesNotExist):
        record_detail(record_id)


def test_other_editions_are_ordered_by_material_type_then_newest_and_limited():
    def edition(material_type: str, year: int) -> Record:
        return make_record(
            "Röda rummet",
            sort_title="röda rummet",
            authors=["Strindberg, August"],
            material_type=material_type,
            year=year,
        )

    book = edition("book", 1879)
    talking, old_large, new_large = (
        edition("talking_book", 2001),
        edition("large_print", 1990),
        edition("large_print", 2010),
    )
    assert other_editions(book) == [new_large, old_large, talking]
    assert other_editions(book, limit=2) == [new_large, old_large]


def test_also_borrowed_ranks_the_pairs_either_way_round_and_honours_the_limit():
    mio = make_record("Mio, min Mio")
    others = [make_record(f"Bok {n}") for n in range(4)]
    for count, other in zip((3, 9, 5, 2), others, strict=True):
        a, b = sorted((mio.id, other.id))
        CoBorrowing.objects.create(record_a_id=a, record_b_id=b, count=count)

    # below three co-borrowings a pair is never shown
    assert also_borrowed(mio.id) == [others[1], others[2], others[0]]
    assert also_borrowed(mio.id, limit=1) == [others[1]]
    assert also_borrowed(others[1].id) == [mio]


@pytest.mark.parametrize("per_page", [1, 3, 20])
def test_search_hits_carry_the_records_in_bulk_would_give_for_any_page_size(
    places, search_backend, per_page
):
    made = [make_record(f"Fjällvandring {n}", authors=[f"Författare {n}"]) for n in range(5)]
    index_everything()

    results = search("fjällvandring", per_page=per_page)
    expected = Record.objects.defer("marc").in_bulk([hit.record.id for hit in results.hits])

    assert len(results.hits) == min(per_page, len(made))
    for hit in results.hits:
        record = expected[hit.record.id]
        assert hit.record.get_deferred_fields() == {"marc"}
        assert {f: getattr(hit.record, f) for f in ("title", "authors", "created_at")} == {
            f: getattr(record, f) for f in ("title", "authors", "created_at")
        }


@pytest.mark.parametrize("namesakes", [40, 48])
def test_editions_are_looked_for_among_the_first_48_namesakes_as_before(namesakes):
    def same_title(author: str, material_type: str) -> Record:
        return make_record(
            "Röda rummet", sort_title="röda rummet", authors=[author], material_type=material_type
        )

    book = same_title("Strindberg, August", "book")
    for n in range(namesakes):  # audiobooks sort first: they fill the window
        same_title(f"Annan {n}", "audiobook")
    large_print = same_title("Strindberg, August", "large_print")

    found = other_editions(book)

    # the window is 4 x 12 candidates in the page's order; a namesake-heavy title
    # pushes the edition out of it, as the single query always did
    assert found == ([large_print] if namesakes < 48 else [])
    for edition in found:
        assert edition.get_deferred_fields() == {
            f.attname
            for f in Record._meta.concrete_fields
            if f.attname
            not in {
                "id",
                "title",
                "subtitle",
                "authors",
                "year",
                "material_type",
                "language",
                "edition",
            }
        }
