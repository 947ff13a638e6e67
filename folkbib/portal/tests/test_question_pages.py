"""My pages: "Frågor till biblioteket" — ask, read the answer, write more, close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folkbib.community import services
from folkbib.community.models import Conversation, ConversationStatus
from folkbib.community.tests.questions_scene import build_scene
from folkbib.community.tests.test_xss import PAYLOADS, assert_only_escaped

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(monkeypatch):
    built = build_scene()
    monkeypatch.setattr("folkbib.core.clock.now", lambda: built.now)
    return built


def sign_in(client, patron):
    response = client.post(
        reverse("portal:login"), {"card_number": patron.card_number, "pin": "1234"}
    )
    assert response.status_code == 302
    return client


def ask(scene, patron=None, **extra):
    values = {
        "patron": patron or scene.anna,
        "subject": "Bokcirkel i höst?",
        "body": "Finns det en bokcirkel?",
        "now": scene.now - dt.timedelta(hours=2),
    }
    values.update(extra)
    return services.ask_library(**values)


def answer(scene, conversation, body="Ja, varannan torsdag."):
    return services.reply_as_staff(
        staff=scene.umea_librarian,
        branch=scene.world.umea,
        conversation=conversation,
        body=body,
        now=scene.now - dt.timedelta(hours=1),
    )


def test_the_new_question_form_groups_libraries_by_municipality_and_picks_home(client, scene):
    body = sign_in(client, scene.anna).get(reverse("portal:ask_question")).content.decode()
    assert '<optgroup label="Umeå">' in body and '<optgroup label="Vännäs">' in body
    assert f'<option value="{scene.world.umea.pk}" selected>Umeå stadsbibliotek</option>' in body


def test_a_patron_asks_a_library_and_lands_on_the_conversation(client, scene):
    sign_in(client, scene.anna)
    response = client.post(
        reverse("portal:ask_question"),
        {"branch": scene.world.vannas.pk, "subject": "Lov?", "body": "Har ni öppet i jul?"},
        follow=True,
    )
    conversation = Conversation.objects.get()
    assert conversation.branch == scene.world.vannas
    assert response.redirect_chain[-1][0] == reverse("portal:question", args=[conversation.pk])
    page = response.content.decode()
    assert "Din fråga är skickad till Vännäs bibliotek." in page
    assert "Har ni öppet i jul?" in page and "Väntar på svar" in page


def test_an_empty_question_is_shown_again_with_the_error_at_its_field(client, scene):
    sign_in(client, scene.anna)
    response = client.post(
        reverse("portal:ask_question"),
        {"branch": scene.world.umea.pk, "subject": "Hej", "body": "\u202e"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_body_error"' in page and "Skriv något först." in page
    assert not Conversation.objects.exists()


def test_the_answer_is_shown_with_the_library_and_first_name_and_is_then_read(client, scene):
    conversation = ask(scene)
    answer(scene, conversation)
    sign_in(client, scene.anna)
    overview = client.get(reverse("portal:my_pages")).content.decode()
    assert "1 nytt svar" in overview
    listing = client.get(reverse("portal:questions")).content.decode()
    assert "Nytt svar" in listing
    page = client.get(reverse("portal:question", args=[conversation.pk])).content.decode()
    assert "Umeå stadsbibliotek, Bibbi" in page
    assert "Efternamnsson" not in page and "bibliotekarie" not in page
    assert "Ja, varannan torsdag." in page and "<strong>Nytt</strong>" in page
    assert "nytt svar" not in client.get(reverse("portal:my_pages")).content.decode()


def test_the_patron_writes_more_and_closes_and_reopens(client, scene):
    conversation = ask(scene)
    answer(scene, conversation)
    sign_in(client, scene.anna)
    client.post(reverse("portal:question_reply", args=[conversation.pk]), {"body": "Tack!"})
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN
    client.post(reverse("portal:question_close", args=[conversation.pk]))
    page = client.get(reverse("portal:question", args=[conversation.pk])).content.decode()
    assert "Frågan är avslutad." in page and 'name="body"' not in page
    client.post(reverse("portal:question_reopen", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN


def test_another_patrons_conversation_is_not_found_on_every_url(client, scene):
    conversation = ask(scene)
    sign_in(client, scene.bertil)
    assert client.get(reverse("portal:question", args=[conversation.pk])).status_code == 404
    for name in ("question_reply", "question_close", "question_reopen"):
        response = client.post(reverse(f"portal:{name}", args=[conversation.pk]), {"body": "x"})
        assert response.status_code == 404, name
    assert "Bokcirkel" not in client.get(reverse("portal:questions")).content.decode()
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN
    assert conversation.messages.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client, scene):
    response = client.get(reverse("portal:questions"))
    assert response.status_code == 302 and reverse("portal:login") in response["Location"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_subjects_and_bodies_come_out_escaped(client, scene, payload):
    conversation = ask(scene, subject=payload[:150], body=payload)
    answer(scene, conversation, body=payload)
    sign_in(client, scene.anna)
    for url in (reverse("portal:questions"), reverse("portal:question", args=[conversation.pk])):
        assert_only_escaped(client.get(url).content.decode(), payload)


QUERIES_LIST = 3


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_costs_the_same_for_1_and_12_conversations(client, scene, settings):
    settings.COMMUNITY_MAX_OPEN_QUESTIONS = 100
    sign_in(client, scene.anna)
    answer(scene, ask(scene))
    one = _queries(client, reverse("portal:questions"))
    for n in range(11):
        answer(scene, ask(scene, subject=f"Fråga {n}"))
    assert _queries(client, reverse("portal:questions")) == one
    # session, patron, the conversations with their libraries (the session is saved at
    # most once a minute: folkbib.core.sessions)
    assert one == QUERIES_LIST


def test_the_conversation_page_costs_the_same_for_2_and_20_messages(client, scene):
    sign_in(client, scene.anna)
    short, long = ask(scene), ask(scene, subject="Lång")
    answer(scene, short)
    for _ in range(9):
        answer(scene, long)
        services.reply_as_patron(patron=scene.anna, conversation=long, body="Och?", now=scene.now)
    answer(scene, long)
    # Seen once each, so both reads below are of already-read conversations.
    for conversation in (short, long):
        client.get(reverse("portal:question", args=[conversation.pk]))
    counts = [_queries(client, reverse("portal:question", args=[c.pk])) for c in (short, long)]
    assert counts[0] == counts[1]
