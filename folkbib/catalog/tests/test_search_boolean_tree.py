"""The query tree edges such as SRU build (OR, NOT, nested AND, exact terms, prefixes),
on every engine this database supports."""

from __future__ import annotations

from typing import Any

import pytest

from folkbib.catalog.search import SearchRequest, get_backend
from folkbib.catalog.search.documents import number_key
from folkbib.catalog.search.query import (
    AllOf,
    AnyOf,
    Clause,
    Isbn,
    Near,
    Not,
    ParsedQuery,
    Term,
    Text,
    YearRange,
)
from folkbib.catalog.tests.search_helpers import index_everything, make_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


def found(*clauses: Clause, sort: str = "relevance") -> list[int]:
    result = get_backend().search(
        SearchRequest(query=ParsedQuery(tuple(clauses)), sort=sort, limit=50, facets=False)
    )
    return [hit.record_id for hit in result.hits]


@pytest.fixture
def shelf(db: Any) -> dict[str, Any]:
    records = {
        "pippi": make_record(
            "Pippi Långstrump",
            authors=["Lindgren, Astrid"],
            year=1945,
            isbns=["9789129657623"],
        ),
        "emil": make_record("Emil i Lönneberga", authors=["Lindgren, Astrid"], year=1963),
        "mumin": make_record(
            "Trollkarlens hatt",
            authors=["Jansson, Tove"],
            year=1948,
            language="fin",
            languages=["fin", "swe"],
        ),
        "nohyear": make_record("Okänd bok om troll", subjects=["Troll"]),
        "journal": make_record(
            "Biblioteksbladet",
            material_type="magazine",
            issns=["0006-1867"],
            control_number="12345",
            control_number_identifier="SE-LIBR",
            publisher="Svensk biblioteksförening",
            year=1916,
        ),
    }
    index_everything()
    return {name: record.id for name, record in records.items()}


def test_or_finds_records_matching_either_side(shelf):
    either = AnyOf((Text("pippi", field="title"), Text("hatt", field="title")))

    assert set(found(either)) == {shelf["pippi"], shelf["mumin"]}


def test_not_leaves_out_what_it_names(shelf):
    lindgren = Text("lindgren", field="author")

    assert found(lindgren, Not(Text("emil", field="title"))) == [shelf["pippi"]]


def test_not_alone_finds_everything_else(shelf):
    assert set(found(Not(Text("lindgren", field="author")))) == {
        shelf["mumin"],
        shelf["nohyear"],
        shelf["journal"],
    }


def test_not_of_a_year_range_keeps_records_without_a_year(shelf):
    assert set(found(Not(YearRange(None, 1950)))) == {shelf["emil"], shelf["nohyear"]}


def test_a_nested_and_inside_an_or(shelf):
    query = AnyOf(
        (
            AllOf((Text("lindgren", field="author"), YearRange(1960, None))),
            Text("troll", field="subject"),
        )
    )

    assert set(found(query)) == {shelf["emil"], shelf["nohyear"]}


def test_an_empty_or_finds_nothing_and_an_empty_and_everything(shelf):
    assert found(AnyOf(())) == []
    assert len(found(AllOf(()))) == 5


def test_language_and_material_type_are_exact_terms(shelf):
    assert found(Term("language", ("fin",))) == [shelf["mumin"]]
    assert found(Term("material_type", ("magazine",))) == [shelf["journal"]]
    assert found(Term("language", ("fi",))) == []


def test_issn_and_control_number_are_found_as_document_numbers(shelf):
    assert found(Term("number", ("issn:00061867",))) == [shelf["journal"]]
    assert found(Term("number", ("id:12345",))) == [shelf["journal"]]
    assert found(Term("number", (f"id:{number_key('SE-LIBR')}:12345",))) == [shelf["journal"]]
    # An ISSN is not taken for an ISBN.
    assert found(Isbn(("00061867",))) == []


def test_a_prefix_finds_words_that_begin_with_it(shelf):
    assert found(Text("pipp", field="title", prefix=True)) == [shelf["pippi"]]
    assert found(Text("långst", prefix=True)) == [shelf["pippi"]]
    assert found(Text("pippi långs", field="title", prefix=True)) == [shelf["pippi"]]
    assert found(Text("långs pippi", field="title", prefix=True)) == []  # a phrase
    assert found(Text("lonneb", prefix=True)) == [shelf["emil"]]


def test_the_publisher_is_searchable_in_other(shelf):
    assert found(Text("biblioteksförening", field="other")) == [shelf["journal"]]


def test_or_results_are_ranked_and_sortable_by_title(shelf):
    either = AnyOf((Text("lindgren", field="author"), Text("troll")))

    # "troll" is a word of its own: "Trollkarlens" is not found by it.
    assert set(found(either)) == {shelf["emil"], shelf["nohyear"], shelf["pippi"]}
    assert found(either, sort="title") == [shelf["emil"], shelf["nohyear"], shelf["pippi"]]


def test_near_finds_two_words_within_the_distance_in_either_order(db):
    close = make_record("Barnen i den stora staden")
    reversed_ = make_record("Staden och barnen")
    far = make_record("Barnen som reste ut ur landet och kom till staden")
    index_everything()

    # Distance counts positions: "barnen i den stora staden" is four apart.
    assert set(found(Near("barnen", "staden", 4))) == {close.id, reversed_.id}
    assert set(found(Near("barnen", "staden", 3))) == {reversed_.id}
    assert set(found(Near("staden", "barnen", 2, field="title"))) == {reversed_.id}
    assert set(found(Near("barnen", "staden", 10))) == {close.id, reversed_.id, far.id}
    assert found(Near("barnen", "staden", 1)) == []
