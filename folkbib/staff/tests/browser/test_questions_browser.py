"""The desk's inbox in a real Chromium (axe, sv and en), and a question answered by
keyboard alone: the patron asks, the librarian answers, the patron reads the answer."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from folkbib.circulation.models import Notice
from folkbib.community import services
from folkbib.community.models import Conversation
from folkbib.community.tests.questions_scene import PASSWORD, build_scene
from folkbib.core import clock
from folkbib.portal.tests.browser.harness import axe_violations, use_language
from folkbib.portal.tests.browser.test_keyboard import tab_until
from folkbib.portal.tests.browser.test_my_pages_browser import sign_in_by_keyboard

FOCUSED_TEXT = "document.activeElement.textContent.trim()"


def staff_log_in(page, live_server, username="bibliotekarie"):
    page.goto(live_server.url + "/personal/logga-in/?next=/personal/fragor/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/personal/fragor/")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_inbox_and_a_conversation_have_no_wcag_violations(page, live_server, language):
    scene = build_scene()
    now = clock.now()
    waiting = services.ask_library(
        patron=scene.anna,
        subject="Talböcker?",
        body="Kan min pappa låna talböcker?",
        now=now - dt.timedelta(days=3),
    )
    answered = services.ask_library(
        patron=scene.anna,
        subject="Bokcirkel",
        body="Finns det en?",
        branch=scene.world.holmsund,
        now=now - dt.timedelta(hours=5),
    )
    services.reply_as_staff(
        staff=scene.umea_librarian,
        branch=scene.world.umea,
        conversation=answered,
        body="Ja!",
        now=now - dt.timedelta(hours=1),
    )
    use_language(page, live_server, language)
    staff_log_in(page, live_server)
    found = {}

    def audit(name):
        assert page.locator("html").get_attribute("lang") == language
        if violations := axe_violations(page, f"desk-questions-{name}-{language}"):
            found[name] = violations

    audit("inbox")
    page.goto(live_server.url + f"/personal/fragor/{waiting.pk}/")
    audit("conversation")
    page.click("main form[action$='/svara/'] button")  # empty: the error at the field
    page.wait_for_selector("#id_body_error")
    audit("conversation-with-error")
    page.goto(live_server.url + f"/personal/fragor/{answered.pk}/")
    audit("answered")
    page.goto(live_server.url + "/personal/fragor/?status=closed")
    audit("inbox-empty")
    assert found == {}, found


@pytest.mark.browser
def test_a_question_is_asked_answered_and_read_with_the_keyboard_alone(browser, page, live_server):
    scene = build_scene()
    # The patron asks.
    sign_in_by_keyboard(page, live_server)
    tab_until(page, "e.textContent.trim() === 'Frågor till biblioteket'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mina-sidor/fragor/")
    tab_until(page, "e.textContent.trim() === 'Ställ en ny fråga'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mina-sidor/fragor/ny/")
    tab_until(page, "e.id === 'id_branch'")
    assert page.evaluate("document.activeElement.selectedOptions[0].text") == (
        "Umeå stadsbibliotek"
    )
    page.keyboard.press("Tab")
    page.keyboard.type("Bokcirkel i höst?")
    page.keyboard.press("Tab")
    page.keyboard.type("Finns det en bokcirkel för vuxna?")
    tab_until(page, "e.textContent.trim() === 'Skicka frågan'")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Din fråga är skickad till Umeå stadsbibliotek.")
    conversation = Conversation.objects.get()
    patron_url = page.url

    # The librarian answers, in a browser of their own.
    desk = browser.new_context(locale="sv-SE")
    librarian = desk.new_page()
    librarian.goto(live_server.url + "/personal/logga-in/?next=/personal/fragor/")
    # Chromium focuses an autofocus field after the load event, at its next rendering
    # update: keys typed before that are lost.
    librarian.wait_for_function("document.activeElement?.id === 'id_username'")
    librarian.keyboard.type("bibliotekarie")
    librarian.keyboard.press("Tab")
    librarian.keyboard.type(PASSWORD)
    librarian.keyboard.press("Enter")
    # Not the sign-in page, whose ?next= also ends in /personal/fragor/.
    librarian.wait_for_url(re.compile(r"/personal/fragor/$"))
    assert "1 väntar" in librarian.locator("nav").inner_text()
    tab_until(librarian, "e.textContent.trim() === 'Bokcirkel i höst?'")
    librarian.keyboard.press("Enter")
    librarian.wait_for_url(f"**/personal/fragor/{conversation.pk}/")
    tab_until(librarian, "e.id === 'id_body'")
    librarian.keyboard.type("Ja, varannan torsdag kl. 18.")
    librarian.keyboard.press("Tab")
    assert librarian.evaluate(FOCUSED_TEXT).startswith("Skicka svaret från")
    librarian.keyboard.press("Enter")
    librarian.wait_for_selector("text=Svaret är skickat till låntagaren.")
    desk.close()
    assert Notice.objects.filter(patron=scene.anna, kind="librarian_reply").count() == 1

    # The patron sees the answer.
    page.goto(patron_url)
    body = page.locator("main").inner_text()
    assert "Umeå stadsbibliotek, Bibbi" in body
    assert "Ja, varannan torsdag kl. 18." in body
