"""Patron work in a real Chromium: every page passes axe-core, registration by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.circulation.tests.conftest import NOW
from folkbib.patrons.models import Patron
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.staff.tests.browser.scenes import build_scene, log_in

ACTIVE_ID = "document.activeElement.id"


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has focus, as someone without a mouse would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_patron_pages_have_no_wcag_violations(page, live_server, language):
    scene = build_scene()
    patron = scene.patron  # loans, an overdue one, a hold, a lost-item fee, a block
    twin = scene.world.patron(first_name="Anna", last_name="Lindqvist")
    use_language(page, live_server, language)
    log_in(page, live_server)
    found = {}

    def audit(name):
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page, f"patrons-{name}-{language}")
        if violations:
            found[name] = violations

    base = f"{live_server.url}/personal/lantagare/"
    for name, path in {
        "search-empty": "",
        "search-results": "?q=Lindqvist",
        "search-nothing": "?q=Nobody",
        "patron": f"{patron.pk}/",
        "edit": f"{patron.pk}/andra/",
        "new-card": f"{patron.pk}/nytt-kort/",
        "receipt": f"{patron.pk}/kvitto/",
        "merge-candidates": f"{twin.pk}/sla-ihop/",
        "merge-compare": f"{twin.pk}/sla-ihop/?med={patron.pk}",
        "merge-unknown-card": f"{twin.pk}/sla-ihop/?kort=00000000",
        "anonymise-refused": f"{patron.pk}/anonymisera/",
        "anonymise": f"{twin.pk}/anonymisera/",
        "register": "ny/",
    }.items():
        page.goto(base + path)
        audit(name)

    # The registration form with errors, then with possible duplicates listed.
    page.click("button[type=submit]:text-matches('Registrera|Register')")
    page.wait_for_selector("[role=alert]")
    audit("register-errors")
    page.fill("#id_card_number", "40000001")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Lindqvist")
    page.fill("#id_pin", "4321")
    page.fill("#id_email", "anna@example.org")
    page.click("button[type=submit]:text-matches('Registrera|Register')")
    page.wait_for_selector("#duplicates-heading")
    audit("register-duplicates")

    # The edit form refusing to drop the only way to reach the patron.
    page.goto(base + f"{twin.pk}/andra/")
    page.fill("#id_email", "")
    page.click("main button[type=submit]")
    page.wait_for_selector("[role=alert]")
    audit("edit-error")
    assert found == {}, found


@pytest.mark.browser
def test_a_librarian_registers_a_patron_with_the_keyboard_alone(page, live_server):
    scene = build_scene()
    twin = scene.world.patron(first_name="Åsa", last_name="Öberg", birth_date=dt.date(1981, 12, 18))
    log_in(page, live_server)
    page.goto(live_server.url + "/personal/lantagare/")
    assert page.evaluate(ACTIVE_ID) == "id_q"
    page.keyboard.type("Öberg")
    page.keyboard.press("Enter")
    page.wait_for_selector("#found-heading")
    assert twin.card_number in page.locator("main").inner_text()

    # Not the one: on to registration, prefilled with the name searched for.
    tab_to(page, "a[href^='/personal/lantagare/ny/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_card_number")
    assert page.locator("#id_last_name").input_value() == "Öberg"
    tab_to(page, "#id_card_number")
    page.keyboard.type("40000001")
    tab_to(page, "#id_first_name")
    page.keyboard.type("Åsa")
    tab_to(page, "#id_personnummer")
    page.keyboard.type("19811218-9876")
    tab_to(page, "#id_pin")
    page.keyboard.type("4321")
    tab_to(page, "#id_email")
    page.keyboard.type("asa@example.org")
    page.keyboard.press("Enter")

    # Same name and birth date: listed, and registering waits for the confirmation.
    page.wait_for_selector("#duplicates-heading")
    assert twin.card_number in page.locator(".duplicate-list").inner_text()
    assert not Patron.objects.filter(card_number="40000001").exists()
    tab_to(page, "#id_confirm_new")
    page.keyboard.press("Space")
    tab_to(page, "#id_pin")
    page.keyboard.type("4321")
    page.keyboard.press("Enter")

    page.wait_for_selector("#slip-heading")
    assert page.locator(".slip-big").inner_text() == "40000001"
    # desk.js sets the message again after loading, so screen readers announce it.
    page.wait_for_selector("[role=status] .scan-result-text")
    status = page.locator("[role=status]").inner_text()
    assert "Åsa Öberg är registrerad med kort 40000001." in status
    assert page.locator("[data-print]").is_visible()
    tab_to(page, "[data-print]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the print button shows no focus"
    assert Patron.objects.get(card_number="40000001").personnummer == "198112189876"


@pytest.mark.browser
def test_the_card_receipt_prints_only_the_slip(page, live_server):
    scene = build_scene()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/personal/lantagare/{scene.patron.pk}/kvitto/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("[data-print]").is_visible()
    assert page.locator(".slip-big").is_visible()
