"""The desk's pages in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import pytest

from folkbib.circulation.tests.conftest import NOW
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.staff.tests.browser.scenes import build_scene, log_in


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_desk_pages_have_no_wcag_violations(page, live_server, language):
    scene = build_scene()
    use_language(page, live_server, language)
    found = {}

    def audit(name):
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page, f"desk-{name}-{language}")
        if violations:
            found[name] = violations

    page.goto(live_server.url + "/personal/logga-in/")
    audit("login")
    page.fill("#id_username", "bibliotekarie")
    page.fill("#id_password", "wrong")
    page.press("#id_password", "Enter")
    page.wait_for_selector("[role=alert]")
    audit("login-error")
    log_in(page, live_server)
    audit("checkout-empty")

    page.fill("#card", "00000000")
    page.press("#card", "Enter")
    page.wait_for_selector("[role=alert] .scan-result-text")
    audit("checkout-unknown-card")

    page.fill("#card", scene.patron.card_number)
    page.press("#card", "Enter")
    page.wait_for_selector("#patron-heading")
    audit("patron-panel")
    page.fill("#barcode", scene.on_shelf.barcode)
    page.press("#barcode", "Enter")
    page.wait_for_selector(".scan-result.is-error, .scan-result.is-ok")
    audit("patron-panel-after-scan")

    page.goto(live_server.url + "/personal/aterlamning/")
    page.fill("#barcode", scene.reserved_elsewhere.barcode)
    page.press("#barcode", "Enter")
    page.wait_for_selector(".routing-message")
    audit("checkin-transit")

    for name, path in {
        "hold-slip": f"/personal/lappar/hamtlapp/{scene.hold_on_shelf.pk}/",
        "transit-slip": f"/personal/lappar/transportlapp/{scene.transit.pk}/",
        "pull-list": "/personal/plocklista/",
        "hold-shelf": "/personal/hamthylla/",
        "transits": "/personal/transporter/",
        "branch": "/personal/bibliotek/",
    }.items():
        page.goto(live_server.url + path)
        audit(name)
    assert found == {}, found


@pytest.mark.browser
def test_the_checkout_page_reflows_on_a_narrow_screen(page, live_server):
    scene = build_scene()
    log_in(page, live_server)
    page.fill("#card", scene.patron.card_number)
    page.press("#card", "Enter")
    page.wait_for_selector("#patron-heading")
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, "the patron panel scrolls sideways at 320 px (WCAG 1.4.10 reflow)"
    assert axe_violations(page, "desk-patron-narrow") == []
