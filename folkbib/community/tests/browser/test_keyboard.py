"""Rating, tagging and posting in the forum with the keyboard alone, in a real Chromium."""

from __future__ import annotations

import pytest

from folkbib.community.tests.browser.scene import build_scene, log_in


def tab_until(page, predicate: str, limit: int = 60) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"Tab never reached an element where {predicate} ({limit} presses)")


def outline(page) -> str:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")


@pytest.mark.browser
def test_a_keyboard_user_rates_and_tags_a_book(page, live_server):
    scene = build_scene()
    log_in(page, live_server, scene.anna, f"/post/{scene.hobbit.pk}/")
    assert "Inga betyg ännu." in page.locator("#rating").inner_text()

    tab_until(page, "e.name === 'stars'")
    assert page.evaluate("document.activeElement.id") == "stars-1"
    assert outline(page) != "none", "the radio button shows no focus"
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "stars-4"
    assert page.is_checked("#stars-4")
    tab_until(page, "e.textContent.trim() === 'Spara betyg'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/post/{scene.hobbit.pk}/#rating")
    assert "Betyg 4,0 av 5 (1 betyg)" in page.locator("#rating").inner_text()
    assert page.is_checked("#stars-4")

    tab_until(page, "e.id === 'tag-input'")
    page.keyboard.type("Läsa högt")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/post/{scene.hobbit.pk}/#tags")
    tags = page.locator("#tags").inner_text()
    assert "läsa högt" in tags and "Taggen ”läsa högt” är tillagd." in page.inner_text("main")

    tab_until(page, "e.textContent.trim() === 'Ta bort min tagg ”läsa högt”'")
    with page.expect_navigation():  # the same URL again: wait for the new page itself
        page.keyboard.press("Enter")
    assert "Taggen ”läsa högt” är borttagen." in page.inner_text("main")
    assert "läsa högt" not in page.locator("#tags .tag-list").inner_text()


@pytest.mark.browser
def test_a_keyboard_user_starts_a_thread_and_replies_with_a_quote(page, live_server):
    scene = build_scene()
    log_in(page, live_server, scene.bertil, "/forum/deckare/")

    tab_until(page, "e.textContent.trim() === 'Starta en ny tråd'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forum/deckare/ny-trad/")
    tab_until(page, "e.id === 'thread-title'")
    page.keyboard.type("Wallander eller Beck?")
    page.keyboard.press("Tab")
    page.keyboard.type("Vem är bäst?")
    tab_until(page, "e.textContent.trim() === 'Publicera tråden'")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Wallander eller Beck?')")
    assert "Vem är bäst?" in page.inner_text(".posts")

    tab_until(page, "e.textContent.trim() === 'Citera och svara'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/svara/?citera=*")
    assert "Du citerar Bokbertil:" in page.inner_text("main")
    tab_until(page, "e.id === 'reply-body'")
    page.keyboard.type("Beck, såklart.")
    tab_until(page, "e.textContent.trim() === 'Skicka svar'")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Beck, såklart.")
    posts = page.locator(".posts > li")
    assert posts.count() == 2
    assert "Bokbertil skrev:" in posts.nth(1).inner_text()
