"""The search page's hits and facet links, rendered in Python: escaped as a template would."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from folkbib.portal.params import SearchParams
from folkbib.portal.presentation import FacetGroup, FacetLink, pagination
from folkbib.portal.templatetags.portal import (
    facet_sections,
    hit_html,
    page_of_pages,
    pagination_html,
    result_count,
    search_title,
    sort_toolbar,
)


def record(**fields):
    values = {
        "pk": 7,
        "title": "Tom & Jerry <i>",
        "subtitle": "",
        "authors": [],
        "material_type": "talking_book",
        "year": None,
        "language": "",
    }
    values.update(fields)
    return SimpleNamespace(**values)


def test_a_hit_escapes_what_the_catalogue_says_and_links_the_record():
    html = hit_html(
        record(subtitle='"A" <b>', authors=["Ek & Al", "<Bo>"]),
        (False, "Inga <exemplar>"),
        page_language="sv",
    )
    assert 'href="/post/7/"' in html
    assert "Tom &amp; Jerry &lt;i&gt;" in html
    assert '<span class="subtitle"> : &quot;A&quot; &lt;b&gt;</span>' in html
    assert '<p class="hit-authors">Ek &amp; Al; &lt;Bo&gt;</p>' in html
    assert '<p class="availability is-unavailable">Inga &lt;exemplar&gt;</p>' in html
    assert "<i>" not in html and "<b>" not in html


def test_a_hit_marks_a_title_in_another_language_and_names_type_year_and_language():
    with translation.override("en"):
        english_page = hit_html(record(language="swe", year=1945), None, page_language="en")
    assert 'href="/post/7/" lang="sv">' in english_page
    sep = '<span class="sep" aria-hidden="true"> · </span><span class="visually-hidden">, </span>'
    assert (
        f'<p class="hit-meta"><span class="material">Talking book (DAISY)</span>{sep}1945'
        f"{sep}Swedish</p>"
    ) in english_page
    assert "availability" not in english_page  # no summary on the welcome page
    with translation.override("sv"):
        swedish_page = hit_html(record(language="swe"), None, page_language="sv")
    assert 'href="/post/7/">' in swedish_page  # the page's own language needs no mark
    assert "Svenska</p>" in swedish_page


def test_the_welcome_page_template_renders_its_hits_with_the_same_markup():
    hit = SimpleNamespace(record=record(authors=["Lindgren, Astrid"]))
    with translation.override("sv"):
        rendered = Template('{% include "portal/_hit.html" %}').render(
            Context({"hit": hit, "summary": (True, "På hyllan")})
        )
        assert rendered.strip() == hit_html(hit.record, (True, "På hyllan"), page_language="sv")


def test_a_selected_facet_link_is_checked_and_says_it_removes_the_filter():
    group = FacetGroup(
        key="material_type",
        legend="Medietyp",
        links=[
            FacetLink(label="Bok", count=1234, selected=True, url="?q=a&material_type=book"),
            FacetLink(label="<Film>", count=5, selected=False, url="?q=a&material_type=film"),
        ],
    )
    with translation.override("sv"):
        html = facet_sections([group])
    assert '<section class="facet" aria-labelledby="facet-material_type">' in html
    assert '<h3 id="facet-material_type">Medietyp</h3>' in html
    selected, other = html.split("<li>")[1:]
    assert '<a href="?q=a&amp;material_type=book" class="facet-link is-selected">' in selected
    assert '<span class="visually-hidden">Ta bort filtret: </span>Bok' in selected
    assert '(1234<span class="visually-hidden"> träffar</span>)' in selected
    assert '<a href="?q=a&amp;material_type=film" class="facet-link">' in other
    assert "&lt;Film&gt;" in other and "Ta bort filtret" not in other


def test_an_estimated_facet_count_says_in_words_that_it_is_approximate():
    group = FacetGroup(
        key="author",
        legend="Författare",
        links=[
            FacetLink(label="Ek, Eva", count=1200, selected=False, url="?a", estimated=True),
            FacetLink(label="Ek, Per", count=5, selected=False, url="?b"),
        ],
    )
    with translation.override("sv"):
        swedish = facet_sections([group])
    with translation.override("en"):
        english = facet_sections([group])

    estimated, exact = swedish.split("<li>")[1:]
    assert '(cirka 1200<span class="visually-hidden"> träffar</span>)' in estimated
    assert '(5<span class="visually-hidden"> träffar</span>)' in exact
    assert '(about 1200<span class="visually-hidden"> results</span>)' in english


def test_the_pagination_links_the_ends_a_window_and_the_neighbours_escaped():
    params = SearchParams.from_query(QueryDict("q=barn+%26+unga&page=10"))
    with translation.override("sv"):
        html = pagination_html(pagination(params, total=400, per_page=20))
        one_page = pagination_html(pagination(params.on_page(1), total=20, per_page=20))

    assert '<nav class="pagination" aria-label="Sidor i sökresultatet">' in html
    links = re.findall(r'<li><a href="([^"]*)"([^>]*)>(.*?)</a></li>', html)
    assert [(url, attrs) for url, attrs, _text in links] == [
        ("?q=barn+%26+unga&amp;page=9", ' rel="prev"'),
        ("?q=barn+%26+unga", ""),
        ("?q=barn+%26+unga&amp;page=8", ""),
        ("?q=barn+%26+unga&amp;page=9", ""),
        ("?q=barn+%26+unga&amp;page=10", ' aria-current="page"'),
        ("?q=barn+%26+unga&amp;page=11", ""),
        ("?q=barn+%26+unga&amp;page=12", ""),
        ("?q=barn+%26+unga&amp;page=20", ""),
        ("?q=barn+%26+unga&amp;page=11", ' rel="next"'),
    ]
    assert links[1][2] == '<span class="visually-hidden">Sida </span>1'
    assert links[-1][2] == 'Nästa<span class="visually-hidden"> sida</span>'
    assert html.count('<li class="gap" aria-hidden="true">…</li>') == 2
    assert "<nav" not in one_page


# What search.html's blocktranslate tags were, for the tags that replaced them.
_TEMPLATE_TITLE = (
    "{% load i18n %}{% if params.q %}{% blocktranslate with q=params.q %}”{{ q }}”: "
    "{% endblocktranslate %}{% endif %}{% blocktranslate count counter=results.total trimmed %}\n"
    "  {{ counter }} träff\n{% plural %}\n  {{ counter }} träffar\n{% endblocktranslate %}"
    "{% if pagination %}, {% blocktranslate with page=pagination.page "
    "pages=pagination.page_count trimmed %}sida {{ page }} av {{ pages }}{% endblocktranslate %}"
    '{% endif %} – {% translate "Sök i katalogen" %}'
)
_TEMPLATE_COUNT = (
    "{% load i18n %}{% if results.estimated %}{% if params.q %}"
    "{% blocktranslate with counter=results.total q=params.q trimmed %}\n"
    "          Cirka {{ counter }} träffar för ”{{ q }}”\n"
    "        {% endblocktranslate %}{% else %}"
    "{% blocktranslate with counter=results.total trimmed %}\n"
    "          Cirka {{ counter }} träffar\n"
    "        {% endblocktranslate %}{% endif %}{% elif params.q %}"
    "{% blocktranslate count counter=results.total with q=params.q trimmed %}\n"
    "          {{ counter }} träff för ”{{ q }}”\n"
    "        {% plural %}\n"
    "          {{ counter }} träffar för ”{{ q }}”\n"
    "        {% endblocktranslate %}{% else %}"
    "{% blocktranslate count counter=results.total trimmed %}\n"
    "          {{ counter }} träff\n"
    "        {% plural %}\n"
    "          {{ counter }} träffar\n"
    "        {% endblocktranslate %}{% endif %}"
)
_TEMPLATE_PAGE = (
    "{% load i18n %}{% blocktranslate with page=pagination.page pages=pagination.page_count "
    "trimmed %}Sida {{ page }} av {{ pages }}{% endblocktranslate %}"
)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_the_title_count_and_page_read_as_the_template_had_them(language):
    states = [
        (q, total, sampled, page)
        for q in ("", "barn & <unga>")
        for total in (0, 1, 2, 12_500)
        for sampled in (0, 2_500)
        for page in (None, SimpleNamespace(page=2, page_count=3))
    ]
    with translation.override(language):
        for q, total, sampled, page in states:
            params = SimpleNamespace(q=q)
            results = SimpleNamespace(total=total, estimated=sampled > 0, sampled=sampled)
            context = Context({"params": params, "results": results, "pagination": page})
            assert search_title(params, results, page) == Template(_TEMPLATE_TITLE).render(context)
            assert result_count(params, results) == Template(_TEMPLATE_COUNT).render(context)
            if page:
                assert page_of_pages(page) == Template(_TEMPLATE_PAGE).render(context)


_TEMPLATE_TOOLBAR = (
    '{% load i18n %}<div class="toolbar">\n'
    '        <a class="to-facets" href="#facets">{% translate "Gå till avgränsningar" %}</a>\n'
    '        <form class="sort-form" method="get" action="{% url \'portal:search\' %}">\n'
    "          {% for name, value in sort_hidden %}"
    '<input type="hidden" name="{{ name }}" value="{{ value }}">{% endfor %}\n'
    '          <label for="sort">{% translate "Sortera efter" %}</label>\n'
    '          <select id="sort" name="sort">\n'
    '            <option value="relevance"{% if params.sort == "relevance" %} selected{% endif %}>'
    '{% translate "relevans" %}</option>\n'
    '            <option value="newest"{% if params.sort == "newest" %} selected{% endif %}>'
    '{% translate "nyast först" %}</option>\n'
    '            <option value="title"{% if params.sort == "title" %} selected{% endif %}>'
    '{% translate "titel (A–Ö)" %}</option>\n'
    "          </select>\n"
    '          <button type="submit">{% translate "Sortera" %}</button>\n'
    "        </form>\n"
    "      </div>"
)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_the_sort_toolbar_reads_as_the_template_had_it(language):
    hidden_sets = [[], [("q", 'barn & "unga" <i>'), ("material_type", "book"), ("year", "1990")]]
    with translation.override(language):
        for sort in ("relevance", "newest", "title"):
            for hidden in hidden_sets:
                context = Context({"params": SimpleNamespace(sort=sort), "sort_hidden": hidden})
                assert sort_toolbar(sort, hidden) == Template(_TEMPLATE_TOOLBAR).render(context)
