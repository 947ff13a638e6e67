"""Cataloguing and the work lists in a real Chromium: no axe-core violation, keyboard alone."""

from __future__ import annotations

import pytest

from folkbib.catalog.models import Record
from folkbib.circulation.tests.conftest import NOW
from folkbib.portal.tests.browser.harness import axe_violations
from folkbib.staff.tests.browser.scenes import build_scene, log_in
from folkbib.staff.tests.conftest import PASSWORD
from folkbib.staff.tests.test_cataloguing_cleanup import _book
from folkbib.staff.tests.test_cataloguing_copy import sru_server as sru_server
from folkbib.staff.tests.test_cataloguing_editor import make_cataloguer

ACTIVE_ID = "document.activeElement.id"


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def _log_in_as_cataloguer(page, live_server):
    page.goto(live_server.url + "/personal/logga-in/?next=/personal/katalog/")
    page.fill("#id_username", "katalogisatör")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(live_server.url + "/personal/katalog/")


def tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_ID) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


@pytest.mark.browser
def test_the_cataloguing_pages_have_no_wcag_violations(page, live_server, sru_server):
    scene = build_scene()
    make_cataloguer(scene.world)
    record = _book("Mio, min Mio", isbn="9789129688313", control="1")
    _book("Mio, min Mio (ny utgåva)", isbn="9789129688313", control="2")
    scene.world.item(record, scene.world.umea, shelf_mark="Hc")
    item = record.items.get()
    found = {}

    def audit(name):
        violations = axe_violations(page, f"cataloguing-{name}")
        if violations:
            found[name] = violations

    _log_in_as_cataloguer(page, live_server)
    audit("home")
    page.fill("#find-record", "finns inte")
    page.press("#find-record", "Enter")
    page.wait_for_selector("#find-record-problem")
    audit("home-not-found")
    for name, path in {
        "new-record": "/personal/katalog/ny-post/",
        "edit-record": f"/personal/katalog/post/{record.pk}/",
        "bulk-items": "/personal/katalog/exemplar/andra/",
        "withdraw": f"/personal/katalog/exemplar/gallra/?streckkod={item.barcode}",
        "records-without-items": "/personal/katalog/poster-utan-exemplar/",
        "isbn-duplicates": "/personal/katalog/isbn-dubbletter/",
        "copy": "/personal/katalog/kopiera/",
        "copy-hits": f"/personal/katalog/kopiera/?server={sru_server}&query=x",
    }.items():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        audit(name)

    page.goto(live_server.url + "/personal/katalog/ny-post/")
    page.fill("#ind1_2", "7")
    page.click("button[value=save]")
    page.wait_for_selector("#problem-summary")
    audit("new-record-refused")

    page.goto(live_server.url + "/personal/katalog/exemplar/andra/")
    page.fill("#id_barcodes", f"{item.barcode}\n{scene.on_shelf.barcode}\nOKÄND")
    page.select_option("#id_status", "missing")
    page.click("form.cat-form button[type=submit]")
    page.wait_for_selector("#outcome-heading")
    audit("bulk-items-preview")

    page.goto(live_server.url + f"/personal/katalog/exemplar/gallra/?streckkod={item.barcode}")
    page.click("form.cat-form button[type=submit] >> nth=1")
    page.wait_for_selector(".field-problems")
    audit("withdraw-no-reason")

    # The work lists as the librarian at the desk sees them.
    page.context.clear_cookies()
    log_in(page, live_server)
    response = page.goto(live_server.url + "/personal/hamthylla/utgangna/")
    assert response is not None and response.status == 200
    audit("expired-holds")
    page.goto(live_server.url + f"/personal/plocklista/?bibliotek={scene.world.vannas.pk}")
    audit("pull-list-other-branch")
    page.goto(live_server.url + f"/personal/katalog/post/{record.pk}/")
    assert page.locator("fieldset.plain[disabled]").count() == 1
    audit("record-read-only")
    assert found == {}, found


def clear(page, element_id: str) -> None:
    tab_to(page, element_id)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")


@pytest.mark.browser
def test_a_cataloguer_corrects_a_record_with_the_keyboard_alone(page, live_server):
    scene = build_scene()
    make_cataloguer(scene.world)
    _log_in_as_cataloguer(page, live_server)
    page.goto(live_server.url + "/personal/katalog/ny-post/")

    # The new record's rows are 020, 100, 245, 264, 300: drop 020, 264 and 300, fill
    # in the author and the title, and mistype the title's first indicator.
    clear(page, "tag_0")
    clear(page, "content_0")
    tab_to(page, "content_1")
    page.keyboard.press("End")
    page.keyboard.type("Lindgren, Astrid")
    clear(page, "ind1_2")
    page.keyboard.type("7")
    tab_to(page, "content_2")
    page.keyboard.press("End")
    page.keyboard.type("Sunnanäng")
    for row in (3, 4):
        clear(page, f"tag_{row}")
        clear(page, f"content_{row}")
    page.keyboard.press("Enter")
    page.wait_for_selector("#problem-summary")

    # Refused: the summary has focus and is read first; its link puts focus in the field.
    assert page.evaluate(ACTIVE_ID) == "problem-summary"
    summary = page.locator("#problem-summary").inner_text()
    assert "1 fel att rätta" in summary
    assert "Fält 245, indikator 1: ”7” är inte tillåtet" in summary
    assert not Record.objects.filter(title="Sunnanäng").exists()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#ind1_2"
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE_ID) == "ind1_2"
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Posten är skapad.")
    record = Record.objects.get(title="Sunnanäng")
    assert page.url == f"{live_server.url}/personal/katalog/post/{record.pk}/"
