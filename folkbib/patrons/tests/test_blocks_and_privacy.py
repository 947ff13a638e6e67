"""Blocks with reasons, and the patron's privacy choices."""

from __future__ import annotations

import pytest

from folkbib.patrons import selectors, services
from folkbib.patrons.errors import BlockAlreadyLifted, InvalidChoice
from folkbib.patrons.models import BlockReason, NoticeChannel, Patron

pytestmark = pytest.mark.django_db


def test_a_blocked_patron_stays_blocked_until_every_block_is_lifted(register, now):
    patron = register()
    assert not selectors.is_blocked(patron)
    fees = services.block_patron(patron=patron, reason=BlockReason.FEES, now=now)
    staff = services.block_patron(
        patron=patron, reason=BlockReason.STAFF, note="Uppträdde hotfullt", now=now
    )
    assert selectors.is_blocked(patron)
    services.lift_block(block=fees, now=now)
    assert list(selectors.active_blocks(patron)) == [staff]
    services.lift_block(block=staff, now=now)
    assert not selectors.is_blocked(patron)


def test_a_lifted_block_cannot_be_lifted_again(register, now):
    block = services.block_patron(patron=register(), reason=BlockReason.FEES, now=now)
    services.lift_block(block=block, now=now)
    with pytest.raises(BlockAlreadyLifted):
        services.lift_block(block=block, now=now)


def test_an_unknown_block_reason_is_refused(register, now):
    with pytest.raises(InvalidChoice):
        services.block_patron(patron=register(), reason="because", now=now)


def test_a_blocked_patron_can_still_sign_in_to_see_why(register, now):
    patron = register()
    services.block_patron(patron=patron, reason=BlockReason.FEES, now=now)
    assert services.authenticate_patron(card_number="10000001", pin="1234", now=now) == patron


def test_loan_history_is_off_unless_the_patron_turns_it_on(register, now):
    patron = register()
    assert patron.keep_loan_history is False
    services.update_privacy_choices(patron=patron, keep_loan_history=True, now=now)
    assert Patron.objects.get(pk=patron.pk).keep_loan_history is True


def test_notice_channel_and_language_can_be_changed(register, now):
    patron = register(phone="070-123 45 67")
    services.update_privacy_choices(
        patron=patron, notice_channel=NoticeChannel.SMS, language="en", now=now
    )
    stored = Patron.objects.get(pk=patron.pk)
    assert (stored.notice_channel, stored.language) == ("sms", "en")


def test_a_channel_the_patron_cannot_be_reached_on_is_refused(register, now):
    patron = register()  # e-mail, no phone
    with pytest.raises(InvalidChoice) as raised:
        services.update_privacy_choices(patron=patron, notice_channel=NoticeChannel.SMS, now=now)
    assert raised.value.field == "notice_channel"
    with pytest.raises(InvalidChoice):
        services.update_privacy_choices(patron=patron, language="de", now=now)


def test_without_a_channel_the_first_reachable_one_is_chosen(register):
    assert register(card_number="10000005").notice_channel == "email"
    assert register(card_number="10000006", email="", phone="070").notice_channel == "sms"
    assert register(card_number="10000007", email="").notice_channel == "none"
