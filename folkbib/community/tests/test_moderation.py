from __future__ import annotations

import pytest

from folkbib.community import selectors, services
from folkbib.community.errors import ContainsBlockedWord, ModerationError
from folkbib.community.models import Board, ModerationAction, Post, Report, Review, Thread


@pytest.fixture
def thread(anna, now):
    board = Board.objects.create(slug="deckare", name="Deckare")
    return services.create_thread(patron=anna, board=board, title="T", body="Hej", now=now)


def test_a_reported_post_review_and_tag_wait_in_the_moderation_queue(
    anna, bertil, pippi, thread, now
):
    review = services.write_review(patron=anna, record=pippi, text="Hmm", now=now)
    tagging = services.add_tag(patron=anna, record=pippi, name="skräp", now=now)
    services.report(patron=bertil, content=thread.posts.get(), reason="Spam", now=now)
    services.report(patron=bertil, content=review, reason="Elakt", now=now)
    services.report(patron=bertil, content=tagging, reason="", now=now)
    services.report(patron=bertil, content=tagging, reason="igen", now=now)  # one open per patron
    queue = selectors.moderation_queue()
    assert [(item.kind, len(item.reports)) for item in queue] == [
        ("post", 1),
        ("review", 1),
        ("tagging", 1),
    ]


def test_hiding_removes_content_from_public_view_resolves_reports_and_is_logged(
    anna, bertil, pippi, moderator, now
):
    review = services.write_review(patron=anna, record=pippi, text="Hmm", now=now)
    services.report(patron=bertil, content=review, reason="Elakt", now=now)
    services.hide(moderator=moderator, content=review, reason="Personangrepp", now=now)
    assert list(selectors.reviews_for_record(pippi)) == []
    assert selectors.moderation_queue() == []
    assert Report.objects.get().resolved_at == now
    services.restore(moderator=moderator, content=review, reason="Felbedömning", now=now)
    assert list(selectors.reviews_for_record(pippi)) == [review]
    log = [(a.action, a.kind, a.target_id, a.reason) for a in ModerationAction.objects.all()]
    assert log == [
        ("restore", "review", review.pk, "Felbedömning"),
        ("hide", "review", review.pk, "Personangrepp"),
    ]


def test_hiding_the_opening_post_hides_the_thread(thread, moderator, now):
    services.hide(moderator=moderator, content=thread.posts.get(), reason="Spam", now=now)
    assert list(selectors.threads_on(thread.board)) == []
    with pytest.raises(Thread.DoesNotExist):
        selectors.visible_thread(thread.pk)


def test_a_hidden_reply_keeps_its_place_but_leaves_the_count(bertil, thread, moderator, now):
    answer = services.reply(patron=bertil, thread=thread, body="Reklam", now=now)
    services.hide(moderator=moderator, content=answer, reason="Reklam", now=now)
    assert [p.is_hidden for p in selectors.posts_in(thread)] == [False, True]
    assert Thread.objects.get().post_count == 1


def test_hiding_twice_or_restoring_the_visible_is_refused(bertil, thread, moderator, now):
    post = Post.objects.get()
    with pytest.raises(ModerationError):
        services.restore(moderator=moderator, content=post, reason="x", now=now)
    services.hide(moderator=moderator, content=post, reason="x", now=now)
    with pytest.raises(ModerationError):
        services.hide(moderator=moderator, content=post, reason="x", now=now)


def test_dismissing_reports_keeps_the_content_and_is_logged(bertil, thread, moderator, now):
    post = Post.objects.get()
    services.report(patron=bertil, content=post, reason="?", now=now)
    services.dismiss_reports(moderator=moderator, content=post, reason="Inget fel", now=now)
    assert selectors.moderation_queue() == []
    assert not Post.objects.get().is_hidden
    assert ModerationAction.objects.get().action == "dismiss"


@pytest.mark.parametrize(
    "write",
    [
        lambda p, r, t, now: services.write_review(patron=p, record=r, text="Ren SKURK!", now=now),
        lambda p, r, t, now: services.add_tag(patron=p, record=r, name="skurk", now=now),
        lambda p, r, t, now: services.reply(patron=p, thread=t, body="en skurk", now=now),
        lambda p, r, t, now: services.create_list(patron=p, name="Skurkar? nej: skurk", now=now),
        lambda p, r, t, now: services.set_display_name(patron=p, display_name="Skurk", now=now),
    ],
)
def test_text_with_a_blocked_word_is_refused_with_the_word_named(
    anna, pippi, thread, moderator, now, write
):
    services.block_word(moderator=moderator, word="Skurk", now=now)
    with pytest.raises(ContainsBlockedWord) as refused:
        write(anna, pippi, thread, now)
    assert "inte är tillåtet" in refused.value.message
    assert "skurk" in refused.value.message


def test_a_blocked_word_is_matched_as_a_whole_word_in_any_case_or_width(
    anna, pippi, moderator, now
):
    services.block_word(moderator=moderator, word="ass", now=now)
    services.write_review(patron=anna, record=pippi, text="En klassisk roman", now=now)
    with pytest.raises(ContainsBlockedWord):
        services.add_tag(patron=anna, record=pippi, name="ＡＳＳ", now=now)  # fullwidth


def test_unblocking_a_word_allows_it_again_and_both_are_logged(anna, pippi, moderator, now):
    blocked = services.block_word(moderator=moderator, word="skurk", now=now)
    services.unblock_word(moderator=moderator, blocked=blocked, now=now)
    services.add_tag(patron=anna, record=pippi, name="skurk", now=now)
    assert [a.action for a in ModerationAction.objects.all()] == ["unblock_word", "block_word"]
    assert Review.objects.count() == 0
