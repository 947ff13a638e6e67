"""The catalogue selectors: search results with availability, and a record's holdings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from folkbib.catalog.models import ItemStatus, Record
from folkbib.catalog.selectors import RecordRow, record_detail, search
from folkbib.catalog.tests.search_helpers import (
    ids,
    index_everything,
    make_item,
    make_record,
)
from folkbib.consortium.models import Municipality

pytestmark = pytest.mark.django_db


def test_each_hit_shows_its_availability_per_branch_in_one_items_query(
    places, search_backend, django_assert_num_queries
):
    records = [make_record(f"Älvdalen del {n}") for n in range(4)]
    first = records[0]
    make_item(first, places["umea-stad"], shelf_mark="Hc")
    make_item(first, places["umea-stad"], ItemStatus.ON_LOAN, due_back=dt.date(2025, 3, 20))
    make_item(first, places["umea-stad"], ItemStatus.ON_LOAN, due_back=dt.date(2025, 3, 9))
    make_item(first, places["vindeln"], ItemStatus.IN_TRANSIT, shelf_mark="Hc")
    for record in records[1:]:
        make_item(record, places["holmsund"])
    index_everything()

    search("älvdalen")  # the branch table, read once under its stamp (see below)
    # records + items (with the places stamp); the PostgreSQL engine adds its statement
    # and the planner's estimate of the matches before it (is the search broad?)
    expected = 2 + (2 if search_backend == "postgres" else 0)
    with django_assert_num_queries(expected):
        results = search("älvdalen")
        rows = {
            hit.record.id: [
                (a.branch.name, a.municipality.name, a.available, a.total, a.next_due)
                for a in hit.availability
            ]
            for hit in results.hits
        }
        _ = [f.label for values in results.facets.values() for f in values]

    assert rows[first.id] == [
        ("Umeå stadsbibliotek", "Umeå", 1, 3, dt.date(2025, 3, 9)),
        ("Vindelns bibliotek", "Vindeln", 0, 1, None),
    ]
    umea = results.hits[ids(results).index(first.id)].availability[0]
    assert umea.statuses == {"available": 1, "on_loan": 2}
    assert umea.shelf_marks == ["Hc"]
    assert all(rows[r.id] == [("Holmsunds bibliotek", "Umeå", 1, 1, None)] for r in records[1:])


def test_a_record_page_reads_no_branch_rows_while_the_stamp_stands(
    places, django_assert_num_queries
):
    record = make_record("Tundran")
    make_item(record, places["vindeln"])
    make_item(record, places["umea-stad"], ItemStatus.ON_LOAN, due_back=dt.date(2025, 3, 9))
    record_detail(record.pk)

    with django_assert_num_queries(2):  # the record; its items, with the places stamp
        detail = record_detail(record.pk)
        # The items' branches are the shared instances: reading them reads nothing.
        names = [
            (row.item.owning_branch.name, row.item.current_branch.name)
            for group in detail.holdings
            for row in group.rows
        ]

    assert sorted(names) == [
        ("Umeå stadsbibliotek", "Umeå stadsbibliotek"),
        ("Vindelns bibliotek", "Vindelns bibliotek"),
    ]


@pytest.mark.usefixtures("search_backend")
def test_withdrawn_and_lost_items_are_neither_shown_nor_counted(places):
    record = make_record("Tundran")
    make_item(record, places["vindeln"], ItemStatus.WITHDRAWN)
    make_item(record, places["umea-stad"], ItemStatus.LOST)
    index_everything()

    results = search("tundran")

    assert results.hits[0].availability == []
    assert results.facets["branch"] == []


@pytest.mark.usefixtures("search_backend")
def test_an_item_on_the_shelf_counts_where_it_stands_and_a_lent_one_at_its_owner(places):
    record = make_record("Skogen")
    make_item(record, places["umea-stad"], current_branch=places["vindeln"])
    make_item(record, places["holmsund"], ItemStatus.ON_LOAN, current_branch=places["vindeln"])
    index_everything()

    hit = search("skogen").hits[0]

    assert [(a.branch.code, a.available, a.total) for a in hit.availability] == [
        ("holmsund", 0, 1),
        ("vindeln", 1, 1),
    ]


@pytest.mark.usefixtures("search_backend")
def test_a_renamed_or_moved_branch_shows_its_new_name_in_the_next_search_and_record(places):
    record = make_record("Kusten")
    make_item(record, places["holmsund"])
    index_everything()
    assert search("kusten").hits[0].availability[0].branch.name == "Holmsunds bibliotek"

    holmsund = places["holmsund"]
    holmsund.name = "Holmsunds nya bibliotek"
    holmsund.municipality = places["vindeln"].municipality
    holmsund.save()
    results = search("kusten")

    row = results.hits[0].availability[0]
    assert (row.branch.name, row.municipality.name) == ("Holmsunds nya bibliotek", "Vindeln")
    assert [v.label for v in results.facets["branch"]] == ["Holmsunds nya bibliotek"]

    # The branches are kept in memory under a stamp that triggers renew on every change,
    # whoever writes: a queryset's update() sends no signal.
    Municipality.objects.filter(pk=holmsund.municipality_id).update(name="Vindelns kommun")
    assert search("kusten").hits[0].availability[0].municipality.name == "Vindelns kommun"
    holdings = record_detail(record.pk).holdings[0]
    assert (holdings.municipality.name, holdings.rows[0].item.current_branch.name) == (
        "Vindelns kommun",
        "Holmsunds nya bibliotek",
    )


@pytest.mark.usefixtures("search_backend")
def test_nonsense_sort_and_paging_values_are_clamped():
    make_record("Myren")
    index_everything()

    results = search("myren", sort="random()", page=0, per_page=10_000)

    assert (results.sort, results.page, results.per_page, results.total) == ("relevance", 1, 100, 1)


def test_hits_read_only_the_record_fields_asked_for(search_backend, django_assert_num_queries):
    make_record("Myren", subtitle="en roman", authors=["Ek, Eva"], subjects=["Myrar"])
    index_everything()

    # records + items (no places: the record has no items and the facets no branches);
    # the PostgreSQL engine adds its statement and the planner's estimate
    with django_assert_num_queries(2 + (2 if search_backend == "postgres" else 0)):
        brief = search("myren", record_fields=("title", "subtitle", "authors")).hits[0].record
        values = (brief.pk, brief.title, brief.subtitle, brief.authors)
    full = search("myren").hits[0].record

    assert values == (full.pk, "Myren", "en roman", ["Ek, Eva"])
    # Only those columns, as plain attributes: no model instance, nothing to read later.
    assert isinstance(brief, RecordRow)
    assert vars(brief) == {
        "pk": full.pk,
        "id": full.pk,
        "title": "Myren",
        "subtitle": "en roman",
        "authors": ["Ek, Eva"],
    }
    assert full.get_deferred_fields() == {"marc"}
    assert full.subjects == ["Myrar"]


@pytest.mark.usefixtures("search_backend")
def test_facet_labels_are_in_the_language_of_each_search(places):
    record = make_record("Myren", material_type="book", language="eng", languages=["eng"])
    make_item(record, places["vindeln"])
    index_everything()

    def labels() -> list[str]:
        facets = search("myren").facets
        return [v.label for key in ("material_type", "language", "available") for v in facets[key]]

    for _round in range(2):  # the labels are kept per language: none may leak into the other
        with translation.override("en"):
            assert labels() == ["Book", "English", "Available now"]
        with translation.override("sv"):
            assert labels() == ["Bok", "Engelska", "Tillgänglig nu"]


def test_a_record_detail_groups_items_by_municipality_and_branch(places):
    record = make_record("Fjällräven")
    make_item(record, places["vindeln"], shelf_mark="Hc")
    make_item(record, places["umea-stad"], ItemStatus.ON_LOAN)
    make_item(record, places["holmsund"])
    make_item(record, places["holmsund"], ItemStatus.WITHDRAWN)

    detail = record_detail(record.id)

    assert detail.record == record
    groups = [
        (g.municipality.name, g.available, g.total, [r.branch.code for r in g.rows])
        for g in detail.holdings
    ]
    assert groups == [
        ("Umeå", 1, 2, ["holmsund", "umea-stad"]),
        ("Vindeln", 1, 1, ["vindeln"]),
    ]


def test_a_record_detail_of_an_unknown_record_raises_does_not_exist():
    with pytest.raises(Record.DoesNotExist):
        record_detail(999_999)
