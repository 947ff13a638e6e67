"""What a patron notices when searching, on every engine this database supports."""

from __future__ import annotations

import pytest

from folkbib.catalog.models import ItemStatus, MaterialType
from folkbib.catalog.selectors import SearchFilters, search
from folkbib.catalog.tests.search_helpers import (
    ids,
    index_everything,
    make_item,
    make_record,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def test_swedish_stemming_finds_other_forms_of_a_word():
    barn = make_record("Barn i staden")
    gruva = make_record("Gruvarbetets dag")
    make_record("Hundar")
    index_everything()

    assert ids(search("barnens")) == [barn.id]
    assert ids(search("gruvarbetet")) == [gruva.id]


def test_a_place_is_found_with_or_without_its_diacritics():
    goteborg = make_record("Göteborg förr och nu")
    index_everything()

    assert ids(search("Göteborg")) == [goteborg.id]
    assert ids(search("Goteborg")) == [goteborg.id]
    assert ids(search("göteborg")) == [goteborg.id]


def test_exact_diacritics_rank_above_folded_matches():
    folded = make_record("Sagor om en sal")
    exact = make_record("Sagor om en säl")
    index_everything()

    assert ids(search("säl")) == [exact.id, folded.id]
    assert ids(search("sal")) == [folded.id, exact.id]


def test_a_phrase_matches_only_adjacent_words_in_order():
    phrase = make_record("Röda rummet")
    apart = make_record("Rummet med röda väggar")
    index_everything()

    assert ids(search('"röda rummet"')) == [phrase.id]
    assert set(ids(search("röda rummet"))) == {phrase.id, apart.id}


def test_fielded_search_looks_only_in_that_field():
    by_lindgren = make_record("Bröderna Lejonhjärta", authors=["Lindgren, Astrid"])
    about_lindgren = make_record("Lindgren och hennes värld", subjects=["Barnlitteratur"])
    in_series = make_record("Mysteriet", series=["Lindgrenserien"], authors=["Ek, Anna"])
    index_everything()

    assert ids(search("author:lindgren")) == [by_lindgren.id]
    assert ids(search("title:lindgren")) == [about_lindgren.id]
    assert ids(search("subject:barnlitteratur")) == [about_lindgren.id]
    assert ids(search("series:lindgrenserien")) == [in_series.id]
    assert ids(search('författare:"Lindgren, Astrid"')) == [by_lindgren.id]


def test_a_phrase_in_a_field_does_not_run_on_into_the_next_field():
    in_title = make_record("Röda rummet")
    across = make_record("Huset vid röda", authors=["Rummet, Anna"])  # röda, then Rummet
    index_everything()

    assert ids(search('title:"röda rummet"')) == [in_title.id]
    assert ids(search('author:"rummet anna"')) == [across.id]
    assert ids(search("title:rummet")) == [in_title.id]


def test_a_year_range_limits_the_hits():
    old = make_record("Kartor", year=1985)
    mid = make_record("Kartor igen", year=1995)
    new = make_record("Kartor nu", year=2021)
    index_everything()

    assert set(ids(search("kartor year:1990-2000"))) == {mid.id}
    assert set(ids(search("kartor year:-1995"))) == {old.id, mid.id}
    assert set(ids(search("kartor år:2021"))) == {new.id}
    filters = SearchFilters(year_from=1990)
    assert set(ids(search("kartor", filters))) == {mid.id, new.id}


@pytest.mark.parametrize(
    "query",
    ["9789129657623", "978-91-29-65762-3", "9129657628", "91-29-65762-8", "isbn:91-29-65762-8"],
)
def test_an_isbn_finds_its_record_in_either_form_with_or_without_hyphens(query):
    book = make_record("Mio, min Mio", isbns=["9789129657623"])
    make_record("Annan bok", isbns=["9789100000000"])
    index_everything()

    assert ids(search(query)) == [book.id]


def test_a_title_match_ranks_above_a_summary_only_match():
    summary_only = make_record("Resan", summary="En berättelse om en fyrvaktare.")
    in_title = make_record("Fyrvaktaren")
    index_everything()

    assert ids(search("fyrvaktaren")) == [in_title.id, summary_only.id]


def test_facets_count_the_matching_records(places):
    book = make_record(
        "Vargar i norr",
        material_type=MaterialType.BOOK,
        year=2001,
        authors=["Ek, Anna"],
        subjects=["Vargar"],
    )
    talking = make_record(
        "Vargar i söder",
        material_type=MaterialType.TALKING_BOOK,
        year=2001,
        authors=["Ek, Anna"],
        subjects=["Vargar", "Djur"],
        language="eng",
        languages=["eng"],
    )
    make_record("Vargar och får", material_type=MaterialType.BOOK, year=1999)
    make_record("Katter")
    make_item(book, places["umea-stad"])
    make_item(book, places["vindeln"], ItemStatus.ON_LOAN)
    make_item(talking, places["vindeln"], ItemStatus.ON_LOAN)
    index_everything()

    results = search("vargar")

    def counts(key):
        return {v.value: v.count for v in results.facets[key]}

    assert results.total == 3
    assert counts("material_type") == {"book": 2, "talking_book": 1}
    assert counts("language") == {"swe": 2, "eng": 1}
    assert counts("year") == {"2001": 2, "1999": 1}
    assert counts("author") == {"Ek, Anna": 2}
    assert counts("subject") == {"Vargar": 2, "Djur": 1}
    assert counts("municipality") == {"2480": 1, "2404": 2}
    assert counts("branch") == {"umea-stad": 1, "vindeln": 2}
    assert counts("available") == {"1": 1}
    labels = {v.value: v.label for v in results.facets["branch"]}
    assert labels["vindeln"] == "Vindelns bibliotek"
    assert {v.label for v in results.facets["municipality"]} == {"Umeå", "Vindeln"}
    assert {v.label for v in results.facets["material_type"]} == {"Bok", "Talbok (DAISY)"}


def test_filters_narrow_the_hits_and_mark_their_facet_values(places):
    here = make_record("Fjällen", material_type=MaterialType.BOOK)
    there = make_record("Fjällen i vinter", material_type=MaterialType.LARGE_PRINT)
    out = make_record("Fjällen i sommar", material_type=MaterialType.BOOK)
    make_item(here, places["umea-stad"])
    make_item(there, places["vindeln"])
    make_item(out, places["holmsund"], ItemStatus.ON_LOAN)
    index_everything()

    by_type = search("fjällen", SearchFilters(material_types=["book"]))
    assert set(ids(by_type)) == {here.id, out.id}
    assert [v.value for v in by_type.facets["material_type"] if v.selected] == ["book"]
    assert set(ids(search("fjällen", SearchFilters(municipalities=["2480"])))) == {here.id, out.id}
    assert set(ids(search("fjällen", SearchFilters(branches=["vindeln", "holmsund"])))) == {
        there.id,
        out.id,
    }
    assert set(ids(search("fjällen", SearchFilters(available_now=True)))) == {here.id, there.id}
    assert ids(search("fjällen", SearchFilters(available_at="vindeln"))) == [there.id]
    assert ids(search("", SearchFilters(available_at="holmsund"))) == []


def test_a_facet_limit_keeps_the_most_frequent_values_with_their_counts(places):
    for year, copies in ((1990, 4), (1991, 3), (1992, 2), (1993, 1)):
        for copy in range(copies):
            record = make_record(
                f"Sjöar {year} {copy}",
                year=year,
                authors=[f"Författare {year}"],
                subjects=[f"Ämne {year}"],
                material_type=MaterialType.BOOK if year < 1992 else MaterialType.FILM,
            )
            make_item(record, places["vindeln" if year == 1990 else "umea-stad"])
    index_everything()

    every = search("sjöar")
    two = search("sjöar", facet_limit=2)
    chosen = search("sjöar", SearchFilters(branches=["umea-stad", "holmsund"]), facet_limit=1)

    def pairs(results, key):
        return [(v.value, v.count) for v in results.facets[key]]

    assert two.total == every.total == 10
    assert pairs(every, "year") == [("1990", 4), ("1991", 3), ("1992", 2), ("1993", 1)]
    for key in ("year", "author", "subject", "material_type", "branch", "municipality"):
        assert pairs(two, key) == pairs(every, key)[:2], key
    assert pairs(two, "author") == [("Författare 1990", 4), ("Författare 1991", 3)]
    # A chosen value outside the limit is still listed, so that it can be unchosen.
    assert [(v.value, v.count, v.selected) for v in chosen.facets["branch"]] == [
        ("umea-stad", 6, True),
        ("holmsund", 0, True),
    ]


def test_title_order_is_swedish_alphabetical_order():
    for title in ["Öar", "Ängar", "Åar", "Zebror", "Apor", "Yxor", "Xylofoner"]:
        make_record(title, year=2000)
    index_everything()

    results = search("", sort="title")

    assert [hit.record.title for hit in results.hits] == [
        "Apor",
        "Xylofoner",
        "Yxor",
        "Zebror",
        "Åar",
        "Ängar",
        "Öar",
    ]


def test_newest_first_orders_by_year():
    old = make_record("Sjöar", year=1950)
    new = make_record("Sjöar i dag", year=2020)
    mid = make_record("Sjöar förr", year=1990)
    undated = make_record("Sjöar utan år")
    index_everything()

    assert ids(search("sjöar", sort="newest")) == [new.id, mid.id, old.id, undated.id]


def test_pages_split_the_hits_without_overlap():
    records = [make_record(f"Fåglar del {n}", year=1900 + n) for n in range(7)]
    index_everything()

    pages = [search("fåglar", sort="newest", page=p, per_page=3) for p in (1, 2, 3)]

    assert [len(p.hits) for p in pages] == [3, 3, 1]
    assert all(p.total == 7 for p in pages)
    assert [i for p in pages for i in ids(p)] == [r.id for r in reversed(records)]
    assert pages[2].page_count == 3


def test_an_unreadable_query_returns_a_readable_error_not_an_exception():
    make_record("Kartor", year=1985)
    index_everything()

    results = search("kartor year:förra")

    assert results.hits == [] and results.total == 0
    assert "förra" in results.error and "year:1990-2000" in results.error


@pytest.mark.parametrize("query", ['"pippi långstrump', "pippi title:", "title: pippi", "Pippi:"])
def test_broken_syntax_degrades_to_a_plain_search(query):
    pippi = make_record("Pippi Långstrump")
    index_everything()

    results = search(query)

    assert results.error is None
    assert ids(results) == [pippi.id]


def test_an_empty_query_lists_everything():
    records = [make_record(f"Bok {n}") for n in range(3)]
    index_everything()

    assert set(ids(search(""))) == {r.id for r in records}


def test_the_engine_answers_a_count_only_request():
    from folkbib.catalog.search import SearchRequest, get_backend, parse_query

    make_record("Älgar")
    make_record("Älgarnas skog")
    index_everything()

    result = get_backend().search(SearchRequest(query=parse_query("älgar"), limit=0))

    assert (result.total, result.hits) == (2, [])
