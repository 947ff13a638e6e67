"""The search box's suggestions work with the keyboard and are announced."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.browser.harness import axe_violations
from folkbib.portal.tests.catalogue import build_catalogue


@pytest.mark.browser
def test_a_keyboard_user_picks_a_suggested_title_with_the_arrow_keys(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/")
    page.focus("#q")
    page.keyboard.type("pip")
    page.wait_for_selector("#q-suggestions [role=option]")
    assert page.get_attribute("#q", "aria-expanded") == "true"
    assert "förslag" in page.locator(".search-row [role=status]").inner_text()
    assert axe_violations(page, "suggestions-open") == []
    page.keyboard.press("ArrowDown")
    active = page.get_attribute("#q", "aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=Pippi*")
    assert page.locator("h1").first.is_visible()


@pytest.mark.browser
def test_escape_closes_the_suggestions_and_keeps_what_was_typed(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/")
    page.focus("#q")
    page.keyboard.type("pip")
    page.wait_for_selector("#q-suggestions [role=option]")
    page.keyboard.press("Escape")
    assert page.get_attribute("#q", "aria-expanded") == "false"
    assert page.input_value("#q") == "pip"
