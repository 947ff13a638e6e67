"""Browsing without a query: material types, subjects, each municipality's new arrivals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from folkbib.catalog.search import reindex_all
from folkbib.catalog.selectors import new_arrivals
from folkbib.catalog.tests import search_helpers
from folkbib.catalog.tests.search_helpers import make_item, make_record

pytestmark = pytest.mark.django_db
places = search_helpers.places


def test_new_arrivals_are_the_titles_most_recently_given_a_copy_in_the_municipality(client, places):
    old, new, elsewhere = (
        make_record("Förra årets bok"),
        make_record("Höstens nyhet"),
        make_record("Annanstans"),
    )
    make_item(old, places["umea-stad"], created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    make_item(new, places["holmsund"], created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    make_item(elsewhere, places["vindeln"], created_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    umea = places["umea-stad"].municipality
    assert [record for record, _added in new_arrivals(umea)] == [new, old]
    page = client.get(reverse("portal:new_arrivals", args=[umea.code])).content.decode()
    assert page.index("Höstens nyhet") < page.index("Förra årets bok") and "Annanstans" not in page


def test_the_browse_page_lists_material_types_and_subjects_with_counts(client, places):
    talking = make_record("Tystnaden", material_type="talking_book", subjects=["Ljud"])
    make_item(talking, places["umea-stad"])
    make_item(make_record("Boken", subjects=["Ljud"]), places["umea-stad"])
    reindex_all()
    page = client.get(reverse("portal:browse")).content.decode()
    assert (
        '<a href="/?material_type=talking_book">Talbok (DAISY)</a> <span class="count">(1)</span>'
        in page
    )
    assert 'Ljud</a> <span class="count">(2)</span>' in page
    assert reverse("portal:new_arrivals", args=["2480"]) in page


def test_the_browse_page_says_when_its_subject_counts_are_estimated(client, places, monkeypatch):
    from folkbib.catalog.search import tantivy_backend, tantivy_schema

    # Every record in the first sample group, so the sample holds all three whatever
    # ids the database gives them (PostgreSQL's sequences do not start again per test).
    monkeypatch.setattr(tantivy_schema, "sample_group", lambda record_id: 0)
    for title in ("Tystnaden", "Boken", "Sången"):
        make_item(make_record(title, subjects=["Ljud"]), places["umea-stad"])
    reindex_all()
    monkeypatch.setattr(tantivy_backend, "SAMPLED_FROM", 2)  # the whole catalogue: 3
    monkeypatch.setattr(tantivy_backend, "SAMPLE_SIZE", 2)

    page = client.get(reverse("portal:browse")).content.decode()

    assert 'Ljud</a> <span class="count">(cirka 3)</span>' in page
