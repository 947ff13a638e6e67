"""The kiosk driven with the keyboard alone in a real Chromium; axe-core on its pages.

Each step checks the aria-live region (``#said``): what the headphones say, a screen
reader announces and the screen shows.
"""

from __future__ import annotations

import pytest

from folkbib.portal.tests.browser import harness
from folkbib.portal.tests.catalogue import build_catalogue

SAID = "#said"


def said(page, text: str) -> None:
    """Wait until the live region says ``text`` (it is cleared and refilled on each change)."""
    try:
        page.wait_for_function(
            "t => document.querySelector('#said').textContent.includes(t)", arg=text
        )
    except Exception as error:
        now = page.evaluate("document.querySelector('#said').textContent")
        raise AssertionError(f"the live region never said {text!r}; it says {now!r}") from error


def ready(page, live_server, path: str = "/talking/") -> None:
    page.goto(live_server.url + path)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'code'")


@pytest.mark.browser
def test_a_listener_scans_and_uses_the_number_keys(page, live_server, fake_engine):
    catalogue = build_catalogue()
    ready(page, live_server)
    assert page.get_attribute(SAID, "aria-live") == "polite"
    said(page, "Välkommen till talboksbiblioteket.")

    page.keyboard.type("30000001")  # a scanner: digits at once, then Enter
    page.keyboard.press("Enter")
    said(page, "Pippi Långstrump, av Astrid Lindgren. Bok.")
    assert page.input_value("#code") == ""

    page.keyboard.press("2")
    said(page, "Finns på hyllan på Holmsunds bibliotek, hylla Hcf.")
    page.keyboard.press("1")
    said(page, "Pippi bor ensam i Villa Villekulla med sin häst och sin apa.")
    page.keyboard.press("0")
    said(page, "Villa Villekulla")
    page.keyboard.press("Escape")
    assert page.evaluate("document.querySelector('#said').textContent").strip()

    # Every spoken sentence is also fetched as audio from this server.
    served = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/talking/speech/')).length"
    )
    assert served >= 3
    assert catalogue.pippi.pk


@pytest.mark.browser
def test_a_listener_browses_talking_books_by_ear(page, live_server, fake_engine):
    catalogue = build_catalogue()
    catalogue.emil.genres = ["Barn- och ungdomslitteratur", "Talböcker"]
    catalogue.emil.save()
    ready(page, live_server)

    page.keyboard.press("4")
    said(page, "Bläddra. 3 val.")
    page.keyboard.press("ArrowDown")
    said(page, "Talböcker och ljudböcker efter genre")
    page.keyboard.press("Enter")
    said(page, "Genrer. Ett val.")
    page.keyboard.press("ArrowDown")
    said(page, "Barn- och ungdomslitteratur, en titel")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")  # at once: the key waits for the list to open
    said(page, "Emil i Lönneberga, av Astrid Lindgren. Talbok.")
    assert page.locator("#menu li.current").inner_text() == (
        "Emil i Lönneberga, av Astrid Lindgren. Talbok."
    )
    page.keyboard.press("ArrowDown")
    said(page, "Slut på listan.")
    page.keyboard.press("Enter")
    said(page, "Emil i Lönneberga, av Astrid Lindgren. Talbok.")
    assert page.locator("#menu").is_hidden()
    page.keyboard.press("2")
    said(page, "Inget exemplar finns på hyllan just nu.")


@pytest.mark.browser
def test_english_is_chosen_from_the_settings_by_keyboard(page, live_server, fake_engine):
    build_catalogue()
    ready(page, live_server)
    page.keyboard.press("5")
    said(page, "Inställningar. 5 val.")
    for _step in range(5):
        page.keyboard.press("ArrowDown")
    said(page, "Talk English")
    page.keyboard.press("Enter")
    said(page, "English chosen.")
    page.reload()  # the kiosk reloads itself when the sentence ends; headless may not play it
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    said(page, "Welcome to the talking library.")
    page.keyboard.type("30000001")
    page.keyboard.press("Enter")
    said(page, "Pippi Långstrump, by Astrid Lindgren. Book.")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kiosk_pages_have_no_axe_violations(page, live_server, fake_engine, language):
    build_catalogue()
    harness.use_language(page, live_server, language)
    ready(page, live_server)
    assert harness.axe_violations(page, f"talking-kiosk-{language}") == []
    page.keyboard.type("30000001")
    page.keyboard.press("Enter")
    said(page, "Pippi")
    page.keyboard.press("4")
    page.wait_for_selector("#menu li")
    page.keyboard.press("ArrowDown")
    assert harness.axe_violations(page, f"talking-kiosk-menu-{language}") == []
    ready(page, live_server, "/talking/?code=30000001")
    assert harness.axe_violations(page, f"talking-kiosk-result-{language}") == []
