"""A search that finds nothing offers the same search with the words respelt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.catalog.search import reindex_all
from folkbib.catalog.selectors import did_you_mean
from folkbib.catalog.tests.search_helpers import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(db):
    make_record("Röda rummet", authors=["Strindberg, August"])
    make_record("Mio, min Mio", authors=["Lindgren, Astrid"])
    make_record("Mördare utan ansikte", authors=["Mankell, Henning"])
    reindex_all()


def test_misspelt_names_and_titles_are_respelt_from_the_catalogue(works):
    assert did_you_mean("strinberg") == "Strindberg"
    assert did_you_mean("Astrid Lingren") == "Astrid Lindgren"
    assert did_you_mean("mördare utan ansickte") == "mördare utan ansikte"


def test_nothing_is_suggested_when_nothing_is_close_or_the_query_is_fielded(works):
    assert did_you_mean("xyzzyplugh") is None
    assert did_you_mean('author:"strinberg"') is None
    assert did_you_mean("Strindberg") is None  # already spelt as in the catalogue


def test_the_empty_result_page_links_the_respelt_search(client, works):
    page = client.get(reverse("portal:search"), {"q": "strinberg"}).content.decode()
    assert 'Menade du <a href="?q=Strindberg">Strindberg</a>?' in page
