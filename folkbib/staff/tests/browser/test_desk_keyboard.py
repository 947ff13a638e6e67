"""A shift at the desk with the keyboard alone (a scanner is a keyboard): log in, lend, return."""

from __future__ import annotations

import pytest

from folkbib.circulation.models import Loan, LoanStatus
from folkbib.circulation.tests.conftest import NOW
from folkbib.staff.presentation import day
from folkbib.staff.tests.browser.scenes import build_scene
from folkbib.staff.tests.conftest import PASSWORD

ACTIVE_ID = "document.activeElement.id"
SELECTED_ALL = (
    "(e => e.selectionStart === 0 && e.selectionEnd === e.value.length && e.value.length > 0)"
    "(document.activeElement)"
)


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def shift_tab_until(page, predicate: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(f"(e => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Shift+Tab never reached an element where {predicate}")


def scan(page, digits: str) -> None:
    """What a barcode scanner does: type the digits, then Enter."""
    page.keyboard.type(digits)
    page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.browser
def test_a_librarian_lends_and_returns_with_the_keyboard_alone(page, live_server):
    scene = build_scene()
    borrower = scene.world.patron(first_name="Karin", last_name="Berg")

    page.goto(live_server.url + "/personal/")
    assert page.evaluate(ACTIVE_ID) == "id_username"
    page.keyboard.type("bibliotekarie")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_ID) == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/personal/utlan/")

    # The card field has focus at once; a card the region does not know is said, and the
    # typed number stays selected so the next scan replaces it.
    assert page.evaluate(ACTIVE_ID) == "card"
    scan(page, "99999999")
    page.wait_for_selector("[role=alert] .scan-result-text")
    assert "Kortnumret finns inte." in page.locator("[role=alert]").inner_text()
    assert page.evaluate(ACTIVE_ID) == "card"
    assert page.evaluate(SELECTED_ALL)

    scan(page, borrower.card_number)
    page.wait_for_selector("#patron-heading")
    assert page.locator("#patron-heading").inner_text() == "Karin Berg"
    assert page.evaluate(ACTIVE_ID) == "barcode"

    scan(page, scene.on_shelf.barcode)
    page.wait_for_selector(".scan-result.is-ok .scan-result-text")
    loan = Loan.objects.get(item=scene.on_shelf, status=LoanStatus.ACTIVE)
    status = page.locator("[role=status]").inner_text()
    assert f"Mio, min Mio är utlånad. Återlämnas senast {day(loan.due_date)}." in status
    assert page.evaluate(ACTIVE_ID) == "barcode"
    assert page.evaluate("document.activeElement.value") == ""
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the scan field shows no focus"

    # To the checkin screen through the menu, still without a mouse.
    shift_tab_until(page, "e.getAttribute('href') === '/personal/aterlamning/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/personal/aterlamning/")
    assert page.evaluate(ACTIVE_ID) == "barcode"
    scan(page, scene.reserved_elsewhere.barcode)
    page.wait_for_selector(".routing-message")
    assert (
        page.locator(".routing-message").inner_text()
        == "Skicka till Vännäs bibliotek — reserverad."
    )
    assert page.evaluate(ACTIVE_ID) == "barcode"

    # The transit slip is a Tab away, and prints from the keyboard too.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skriv ut transportlapp"
    page.keyboard.press("Enter")
    page.wait_for_url("**/personal/lappar/transportlapp/*/")
    assert "Till: Vännäs bibliotek" in page.locator(".slip").inner_text()
    assert page.locator("[data-print]").is_visible()
