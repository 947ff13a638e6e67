"""Template tags of the record page (``templates/portal/record.html``).

Its description, lists of other titles and holdings tables are rendered here in
Python, as the search page's hits are (``portal.py``): their loops and conditions were
most of the page's ~130 template nodes. The markup, blank lines and indentation
included, is the one the template made with them, so that the page stayed byte for
byte the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape as _escape_text
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from folkbib.catalog.models import ItemStatus
from folkbib.portal.templatetags.portal import (
    _hit_label,
    _number,
    author_query,
    lang_attribute,
    record_url_maker,
    subject_query,
    title_html,
)

register = template.Library()


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
    responsibility = (
        f'<p class="responsibility">{_escape_text(str(record.responsibility))}</p>'
        if record.responsibility
        else ""
    )
    return mark_safe(  # every value escaped here or in title_html
        f'<p class="back"><a href="{_escape_text(search_url)}">{_escape_text(_("Ny sökning"))}'
        f'</a></p>\n  <h1 id="record-title"{lang_attribute(record, get_language())}>'
        f"{title_html(record)}</h1>"
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
        f"      <p{lang_attribute(record, get_language())}>{text}</p>\n    </section>\n  "
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
        lang = lang_attribute(other, language)
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
            f"{lang_attribute(other, language)}>{_escape_text(str(other.title))}</span></a>"
            f"{author}</li>\n          \n        "
        )
    return mark_safe("".join(parts))  # every value escaped above


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
