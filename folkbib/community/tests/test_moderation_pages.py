from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.community import services
from folkbib.community.models import BlockedWord, ModerationAction, Review

pytestmark = pytest.mark.usefixtures("portal_urls")


def test_the_moderation_pages_need_a_staff_user(client, login, anna, django_user_model):
    url = reverse("portal:moderation")
    assert client.get(url).status_code == 302  # to log in
    assert login(anna).get(url).status_code == 302  # a patron is not a staff user
    client.force_login(django_user_model.objects.create_user(username="reader", password="x"))
    assert client.get(url).status_code == 403


def test_a_moderator_hides_a_reported_review_with_a_reason_and_it_is_logged(
    client, anna, bertil, pippi, moderator, now
):
    review = services.write_review(patron=anna, record=pippi, text="Elak text", now=now)
    services.report(patron=bertil, content=review, reason="Personangrepp", now=now)
    client.force_login(moderator)
    page = client.get(reverse("portal:moderation")).content.decode()
    assert "Elak text" in page and "Personangrepp" in page
    act = reverse("portal:moderation_act", args=["review", review.pk])
    response = client.post(act, {"action": "hide", "reason": "Bryter mot reglerna"})
    assert response.status_code == 302
    assert Review.objects.get().is_hidden
    record_page = client.get(reverse("portal:record", args=[pippi.pk])).content.decode()
    assert "Elak text" not in record_page
    client.post(act, {"action": "restore", "reason": "Omprövat"})
    assert not Review.objects.get().is_hidden
    log = client.get(reverse("portal:moderation_log")).content.decode()
    assert "Bryter mot reglerna" in log and "Omprövat" in log
    assert ModerationAction.objects.filter(moderator=moderator).count() == 2


def test_a_moderator_action_without_a_reason_is_refused(client, anna, pippi, moderator, now):
    review = services.write_review(patron=anna, record=pippi, text="x", now=now)
    client.force_login(moderator)
    client.post(reverse("portal:moderation_act", args=["review", review.pk]), {"action": "hide"})
    assert not Review.objects.get().is_hidden
    assert not ModerationAction.objects.exists()


def test_a_moderator_blocks_and_unblocks_a_word(client, moderator):
    client.force_login(moderator)
    client.post(reverse("portal:moderation_words"), {"word": "Skurk"})
    blocked = BlockedWord.objects.get()
    assert blocked.word == "skurk"
    client.post(reverse("portal:moderation_unblock_word", args=[blocked.pk]))
    assert not BlockedWord.objects.exists()
    assert [a.action for a in ModerationAction.objects.all()] == ["unblock_word", "block_word"]
