"""Arabic proves the structure takes more languages: right to left, laid out mirrored."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.portal.tests.catalogue import build_catalogue


@pytest.mark.browser
def test_the_start_page_in_arabic_reads_right_to_left_without_violations(page, live_server):
    build_catalogue()
    use_language(page, live_server, "ar")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "ابحث في الفهرس"
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".language-switch").bounding_box()
    assert brand and switch and brand["x"] > switch["x"], "the header is not mirrored"
    field = page.locator("#q").bounding_box()
    button = page.locator(".search-row button").bounding_box()
    assert field and button and button["x"] < field["x"], "the search button is not on the left"
    assert axe_violations(page, "start-ar") == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
