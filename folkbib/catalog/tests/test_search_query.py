"""The query language and the Swedish sort key (pure: no database)."""

from __future__ import annotations

import pytest

from folkbib.catalog.search import QuerySyntaxError, parse_query, swedish_sort_key
from folkbib.catalog.search.documents import build_document, isbn_variants
from folkbib.catalog.search.query import Isbn, Text, YearRange


def test_it_reads_words_phrases_and_fields():
    parsed = parse_query('pippi titel:"röda rummet" author:Strindberg år:1879-1880')

    assert parsed.clauses == (
        Text("pippi"),
        Text("röda rummet", field="title", phrase=True),
        Text("Strindberg", field="author"),
        YearRange(1879, 1880),
    )


def test_it_closes_an_unbalanced_quote_at_the_end():
    assert parse_query('"pippi långstrump').clauses == (Text("pippi långstrump", phrase=True),)


def test_a_field_with_a_space_before_its_value_still_applies():
    assert parse_query("title: pippi").clauses == (Text("pippi", field="title"),)


def test_it_drops_a_field_with_no_value():
    assert parse_query("pippi title:").clauses == (Text("pippi"),)


def test_an_unknown_field_is_plain_text():
    assert parse_query("Dune: roman").clauses == (Text("Dune"), Text("roman"))


def test_a_single_year_and_a_reversed_range_are_understood():
    assert parse_query("year:1998").clauses == (YearRange(1998, 1998),)
    assert parse_query("year:2000-1990").clauses == (YearRange(1990, 2000),)
    assert parse_query("year:1990-").clauses == (YearRange(1990, None),)


def test_it_refuses_a_year_it_cannot_read():
    with pytest.raises(QuerySyntaxError, match="year:1990-2000"):
        parse_query("year:abc")


def test_it_refuses_an_isbn_of_the_wrong_length():
    with pytest.raises(QuerySyntaxError, match="ISBN"):
        parse_query("isbn:12345")


def test_a_bare_isbn_becomes_an_isbn_search_in_both_forms():
    assert parse_query("91-29-65762-8").clauses == (Isbn(("9789129657623", "9129657628")),)


def test_it_refuses_a_query_longer_than_a_patron_would_type():
    with pytest.raises(QuerySyntaxError):
        parse_query("bok " * 200)


def test_isbn_variants_give_both_forms_and_keep_invalid_ones():
    assert isbn_variants("978-91-29-65762-3") == ["9789129657623", "9129657628"]
    assert isbn_variants("979-10-90636-07-1") == ["9791090636071"]
    assert isbn_variants("91-29-0000-1") == ["912900001"]


def test_the_sort_key_follows_swedish_order_with_v_equal_to_w_and_u_umlaut_as_y():
    titles = [
        "Öl",
        "Åsa",
        "Ärlig",
        "Zorn",
        "Yxa",
        "Über",
        "Wilma",
        "Vinter",
        "Émile",
        "Apa",
        "1984",
    ]

    ordered = sorted(titles, key=swedish_sort_key)

    assert ordered == [
        "1984",
        "Apa",
        "Émile",
        "Wilma",
        "Vinter",
        "Über",
        "Yxa",
        "Zorn",
        "Åsa",
        "Ärlig",
        "Öl",
    ]


def test_a_document_carries_holdings_and_both_isbn_forms():
    class Fields:
        title = "Mio, min Mio"
        subtitle = ""
        sort_title = "Mio, min Mio"
        authors = ["Lindgren, Astrid"]
        subjects = ["Sagor"]
        genres = ["Fantasy"]
        isbns = ["9789129657623"]
        year = 1954
        language = "swe"
        languages = ["swe"]
        material_type = "book"
        series = []
        summary = ""

    from folkbib.catalog.search import Holding

    doc = build_document(
        record_id=7,
        fields=Fields(),
        holdings=[Holding("umea-stad", "2480", False), Holding("vindeln", "2404", True)],
    )

    assert doc.isbns == ["9789129657623", "9129657628"]
    assert doc.subjects == ["Sagor", "Fantasy"]
    assert doc.branches == ["umea-stad", "vindeln"]
    assert doc.municipalities == ["2480", "2404"]
    assert doc.available_branches == ["vindeln"]
    assert doc.available is True
