"""The public pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.portal.tests.catalogue import build_catalogue


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_public_pages_have_no_wcag_violations(page, live_server, language):
    catalogue = build_catalogue()
    use_language(page, live_server, language)
    pages = {
        "welcome": "/",
        "results": "/?q=barn&page=2&sort=title",
        "filtered": "/?q=lindgren&material_type=book&available=1",
        "no-results": "/?q=xyzzyplugh",
        "bad-query": "/?q=year:nittiotal",
        "record": f"/post/{catalogue.pippi.pk}/",
        "record-english-title": f"/post/{catalogue.hobbit.pk}/",
        "accessibility": "/tillganglighet/",
        "browse": "/bladdra/",
        "new-arrivals": "/nytt/2480/",
        "not-found": "/post/999999/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page, f"{name}-{language}")
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.browser
def test_the_search_page_reflows_on_a_narrow_screen_without_violations(page, live_server):
    build_catalogue()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/?q=barn")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, "the page scrolls sideways at 320 px (WCAG 1.4.10 reflow)"
    assert axe_violations(page, "results-narrow") == []


@pytest.mark.browser
def test_the_audit_itself_catches_a_broken_page(page):
    # Guards the guard: an unlabelled image and a missing lang must be reported.
    page.set_content("<html><body><img src='cover.png'><input type='text'></body></html>")
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "html-has-lang", "label"}
