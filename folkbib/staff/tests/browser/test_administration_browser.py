"""The administration pages in a real Chromium: no axe-core WCAG 2.1 A/AA violation in
Swedish or English, and a librarian changes opening hours with the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from folkbib.circulation.models import LoanRule, NoticeKind
from folkbib.circulation.tests.conftest import NOW, build_world
from folkbib.consortium import administration
from folkbib.consortium import services as consortium
from folkbib.consortium.models import ClosedDay, OpeningHours, StaffRole
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.staff.tests.conftest import PASSWORD

ACTIVE_ID = "document.activeElement.id"


@pytest.fixture(autouse=True)
def _clock(monkeypatch: Any) -> None:
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def colleague(username: str, role: str, **places: Any) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    consortium.assign_staff(user=user, role=role, **places)
    return user


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(live_server.url + "/personal/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_administration_pages_have_no_wcag_violations(
    page: Any, live_server: Any, language: str
) -> None:
    world = build_world()
    admin = colleague("regionadmin", StaffRole.REGION_ADMIN, branch=None)
    librarian = colleague("bibbi", StaffRole.LIBRARIAN, branch=world.umea)
    colleague("kata", StaffRole.CATALOGUER, branch=world.umea)
    administration.close_day(
        staff=admin,
        municipality=world.umea_kommun,
        date=NOW.date().replace(month=8, day=14),
        reason="Personaldag",
        now=NOW,
    )
    rule = LoanRule.objects.filter(municipality__isnull=True).first()
    assert rule is not None
    use_language(page, live_server, language)
    found: dict[str, Any] = {}

    def audit(name: str, path: str | None = None) -> None:
        if path is not None:
            page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page, f"admin-{name}-{language}")
        if violations:
            found[name] = violations

    sign_in(page, live_server, "regionadmin")
    kommun, branch = world.umea_kommun.pk, world.holmsund.pk
    hold_ready = NoticeKind.HOLD_READY
    for name, path in {
        "index": "/personal/administration/",
        "municipality": f"/personal/administration/kommuner/{kommun}/",
        "municipality-edit": f"/personal/administration/kommuner/{kommun}/andra/",
        "municipality-new": "/personal/administration/kommuner/ny/",
        "branch-new": f"/personal/administration/kommuner/{kommun}/nytt-bibliotek/",
        "branch-edit": f"/personal/administration/bibliotek/{branch}/",
        "hours": f"/personal/administration/bibliotek/{branch}/oppettider/",
        "closed-days": f"/personal/administration/kommuner/{kommun}/stangda-dagar/",
        "rules": "/personal/administration/lanevillkor/",
        "rule-new": "/personal/administration/lanevillkor/ny/",
        "rule-edit": f"/personal/administration/lanevillkor/{rule.pk}/",
        "fees": f"/personal/administration/kommuner/{kommun}/avgifter/",
        "staff": "/personal/administration/personal/",
        "staff-new": "/personal/administration/personal/ny/",
        "staff-edit": f"/personal/administration/personal/{librarian.pk}/",
        "devices": "/personal/administration/enheter/",
        "kiosk-new": "/personal/administration/enheter/kiosk/ny/",
        "terminal-new": "/personal/administration/enheter/sip2/ny/",
        "notices": "/personal/administration/meddelanden/",
        "notice-edit": (
            f"/personal/administration/kommuner/{kommun}/meddelanden/{hold_ready}/sv/email/"
        ),
    }.items():
        audit(name, path)
    page.goto(live_server.url + f"/personal/administration/bibliotek/{branch}/oppettider/")
    page.fill("#id_day0", "18:00-10:00")
    page.press("#id_day0", "Enter")
    page.wait_for_selector("[role=alert]")
    audit("hours-error")
    audit("audit-log", "/personal/administration/logg/")

    page.context.clear_cookies()
    use_language(page, live_server, language)
    sign_in(page, live_server, "kata")
    audit("home-cataloguer", "/personal/")
    audit("forbidden", "/personal/administration/")
    assert found == {}, found


@pytest.mark.browser
def test_a_librarian_changes_the_opening_hours_with_the_keyboard_alone(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    colleague("bibbi", StaffRole.LIBRARIAN, branch=world.umea)
    sign_in(page, live_server, "bibbi")
    page.goto(
        live_server.url + f"/personal/administration/bibliotek/{world.holmsund.pk}/oppettider/"
    )

    # From the skip link, Tab reaches Monday's field before anything in the form.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE_ID) == "id_day0":
            break
    assert page.evaluate(ACTIVE_ID) == "id_day0"
    page.keyboard.press("Tab")  # Tuesday
    page.keyboard.press("Tab")  # Wednesday
    page.keyboard.press("Tab")  # Thursday
    page.keyboard.press("Tab")  # Friday
    page.keyboard.press("Tab")  # Saturday
    assert page.evaluate(ACTIVE_ID) == "id_day5"
    page.keyboard.type("11:00-14:00")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=status]")
    assert "Öppettiderna för Holmsunds bibliotek är sparade." in page.inner_text("[role=status]")
    assert OpeningHours.objects.filter(branch=world.holmsund, weekday=5).count() == 1
    assert not ClosedDay.objects.filter(branch=world.holmsund).exists()
