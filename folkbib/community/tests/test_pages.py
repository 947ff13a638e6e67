"""The social library's pages, read by anyone and written by signed-in patrons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.community import services
from folkbib.community.models import Board, Rating, Tagging, Thread
from folkbib.community.tests.factories import make_patron

pytestmark = pytest.mark.usefixtures("portal_urls")


@pytest.fixture
def board(db):
    return Board.objects.create(slug="deckare", name="Deckare", description="Mord och mysterier")


@pytest.fixture
def thread(anna, board, now):
    return services.create_thread(
        patron=anna, board=board, title="Bästa Mankell?", body="Vilken först?", now=now
    )


def test_a_visitor_reads_the_forum_board_and_thread_without_logging_in(client, thread):
    assert "Deckare" in client.get(reverse("portal:forum")).content.decode()
    board_page = client.get(reverse("portal:forum_board", args=["deckare"])).content.decode()
    assert "Bästa Mankell?" in board_page and "Läsande Anna" in board_page
    page = client.get(reverse("portal:forum_thread", args=[thread.pk])).content.decode()
    assert "Vilken först?" in page
    assert "Logga in" in page and 'name="body"' not in page


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("portal:rate", "record", "post"),
        ("portal:tag_record", "record", "post"),
        ("portal:review", "record", "get"),
        ("portal:new_reading_list", None, "get"),
        ("portal:forum_new_thread", "board", "get"),
        ("portal:forum_reply", "thread", "post"),
    ],
)
def test_writing_sends_a_visitor_to_log_in_and_back(client, pippi, thread, name, args, method):
    arg = {"record": [pippi.pk], "board": ["deckare"], "thread": [thread.pk], None: []}[args]
    url = reverse(name, args=arg)
    response = getattr(client, method)(url, {"next": "/somewhere/"} if method == "post" else {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login") + "?next=")
    assert Rating.objects.count() == 0 and Tagging.objects.count() == 0


def test_a_patron_rates_and_tags_from_the_record_page(login, anna, pippi):
    client = login(anna)
    record_url = reverse("portal:record", args=[pippi.pk])
    page = client.get(record_url).content.decode()
    assert "<legend>Ditt betyg</legend>" in page
    assert 'type="radio" id="stars-4" name="stars" value="4"' in page
    response = client.post(reverse("portal:rate", args=[pippi.pk]), {"stars": "4"})
    assert response.status_code == 302 and response["Location"] == f"{record_url}#rating"
    response = client.post(reverse("portal:tag_record", args=[pippi.pk]), {"tag": "Starka flickor"})
    assert response["Location"] == f"{record_url}#tags"
    page = client.get(record_url).content.decode()
    assert "Betyg 4,0 av 5 (1 betyg)" in page
    assert 'value="4" checked' in page
    assert "Taggen ”starka flickor” är tillagd." in page
    assert 'href="/taggar/starka%20flickor/"' in page
    assert "Ta bort min tagg ”starka flickor”" in page


def test_a_refused_tag_shows_the_form_with_the_error_tied_to_the_field(login, anna, pippi):
    response = login(anna).post(reverse("portal:tag_record", args=[pippi.pk]), {"tag": "a/b"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="tag-help tag-error" aria-invalid="true"' in page
    assert "snedstreck" in page


def test_a_review_needs_a_display_name_and_then_publishes_under_it(login, pippi):
    carl = make_patron("Carl")
    client = login(carl)
    review_url = reverse("portal:review", args=[pippi.pk])
    response = client.get(review_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:community_profile"))
    response = client.post(
        reverse("portal:community_profile"), {"display_name": "Carl C", "next": review_url}
    )
    assert response["Location"] == review_url
    client.post(review_url, {"text": "Rolig!"})
    page = client.get(reverse("portal:record", args=[pippi.pk])).content.decode()
    assert "Carl C" in page and "Rolig!" in page and carl.card_number not in page


def test_a_blocked_word_is_refused_with_a_message_naming_it(login, anna, board, moderator, now):
    services.block_word(moderator=moderator, word="skurk", now=now)
    response = login(anna).post(
        reverse("portal:forum_new_thread", args=["deckare"]), {"title": "Hej", "body": "Din skurk"}
    )
    assert response.status_code == 400
    assert (
        "Texten innehåller ett ord som inte är tillåtet här (”skurk”)" in response.content.decode()
    )
    assert not Thread.objects.exists()


def test_a_patron_starts_a_thread_replies_with_a_quote_and_reports_a_post(
    login, anna, bertil, board
):
    client = login(anna)
    response = client.post(
        reverse("portal:forum_new_thread", args=["deckare"]),
        {"title": "Sjöwall Wahlöö", "body": "Roseanna först?", "subscribe": "1"},
    )
    thread = Thread.objects.get()
    assert response["Location"] == reverse("portal:forum_thread", args=[thread.pk])
    opening = thread.posts.get()
    client = login(bertil)
    reply_url = reverse("portal:forum_reply", args=[thread.pk])
    form = client.get(f"{reply_url}?citera={opening.pk}").content.decode()
    assert "Du citerar Läsande Anna:" in form
    response = client.post(reply_url, {"body": "Ja!", "quoted": str(opening.pk)})
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Läsande Anna skrev:" in page and "Ja!" in page
    client.post(reverse("portal:report", args=["inlagg", opening.pk]), {"reason": "Spoiler"})
    assert opening.report_set.get().reason == "Spoiler"


def test_a_private_list_is_not_found_by_others_and_a_public_one_is_listed(
    client, login, anna, bertil, pippi, now
):
    private = services.create_list(patron=anna, name="Hemligt", now=now)
    public = services.create_list(patron=anna, name="Sommarläsning 2026", is_public=True, now=now)
    services.add_entry(patron=anna, reading_list=public, record=pippi, now=now)
    assert client.get(reverse("portal:reading_list", args=[private.pk])).status_code == 404
    page = client.get(reverse("portal:reading_lists")).content.decode()
    assert "Sommarläsning 2026" in page and "Hemligt" not in page
    page = client.get(reverse("portal:reading_list", args=[public.pk])).content.decode()
    assert "Pippi Långstrump" in page and "Läsande Anna" in page
    assert login(bertil).get(reverse("portal:reading_list", args=[private.pk])).status_code == 404
    assert login(anna).get(reverse("portal:reading_list", args=[private.pk])).status_code == 200


def test_the_tag_cloud_and_tag_page_list_what_patrons_tagged(client, anna, pippi, now):
    services.add_tag(patron=anna, record=pippi, name="läsa högt", now=now)
    cloud = client.get(reverse("portal:tag_cloud")).content.decode()
    assert 'href="/taggar/l%C3%A4sa%20h%C3%B6gt/"' in cloud
    page = client.get("/taggar/l%C3%A4sa%20h%C3%B6gt/").content.decode()
    assert "Taggen ”läsa högt”" in page and "Pippi Långstrump" in page
    assert client.get("/taggar/finns-inte/").status_code == 404


def test_the_subscription_button_follows_and_unfollows(login, bertil, thread):
    client = login(bertil)
    url = reverse("portal:forum_subscription", args=[thread.pk])
    client.post(url, {"subscribe": "1"})
    assert thread.subscriptions.filter(patron=bertil).exists()
    client.post(url, {"subscribe": "0"})
    assert not thread.subscriptions.filter(patron=bertil).exists()


def test_a_post_from_a_foreign_site_is_not_sent_back_there(login, anna):
    response = login(anna).post(
        reverse("portal:community_profile"),
        {"display_name": "Anna A", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("portal:forum")


def test_a_patron_reports_a_tag_from_the_record_page(login, anna, bertil, pippi, now):
    tagging = services.add_tag(patron=anna, record=pippi, name="dålig tagg", now=now)
    client = login(bertil)
    page = client.get(reverse("portal:record", args=[pippi.pk])).content.decode()
    report_url = reverse("portal:report", args=["tagg", tagging.pk])
    assert f'href="{report_url}"' in page
    client.post(report_url, {"reason": "Kränkande"})
    assert tagging.report_set.get().reason == "Kränkande"


def test_the_author_is_told_their_review_was_hidden_and_why(login, anna, pippi, moderator, now):
    review = services.write_review(patron=anna, record=pippi, text="Text", now=now)
    services.hide(moderator=moderator, content=review, reason="Avslöjar slutet", now=now)
    page = login(anna).get(reverse("portal:record", args=[pippi.pk])).content.decode()
    assert "Din recension har dolts av en moderator. Skäl: Avslöjar slutet" in page


def test_the_pages_are_in_english_after_the_language_switch(client, board):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:forum_board", args=["deckare"])).content.decode()
    assert '<html lang="en"' in page
    assert "Start a new thread" in page and "All forums" in page


def test_the_board_admin_lists_the_boards(client, board, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    assert "Deckare" in client.get("/admin/community/board/").content.decode()
