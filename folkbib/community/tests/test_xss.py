"""Every user-content field shows a hostile payload only as harmless, escaped text."""

from __future__ import annotations

import contextlib
import html

import pytest
from django.urls import reverse

from folkbib.community import services
from folkbib.community.errors import CommunityInputInvalid
from folkbib.community.models import Board, Post
from folkbib.community.tests.factories import make_patron

pytestmark = pytest.mark.usefixtures("portal_urls")

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '<a href="javascript:alert(1)">klicka</a>',
    "javascript:alert(document.cookie)",
    "<iframe src=//evil.example></iframe>",
    "{{ request.session }}{% debug %}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "\u202egnp.exe<b>x</b>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
]
RLO = "\u202e"


def assert_only_escaped(page: str, payload: str) -> None:
    if any(c in payload for c in "<>\"'&"):
        assert payload not in page, f"raw payload on the page: {payload!r}"
    assert "<script>alert" not in page.lower()
    assert "<svg onload" not in page.lower()
    assert "<img src=x" not in page.lower()
    assert "<iframe" not in page.lower()
    assert 'href="javascript:' not in page.lower()
    assert RLO not in page
    assert "{% debug %}" not in page or html.escape("{% debug %}") in page


def fill_everything(payload: str, *, anna, bertil, pippi, moderator, now):
    """Push ``payload`` through every field a patron (or a moderator) can write."""
    short = payload[:40]
    for patron in (anna, bertil):
        with contextlib.suppress(CommunityInputInvalid):
            services.set_display_name(
                patron=patron, display_name=f"{short[:36]}{patron.pk}", now=now
            )
    services.rate(patron=anna, record=pippi, stars=3, now=now)
    tagging = None
    # Tags refuse "/"; the payload must not appear unescaped anywhere either way.
    with contextlib.suppress(CommunityInputInvalid):
        tagging = services.add_tag(patron=anna, record=pippi, name=short, now=now)
    review = services.write_review(patron=anna, record=pippi, text=payload, now=now)
    reading_list = services.create_list(
        patron=anna, name=payload[:100], description=payload, is_public=True, now=now
    )
    services.add_entry(patron=anna, reading_list=reading_list, record=pippi, note=payload, now=now)
    board = Board.objects.create(slug="deckare", name="Deckare")
    thread = services.create_thread(patron=anna, board=board, title=payload, body=payload, now=now)
    opening = Post.objects.get(thread=thread)
    services.reply(patron=bertil, thread=thread, body=payload, quoted=opening, now=now)
    services.report(patron=bertil, content=review, reason=payload, now=now)
    services.report(patron=bertil, content=opening, reason=payload, now=now)
    if tagging is not None:
        services.report(patron=bertil, content=tagging, reason=payload, now=now)
    services.hide(moderator=moderator, content=opening, reason=payload[:300], now=now)
    services.restore(moderator=moderator, content=opening, reason=payload[:300], now=now)
    services.report(patron=bertil, content=opening, reason=payload, now=now)
    services.block_word(moderator=moderator, word=payload[:60], now=now)
    return {"thread": thread, "list": reading_list, "tagging": tagging, "opening": opening}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_user_content_field_is_escaped_on_every_page(
    client, login, anna, pippi, moderator, now, payload
):
    bertil = make_patron("Bertil")
    made = fill_everything(
        payload, anna=anna, bertil=bertil, pippi=pippi, moderator=moderator, now=now
    )
    public = [
        reverse("portal:record", args=[pippi.pk]),
        reverse("portal:tag_cloud"),
        reverse("portal:reading_lists"),
        reverse("portal:reading_list", args=[made["list"].pk]),
        reverse("portal:forum"),
        reverse("portal:forum_board", args=["deckare"]),
        reverse("portal:forum_thread", args=[made["thread"].pk]),
    ]
    if made["tagging"] is not None:
        public.append(reverse("portal:tag", args=[made["tagging"].tag.name]))
    patron_pages = [
        reverse("portal:review", args=[pippi.pk]),
        reverse("portal:community_profile"),
        reverse("portal:edit_reading_list", args=[made["list"].pk]),
        reverse("portal:forum_reply", args=[made["thread"].pk]) + f"?citera={made['opening'].pk}",
        reverse("portal:report", args=["inlagg", made["opening"].pk]),
    ]
    staff_pages = [
        reverse("portal:moderation"),
        reverse("portal:moderation_words"),
        reverse("portal:moderation_log"),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_escaped(response.content.decode(), payload)
    patron_client = login(anna)
    for url in [*public, *patron_pages]:
        response = patron_client.get(url)
        assert response.status_code == 200, url
        assert_only_escaped(response.content.decode(), payload)
    client.force_login(moderator)
    for url in staff_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_escaped(response.content.decode(), payload)


def test_the_escaped_payload_is_shown_as_the_text_the_patron_wrote(client, anna, pippi, now):
    services.write_review(patron=anna, record=pippi, text=PAYLOADS[1], now=now)
    page = client.get(reverse("portal:record", args=[pippi.pk])).content.decode()
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


def test_bidi_overrides_are_removed_from_stored_text(anna, pippi, now):
    review = services.write_review(patron=anna, record=pippi, text="abc\u202edef\u2066", now=now)
    assert review.text == "abcdef"
