"""The social library's pages in a real Chromium: no WCAG 2.1 A/AA violation (axe-core)."""

from __future__ import annotations

import pytest

from folkbib.community.tests.browser.scene import build_scene, log_in
from folkbib.portal.tests.browser.harness import axe_violations, use_language


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_community_pages_have_no_wcag_violations(page, live_server, language):
    scene = build_scene()
    opening = scene.thread.posts.first()
    use_language(page, live_server, language)
    public = {
        "forum": "/forum/",
        "board": "/forum/deckare/",
        "empty-board": "/forum/bokcirkel-vannas/",
        "thread": f"/forum/trad/{scene.thread.pk}/",
        "lists": "/listor/",
        "list": f"/listor/{scene.summer.pk}/",
        "tag-cloud": "/taggar/",
        "tag": "/taggar/starka%20flickor/",
        "record-community": f"/post/{scene.pippi.pk}/",
    }
    signed_in = {
        "thread-signed-in": f"/forum/trad/{scene.thread.pk}/",
        "record-signed-in": f"/post/{scene.pippi.pk}/",
        "list-owner": f"/listor/{scene.summer.pk}/",
        "lists-signed-in": "/listor/",
        "new-thread": "/forum/deckare/ny-trad/",
        "reply-quote": f"/forum/trad/{scene.thread.pk}/svara/?citera={opening.pk}",
        "review-form": f"/post/{scene.hobbit.pk}/recension/",
        "new-list": "/listor/ny/",
        "profile": "/gemenskap/namn/",
    }
    found = {}

    def audit(pages):
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang") == language
            violations = axe_violations(page, f"community-{name}-{language}")
            if violations:
                found[name] = violations

    audit(public)
    log_in(page, live_server, scene.anna)
    audit(signed_in)
    # an error message tied to its field
    page.goto(f"{live_server.url}/post/{scene.pippi.pk}/taggar/")
    page.fill("#tag-input", "a/b")
    page.press("#tag-input", "Enter")
    page.wait_for_selector("#tag-error")
    audit_errors = axe_violations(page, f"community-tag-error-{language}")
    if audit_errors:
        found["tag-error"] = audit_errors
    assert found == {}


@pytest.mark.browser
def test_the_thread_reflows_on_a_narrow_screen(page, live_server):
    scene = build_scene()
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server, scene.anna, f"/forum/trad/{scene.thread.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, "the thread scrolls sideways at 320 px (WCAG 1.4.10 reflow)"
    assert axe_violations(page, "community-thread-narrow") == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_moderation_pages_have_no_wcag_violations(page, live_server, language):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from folkbib.community import services
    from folkbib.community.tests.factories import NOW

    scene = build_scene()
    moderator = get_user_model().objects.create_user("moderator", password="x", is_staff=True)
    opening = scene.thread.posts.first()
    services.report(patron=scene.bertil, content=opening, reason="Reklam?", now=NOW)
    review = scene.pippi.reviews.get()
    services.report(patron=scene.anna, content=review, reason="Avslöjar slutet", now=NOW)
    services.hide(moderator=moderator, content=review, reason="Avslöjar slutet", now=NOW)
    services.block_word(moderator=moderator, word="skurk", now=NOW)
    staff = Client()
    staff.force_login(moderator)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    use_language(page, live_server, language)
    found = {}
    for name, path in {
        "queue": "/personal/moderering/",
        "words": "/personal/moderering/ord/",
        "log": "/personal/moderering/logg/",
    }.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        if name == "queue":  # one open report, one hidden review to restore
            assert "Reklam?" in page.inner_text("main")
            assert page.locator("button[value='restore']").count() == 1
        violations = axe_violations(page, f"moderation-{name}-{language}")
        if violations:
            found[name] = violations
    assert found == {}
