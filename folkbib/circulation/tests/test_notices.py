"""Notices: each made once, in the patron's language, over the patron's channel, sent once."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email.header import decode_header, make_header

import pytest
from django.utils import timezone

from folkbib.catalog.models import Item
from folkbib.circulation import services
from folkbib.circulation.models import (
    Hold,
    HoldStatus,
    Loan,
    Notice,
    NoticeKind,
    NoticeStatus,
)
from folkbib.circulation.notices import FakeSender, NoticeNotSent, deliver_notices, make_notices
from folkbib.circulation.notices.rendering import render
from folkbib.circulation.tests.conftest import NOW, World, days
from folkbib.patrons.models import Patron

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def lend(world: World, patron: Patron, title: str = "Mio, min Mio") -> Loan:
    item = world.item(world.record(title), world.umea)
    return services.checkout(patron=patron, item=item, branch=world.umea, now=NOW).loan


def ready_hold(world: World, patron: Patron, title: str = "Bröderna Lejonhjärta") -> Hold:
    """A hold whose copy has just been put on the hold shelf at Umeå stadsbibliotek."""
    item = world.item(world.record(title), world.umea)
    hold = services.place_hold(patron=patron, record=item.record, pickup_branch=world.umea, now=NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)  # fetched from the pull list
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
    return hold


def kinds() -> list[str]:
    return list(Notice.objects.order_by("id").values_list("kind", flat=True))


def senders() -> dict[str, FakeSender]:
    fake = FakeSender()
    return {"email": fake, "sms": fake}


# Making: each kind once and only once


def test_a_loan_due_in_three_days_gets_one_reminder_however_often_the_job_runs(world):
    loan = lend(world, world.patron())
    assert make_notices(now=at(loan.due_date - days(4))) == 0
    assert make_notices(now=at(loan.due_date - days(3))) == 1
    assert make_notices(now=at(loan.due_date - days(3), hour=18)) == 0
    assert make_notices(now=at(loan.due_date - days(1))) == 0
    notice = Notice.objects.get()
    assert (notice.kind, notice.key, notice.status, notice.channel) == (
        NoticeKind.DUE_SOON,
        f"due_soon:{loan.id}:{loan.due_date.isoformat()}",
        NoticeStatus.PENDING,
        "email",
    )


def test_a_renewed_loan_earns_a_new_reminder_for_its_new_due_date(world):
    loan = lend(world, world.patron())
    first_due = loan.due_date
    make_notices(now=at(first_due - days(2)))
    renewed = services.renew(loan=loan, now=at(first_due - days(1)))
    assert renewed.due_date > first_due
    assert make_notices(now=at(renewed.due_date - days(2))) == 1
    assert sorted(Notice.objects.values_list("key", flat=True)) == sorted(
        [
            f"due_soon:{loan.id}:{first_due.isoformat()}",
            f"due_soon:{loan.id}:{renewed.due_date.isoformat()}",
        ]
    )


def test_a_loan_lent_for_less_than_the_reminder_period_gets_no_reminder(world, settings):
    settings.NOTICE_DUE_SOON_DAYS = 40  # longer than the loan itself
    loan = lend(world, world.patron())
    assert make_notices(now=at(loan.due_date - days(2))) == 0


def test_overdue_reminders_come_one_two_three_and_then_no_more(world):
    loan = lend(world, world.patron())
    due = loan.due_date
    made = [make_notices(now=at(due + days(n))) for n in (1, 2, 13, 14, 15, 27, 28, 60, 90)]
    assert made == [1, 0, 0, 1, 0, 0, 1, 0, 0]
    assert kinds() == [NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_2, NoticeKind.OVERDUE_3]
    loan.refresh_from_db()
    assert loan.overdue_notices == 3


def test_a_loan_found_weeks_overdue_gets_the_first_reminder_first_and_the_rest_spaced(world):
    loan = lend(world, world.patron())
    due = loan.due_date
    assert make_notices(now=at(due + days(40))) == 1
    assert make_notices(now=at(due + days(41))) == 0  # level 2 is due, but not the day after 1
    assert make_notices(now=at(due + days(53))) == 1
    assert make_notices(now=at(due + days(66))) == 0
    assert make_notices(now=at(due + days(67))) == 1
    assert kinds() == [NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_2, NoticeKind.OVERDUE_3]


def test_the_overdue_levels_follow_the_settings(world, settings):
    settings.NOTICE_OVERDUE_DAYS = (3, 10)
    loan = lend(world, world.patron())
    due = loan.due_date
    made = [make_notices(now=at(due + days(n))) for n in (1, 3, 9, 10, 40)]
    assert made == [0, 1, 0, 1, 0]
    last = Notice.objects.get(kind=NoticeKind.OVERDUE_2)
    assert "sista påminnelsen" in last.body


def test_a_returned_loan_is_never_overdue_even_after_its_patron_is_forgotten(world):
    loan = lend(world, world.patron())
    services.checkin(item=loan.item, branch=world.umea, now=at(loan.due_date + days(2)))
    assert Loan.objects.get(pk=loan.pk).patron is None
    assert make_notices(now=at(loan.due_date + days(20))) == 0


def test_a_hold_ready_for_pickup_is_noticed_once_with_branch_and_last_pickup_day(world):
    hold = ready_hold(world, world.patron())
    assert make_notices(now=NOW) == 1
    assert make_notices(now=NOW + days(1)) == 0
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.HOLD_READY
    assert notice.subject == "Din reservation kan hämtas"
    assert "Bröderna Lejonhjärta" in notice.body
    assert "Umeå stadsbibliotek" in notice.body
    assert hold.pickup_by is not None
    assert f"{hold.pickup_by.day} {('juni', 'juli')[hold.pickup_by.month - 6]}" in notice.body


def test_a_hold_sent_on_to_another_pickup_branch_is_noticed_again_when_ready_there(world):
    patron = world.patron()
    hold = ready_hold(world, patron)
    make_notices(now=NOW)
    services.change_pickup_branch(hold=hold, branch=world.holmsund, now=NOW + days(1))
    services.checkin(item=hold.allocated_item, branch=world.holmsund, now=NOW + days(2))
    assert make_notices(now=NOW + days(2)) == 1
    assert "Holmsunds bibliotek" in Notice.objects.order_by("id").last().body


def test_an_uncollected_hold_expires_and_its_patron_is_told_once(world):
    hold = ready_hold(world, world.patron())
    make_notices(now=NOW)
    after = at(hold.pickup_by + days(1))
    services.expire_hold_shelf(now=after)
    assert make_notices(now=after) == 1
    assert make_notices(now=after + days(1)) == 0
    assert kinds() == [NoticeKind.HOLD_READY, NoticeKind.HOLD_EXPIRED]
    assert "har tagits bort" in Notice.objects.get(kind=NoticeKind.HOLD_EXPIRED).body


def test_a_card_expiring_within_thirty_days_is_noticed_once(world):
    soon = world.patron(card_expires=NOW.date() + days(30))
    later = world.patron(card_expires=NOW.date() + days(31))
    world.patron(card_expires=NOW.date() - days(1))  # already expired: another matter
    assert make_notices(now=NOW) == 1
    assert make_notices(now=NOW + dt.timedelta(hours=6)) == 0
    assert make_notices(now=NOW + days(1)) == 1
    assert make_notices(now=NOW + days(5)) == 0
    notices = list(Notice.objects.order_by("id"))
    assert [(n.patron, n.kind) for n in notices] == [
        (soon, NoticeKind.CARD_EXPIRING),
        (later, NoticeKind.CARD_EXPIRING),
    ]
    assert "15 juli 2026" in notices[0].body


# Language


def test_a_notice_is_written_in_the_language_the_patron_chose(world):
    ready_hold(world, world.patron(language="sv"), title="Ronja rövardotter")
    ready_hold(world, world.patron(language="en"), title="Emil i Lönneberga")
    make_notices(now=NOW)
    sv = Notice.objects.get(language="sv")
    en = Notice.objects.get(language="en")
    assert sv.subject == "Din reservation kan hämtas"
    assert sv.body.startswith("Hej Test!")
    assert "finns nu att hämta på Umeå stadsbibliotek" in sv.body
    assert "juni" in sv.body
    assert en.subject == "Your reservation is ready for pickup"
    assert en.body.startswith("Hello Test,")
    assert "ready for pickup at Umeå stadsbibliotek" in en.body
    assert "June" in en.body
    assert "Emil i Lönneberga" in en.body


def test_every_kind_renders_in_swedish_and_english_and_every_sms_fits_one_message(world):
    long_title = "Den besynnerliga berättelsen om en mycket lång boktitel som aldrig tar slut"
    context = {
        "title": long_title,
        "author": "Lindgren, Astrid",
        "due": dt.date(2026, 6, 30),
        "branch": "Tavelsjö bibliotek",
        "pickup_by": dt.date(2026, 6, 30),
        "expires": dt.date(2026, 7, 15),
        "level": 2,
        "days_overdue": 14,
        "final": False,
    }
    for language in ("sv", "en"):
        patron = world.patron(language=language, phone="070-1234567")
        for kind in NoticeKind.values:
            letter = render(kind, patron=patron, channel="email", context=context)
            sms = render(kind, patron=patron, channel="sms", context=context)
            assert letter.subject and letter.body.strip()
            assert len(sms.body) <= 160, (kind, language, sms.body)
            assert "{" not in letter.body + sms.body and "&amp;" not in letter.body
            if kind != NoticeKind.CARD_EXPIRING:
                assert long_title in letter.body


def test_a_title_with_an_ampersand_is_not_html_escaped(world):
    lend(world, world.patron(), title="Kalle & Hobbe")
    loan = Loan.objects.get()
    make_notices(now=at(loan.due_date - days(2)))
    assert "Kalle & Hobbe" in Notice.objects.get().body


# Channels


def test_a_patron_who_wants_no_notices_gets_a_skipped_row_and_nothing_is_sent(world):
    ready_hold(world, world.patron(notice_channel="none"))
    assert make_notices(now=NOW) == 1
    assert make_notices(now=NOW) == 0
    fake = FakeSender()
    deliver_notices(now=NOW, senders={"email": fake, "sms": fake})
    notice = Notice.objects.get()
    assert (notice.status, notice.channel) == (NoticeStatus.SKIPPED, "none")
    assert fake.sent == []


def test_an_sms_patron_gets_a_short_sms_through_the_sms_sender(world):
    patron = world.patron(email="", phone="070-1234567", notice_channel="sms")
    ready_hold(world, patron)
    make_notices(now=NOW)
    email_sender, sms_sender = FakeSender(), FakeSender()
    report = deliver_notices(now=NOW, senders={"email": email_sender, "sms": sms_sender})
    assert (report.sent, email_sender.sent) == (1, [])
    [sms] = sms_sender.sent
    assert sms.body.startswith("Biblioteket: Bröderna Lejonhjärta kan hämtas på Umeå")
    assert "\n" not in sms.body and len(sms.body) <= 160


def test_the_default_sms_sender_logs_the_message_in_development(world, caplog):
    ready_hold(world, world.patron(email="", phone="070-1234567", notice_channel="sms"))
    make_notices(now=NOW)
    with caplog.at_level("INFO"):
        report = deliver_notices(now=NOW)
    assert report.sent == 1
    assert "SMS to 070-1234567: Biblioteket: Bröderna Lejonhjärta" in caplog.text


def test_a_letter_waits_as_pending_for_the_print_run(world):
    patron = world.patron(email="", street_address="Storgatan 1", notice_channel="letter")
    ready_hold(world, patron)
    make_notices(now=NOW)
    fake = FakeSender()
    deliver_notices(now=NOW, senders={"email": fake, "sms": fake})
    notice = Notice.objects.get()
    assert (notice.channel, notice.status, fake.sent) == ("letter", NoticeStatus.PENDING, [])
    assert notice.body.startswith("Hej Test!")


def test_an_email_patron_without_an_address_gets_a_skipped_row(world):
    patron = world.patron()
    Patron.objects.filter(pk=patron.pk).update(email="")
    ready_hold(world, patron)
    make_notices(now=NOW)
    notice = Notice.objects.get()
    assert notice.status == NoticeStatus.SKIPPED
    assert "no address" in notice.error


# Delivery


@pytest.fixture
def smtp_server():
    """A real SMTP server on localhost (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_an_email_notice_reaches_a_real_smtp_server_once(world, settings, smtp_server):
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.DEFAULT_FROM_EMAIL = "bibliotek@example.org"
    patron = world.patron(email="astrid@example.org")
    ready_hold(world, patron, title="Ronja rövardotter")
    make_notices(now=NOW)

    assert deliver_notices(now=NOW).sent == 1
    assert deliver_notices(now=NOW + days(1)).sent == 0

    [envelope] = inbox.messages
    assert envelope.mail_from == "bibliotek@example.org"
    assert envelope.rcpt_tos == ["astrid@example.org"]
    message = email.message_from_bytes(envelope.content)
    assert str(make_header(decode_header(message["Subject"]))) == "Din reservation kan hämtas"
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert "Ronja rövardotter" in body
    assert "Umeå stadsbibliotek" in body
    notice = Notice.objects.get()
    assert (notice.status, notice.sent_at, notice.attempts) == (NoticeStatus.SENT, NOW, 1)
    assert message["X-Folkbib-Notice"] == notice.key


def test_a_failing_sender_marks_the_notice_failed_and_a_later_run_retries_it(world):
    ready_hold(world, world.patron())
    make_notices(now=NOW)
    broken = FakeSender(error=NoticeNotSent("gateway down"))
    report = deliver_notices(now=NOW, senders={"email": broken})
    assert (report.sent, report.failed) == (0, 1)
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts, notice.error) == (
        NoticeStatus.FAILED,
        1,
        "gateway down",
    )

    working = FakeSender()
    assert deliver_notices(now=NOW + dt.timedelta(minutes=1), senders={"email": working}).sent == 0
    assert deliver_notices(now=NOW + dt.timedelta(hours=1), senders={"email": working}).sent == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.error) == (NoticeStatus.SENT, 2, "")
    assert [n.key for n in working.sent] == [notice.key]


def test_a_notice_that_keeps_failing_is_given_up_after_the_last_attempt(world, settings):
    settings.NOTICE_MAX_ATTEMPTS = 3
    ready_hold(world, world.patron())
    make_notices(now=NOW)
    broken = {"email": FakeSender(error=OSError("connection refused"))}
    reports = [deliver_notices(now=NOW + dt.timedelta(hours=h), senders=broken) for h in range(5)]
    assert [(r.failed, r.given_up) for r in reports] == [(1, 0), (1, 0), (1, 1), (0, 0), (0, 0)]
    notice = Notice.objects.get()
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, 3)


def test_a_reminder_no_longer_true_when_its_turn_comes_is_not_sent(world):
    loan = lend(world, world.patron())
    make_notices(now=at(loan.due_date - days(2)))
    services.checkin(item=loan.item, branch=world.umea, now=at(loan.due_date - days(2), 13))
    fake = FakeSender()
    report = deliver_notices(now=at(loan.due_date - days(2), 14), senders={"email": fake})
    assert (report.sent, report.skipped, fake.sent) == (0, 1, [])
    assert Notice.objects.get().status == NoticeStatus.SKIPPED


def test_a_notice_left_sending_by_a_run_that_died_is_tried_again_after_the_lease(world):
    ready_hold(world, world.patron())
    make_notices(now=NOW)
    Notice.objects.update(status=NoticeStatus.SENDING, claimed_at=NOW, attempts=1)
    fake = FakeSender()
    assert deliver_notices(now=NOW + dt.timedelta(minutes=30), senders={"email": fake}).sent == 0
    assert deliver_notices(now=NOW + dt.timedelta(hours=2), senders={"email": fake}).sent == 1


def test_items_are_untouched_by_making_notices(world):
    loan = lend(world, world.patron())
    before = list(Item.objects.values_list("id", "status", "updated_at"))
    make_notices(now=at(loan.due_date + days(1)))
    assert list(Item.objects.values_list("id", "status", "updated_at")) == before
