"""The statistics pages in a real Chromium: no axe-core violation, usable by keyboard alone."""

from __future__ import annotations

import pytest

from folkbib.circulation.tests import statistics_data
from folkbib.circulation.tests.conftest import NOW, build_world
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.staff.tests.browser.scenes import log_in
from folkbib.staff.tests.conftest import PASSWORD, make_librarian, make_region_admin

YEAR = "start=2025-01-01&end=2025-12-31"
ACTIVE = "document.activeElement"


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch):
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def _region():
    world = build_world()
    statistics_data.load(world)
    make_librarian(world)
    make_region_admin()
    return world


def _log_in_as_admin(page, live_server):
    page.goto(live_server.url + "/personal/logga-in/?next=/personal/statistik/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(live_server.url + "/personal/statistik/")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_statistics_pages_have_no_wcag_violations(page, live_server, language):
    _region()
    use_language(page, live_server, language)
    found = {}

    def audit(name):
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page, f"statistics-{name}-{language}")
        if violations:
            found[name] = violations

    log_in(page, live_server)
    for name, path in {
        "index": "/personal/statistik/",
        "activity-by-month": f"/personal/statistik/verksamhet/?{YEAR}",
        "activity-by-day": f"/personal/statistik/verksamhet/?{YEAR}&by=day",
        "breakdown-language": f"/personal/statistik/fordelning/?{YEAR}&dimension=language",
        "flows": f"/personal/statistik/floden/?{YEAR}",
        "holds": f"/personal/statistik/reservationer/?{YEAR}",
        "collection": f"/personal/statistik/bestand/?{YEAR}",
        "wrong-dates": "/personal/statistik/verksamhet/?start=2025-12-31&end=2025-01-01",
    }.items():
        page.goto(live_server.url + path)
        page.wait_for_selector("h1")
        audit(name)
    page.context.clear_cookies()
    use_language(page, live_server, language)
    _log_in_as_admin(page, live_server)
    page.goto(live_server.url + "/personal/statistik/arsrapport/?year=2025")
    page.wait_for_selector(".report-table")
    audit("yearly")
    assert found == {}, found


@pytest.mark.browser
def test_a_report_is_chosen_shown_and_downloaded_with_the_keyboard_alone(page, live_server):
    _region()
    log_in(page, live_server)
    page.goto(live_server.url + f"/personal/statistik/fordelning/?{YEAR}")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"{ACTIVE}.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_dimension")
    page.keyboard.press("End")  # the last choice: shelf class
    assert page.evaluate(f"{ACTIVE}.value") == "shelf_class"
    tab_to(".report-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**dimension=shelf_class**")
    assert "Verksamhet per hyllklass (sab)" in page.locator(".report-table h2").first.inner_text()
    # The wide table scrolls by keyboard (it takes focus), and the downloads are reachable.
    tab_to("a[download]")
    assert page.evaluate(f"{ACTIVE}.textContent") == "CSV"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "folkbib-fordelning-2025-01-01-2025-12-31.csv"
    tab_to(".table-scroll")
    assert page.evaluate(f"{ACTIVE}.getAttribute('role')") == "region"
