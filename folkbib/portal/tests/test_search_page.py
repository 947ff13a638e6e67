from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from folkbib.portal.tests.catalogue import Catalogue


def get(client: Client, query: str = "") -> str:
    response = client.get("/" + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return unescape(response.content.decode())


def hit_titles(html: str) -> list[str]:
    """The record titles of the hits, in page order."""
    return [
        re.sub(r"<[^>]+>", "", m)
        for m in re.findall(r'<h3 id="hit-\d+" class="hit-title"><a [^>]*>(.*?)</a>', html)
    ]


def heading(html: str) -> str:
    match = re.search(r'<h2 id="result-count">(.*?)</h2>', html, re.S)
    assert match, "no result count heading"
    return " ".join(match.group(1).split())


def title(html: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())


@pytest.mark.django_db
def test_the_front_page_welcomes_with_a_labelled_search_form_and_the_newest_titles(
    client, catalogue: Catalogue
):
    html = get(client)
    assert '<html lang="sv" dir="ltr">' in html
    assert '<form class="search-form" method="get" action="/" role="search">' in html
    assert '<label for="q">' in html
    assert 'name="q"' in html
    assert "Nytt i katalogen" in html
    assert hit_titles(html)[0] == "Sagor för barn 23"  # the newest year in the catalogue


@pytest.mark.django_db
def test_a_search_links_each_hit_to_its_record_and_says_where_it_is_available(
    client, catalogue: Catalogue
):
    html = get(client, "q=pippi")
    assert hit_titles(html) == ["Pippi Långstrump"]
    assert f'href="{reverse("portal:record", args=[catalogue.pippi.pk])}"' in html
    assert "Lindgren, Astrid" in html
    assert "1945" in html
    assert '<span class="material">Bok</span>' in html
    assert "Tillgänglig på 3 bibliotek i Umeå, Vindeln" in html


@pytest.mark.django_db
def test_the_count_names_the_query_in_the_heading_and_the_page_title(client, catalogue: Catalogue):
    html = get(client, "q=barn")
    assert heading(html) == f"{catalogue.barn_total} träffar för ”barn”"
    assert title(html).startswith(f"”barn”: {catalogue.barn_total} träffar, sida 1 av 2")


@pytest.mark.django_db
def test_a_title_that_is_all_out_on_loan_gives_its_return_date(client, catalogue: Catalogue):
    html = get(client, "q=lejonhjärta")
    assert "Exemplaret är utlånat, åter 10 december 2026" in html


@pytest.mark.django_db
def test_a_facet_link_narrows_the_search_and_keeps_the_query(client, catalogue: Catalogue):
    html = get(client, "q=lindgren")
    assert sorted(hit_titles(html)) == [
        "Bröderna Lejonhjärta",
        "Emil i Lönneberga",
        "Pippi Långstrump",
    ]
    link = re.search(r'<a href="([^"]+)" class="facet-link">\s*Talbok \(DAISY\)', html)
    assert link, "no link for the talking-book facet"
    narrowed = get(client, link.group(1).lstrip("?"))
    assert hit_titles(narrowed) == ["Emil i Lönneberga"]
    assert "Ta bort filtret Medietyp: Talbok (DAISY)" in re.sub(r"<[^>]+>", "", narrowed)


def facet_counts(html: str, key: str) -> list[str]:
    """How each count of a facet reads, a screen reader's hidden words included."""
    section = re.search(rf'aria-labelledby="facet-{key}">(.*?)</section>', html, re.S)
    assert section, f"no {key} facet"
    found = re.findall(r'<span class="count">\((.*?)</span>\)</span>', section.group(1))
    return [" ".join(re.sub(r"<[^>]+>", "", count).split()) for count in found]


@pytest.mark.django_db
def test_a_broad_search_says_its_author_and_subject_counts_are_approximate(
    client, catalogue: Catalogue, monkeypatch
):
    from folkbib.catalog.search import tantivy_backend

    monkeypatch.setattr(tantivy_backend, "SAMPLED_FROM", 10)  # "barn": 25 matches
    monkeypatch.setattr(tantivy_backend, "SAMPLE_SIZE", 20)

    broad = get(client, "q=barn")
    assert re.fullmatch(r"cirka \d+ träffar", facet_counts(broad, "author")[0])
    assert facet_counts(broad, "subject")[0] == "cirka 25 träffar"  # every match: the total
    assert facet_counts(broad, "material_type") == ["25 träffar"]
    assert facet_counts(get(client, "q=lindgren"), "author") == ["3 träffar"]


@pytest.mark.django_db
def test_filters_by_municipality_and_by_availability_combine(client, catalogue: Catalogue):
    assert sorted(hit_titles(get(client, "q=lindgren&municipality=2404"))) == [
        "Emil i Lönneberga",
        "Pippi Långstrump",
    ]
    assert hit_titles(get(client, "q=lindgren&available=1")) == ["Pippi Långstrump"]
    assert hit_titles(get(client, "q=lindgren&municipality=2404&available=1")) == [
        "Pippi Långstrump"
    ]


@pytest.mark.django_db
def test_results_are_paged_twenty_at_a_time_with_the_current_page_marked(
    client, catalogue: Catalogue
):
    first = get(client, "q=barn")
    second = get(client, "q=barn&page=2")
    assert len(hit_titles(first)) == 20
    assert len(hit_titles(second)) == catalogue.barn_total - 20
    assert not set(hit_titles(first)) & set(hit_titles(second))
    assert '<nav class="pagination" aria-label="Sidor i sökresultatet">' in second
    assert '<a href="?q=barn&page=2" aria-current="page">' in second
    assert '<ol class="hits" start="21">' in second


@pytest.mark.django_db
def test_sorting_by_title_follows_the_swedish_alphabet_and_newest_puts_recent_years_first(
    client, catalogue: Catalogue
):
    by_title = hit_titles(get(client, "q=barn&sort=title"))
    assert by_title[:3] == ["Bröderna Lejonhjärta", "Pippi Långstrump", "Sagor för barn 1"]
    newest = hit_titles(get(client, "q=barn&sort=newest"))
    assert newest[:2] == ["Sagor för barn 23", "Sagor för barn 22"]


@pytest.mark.django_db
def test_sorting_keeps_the_query_and_filters_in_the_sort_form(client, catalogue: Catalogue):
    html = get(client, "q=barn&subject=Barn&sort=newest")
    form = re.search(r'<form class="sort-form".*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="q" value="barn">' in form
    assert '<input type="hidden" name="subject" value="Barn">' in form
    assert '<option value="newest" selected>' in form


@pytest.mark.django_db
def test_no_hits_gives_helpful_advice(client, catalogue: Catalogue):
    html = get(client, "q=xyzzyplugh&material_type=film")
    assert heading(html) == "0 träffar för ”xyzzyplugh”"
    assert "Kontrollera stavningen" in html
    assert '<a href="?q=xyzzyplugh">Sök igen utan filter</a>' in html


@pytest.mark.django_db
def test_a_query_that_cannot_be_understood_is_explained_next_to_the_field(
    client, catalogue: Catalogue
):
    html = get(client, "q=year:nittiotal")
    assert 'id="query-error" role="status"' in html
    assert "nittiotal" in re.search(r'id="query-error".*?</div>', html, re.S).group(0)
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="query-error search-help"' in html


# Records and their items, each in one query (the PostgreSQL search backend adds its own
# search query): twenty hits cost what one hit costs. The facets' place names come from
# the branch table kept in memory under the stamp the items' query brings along, read
# once (the first search below) and again only after a branch or municipality changed.
EXPECTED_QUERIES = {"tantivy": 2, "postgres": 3}


@pytest.mark.django_db
def test_the_search_page_costs_a_fixed_number_of_queries(
    client, catalogue: Catalogue, django_assert_num_queries, settings
):
    expected = EXPECTED_QUERIES[settings.SEARCH_BACKEND]
    get(client, "q=emil")
    with django_assert_num_queries(expected):
        html = get(client, "q=barn")
    assert len(hit_titles(html)) == 20
    with django_assert_num_queries(expected):
        get(client, "q=pippi")


@pytest.mark.django_db
def test_a_search_is_a_get_request_only(client, catalogue: Catalogue):
    assert client.post("/", {"q": "barn"}).status_code == 405
