"""The desk's inbox of patrons' questions: per municipality, answer, close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folkbib.circulation.models import Notice
from folkbib.community import services
from folkbib.community.models import ConversationStatus
from folkbib.community.tests.questions_scene import PASSWORD, build_scene
from folkbib.community.tests.test_xss import PAYLOADS, assert_only_escaped
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # this module builds its own scene (two municipalities and their staff)
    return None


@pytest.fixture
def scene():
    return build_scene()


def at_desk(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def ask(scene, *, branch=None, subject="Bokcirkel i höst?", hours_ago=2, patron=None):
    return services.ask_library(
        patron=patron or scene.anna,
        subject=subject,
        body="Finns det en bokcirkel?",
        branch=branch,
        now=scene.now - dt.timedelta(hours=hours_ago),
    )


def test_the_inbox_shows_waiting_questions_first_with_how_long_they_waited(client, scene):
    ask(scene, subject="Gammal", hours_ago=72)
    ask(scene, subject="Ny", hours_ago=2)
    ask(scene, subject="Till Vännäs", branch=scene.world.vannas)
    body = text(at_desk(client, scene.umea_librarian).get(reverse("staff:questions")))
    # Subjects as the rows show them: a bare "Ny" also turns up in the page's random tokens.
    assert body.index('dir="auto">Gammal<') < body.index('dir="auto">Ny<')
    assert "Till Vännäs" not in body
    assert "3\xa0dagar" in body and "Länge" in body
    assert 'Frågor <span class="nav-count">(2 väntar)</span>' in body


def test_a_librarian_answers_and_the_patron_gets_a_notice(client, scene):
    conversation = ask(scene)
    desk = at_desk(client, scene.umea_librarian)
    page = text(desk.get(reverse("staff:question", args=[conversation.pk])))
    assert "Finns det en bokcirkel?" in page and scene.anna.card_number in page
    response = desk.post(
        reverse("staff:question_answer", args=[conversation.pk]),
        {"body": "Ja, varannan torsdag."},
        follow=True,
    )
    assert "Svaret är skickat till låntagaren." in text(response)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ANSWERED
    notice = Notice.objects.get()
    assert notice.patron == scene.anna
    assert f"/mina-sidor/fragor/{conversation.pk}/" in notice.body


def test_an_empty_answer_is_refused_at_its_field(client, scene):
    conversation = ask(scene)
    desk = at_desk(client, scene.umea_librarian)
    response = desk.post(reverse("staff:question_answer", args=[conversation.pk]), {"body": " "})
    assert response.status_code == 400 and 'id="id_body_error"' in text(response)
    assert not Notice.objects.exists()


def test_staff_close_and_reopen_a_question(client, scene):
    conversation = ask(scene)
    desk = at_desk(client, scene.umea_librarian)
    desk.post(reverse("staff:question_close", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    assert "Bokcirkel" not in text(desk.get(reverse("staff:questions")))
    assert "Bokcirkel" in text(desk.get(reverse("staff:questions") + "?status=closed"))
    desk.post(reverse("staff:question_reopen", args=[conversation.pk]))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN


def test_staff_of_another_municipality_can_neither_see_nor_answer(client, scene):
    conversation = ask(scene)
    desk = at_desk(client, scene.vannas_librarian)
    assert desk.get(reverse("staff:question", args=[conversation.pk])).status_code == 404
    for name in ("staff:question_answer", "staff:question_close", "staff:question_reopen"):
        response = desk.post(reverse(name, args=[conversation.pk]), {"body": "Hej"})
        assert response.status_code == 404, name
    assert "Bokcirkel" not in text(desk.get(reverse("staff:questions")))
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN and not Notice.objects.exists()


def test_a_desk_in_another_municipality_does_not_open_its_inbox(client, scene):
    conversation = ask(scene, branch=scene.world.vannas)
    desk = at_desk(client, scene.umea_librarian)
    desk.post(reverse("staff:branch"), {"branch": scene.world.vannas.pk})
    assert desk.get(reverse("staff:question", args=[conversation.pk])).status_code == 404


def test_patrons_and_signed_out_visitors_get_no_inbox(client, scene):
    response = client.get(reverse("staff:questions"))
    assert response.status_code == 302 and "/personal/logga-in/" in response["Location"]
    client.post(reverse("portal:login"), {"card_number": scene.anna.card_number, "pin": "1234"})
    assert client.get(reverse("staff:questions")).status_code == 302


def test_a_region_administrator_sees_every_inbox_and_can_filter_by_municipality(client, scene):
    ask(scene, subject="Till Umeå")
    ask(scene, subject="Till Vännäs", branch=scene.world.vannas)
    desk = at_desk(client, scene.region_admin)
    desk.post(reverse("staff:branch"), {"branch": scene.world.vannas.pk})
    everything = text(desk.get(reverse("staff:questions")))
    assert "Till Umeå" in everything and "Till Vännäs" in everything
    vannas = scene.world.vannas_kommun.pk
    only = text(desk.get(reverse("staff:questions") + f"?kommun={vannas}"))
    assert "Till Vännäs" in only and "Till Umeå" not in only


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_subjects_and_bodies_come_out_escaped_at_the_desk(client, scene, payload):
    conversation = services.ask_library(
        patron=scene.anna, subject=payload[:150], body=payload, now=scene.now
    )
    desk = at_desk(client, scene.umea_librarian)
    for url in (reverse("staff:questions"), reverse("staff:question", args=[conversation.pk])):
        assert_only_escaped(text(desk.get(url)), payload)


def test_the_inbox_costs_the_same_for_1_and_20_questions(client, scene, settings):
    settings.COMMUNITY_MAX_OPEN_QUESTIONS = 100
    desk = at_desk(client, scene.umea_librarian)
    ask(scene, subject="Först")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(reverse("staff:questions")).status_code == 200
        return len(captured.captured_queries)

    one = count()
    for n in range(19):
        ask(scene, subject=f"Fråga {n}", patron=scene.world.patron())
    assert count() == one
    # session, user, staff check, branch, scope, pager count, page, nav count (the session
    # is saved at most once a minute: folkbib.core.sessions)
    assert one == 8
