"""The record page leads to the work's other editions and to each author's other works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.catalog.selectors import other_editions
from folkbib.catalog.tests.search_helpers import make_record

pytestmark = pytest.mark.django_db


def novel(material_type: str, *, author: str = "Strindberg, August", title: str = "Röda rummet"):
    return make_record(
        title, sort_title=title.lower(), authors=[author], material_type=material_type, year=1879
    )


def test_the_talking_book_of_a_novel_is_another_edition_of_it():
    book, talking = novel("book"), novel("talking_book")
    novel("book", author="Någon Annan")
    make_record("Hemsöborna", sort_title="hemsöborna", authors=["Strindberg, August"])
    assert other_editions(book) == [talking]
    assert other_editions(talking) == [book]


def test_records_without_an_author_are_never_grouped_as_one_work():
    report = make_record("Annual report", sort_title="annual report", authors=[])
    make_record("Annual report", sort_title="annual report", authors=[])
    assert other_editions(report) == []


def test_the_record_page_links_other_editions_and_the_authors_works(client):
    book, talking = novel("book"), novel("talking_book")
    page = client.get(reverse("portal:record", args=[book.id])).content.decode()
    assert "Andra utgåvor och format" in page
    assert reverse("portal:record", args=[talking.id]) in page and "Talbok (DAISY)" in page
    assert "?q=author%3A%22Strindberg%2C+August%22" in page
