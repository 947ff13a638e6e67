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
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, normalize_newlines
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from folkbib.catalog.models import ItemStatus, MaterialType
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
    lang = _html_lang(record.language or "")
    lang_attr = f' lang="{lang}"' if lang and lang != page_language else ""
    # html.escape is what django.utils.html.escape applies, without a SafeString each.
    title = _escape_text(str(record.title))
    if record.subtitle:
        title += f'<span class="subtitle"> : {_escape_text(str(record.subtitle))}</span>'
    parts = [
        f'<article class="hit" aria-labelledby="hit-{pk}">\n'
        f'  <h3 id="hit-{pk}" class="hit-title"><a href="{url}"'
        f"{lang_attr}>{title}</a></h3>\n"
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


# -- the record page ---------------------------------------------------------------------------
# Its description, lists of other titles and holdings tables, rendered here as the search
# page's hits are: their loops and conditions were most of the page's ~130 template nodes.
# The markup, blank lines and indentation included, is the one templates/portal/record.html
# made with them, so that the page stays byte for byte the same.


@register.simple_tag
def record_heading(record: Any, search_url: str) -> SafeString:
    """The link back to the search, the title and the statement of responsibility::

        <p class="back"><a href="/">Ny sökning</a></p>
        <h1 id="record-title" lang="en">The Hobbit<span class="subtitle"> : or There and
          Back Again</span></h1>
        <p class="responsibility">J. R. R. Tolkien</p>

    ``lang`` when the record's language is another than the page's; the subtitle and
    the responsibility only when the record has them.
    """
    title = _escape_text(str(record.title))
    if record.subtitle:
        title += f'<span class="subtitle"> : {_escape_text(str(record.subtitle))}</span>'
    responsibility = (
        f'<p class="responsibility">{_escape_text(str(record.responsibility))}</p>'
        if record.responsibility
        else ""
    )
    return mark_safe(  # every value escaped above
        f'<p class="back"><a href="{_escape_text(search_url)}">{_escape_text(_("Ny sökning"))}'
        f'</a></p>\n  <h1 id="record-title"{_other_lang(record, get_language())}>{title}</h1>'
        f"\n  {responsibility}"
    )


@register.simple_tag
def record_fields(record: Any, search_url: str) -> SafeString:
    """The description in ``<dl class="record-fields">``: each field the record has
    (Medietyp always), authors and subjects as links to a search for them::

        <dt>Författare</dt>       ("Författare" in the context "several authors" for two or more)
        <dd>
          <ul class="inline-list">
            <li><a href="/?q=author%3A%22Lindgren%2C+Astrid%22">Lindgren, Astrid</a></li>
          </ul>
        </dd>
        <dt>Medietyp</dt>         <dd>Bok</dd>
        <dt>Serie</dt>            <dd>Pippi; Rabén &amp; Sjögrens klassiker</dd>
        <dt>Upplaga</dt>          <dd>1. uppl.</dd>
        <dt>Utgivningsår</dt>     <dd>1945</dd>
        <dt>Förlag</dt>           <dd>Rabén &amp; Sjögren</dd>
        <dt>Språk</dt>            <dd>Svenska</dd>
        <dt>ISBN</dt>             <dd>9789129657623, 9129657628</dd>
        <dt>Klassifikation (SAB)</dt>  <dd>Hcf</dd>
        <dt>Ämnen</dt>            <dd>(a list of links, as the authors')</dd>
    """
    language = get_language()
    authors = ""
    if record.authors:
        several = len(record.authors) > 1
        label = pgettext("several authors", "Författare") if several else _("Författare")
        authors = _linked_field(
            label, ((f"{search_url}?{author_query(a)}", a) for a in record.authors)
        )
    material = _hit_label("material", record.material_type, language)
    # Between one {% if %} of the template and the next: "\n    ".
    optional = "\n    ".join(
        [
            _field(_("Serie"), "; ".join(_escape_text(str(s)) for s in record.series))
            if record.series
            else "",
            _field(_("Upplaga"), _escape_text(str(record.edition))) if record.edition else "",
            _field(_("Utgivningsår"), _number(record.year)) if record.year else "",
            _field(_("Förlag"), _escape_text(str(record.publisher))) if record.publisher else "",
            _field(_("Språk"), _hit_label("language", record.language, language))
            if record.language
            else "",
            _field(_("ISBN"), ", ".join(_escape_text(str(i)) for i in record.isbns))
            if record.isbns
            else "",
            _field(_("Klassifikation (SAB)"), _escape_text(str(record.sab))) if record.sab else "",
            _linked_field(
                _("Ämnen"), ((f"{search_url}?{subject_query(s)}", s) for s in record.subjects)
            )
            if record.subjects
            else "",
        ]
    )
    return mark_safe(  # every value escaped here or in _field
        f"{authors}\n    <dt>{_escape_text(_('Medietyp'))}</dt>\n"
        f"    <dd>{material}</dd>\n    {optional}"
    )


def _field(label: str, value: str) -> str:
    """A ``<dt>`` and its ``<dd>`` (``value`` escaped already), as each {% if %} had them."""
    return f"\n      <dt>{_escape_text(label)}</dt>\n      <dd>{value}</dd>\n    "


def _linked_field(label: str, links: Iterable[tuple[str, str]]) -> str:
    """A ``<dt>`` and a ``<dd>`` listing ``(url, text)`` links."""
    items = "".join(
        f'\n            <li><a href="{_escape_text(url)}">{_escape_text(str(text))}</a></li>'
        "\n          "
        for url, text in links
    )
    return (
        f"\n      <dt>{_escape_text(label)}</dt>\n      <dd>\n"
        f'        <ul class="inline-list">\n          {items}\n        </ul>\n      </dd>\n    '
    )


@register.simple_tag
def record_summary(record: Any) -> SafeString:
    """The record's summary, if it has one, its line breaks kept::

        <section class="summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Sammanfattning</h2>
          <p lang="en">In a hole in the ground ...<br>...</p>
        </section>

    ``lang`` when the record's language is another than the page's.
    """
    if not record.summary:
        return mark_safe("")
    # What the linebreaksbr filter makes of it.
    text = _escape_text(normalize_newlines(str(record.summary))).replace("\n", "<br>")
    return mark_safe(  # every value escaped above
        '\n    <section class="summary" aria-labelledby="summary-heading">\n'
        f'      <h2 id="summary-heading">{_escape_text(_("Sammanfattning"))}</h2>\n'
        f"      <p{_other_lang(record, get_language())}>{text}</p>\n    </section>\n  "
    )


@register.simple_tag
def edition_items(editions: Iterable[Any]) -> SafeString:
    """The ``<li>`` of each other edition of the work, for its ``<ul>``::

        <li><a href="/post/42/"><span>Pippi Långstrump</span></a>
          — Talbok (DAISY), 2004, <span>Oförkortad utg.</span></li>

    Title and edition in ``<span lang="en">`` when the record's language is another
    than the page's.
    """
    language = get_language()
    url = record_url_maker()
    parts = []
    for other in editions:
        lang = _other_lang(other, language)
        year = f", {_number(other.year)}" if other.year else ""
        edition = (
            f", <span{lang}>{_escape_text(str(other.edition))}</span>" if other.edition else ""
        )
        parts.append(
            f'\n          \n          <li><a href="{url(other.id)}"><span{lang}>'
            f"{_escape_text(str(other.title))}</span></a>\n"
            f"            — {_hit_label('material', other.material_type, language)}"
            f"{year}{edition}</li>\n          \n        "
        )
    return mark_safe("".join(parts))  # every value escaped above


@register.simple_tag
def also_borrowed_items(records: Iterable[Any]) -> SafeString:
    """The ``<li>`` of each title others have also borrowed, for its ``<ul>``::

        <li><a href="/post/42/"><span lang="en">The Hobbit</span></a> — Tolkien, J. R. R.</li>

    The first author only; ``lang`` as for the editions.
    """
    language = get_language()
    url = record_url_maker()
    parts = []
    for other in records:
        author = f" — {_escape_text(str(other.authors[0]))}" if other.authors else ""
        parts.append(
            f'\n          \n          <li><a href="{url(other.id)}"><span'
            f"{_other_lang(other, language)}>{_escape_text(str(other.title))}</span></a>"
            f"{author}</li>\n          \n        "
        )
    return mark_safe("".join(parts))  # every value escaped above


def _other_lang(record: Any, page_language: str) -> str:
    lang = _html_lang(record.language or "")
    return f' lang="{lang}"' if lang and lang != page_language else ""


@register.simple_tag
def holdings_section(record: Any, holdings: Sequence[Any]) -> SafeString:
    """Where the record's items are: a table for each municipality (a
    ``MunicipalityHoldings``) and the link to reserve it, or the sentence that the region
    has none::

        <section class="holdings" aria-labelledby="holdings-heading">
          <h2 id="holdings-heading">Var finns den?</h2>
          <div class="table-wrap">
            <table class="holdings-table">
              <caption>
                Umeå
                <span class="caption-note">(1 av 2 exemplar tillgängliga)</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Bibliotek</th>
                  <th scope="col">Hylla</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Umeå stadsbibliotek</th>
                  <td>Hcf</td>                  ("–" without a shelf mark)
                  <td class="status status-on_loan">Utlånad, åter 10 december 2026</td>
                </tr>
              </tbody>
            </table>
          </div>
          <p class="reserve"><a class="button" href="/post/42/reservera/">Reservera<span
              class="visually-hidden">: Pippi Långstrump</span></a>
            <span class="help">Hämta på valfritt bibliotek i regionen.</span></p>
        </section>

    (Without items: ``<p>Det finns inga exemplar av den här titeln i regionen.</p>``
    after the heading, and no link.)
    """
    reserve = ""
    if holdings:
        url = _escape_text(reverse("portal:reserve", args=[record.id]))
        pick_up = _escape_text(_("Hämta på valfritt bibliotek i regionen."))
        reserve = (
            f'\n      <p class="reserve"><a class="button" href="{url}">'
            f'{_escape_text(_("Reservera"))}<span class="visually-hidden">: '
            f"{_escape_text(str(record.title))}</span></a>\n"
            f'        <span class="help">{pick_up}</span></p>\n    '
        )
    return mark_safe(  # every value escaped here or in _holdings_tables
        '<section class="holdings" aria-labelledby="holdings-heading">\n'
        f'    <h2 id="holdings-heading">{_escape_text(_("Var finns den?"))}</h2>\n'
        f"    {_holdings_tables(holdings)}\n    {reserve}\n  </section>"
    )


def _holdings_tables(holdings: Sequence[Any]) -> str:
    if not holdings:
        none = _escape_text(_("Det finns inga exemplar av den här titeln i regionen."))
        return f"\n      <p>{none}</p>\n    "
    head = (
        "          <thead>\n            <tr>\n"
        f'              <th scope="col">{_escape_text(_("Bibliotek"))}</th>\n'
        f'              <th scope="col">{_escape_text(_("Hylla"))}</th>\n'
        f'              <th scope="col">{_escape_text(_("Status"))}</th>\n'
        "            </tr>\n          </thead>\n"
    )
    parts = []
    for group in holdings:
        total = group.total
        # The translation as it is (the template's blocktranslate escaped only the numbers).
        note = ngettext(
            "(%(available)s av %(counter)s exemplar tillgängligt)",
            "(%(available)s av %(counter)s exemplar tillgängliga)",
            total,
        ) % {"available": _number(group.available), "counter": _number(total)}
        rows = "".join(
            "\n              <tr>\n"
            f'                <th scope="row">{_escape_text(str(row.branch.name))}</th>\n'
            f"                <td>{_escape_text(str(row.item.shelf_mark or '–'))}</td>\n"
            f'                <td class="status status-{_escape_text(str(row.item.status))}">'
            f"{_item_status(row.item)}</td>\n              </tr>\n            "
            for row in group.rows
        )
        parts.append(
            '\n      <div class="table-wrap">\n        <table class="holdings-table">\n'
            f"          <caption>\n            {_escape_text(str(group.municipality.name))}\n"
            f'            <span class="caption-note">{note}</span>\n          </caption>\n'
            f"{head}          <tbody>\n            {rows}\n          </tbody>\n"
            "        </table>\n      </div>\n    "
        )
    return "".join(parts)


def _item_status(item: Any) -> str:
    """Where an item is, in words (escaped; the date as the template's ``date:"j F Y"``)."""
    status = item.status
    if status == ItemStatus.AVAILABLE:
        return _escape_text(_("På hyllan"))
    if status == ItemStatus.ON_LOAN:
        if item.due_back:
            date = _escape_text(date_format(item.due_back, "j F Y"))
            return _("Utlånad, åter %(date)s") % {"date": date}
        return _escape_text(_("Utlånad"))
    if status == ItemStatus.IN_TRANSIT:
        return _escape_text(_("Under transport mellan bibliotek"))
    if status == ItemStatus.ON_HOLD_SHELF:
        return _escape_text(_("Reserverad, på hämthyllan"))
    return _escape_text(str(item.get_status_display()))
