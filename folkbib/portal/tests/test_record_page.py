from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from folkbib.portal.tests.catalogue import Catalogue


def record_page(client, record_id: int, language: str = "sv") -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("portal:record", args=[record_id]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def field(html: str, label: str) -> str:
    match = re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, f"no field {label!r}"
    return text(match.group(1))


@pytest.mark.django_db
def test_it_shows_the_bibliographic_description(client, catalogue: Catalogue):
    html = record_page(client, catalogue.pippi.pk)
    assert "<title>Pippi Långstrump, Lindgren, Astrid – Bok – Mina bibliotek</title>" in html
    assert text(re.search(r"<h1.*?</h1>", html, re.S).group(0)) == "Pippi Långstrump"
    assert "Astrid Lindgren ; illustrationer av Ingrid Vang Nyman" in html
    assert field(html, "Författare") == "Lindgren, Astrid"
    assert field(html, "Serie") == "Pippi"
    assert field(html, "Upplaga") == "1. uppl."
    assert field(html, "Utgivningsår") == "1945"
    assert field(html, "Förlag") == "Rabén & Sjögren"
    assert field(html, "Språk") == "Svenska"
    assert field(html, "Medietyp") == "Bok"
    assert field(html, "ISBN") == "9789129657623"
    assert field(html, r"Klassifikation \(SAB\)") == "Hcf"
    assert "Villa Villekulla" in html


@pytest.mark.django_db
def test_each_subject_links_to_a_search_for_that_subject(client, catalogue: Catalogue):
    html = record_page(client, catalogue.pippi.pk)
    assert '<a href="/?q=subject%3A%22Barn%22">Barn</a>' in html
    followed = client.get("/?q=subject%3A%22Humor%22")
    assert "Pippi Långstrump" in followed.content.decode()


@pytest.mark.django_db
def test_availability_is_a_table_per_municipality_with_headers(client, catalogue: Catalogue):
    html = record_page(client, catalogue.pippi.pk)
    tables = re.findall(r"<table.*?</table>", html, re.S)
    captions = [text(re.search(r"<caption>(.*?)</caption>", t, re.S).group(1)) for t in tables]
    assert captions == [
        "Umeå (2 av 2 exemplar tillgängliga)",
        "Vindeln (1 av 1 exemplar tillgängligt)",
        "Vännäs (0 av 1 exemplar tillgängligt)",
    ]
    assert all('<th scope="col">Bibliotek</th>' in t for t in tables)
    rows = [text(r) for r in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.S)]
    assert rows == [
        "Holmsunds bibliotek Hcf På hyllan",
        "Umeå stadsbibliotek Hcf Lindgren På hyllan",
        "Vindelns bibliotek Hcf På hyllan",
        "Vännäs bibliotek Hcf Utlånad, åter 10 december 2026",
    ]


@pytest.mark.django_db
def test_items_in_transit_and_on_the_hold_shelf_say_so(client, catalogue: Catalogue):
    assert "Under transport mellan bibliotek" in record_page(client, catalogue.emil.pk)
    assert "Reserverad, på hämthyllan" in record_page(client, catalogue.hobbit.pk)


@pytest.mark.django_db
def test_a_title_in_another_language_is_marked_up_in_that_language(client, catalogue: Catalogue):
    html = record_page(client, catalogue.hobbit.pk)
    assert '<h1 id="record-title" lang="en">' in html
    assert field(html, "Språk") == "Engelska"


@pytest.mark.django_db
def test_the_record_page_in_english_names_the_language_in_english(client, catalogue: Catalogue):
    html = record_page(client, catalogue.pippi.pk, language="en")
    assert '<html lang="en" dir="ltr">' in html
    assert field(html, "Language") == "Swedish"
    assert field(html, "Material type") == "Book"
    assert "On loan, due back 10 December 2026" in html


@pytest.mark.django_db
def test_an_unknown_record_is_not_found(client, catalogue: Catalogue):
    response = client.get(reverse("portal:record", args=[999_999]))
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.django_db
def test_an_id_beyond_any_database_key_is_not_found(client, catalogue: Catalogue):
    response = client.get(reverse("portal:record", args=[2**64]))
    assert response.status_code == 404


def _plain_record(**fields: object):
    from folkbib.catalog.tests.search_helpers import make_record

    return make_record(fields.pop("title", "Titel"), **fields)


@pytest.mark.django_db
def test_every_text_of_a_record_is_shown_escaped(client, catalogue: Catalogue):
    evil = "<i>\"x\"</i> & 'y'"
    record = _plain_record(
        title=evil,
        subtitle=evil,
        responsibility=evil,
        authors=[evil],
        series=[evil],
        edition=evil,
        publisher=evil,
        isbns=[evil],
        sab=evil,
        subjects=[evil],
        summary=evil,
    )
    client.cookies["django_language"] = "sv"
    html = client.get(reverse("portal:record", args=[record.pk])).content.decode()
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    assert "<i>" not in article
    escaped = "&lt;i&gt;&quot;x&quot;&lt;/i&gt; &amp; &#x27;y&#x27;"
    # the title, subtitle and responsibility, eight fields (all but Medietyp and Språk)
    # and the summary
    assert article.count(escaped) == 11


@pytest.mark.django_db
def test_a_title_without_copies_says_so_and_offers_no_reservation(client, catalogue: Catalogue):
    html = record_page(client, _plain_record(title="Ensam titel").pk)
    assert "Det finns inga exemplar av den här titeln i regionen." in html
    assert "<table" not in html and "Reservera" not in html


@pytest.mark.django_db
def test_a_title_with_copies_can_be_reserved(client, catalogue: Catalogue):
    html = record_page(client, catalogue.pippi.pk)
    reserve = reverse("portal:reserve", args=[catalogue.pippi.pk])
    assert f'<a class="button" href="{reserve}">Reservera' in html
    assert "Hämta på valfritt bibliotek i regionen." in html


@pytest.mark.django_db
def test_a_summary_keeps_its_line_breaks(client, catalogue: Catalogue):
    html = record_page(client, _plain_record(summary="Första raden.\r\nAndra raden.").pk)
    assert "<p>Första raden.<br>Andra raden.</p>" in html


@pytest.mark.django_db
def test_two_authors_are_headed_as_several(client, catalogue: Catalogue):
    record = _plain_record(authors=["Lindgren, Astrid", "Vang Nyman, Ingrid"])
    assert field(record_page(client, record.pk, "en"), "Authors") == (
        "Lindgren, Astrid Vang Nyman, Ingrid"
    )
    assert field(record_page(client, catalogue.pippi.pk, "en"), "Author") == "Lindgren, Astrid"


@pytest.mark.django_db
def test_a_field_the_record_lacks_is_left_out(client, catalogue: Catalogue):
    html = record_page(client, _plain_record(title="Bara titel", language="").pk)
    fields = re.findall(r"<dt>(.*?)</dt>", html)
    assert fields == ["Medietyp"]


@pytest.mark.django_db
def test_a_visitors_record_page_costs_five_queries_however_many_copies(
    client, catalogue: Catalogue, django_assert_num_queries
):
    # the record, its items (with the places stamp: the branches are kept in memory
    # under it, so a first page reads them once), other editions, titles also
    # borrowed, and which community parts it has (none: the kept "none yet" block)
    record_page(client, catalogue.emil.pk)
    for record in (catalogue.pippi, catalogue.emil):  # four copies, one
        with django_assert_num_queries(5):
            record_page(client, record.pk)
