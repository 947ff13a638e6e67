"""The protocol around the handlers: login, 96 for what cannot be trusted, resend, sequence.

Every bad message gets 96 and changes nothing; the very next good message is answered.
"""

from __future__ import annotations

import pytest

from folkbib.circulation.models import Loan
from folkbib.protocols.sip2 import codec
from folkbib.protocols.sip2.session import RESEND
from folkbib.protocols.sip2.tests.conftest import DATE, Terminal, verify_checksum

pytestmark = pytest.mark.django_db

CHECKOUT = f"11NN{DATE}{' ' * 18}AOUMEA|AA20260001|ABS0001|AC|AD1234|"


def test_a_terminal_with_the_right_password_logs_in(sip):
    desk = Terminal()
    assert desk.login().fixed["ok"] == "1"


@pytest.mark.parametrize("user, password", [("sip-umea", "fel"), ("okand", "sip-umea")])
def test_an_unknown_terminal_or_wrong_password_is_refused_with_ok_0(sip, user, password):
    desk = Terminal()
    assert desk.login(user, password).fixed["ok"] == "0"
    # Not logged in: a checkout gets 96 and lends nothing.
    assert desk.send_raw(desk.frame(CHECKOUT)) == RESEND
    assert not Loan.objects.exists()


def test_an_inactive_terminal_cannot_log_in(sip):
    sip.terminal.is_active = False
    sip.terminal.save()
    assert Terminal().login().fixed["ok"] == "0"


def test_the_sc_status_before_login_gets_96_and_after_it_the_acs_status(sip):
    desk = Terminal()
    assert desk.send_raw(desk.frame("9900802.00")) == RESEND
    desk.login()
    status = desk.send("9900402.00")
    assert status.command == "98"
    assert status.fixed["online_status"] == "Y"
    assert status.get("AO") == "UMEA"
    assert status.get("AM") == "Umeå stadsbibliotek"
    assert status.get("BX") == "YYYYYYYYYYYNYYYY"


def test_a_corrupted_checksum_gets_96_and_the_resent_message_is_answered(terminal):
    good = terminal.frame(CHECKOUT)
    corrupted = good.replace(b"ABS0001", b"ABS0002")
    assert terminal.send_raw(corrupted) == RESEND
    assert not Loan.objects.exists()
    answer = terminal.send_raw(good)
    verify_checksum(answer)
    assert codec.parse(answer).fixed["ok"] == "1"
    assert Loan.objects.count() == 1


@pytest.mark.parametrize(
    "garbage",
    [
        b"\r",
        b"11\r",
        b"hello world\r",
        b"\x00\xff\xfe\xfd\r",
        b"42XX|AY1AZ0000\r",
        b"1720260615    120000AOUMEA|\r",  # item information without its item
        ("9" * 5000).encode() + b"\r",
    ],
)
def test_garbage_gets_96_and_the_connection_stays_usable(terminal, garbage):
    answer = terminal.send_raw(garbage)
    assert answer in (RESEND, b"")
    assert terminal.send("9900402.00").command == "98"


def test_an_unknown_command_gets_96(terminal):
    assert terminal.send_raw(b"4200ABC|\r") == RESEND
    # A response code sent as a request is not a request either.
    assert terminal.send_raw(b"941\r") == RESEND


def test_a_sequence_number_out_of_order_gets_96_and_changes_nothing(terminal):
    terminal.send("9900402.00")  # AY1
    terminal.sequence = 4  # skips 2, 3, 4: sends AY5
    assert terminal.send_raw(terminal.frame(CHECKOUT)) == RESEND
    assert not Loan.objects.exists()


def test_a_message_sent_again_with_the_same_sequence_number_is_answered_again_not_redone(
    terminal,
):
    raw = terminal.frame(CHECKOUT)
    first = terminal.send_raw(raw)
    again = terminal.send_raw(raw)
    assert again == first
    assert codec.parse(first).fixed["ok"] == "1"
    assert Loan.objects.count() == 1


def test_another_message_with_a_repeated_sequence_number_gets_96(terminal):
    terminal.send("9900402.00")
    terminal.sequence -= 1
    assert terminal.send_raw(terminal.frame("9900802.00")) == RESEND


def test_request_acs_resend_repeats_the_last_answer(terminal):
    status = terminal.send_raw(terminal.frame("9900402.00"))
    assert terminal.send_raw(b"97AZFEF5\r") == status
    assert terminal.send_raw(b"97\r") == status


def test_messages_without_checksum_are_answered_without_one(terminal):
    answer = terminal.session.respond(b"9900402.00\r", now=terminal.now)
    assert answer.startswith(b"98") and b"AZ" not in answer[-8:]


def test_a_cp850_terminal_gets_its_answers_in_cp850_with_the_checksum_over_those_bytes(sip):
    sip.terminal.encoding = "cp850"
    sip.terminal.save()
    desk = Terminal(encoding="cp850")
    desk.login()
    status = desk.send("9900402.00")
    assert status.get("AM") == "Umeå stadsbibliotek"
    raw = desk.session.last_response
    assert raw is not None and "Umeå".encode("cp850") in raw


def test_screen_messages_come_from_the_typed_errors_in_the_terminals_language(sip):
    sip.terminal.language = "en"
    sip.terminal.save()
    desk = Terminal()
    desk.login()
    assert desk.send(CHECKOUT).fixed["ok"] == "1"
    other = f"11NN{DATE}{' ' * 18}AOUMEA|AA20260002|ABS0001|AC|AD4321|"
    refused = desk.send(other)
    assert refused.fixed["ok"] == "0"
    assert refused.get("AF") == "The copy is already on loan. It must be returned first."
    assert refused.get_all("AG")  # and on the receipt
    assert desk.send(f"17{DATE}AOUMEA|ABS0001|AC|").get("AF") == "On loan"
