"""A search done with the keyboard alone, in a real Chromium."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.catalogue import build_catalogue

ACTIVE = "(() => { const e = document.activeElement; return e.id || e.className || e.tagName; })()"


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def outline(page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


def tab_until(page, predicate: str, limit: int = 40) -> int:
    """Press Tab until the JS ``predicate`` (on ``document.activeElement``) holds."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"Tab never reached an element where {predicate} ({limit} presses)")


@pytest.mark.browser
def test_a_keyboard_user_skips_to_main_searches_and_opens_a_record(page, live_server):
    catalogue = build_catalogue()
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE) == "skip-link"
    assert focused_text(page) == "Hoppa till huvudinnehållet"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0, "the skip link is focused but not visible"

    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == "main"

    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE) == "q"
    assert outline(page) != "none", "the search field shows no focus"
    page.keyboard.type("pippi")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=pippi")
    assert page.locator("#result-count").inner_text() == "1 träff för ”pippi”"

    tab_until(page, f"e.getAttribute('href') === '/post/{catalogue.pippi.pk}/'")
    assert outline(page) != "none", "the hit link shows no focus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/post/{catalogue.pippi.pk}/")
    assert page.locator("h1").inner_text() == "Pippi Långstrump"


@pytest.mark.browser
def test_a_keyboard_user_can_filter_sort_and_page(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/?q=barn")

    tab_until(page, "e.id === 'sort'")
    page.keyboard.press("ArrowDown")  # relevans -> nyast först, without submitting
    assert page.url.endswith("/?q=barn")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=barn&sort=newest")

    tab_until(
        page, "e.getAttribute('aria-current') !== 'page' && e.textContent.trim() === 'Sida 2'"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=barn&sort=newest&page=2")

    tab_until(page, "e.classList.contains('facet-link') && e.textContent.includes('Bok')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=barn&material_type=book&sort=newest")
    assert page.locator("#result-count").inner_text() == "25 träffar för ”barn”"


@pytest.mark.browser
def test_the_language_switch_works_from_the_keyboard_and_keeps_the_page(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/?q=barn")
    tab_until(page, "e.getAttribute('value') === 'en'")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/?q=barn")
    assert page.locator("#result-count").inner_text() == "25 results for “barn”"


@pytest.mark.browser
def test_tabbing_through_the_page_reaches_the_footer_and_never_gets_stuck(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/?q=barn")
    seen = []
    for _ in range(150):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate("[...document.querySelectorAll('*')].indexOf(document.activeElement)")
        )
        if page.evaluate("document.activeElement.closest('footer') !== null"):
            break
    else:
        raise AssertionError(f"never reached the footer; {len(seen)} presses")
    assert len(set(seen)) == len(seen), "focus visited an element twice before the footer"
