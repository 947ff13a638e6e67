"""Template filters and tags for the public portal.

The search page's repeated fragments (twenty hits, some seventy facet links) are
rendered here in Python rather than by nested template loops and includes: the
template engine spent about 10 µs on each of the ~500 variables they had, more than
the search itself. The markup is the one the templates had, escaped the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from html import escape as _escape_text
from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from folkbib.catalog.models import MaterialType
from folkbib.portal.languages import html_lang as _html_lang
from folkbib.portal.languages import language_name as _language_name

register = template.Library()

# Lazy labels, translated when rendered. Model.get_material_type_display() builds and
# hashes a dict of every choice, translating each, on every call (~0.2 ms here): 20 of
# them on a search page, up to 13 on a record page.
_MATERIAL_LABELS = dict(MaterialType.choices)


@register.filter
def material_label(code: str) -> str:
    """``{{ record.material_type|material_label }}`` -> "Bok" / "Book"; unknown codes as is."""
    label = _MATERIAL_LABELS.get(code)
    return code if label is None else str(label)


@register.filter
def language_name(code: str) -> str:
    """``{{ record.language|language_name }}`` -> "svenska" / "Swedish"."""
    return _language_name(code or "")


@register.filter
def html_lang(code: str) -> str:
    """``lang="{{ record.language|html_lang }}"``: "swe" -> "sv"; "" when unknown."""
    return _html_lang(code or "")


@register.simple_tag
def subject_query(subject: str) -> str:
    """The query string of a search for one subject: ``q=subject:"Barn"``."""
    phrase = subject.replace('"', " ").strip()
    return urlencode({"q": f'subject:"{phrase}"'})


@register.simple_tag
def author_query(author: str) -> str:
    """The query string of a search for one author's works: ``q=author:"Lindgren, Astrid"``."""
    phrase = author.replace('"', " ").strip()
    return urlencode({"q": f'author:"{phrase}"'})


def _number(value: int) -> str:
    # What ``{{ value }}`` prints: a plain number unless the site groups thousands.
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


# Between a hit's year and language: a dot for the eye, a comma for a screen reader.
_META_SEP = '<span class="sep" aria-hidden="true"> · </span><span class="visually-hidden">, </span>'


def record_url_maker() -> Callable[[int], str]:
    """``url(pk)`` -> ``reverse("portal:record", args=[pk])``, reversing only once.

    Made per page, not per process: the URL prefix may differ between requests.
    """
    marker = 987654321
    prefix, _, suffix = reverse("portal:record", args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


# A hit's material and language names, escaped, by page language (an argument only so
# that each language has entries of its own): the same few dozen on every page, each a
# gettext call (and capfirst) per hit otherwise. Translations do not change while a
# process runs; the size bound only guards against odd language codes.
@functools.lru_cache(maxsize=10_000)
def _hit_label(kind: str, code: str, page_language: str) -> str:
    text = material_label(code) if kind == "material" else capfirst(_language_name(code))
    return _escape_text(str(text))


# The record columns hit_html reads: a search page asks the selector for these only.
HIT_FIELDS = ("title", "subtitle", "authors", "year", "language", "material_type")


def hit_html(
    record: Any,
    summary: Sequence[Any] | None,
    *,
    page_language: str,
    record_url: Callable[[int], str] | None = None,
) -> str:
    """One search hit (a ``Record`` and its availability ``(available, sentence)``)."""
    pk = record.pk
    url = record_url(pk) if record_url else reverse("portal:record", args=[pk])
    parts = [
        f'<article class="hit" aria-labelledby="hit-{pk}">\n'
        f'  <h3 id="hit-{pk}" class="hit-title"><a href="{url}"'
        f"{lang_attribute(record, page_language)}>{title_html(record)}</a></h3>\n"
    ]
    if record.authors:
        authors = "; ".join(_escape_text(str(a)) for a in record.authors)
        parts.append(f'  <p class="hit-authors">{authors}</p>\n')
    material = _hit_label("material", record.material_type, page_language)
    meta = f'<span class="material">{material}</span>'
    if record.year:
        meta += _META_SEP + _number(record.year)
    if record.language:
        meta += _META_SEP + _hit_label("language", record.language, page_language)
    parts.append(f'  <p class="hit-meta">{meta}</p>\n')
    if summary:
        state = "is-available" if summary[0] else "is-unavailable"
        parts.append(f'  <p class="availability {state}">{_escape_text(str(summary[1]))}</p>\n')
    parts.append("</article>")
    return "".join(parts)


def title_html(record: Any) -> str:
    """A record's title, escaped, and its subtitle: ``Titel<span class="subtitle"> :
    Undertitel</span>`` (a hit's heading, the record page's)."""
    # html.escape is what django.utils.html.escape applies, without a SafeString each.
    title = _escape_text(str(record.title))
    if record.subtitle:
        title += f'<span class="subtitle"> : {_escape_text(str(record.subtitle))}</span>'
    return title


def lang_attribute(record: Any, page_language: str) -> str:
    """`` lang="en"`` for a record in another language than the page's, else nothing."""
    lang = _html_lang(record.language or "")
    return f' lang="{lang}"' if lang and lang != page_language else ""


@register.simple_tag
def search_hit(record: Any, summary: Sequence[Any] | None = None) -> SafeString:
    """``{% search_hit record summary %}``: one hit (the welcome page's newest titles too)."""
    return mark_safe(
        hit_html(record, summary, page_language=get_language())
    )  # every value escaped above


@register.simple_tag
def search_hits(entries: Iterable[dict[str, Any]]) -> SafeString:
    """``{% search_hits hits %}``: the ``<li>`` of each ``{"hit": Hit, "summary": ...}``."""
    language = get_language()
    url = record_url_maker()
    return mark_safe(  # every value escaped in hit_html
        "\n".join(
            "<li>"
            + hit_html(
                entry["hit"].record, entry["summary"], page_language=language, record_url=url
            )
            + "</li>"
            for entry in entries
        )
    )


@register.simple_tag
def facet_sections(groups: Iterable[Any]) -> SafeString:
    """``{% facet_sections facet_groups %}``: each group of links to narrow (or widen) a search."""
    remove = _escape_text(_("Ta bort filtret"))
    hits = _escape_text(_("träffar"))
    # An estimated count says so in words, for the eye and a screen reader alike.
    about = _escape_text(_("cirka %(count)s"))
    checked = (
        f'<span class="check" aria-hidden="true">✓ </span>'
        f'<span class="visually-hidden">{remove}: </span>'
    )
    parts = []
    for group in groups:
        key = _escape_text(str(group.key))
        parts.append(
            f'<section class="facet" aria-labelledby="facet-{key}">\n'
            f'  <h3 id="facet-{key}">{_escape_text(str(group.legend))}</h3>\n'
            "  <ul>\n"
        )
        for link in group.links:
            selected = " is-selected" if link.selected else ""
            url = _escape_text(link.url)
            count = _number(link.count)
            if link.estimated:
                count = about % {"count": count}
            parts.append(
                f'    <li>\n      <a href="{url}" class="facet-link{selected}">\n'
                f"        {checked if link.selected else ''}{_escape_text(str(link.label))}\n"
                f'        <span class="count">({count}'
                f'<span class="visually-hidden"> {hits}</span>)</span>\n'
                "      </a>\n    </li>\n"
            )
        parts.append("  </ul>\n</section>\n")
    return mark_safe("".join(parts))  # every value escaped above


@register.simple_tag
def search_pagination(pagination: Any) -> SafeString:
    """``{% search_pagination pagination %}``: links to the result pages, if more than one."""
    return mark_safe(pagination_html(pagination))  # every value escaped there


def pagination_html(pagination: Any) -> str:
    """The pagination nav of a ``presentation.Pagination`` (``None``: one page, no nav).

    The blank lines and indentation are those the template this replaced made, so that
    the page stays byte for byte the same.
    """
    if not pagination:
        return "\n\n"
    label = _escape_text(_("Sidor i sökresultatet"))
    page_word = _escape_text(_("Sida"))
    hidden_page = f'<span class="visually-hidden"> {_escape_text(_("sida"))}</span>'
    parts = [f'\n\n\n<nav class="pagination" aria-label="{label}">\n  <ul>\n    ']
    if pagination.previous_url:
        parts.append(
            f'\n      <li><a href="{_escape_text(pagination.previous_url)}" rel="prev">'
            f"{_escape_text(_('Föregående'))}{hidden_page}</a></li>\n    "
        )
    parts.append("\n    ")
    for link in pagination.links:
        if link:
            current = ' aria-current="page"' if link.current else ""
            parts.append(
                f'\n      \n        <li><a href="{_escape_text(link.url)}"{current}>'
                f'<span class="visually-hidden">{page_word} </span>{_number(link.number)}'
                "</a></li>\n      \n    "
            )
        else:
            parts.append(
                '\n      \n        <li class="gap" aria-hidden="true">…</li>\n      \n    '
            )
    parts.append("\n    ")
    if pagination.next_url:
        parts.append(
            f'\n      <li><a href="{_escape_text(pagination.next_url)}" rel="next">'
            f"{_escape_text(_('Nästa'))}{hidden_page}</a></li>\n    "
        )
    parts.append("\n  </ul>\n</nav>\n\n")
    return "".join(parts)


# The search page's title, result count and page number: what its blocktranslate tags
# made (the same messages; the values escaped, the translations not), without the
# template engine's work for each of them.


@register.simple_tag
def search_title(params: Any, results: Any, pagination: Any) -> SafeString:
    """``”barn”: 52 träffar, sida 2 av 3 – Sök i katalogen`` (before the site's name)."""
    parts = []
    if params.q:
        parts.append(_("”%(q)s”: ") % {"q": _escape_text(params.q)})
    parts.append(_hit_count(results.total))
    if pagination:
        page_of = _("sida %(page)s av %(pages)s") % _page_numbers(pagination)
        parts.append(f", {page_of}")
    parts.append(f" – {_escape_text(_('Sök i katalogen'))}")
    return mark_safe("".join(parts))  # every value escaped above


@register.simple_tag
def result_count(params: Any, results: Any) -> SafeString:
    """``52 träffar för ”barn”``, or ``Cirka 2 500 träffar ...`` when the total is estimated."""
    values = {"counter": _number(results.total), "q": _escape_text(params.q)}
    if results.estimated:
        if params.q:
            return mark_safe(_("Cirka %(counter)s träffar för ”%(q)s”") % values)
        return mark_safe(_("Cirka %(counter)s träffar") % values)
    if params.q:
        text = ngettext(
            "%(counter)s träff för ”%(q)s”", "%(counter)s träffar för ”%(q)s”", results.total
        )
        return mark_safe(text % values)  # the values escaped above
    return mark_safe(_hit_count(results.total))


@register.simple_tag
def page_of_pages(pagination: Any) -> SafeString:
    """``Sida 2 av 3``."""
    return mark_safe(_("Sida %(page)s av %(pages)s") % _page_numbers(pagination))


def _hit_count(total: int) -> str:
    return ngettext("%(counter)s träff", "%(counter)s träffar", total) % {"counter": _number(total)}


def _page_numbers(pagination: Any) -> dict[str, str]:
    return {"page": _number(pagination.page), "pages": _number(pagination.page_count)}


# The sort options of a results page, in the order they are offered.
_SORT_OPTIONS = (
    ("relevance", gettext_lazy("relevans")),
    ("newest", gettext_lazy("nyast först")),
    ("title", gettext_lazy("titel (A–Ö)")),
)


@register.simple_tag
def sort_toolbar(sort: str, hidden: Iterable[tuple[str, str]]) -> SafeString:
    """The link to the facets and the form that sorts the hits (keeping the other
    parameters, ``hidden``), as the template had them."""
    inputs = "".join(
        f'<input type="hidden" name="{_escape_text(name)}" value="{_escape_text(value)}">'
        for name, value in hidden
    )
    options = "".join(
        f'            <option value="{value}"{" selected" if sort == value else ""}>'
        f"{_escape_text(str(label))}</option>\n"
        for value, label in _SORT_OPTIONS
    )
    to_facets = _escape_text(_("Gå till avgränsningar"))
    action = _escape_text(reverse("portal:search"))
    return mark_safe(  # every value escaped above
        '<div class="toolbar">\n'
        f'        <a class="to-facets" href="#facets">{to_facets}</a>\n'
        f'        <form class="sort-form" method="get" action="{action}">\n'
        f"          {inputs}\n"
        f'          <label for="sort">{_escape_text(_("Sortera efter"))}</label>\n'
        '          <select id="sort" name="sort">\n'
        f"{options}"
        "          </select>\n"
        f'          <button type="submit">{_escape_text(_("Sortera"))}</button>\n'
        "        </form>\n"
        "      </div>"
    )
