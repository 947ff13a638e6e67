"""CQL -> the catalogue's query tree (pure): the shapes the engines receive."""

from __future__ import annotations

import pytest

from folkbib.catalog.search.query import AllOf, AnyOf, Isbn, Near, Not, Term, Text, YearRange
from folkbib.protocols.sru.cql import parse
from folkbib.protocols.sru.diagnostics import SruDiagnostic
from folkbib.protocols.sru.translate import translate


def clauses(query: str) -> tuple[object, ...]:
    return translate(parse(query)).query.clauses


def test_an_and_of_fielded_words_is_the_plain_fast_path():
    assert clauses("dc.title=pippi and dc.creator=lindgren and dc.date>=1945") == (
        Text("pippi", field="title"),
        Text("lindgren", field="author"),
        YearRange(1945, None),
    )


def test_or_and_not_become_tree_clauses():
    assert clauses("pippi or emil not dc.date=1963") == (
        AnyOf((Text("pippi"), Text("emil"))),
        Not(YearRange(1963, 1963)),
    )


def test_several_words_with_equals_are_all_required_and_adj_is_a_phrase():
    assert clauses('dc.title="röda rummet"') == (
        Text("röda", field="title"),
        Text("rummet", field="title"),
    )
    assert clauses('dc.title="röda rummet" or dc.title=hemsöborna') == (
        AnyOf(
            (
                AllOf((Text("röda", field="title"), Text("rummet", field="title"))),
                Text("hemsöborna", field="title"),
            )
        ),
    )
    assert clauses('dc.title adj "röda rummet"') == (
        Text("röda rummet", field="title", phrase=True),
    )
    assert clauses('dc.subject any "troll hattifnattar"') == (
        AnyOf((Text("troll", field="subject"), Text("hattifnattar", field="subject"))),
    )


def test_truncation_marks_the_last_word_as_a_prefix():
    assert clauses('dc.title adj "pippi långstr*"') == (
        Text("pippi långstr", field="title", phrase=True, prefix=True),
    )


def test_identifiers_become_isbn_and_number_terms():
    assert clauses("bath.isbn=91-0-056322-6") == (Isbn(("9789100563226", "9100563226")),)
    assert clauses("bath.issn=0006-1867") == (Term("number", ("issn:00061867",)),)
    assert clauses("rec.identifier=SE-LIBR:123") == (
        Term("number", ("issn:selibr:123", "id:selibr:123")),
    )
    assert clauses("dc.identifier=9789100563226") == (
        AnyOf(
            (
                Isbn(("9789100563226", "9100563226")),
                Term("number", ("issn:9789100563226", "id:9789100563226")),
            )
        ),
    )


def test_languages_and_types_are_exact_terms():
    assert clauses("dc.language=sv") == (Term("language", ("swe",)),)
    assert clauses('dc.type any "film map"') == (
        AnyOf((Term("material_type", ("film",)), Term("material_type", ("map",)))),
    )
    assert clauses("dc.type=sound") == (
        Term("material_type", ("audiobook", "talking_book", "music")),
    )


def test_prefix_assignment_decides_the_context_set():
    assert clauses('>z="info:srw/cql-context-set/1/dc-v1.1" z.title=pippi') == (
        Text("pippi", field="title"),
    )


def test_sort_by_title_and_date():
    assert translate(parse("pippi sortBy dc.title")).sort == "title"
    assert translate(parse("pippi sortBy dc.date/sort.descending")).sort == "newest"
    assert translate(parse("pippi")).sort == "relevance"


def test_proximity_of_two_words_in_one_index():
    assert clauses("barnen prox staden") == (Near("barnen", "staden", 1),)
    assert clauses("dc.title=barnen prox/unit=word/distance<=4 dc.title=staden") == (
        Near("barnen", "staden", 4, field="title"),
    )
    assert clauses("a prox/distance<3/unordered b") == (Near("a", "b", 2),)


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("a prox/ordered b", 43),
        ("a prox/unit=sentence b", 42),
        ("a prox/distance=2 b", 40),
        ("a prox/distance<=11 b", 41),
        ("a prox/distance<1 b", 41),
        ("a prox/weight=2 b", 46),
        ("dc.title=a prox dc.creator=b", 18),
        ('a prox "b c"', 37),
        ("(a or b) prox c", 37),
        ("bath.isbn=1 prox bath.isbn=2", 18),
    ],
)
def test_proximity_that_cannot_be_run_is_the_right_diagnostic(query, number):
    with pytest.raises(SruDiagnostic) as raised:
        translate(parse(query))
    assert raised.value.number == number


@pytest.mark.parametrize("query", ["a " + "or a " * 65, "x.title=a"])
def test_what_cannot_be_run_is_a_diagnostic(query):
    with pytest.raises(SruDiagnostic):
        translate(parse(query))
