"""My pages in a real Chromium: no WCAG violations, and a reservation by keyboard alone."""

from __future__ import annotations

import pytest

from folkbib.catalog.search import reindex_all
from folkbib.circulation import services
from folkbib.circulation.tests.conftest import build_world
from folkbib.core import clock
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.portal.tests.browser.test_keyboard import tab_until


def sign_in_by_keyboard(page, live_server, card="10000001", pin="1234"):
    page.goto(live_server.url + "/logga-in/")
    tab_until(page, "e.name === 'card_number'")
    page.keyboard.type(card)
    page.keyboard.press("Tab")
    page.keyboard.type(pin)
    page.keyboard.press("Enter")
    page.wait_for_url("**/mina-sidor/")


def world_with_activity():
    world = build_world()
    anna = world.patron(card_number="10000001", first_name="Anna", keep_loan_history=True)
    pippi = world.record("Pippi Långstrump")
    lent = world.item(pippi, world.umea)
    services.checkout(patron=anna, item=lent, branch=world.umea, now=clock.now())
    ronja = world.record("Ronja rövardotter")
    world.item(ronja, world.vannas, status="on_loan")
    services.place_hold(patron=anna, record=ronja, pickup_branch=world.umea, now=clock.now())
    reindex_all()
    return world, anna, ronja


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_my_pages_have_no_wcag_violations(page, live_server, language):
    _world, _anna, ronja = world_with_activity()
    use_language(page, live_server, language)
    page.goto(live_server.url + "/logga-in/")
    found = {}
    if violations := axe_violations(page, f"login-{language}"):
        found["login"] = violations
    page.fill("#id_card_number", "10000001")
    page.fill("#id_pin", "9999")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    if violations := axe_violations(page, f"login-error-{language}"):
        found["login-error"] = violations
    page.fill("#id_pin", "1234")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_url("**/mina-sidor/")
    for name, path in {
        "overview": "/mina-sidor/",
        "loans": "/mina-sidor/lan/",
        "holds": "/mina-sidor/reservationer/",
        "fees": "/mina-sidor/avgifter/",
        "history": "/mina-sidor/historik/",
        "profile": "/mina-sidor/profil/",
        "close": "/mina-sidor/avsluta-konto/",
        "reserve": f"/post/{ronja.id}/reservera/",
    }.items():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        if violations := axe_violations(page, f"{name}-{language}"):
            found[name] = violations
    assert found == {}


@pytest.mark.browser
def test_a_keyboard_user_finds_a_book_reserves_it_and_sees_the_hold(page, live_server):
    world = build_world()
    world.patron(card_number="10000001", first_name="Anna")
    mio = world.record("Mio, min Mio")
    world.item(mio, world.vannas)
    reindex_all()
    sign_in_by_keyboard(page, live_server)

    page.goto(live_server.url + "/")
    tab_until(page, "e.id === 'q'")
    page.keyboard.type("mio")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=mio")
    tab_until(page, f"e.getAttribute('href') === '/post/{mio.id}/'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/post/{mio.id}/")
    tab_until(page, f"e.getAttribute('href') === '/post/{mio.id}/reservera/'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/post/{mio.id}/reservera/")
    tab_until(page, "e.name === 'pickup_branch'")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mina-sidor/reservationer/")
    status = page.locator("[role=status]").first.inner_text()
    assert "Mio, min Mio är reserverad" in status
    assert "Mio, min Mio" in page.locator(".hold-card").first.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px: a 1280 px screen at 200 % zoom
def test_my_pages_reflow_without_sideways_scrolling(page, live_server, width):
    _world, _anna, ronja = world_with_activity()
    sign_in_by_keyboard(page, live_server)
    page.set_viewport_size({"width": width, "height": 700})
    wide = {}
    for path in (
        "/mina-sidor/",
        "/mina-sidor/lan/",
        "/mina-sidor/reservationer/",
        "/mina-sidor/profil/",
        f"/post/{ronja.id}/",
        "/bladdra/",
    ):
        page.goto(live_server.url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    assert wide == {}, "these pages scroll sideways (WCAG 1.4.10 reflow)"
