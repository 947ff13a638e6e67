"""Frågor till biblioteket in a real Chromium: no WCAG 2.1 A/AA violations, sv and en."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.community import services
from folkbib.community.tests.questions_scene import build_scene
from folkbib.core import clock
from folkbib.portal.tests.browser.harness import axe_violations, use_language


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_question_pages_have_no_wcag_violations(page, live_server, language):
    scene = build_scene()
    asked = clock.now() - dt.timedelta(hours=3)
    conversation = services.ask_library(
        patron=scene.anna,
        subject="Bokcirkel i höst?",
        body="Finns det en bokcirkel för vuxna?\nJag läser mest romaner.",
        now=asked,
    )
    services.reply_as_staff(
        staff=scene.umea_librarian,
        branch=scene.world.umea,
        conversation=conversation,
        body="Ja, varannan torsdag kl. 18.",
        now=asked + dt.timedelta(hours=1),
    )
    use_language(page, live_server, language)
    page.goto(live_server.url + "/logga-in/")
    page.fill("#id_card_number", "10000001")
    page.fill("#id_pin", "1234")
    page.click("main button[type=submit]")
    page.wait_for_url("**/mina-sidor/")
    found = {}

    def audit(name):
        assert page.locator("html").get_attribute("lang") == language
        if violations := axe_violations(page, f"questions-{name}-{language}"):
            found[name] = violations

    audit("overview")
    for name, path in {
        "list": "/mina-sidor/fragor/",
        "new": "/mina-sidor/fragor/ny/",
        "conversation": f"/mina-sidor/fragor/{conversation.pk}/",
    }.items():
        page.goto(live_server.url + path)
        audit(name)
    page.goto(live_server.url + "/mina-sidor/fragor/ny/")
    page.click("main button[type=submit]")  # nothing filled in: errors at the fields
    page.wait_for_selector("#id_subject_error")
    audit("new-with-errors")
    page.goto(live_server.url + f"/mina-sidor/fragor/{conversation.pk}/")
    page.click("main form[action$='/avsluta/'] button")
    page.wait_for_selector("form[action$='/oppna/']")
    audit("conversation-closed")
    page.set_viewport_size({"width": 320, "height": 640})
    audit("conversation-narrow")
    assert found == {}, found
