"""Swedish by default, English on request, and every portal string translated."""

from __future__ import annotations

import dataclasses
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from folkbib.portal.tests.catalogue import Catalogue

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


@pytest.mark.django_db
def test_pages_are_swedish_by_default(client, catalogue: Catalogue):
    html = unescape(client.get("/?q=barn").content.decode())
    assert '<html lang="sv" dir="ltr">' in html
    assert "Sök i katalogen" in html
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in html


@pytest.mark.django_db
def test_the_english_switch_keeps_the_page_and_shows_english(client, catalogue: Catalogue):
    page = "/?q=barn&sort=newest"
    home = client.get(page)
    assert f'<input type="hidden" name="next" value="{page.replace("&", "&amp;")}">' in (
        home.content.decode()
    )
    switched = client.get(reverse("choose_language"), {"language": "en", "next": page})
    assert switched.status_code == 302
    assert switched["Location"] == page
    html = unescape(client.get(page).content.decode())
    assert '<html lang="en" dir="ltr">' in html
    assert f"{catalogue.barn_total} results for “barn”" in html
    assert "Search the catalogue" in html
    assert "Sort by" in html
    assert '<button type="submit" name="language" value="sv" lang="sv">Svenska</button>' in html


@pytest.mark.django_db
def test_english_search_results_say_where_titles_are_available_in_english(
    client, catalogue: Catalogue
):
    client.cookies["django_language"] = "en"
    html = unescape(client.get("/?q=pippi").content.decode())
    assert "Available at 3 libraries in Umeå, Vindeln" in html
    assert "Narrow your search" in html


@pytest.mark.django_db
def test_the_accessibility_statement_exists_in_both_languages(client, catalogue: Catalogue):
    swedish = client.get(reverse("portal:accessibility")).content.decode()
    assert '<h1 id="page-title">Tillgänglighetsredogörelse</h1>' in swedish
    assert "Digg" in swedish
    assert "stadsbiblioteket@example.org" in swedish
    client.cookies["django_language"] = "en"
    english = client.get(reverse("portal:accessibility")).content.decode()
    assert '<h1 id="page-title">Accessibility statement</h1>' in english
    assert "Digg" in english


@pytest.mark.django_db
def test_every_page_links_to_the_accessibility_statement(client, catalogue: Catalogue):
    for url in ["/", "/?q=barn", reverse("portal:record", args=[catalogue.pippi.pk])]:
        assert f'href="{reverse("portal:accessibility")}"' in client.get(url).content.decode()


@dataclasses.dataclass
class PoEntry:
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstrs: list[str]
    fuzzy: bool


def po_entries(path: Path) -> list[PoEntry]:
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        keywords: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(\w+(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                keywords[current] = _po_unescape(match.group(2))
            elif current and line.startswith('"'):
                keywords[current] += _po_unescape(line[1:-1])
        if keywords.get("msgid"):  # the header has an empty msgid
            entries.append(
                PoEntry(
                    msgctxt=keywords.get("msgctxt"),
                    msgid=keywords["msgid"],
                    msgid_plural=keywords.get("msgid_plural"),
                    msgstrs=[v for k, v in sorted(keywords.items()) if k.startswith("msgstr")],
                    fuzzy=any(line.startswith("#,") and "fuzzy" in line for line in lines),
                )
            )
    return entries


def _po_unescape(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text)


def test_every_english_message_is_translated_and_the_compiled_catalogue_is_current():
    entries = po_entries(LOCALE / "django.po")
    assert len(entries) > 100
    assert [e.msgid for e in entries if e.fuzzy or not all(e.msgstrs)] == []
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    # A .mo compiled from an older .po lacks or differs in some messages.
    stale = []
    for e in entries:
        if e.msgctxt is not None:
            ok = compiled.pgettext(e.msgctxt, e.msgid) == e.msgstrs[0]
        elif e.msgid_plural is None:
            ok = compiled.gettext(e.msgid) == e.msgstrs[0]
        else:
            ok = [compiled.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)] == e.msgstrs
        if not ok:
            stale.append(e.msgid)
    assert stale == [], "run: .venv/bin/folkbib compilemessages"
    assert compiled.gettext("Sök i katalogen") == "Search the catalogue"
