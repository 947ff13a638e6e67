from __future__ import annotations

import pytest

from folkbib.community import selectors, services
from folkbib.community.errors import QuoteNotInThread, ThreadClosed
from folkbib.community.models import Board, Post, Thread
from folkbib.community.tests.factories import make_patron


@pytest.fixture
def board(db):
    return Board.objects.create(slug="deckare", name="Deckare")


def test_a_thread_opens_with_its_first_post_and_its_author_follows_it(anna, board, now):
    thread = services.create_thread(
        patron=anna,
        board=board,
        title="Bästa Mankell?",
        body="Vilken ska jag börja med?",
        now=now,
    )
    (opening,) = selectors.posts_in(thread)
    assert opening.is_opening and opening.body == "Vilken ska jag börja med?"
    assert selectors.is_subscribed(anna, thread)
    assert [t.title for t in selectors.threads_on(board)] == ["Bästa Mankell?"]


def test_a_reply_can_quote_an_earlier_post_of_the_thread(anna, bertil, board, now):
    thread = services.create_thread(patron=anna, board=board, title="T", body="Fråga", now=now)
    opening = Post.objects.get()
    answer = services.reply(patron=bertil, thread=thread, body="Svar", quoted=opening, now=now)
    posts = list(selectors.posts_in(thread))
    assert posts[1] == answer
    assert posts[1].quoted.body == "Fråga"
    assert posts[1].quoted.author.community_profile.display_name == "Läsande Anna"
    assert Thread.objects.get().post_count == 2


def test_a_quote_from_another_thread_is_refused(anna, bertil, board, now):
    first = services.create_thread(patron=anna, board=board, title="A", body="a", now=now)
    second = services.create_thread(patron=anna, board=board, title="B", body="b", now=now)
    with pytest.raises(QuoteNotInThread):
        services.reply(patron=bertil, thread=second, body="x", quoted=first.posts.get(), now=now)


def test_a_locked_thread_takes_no_replies(anna, bertil, board, now):
    thread = services.create_thread(patron=anna, board=board, title="T", body="x", now=now)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    with pytest.raises(ThreadClosed):
        services.reply(patron=bertil, thread=thread, body="y", now=now)


def test_subscribers_but_the_replier_get_an_email_after_the_commit(
    anna, bertil, board, now, mailoutbox, django_capture_on_commit_callbacks
):
    carl = make_patron("Carl", display_name="Carl", language="en")
    no_email = make_patron("Doris", display_name="Doris", email="")
    thread = services.create_thread(patron=anna, board=board, title="Deckartips", body="x", now=now)
    services.subscribe(patron=carl, thread=thread, now=now)
    services.subscribe(patron=no_email, thread=thread, now=now)
    services.subscribe(patron=bertil, thread=thread, now=now)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(
            patron=bertil,
            thread=thread,
            body="Läs Sjöwall Wahlöö",
            now=now,
            thread_url="https://bibliotek.example/forum/trad/1/",
        )
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@example.org", "carl@example.org"]
    swedish = next(m for m in mailoutbox if m.to == ["anna@example.org"])
    assert swedish.subject == "Nytt svar i ”Deckartips”"
    assert "Bokbertil" in swedish.body
    assert "https://bibliotek.example/forum/trad/1/" in swedish.body
    assert "20000" not in swedish.body  # no card number of anyone
    english = next(m for m in mailoutbox if m.to == ["carl@example.org"])
    assert english.subject == "New reply in “Deckartips”"


def test_no_email_is_sent_when_the_reply_is_rolled_back(
    anna, bertil, board, now, mailoutbox, django_capture_on_commit_callbacks
):
    thread = services.create_thread(patron=anna, board=board, title="T", body="x", now=now)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reply(patron=bertil, thread=thread, body="y", now=now)
    assert len(callbacks) == 1 and mailoutbox == []


def test_an_unsubscribed_patron_gets_no_email(
    anna, bertil, board, now, mailoutbox, django_capture_on_commit_callbacks
):
    thread = services.create_thread(patron=anna, board=board, title="T", body="x", now=now)
    services.unsubscribe(patron=anna, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(patron=bertil, thread=thread, body="y", now=now)
    assert mailoutbox == []
