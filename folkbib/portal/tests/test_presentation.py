from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.http import QueryDict
from django.utils import translation

from folkbib.portal.params import SearchParams
from folkbib.portal.presentation import (
    availability_summary,
    facet_groups,
    pagination,
    value_label,
)


def row(municipality: str, available: int, total: int, next_due: dt.date | None = None):
    return SimpleNamespace(
        municipality=SimpleNamespace(name=municipality),
        available=available,
        total=total,
        next_due=next_due,
    )


def test_it_says_where_a_title_is_on_the_shelf_per_municipality():
    rows = [row("Umeå", 1, 1), row("Umeå", 2, 2), row("Vindeln", 1, 1), row("Vännäs", 0, 1)]
    with translation.override("sv"):
        assert availability_summary(rows) == (
            True,
            "Tillgänglig på 3 bibliotek i Umeå, Vindeln",
        )
    with translation.override("en"):
        assert availability_summary(rows[:1]) == (True, "Available at 1 library in Umeå")


def test_the_shelf_sentence_follows_the_page_language_each_time():
    # The sentences are kept per language, number and places: none may leak into another.
    rows = [row("Umeå", 1, 1), row("Vindeln", 1, 1)]
    for _round in range(2):
        with translation.override("en"):
            assert availability_summary(rows)[1] == "Available at 2 libraries in Umeå, Vindeln"
            assert availability_summary(rows[1:])[1] == "Available at 1 library in Vindeln"
        with translation.override("sv"):
            assert availability_summary(rows)[1] == "Tillgänglig på 2 bibliotek i Umeå, Vindeln"
            assert availability_summary(rows[1:])[1] == "Tillgänglig på 1 bibliotek i Vindeln"


def test_it_gives_the_first_return_date_when_every_copy_is_out():
    rows = [row("Umeå", 0, 2, dt.date(2026, 12, 10)), row("Vindeln", 0, 1, dt.date(2026, 12, 3))]
    with translation.override("sv"):
        assert availability_summary(rows) == (
            False,
            "Alla 3 exemplar är utlånade, första åter 3 december 2026",
        )


def test_it_says_so_when_the_region_has_no_copy():
    with translation.override("sv"):
        assert availability_summary([]) == (False, "Inga exemplar i regionen")


def test_pagination_shows_the_ends_and_a_window_around_the_current_page():
    params = SearchParams.from_query(QueryDict("q=barn&page=10"))
    pages = pagination(params, total=400, per_page=20)
    assert pages is not None
    numbers = [link.number if link else None for link in pages.links]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert [link.number for link in pages.links if link and link.current] == [10]
    assert pages.previous_url == "?q=barn&page=9"
    assert pages.next_url == "?q=barn&page=11"


def test_one_page_of_results_needs_no_pagination():
    params = SearchParams.from_query(QueryDict("q=barn"))
    assert pagination(params, total=20, per_page=20) is None


def test_facet_value_labels_follow_the_page_language_each_time():
    # The translated labels are kept per language: a Swedish page after an English one
    # must not reuse the English words.
    for _round in range(2):
        with translation.override("en"):
            labels = [value_label("material_type", "book"), value_label("language", "eng")]
            assert labels == ["Book", "English"]
            assert value_label("available", "1") == "Available now"
        with translation.override("sv"):
            labels = [value_label("material_type", "book"), value_label("language", "eng")]
            assert labels == ["Bok", "Engelska"]
            assert value_label("available", "1") == "Tillgängliga nu"
    assert value_label("material_type", "zine", "Fanzine") == "Fanzine"
    assert value_label("author", "Ek, Eva") == "Ek, Eva"


def test_facet_legends_follow_the_page_language_each_time():
    facets = {"material_type": [SimpleNamespace(value="book", label="", count=3)]}
    params = SearchParams.from_query(QueryDict("q=barn"))
    for _round in range(2):
        with translation.override("en"):
            assert [g.legend for g in facet_groups(facets, params)] == ["Material type"]
        with translation.override("sv"):
            assert [g.legend for g in facet_groups(facets, params)] == ["Medietyp"]


def test_a_facet_link_is_estimated_when_its_value_count_is_and_not_when_it_is_nothing():
    facets = {
        "author": [
            SimpleNamespace(value="Ek, Eva", label="", count=1200, estimated=True),
            SimpleNamespace(value="Ek, Per", label="", count=0, estimated=True),
        ],
        "language": [SimpleNamespace(value="swe", label="", count=3)],
    }
    params = SearchParams.from_query(QueryDict("q=barn&author=Ek%2C+Per"))

    links = {g.key: g.links for g in facet_groups(facets, params)}

    assert [link.estimated for link in links["author"]] == [True, False]  # no "cirka 0"
    assert [link.estimated for link in links["language"]] == [False]
