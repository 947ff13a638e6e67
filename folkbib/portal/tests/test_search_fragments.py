"""The search page's hits and facet links, rendered in Python: escaped as a template would."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from folkbib.portal.presentation import FacetGroup, FacetLink
from folkbib.portal.templatetags.portal import facet_sections, hit_html


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
