from __future__ import annotations

from urllib.parse import parse_qsl

from django.http import QueryDict

from folkbib.portal.params import LIST_PARAMS, SearchParams


def parse(query: str) -> SearchParams:
    return SearchParams.from_query(QueryDict(query))


def pairs(querystring: str) -> list[tuple[str, str]]:
    assert querystring.startswith("?")
    return parse_qsl(querystring[1:])


def test_it_reads_the_query_filters_sort_and_page():
    params = parse(
        "q=barn&material_type=book&material_type=ebook&year=1990-1999&available=1"
        "&municipality=2480&sort=title&page=3"
    )
    filters = params.to_filters()
    assert params.q == "barn"
    assert list(filters.material_types) == ["book", "ebook"]
    assert list(filters.municipalities) == ["2480"]
    assert (filters.year_from, filters.year_to) == (1990, 1999)
    assert filters.available_now is True
    assert (params.sort, params.page) == ("title", 3)


def test_it_ignores_junk_instead_of_failing():
    params = parse("q=%20%20&sort=random&page=-4&year=nittiotal&available=maybe")
    assert (params.q, params.sort, params.page, params.year, params.available) == (
        "",
        "relevance",
        1,
        "",
        False,
    )
    assert parse("page=abc").page == 1
    assert not params.is_search


def test_a_filter_without_a_query_is_still_a_search():
    assert parse("subject=Barn").is_search


def test_a_single_year_filters_that_year_only():
    filters = parse("year=1945").to_filters()
    assert (filters.year_from, filters.year_to) == (1945, 1945)


def test_toggling_a_facet_keeps_the_other_parameters_and_returns_to_page_one():
    params = parse("q=barn&language=swe&sort=newest&page=2")
    assert pairs(params.toggled("material_type", "book").querystring()) == [
        ("q", "barn"),
        ("material_type", "book"),
        ("language", "swe"),
        ("sort", "newest"),
    ]


def test_toggling_a_selected_value_removes_only_that_value():
    params = parse("q=x&language=swe&language=eng")
    assert pairs(params.toggled("language", "swe").querystring()) == [
        ("q", "x"),
        ("language", "eng"),
    ]
    assert pairs(params.toggled("available", "1").querystring()) == [
        ("q", "x"),
        ("language", "swe"),
        ("language", "eng"),
        ("available", "1"),
    ]


def test_paging_keeps_every_other_parameter():
    params = parse("q=barn&author=Lindgren%2C+Astrid&sort=title")
    assert pairs(params.on_page(2).querystring()) == [
        ("q", "barn"),
        ("author", "Lindgren, Astrid"),
        ("sort", "title"),
        ("page", "2"),
    ]


def test_clearing_filters_keeps_the_query_and_sort():
    params = parse("q=barn&subject=Barn&year=2001&available=1&sort=newest&page=4")
    assert pairs(params.without_filters().querystring()) == [("q", "barn"), ("sort", "newest")]


def test_many_facet_links_at_once_are_the_links_toggling_each_value_would_give():
    searches = [
        "",
        "q=barn",
        "q=r%C3%B6da+rummet&sort=title&page=4",
        "q=a%26b&material_type=book&material_type=e+book&language=swe&year=1990-1999"
        "&available=1&available_at=umea-stad&municipality=2480&branch=x&sort=newest&page=2",
        "author=Lindgren%2C+Astrid&subject=Barn&subject=Humor&page=7",
    ]
    values = ["book", "e book", "swe", "Lindgren, Astrid", "Humor", "Ny & fräsch", "2480", "1"]
    values += ["", "1990-1999", "umea-stad"]
    for search in searches:
        params = parse(search)
        for key in (*LIST_PARAMS, "year", "available", "available_at"):
            expected = [params.toggled(key, value).querystring() for value in values]
            assert params.toggled_querystrings(key, values) == expected, (search, key)
