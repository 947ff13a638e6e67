"""A librarian's answer reaches the patron as a notice, over their channel and language."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.circulation.models import Notice, NoticeKind, NoticeStatus
from folkbib.circulation.notices import FakeSender, deliver_notices, make_notice
from folkbib.community import services
from folkbib.community.errors import NotYourInbox
from folkbib.community.tests.questions_scene import build_scene

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(hours=1)
URL = "https://bibliotek.example.org/mina-sidor/fragor/1/"


@pytest.fixture
def scene():
    return build_scene()


def _asked_and_answered(scene, patron, *, branch=None, answer="Ja, varannan torsdag kl. 18."):
    conversation = services.ask_library(
        patron=patron,
        subject="Bokcirkel i höst?",
        body="Finns det en bokcirkel?",
        branch=branch,
        now=scene.now,
    )
    message = services.reply_as_staff(
        staff=scene.umea_librarian if branch is None else scene.region_admin,
        branch=branch or scene.world.umea,
        conversation=conversation,
        body=answer,
        now=scene.now + LATER,
        conversation_url=URL,
    )
    return conversation, message


def test_an_answer_makes_an_email_notice_with_the_answer_and_a_link(scene):
    _conversation, message = _asked_and_answered(scene, scene.anna)
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.LIBRARIAN_REPLY
    assert notice.key == f"librarian_reply:{message.pk}"
    assert (notice.channel, notice.language, notice.status) == ("email", "sv", "pending")
    assert notice.subject == "Umeå stadsbibliotek har svarat på din fråga"
    assert notice.body.startswith("Hej Anna!")
    assert "Umeå stadsbibliotek har svarat på din fråga ”Bokcirkel i höst?”:" in notice.body
    assert "Ja, varannan torsdag kl. 18." in notice.body
    assert "/ Bibbi, Umeå stadsbibliotek" in notice.body
    assert URL in notice.body
    assert "Efternamnsson" not in notice.body and "bibliotekarie" not in notice.body


def test_a_patron_who_chose_sms_gets_a_short_english_text_without_the_answer(scene):
    _asked_and_answered(scene, scene.bertil, branch=scene.world.vannas)
    notice = Notice.objects.get()
    assert (notice.channel, notice.language) == ("sms", "en")
    assert "Vännäs bibliotek" in notice.body
    assert "My pages" in notice.body
    assert "varannan torsdag" not in notice.body  # the answer itself is read on My pages
    assert len(notice.body) <= 160


def test_a_patron_who_wants_no_notices_is_recorded_as_not_told(scene):
    scene.anna.notice_channel = "none"
    scene.anna.save()
    _asked_and_answered(scene, scene.anna)
    assert Notice.objects.get().status == NoticeStatus.SKIPPED


def test_the_deliver_job_sends_the_answer_once_over_the_patrons_channel(scene):
    _asked_and_answered(scene, scene.anna)
    _asked_and_answered(scene, scene.bertil, branch=scene.world.vannas)
    email, sms = FakeSender(), FakeSender()
    senders = {"email": email, "sms": sms}
    report = deliver_notices(now=scene.now + 2 * LATER, senders=senders)
    assert report.sent == 2
    assert [n.patron for n in email.sent] == [scene.anna]
    assert [n.patron for n in sms.sent] == [scene.bertil]
    again = deliver_notices(now=scene.now + 3 * LATER, senders=senders)
    assert again.sent == 0 and len(email.sent) == 1 and len(sms.sent) == 1
    assert set(Notice.objects.values_list("status", flat=True)) == {"sent"}


def test_the_same_answer_never_makes_a_second_notice(scene):
    _conversation, message = _asked_and_answered(scene, scene.anna)
    again = make_notice(
        patron=scene.anna,
        kind=NoticeKind.LIBRARIAN_REPLY,
        key=f"librarian_reply:{message.pk}",
        context={"branch": "X", "staff_name": "", "title": "", "reply": "", "url": ""},
        now=scene.now + 2 * LATER,
    )
    assert again is False
    assert Notice.objects.count() == 1


def test_each_answer_is_its_own_notice_and_patron_messages_make_none(scene):
    conversation, _message = _asked_and_answered(scene, scene.anna)
    services.reply_as_patron(
        patron=scene.anna, conversation=conversation, body="Vilken tid?", now=scene.now + LATER
    )
    assert Notice.objects.count() == 1
    services.reply_as_staff(
        staff=scene.umea_librarian,
        branch=scene.world.holmsund,
        conversation=conversation,
        body="Klockan 18.",
        now=scene.now + 2 * LATER,
    )
    notices = list(Notice.objects.order_by("pk"))
    assert len(notices) == 2
    assert notices[1].subject == "Holmsunds bibliotek har svarat på din fråga"
    assert (
        "Läs hela samtalet och svara under Frågor till biblioteket på Mina sidor."
        in notices[1].body
    )


def test_a_refused_answer_makes_no_notice(scene):
    conversation = services.ask_library(
        patron=scene.anna, subject="Fråga", body="Hej", now=scene.now
    )
    with pytest.raises(NotYourInbox):
        services.reply_as_staff(
            staff=scene.vannas_librarian,
            branch=scene.world.vannas,
            conversation=conversation,
            body="Svar",
            now=scene.now,
        )
    assert not Notice.objects.exists()
