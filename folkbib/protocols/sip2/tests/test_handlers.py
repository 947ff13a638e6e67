"""What a patron at the self-check sees: each message through the same circulation services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import selectors, services
from folkbib.circulation.models import Fee, Hold, HoldStatus, Loan, LoanStatus
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.patrons.models import LoginThrottle, Patron, PatronBlock
from folkbib.protocols.sip2.tests.conftest import DATE, Terminal

pytestmark = pytest.mark.django_db

BLANK_DATE = " " * 18


def checkout(barcode: str, card: str = "20260001", pin: str = "1234", policy: str = "N") -> str:
    pin_field = f"AD{pin}|" if pin else ""
    return f"11{policy}N{DATE}{BLANK_DATE}AOUMEA|AA{card}|AB{barcode}|AC|{pin_field}"


def checkin(barcode: str) -> str:
    return f"09N{DATE}{DATE}APumea|AOUMEA|AB{barcode}|AC|"


def patron(card: str = "20260001") -> Patron:
    return Patron.objects.get(card_number=card)


def lend(sip, barcode: str, *, card: str = "20260001", ago: int = 0) -> Loan:
    result = services.checkout(
        patron=patron(card), item=sip.item(barcode), branch=sip.world.umea, now=NOW - days(ago)
    )
    return result.loan


# -- checkout ----------------------------------------------------------------------------


def test_a_checkout_lends_the_copy_and_tells_the_due_date(terminal, sip):
    answer = terminal.send(checkout("S0001"))
    assert answer.fixed["ok"] == "1"
    assert answer.fixed["desensitize"] == "Y"
    assert answer.get("AJ") == "Pippi Långstrump"
    assert answer.get("AH") == "20260713    235959"  # 28 days, on a day the branch is open
    assert answer.get("CK") == "001"
    assert "2026-07-13" in answer.get("AF")
    assert " ".join(answer.get_all("AG")).startswith("Pippi Långstrump")
    loan = Loan.objects.get()
    assert loan.branch == sip.world.umea and loan.patron == patron()


def test_receipt_lines_are_wrapped_to_the_print_width_the_sc_reported(terminal):
    terminal.send("9900242.00")
    lines = terminal.send(checkout("S0001")).get_all("AG")
    assert len(lines) > 1 and all(len(line) <= 24 for line in lines)


def test_a_checkout_without_the_pin_is_refused_until_the_pin_is_given(terminal):
    refused = terminal.send(checkout("S0001", pin=""))
    assert refused.fixed["ok"] == "0"
    assert refused.get("AF") == "Ange din PIN-kod."
    # The self-check asks for the PIN once (patron status), then lends without it.
    status = terminal.send(f"23006{DATE}AOUMEA|AA20260001|AC|AD1234|")
    assert status.get("CQ") == "Y"
    assert terminal.send(checkout("S0001", pin="")).fixed["ok"] == "1"
    # Ending the session forgets the PIN.
    terminal.send(f"35{DATE}AOUMEA|AA20260001|")
    assert terminal.send(checkout("S0003", pin="")).fixed["ok"] == "0"


def test_a_wrong_pin_answers_invalid_password_and_counts_towards_the_lock_out(terminal):
    for _attempt in range(5):
        status = terminal.send(f"23006{DATE}AOUMEA|AA20260001|AC|AD9999|")
        assert status.get("BL") == "Y"
        assert status.get("CQ") == "N"
        assert status.get("AE") == ""  # no name without the PIN
    # Locked: even the right PIN is refused for a while.
    locked = terminal.send(f"23006{DATE}AOUMEA|AA20260001|AC|AD1234|")
    assert locked.get("CQ") == "N"
    assert "För många felaktiga försök" in locked.get("AF")
    assert LoginThrottle.objects.get(key="card:20260001").locked_until is not None
    assert terminal.send(checkout("S0001")).fixed["ok"] == "0"
    assert not Loan.objects.exists()


def test_an_unknown_card_is_not_a_valid_patron(terminal):
    status = terminal.send(f"23006{DATE}AOUMEA|AA99999999|AC|AD1234|")
    assert status.get("BL") == "N"
    assert status.fixed["patron_status"].startswith("YYYY")
    assert terminal.send(checkout("S0001", card="99999999")).fixed["ok"] == "0"


def test_a_copy_on_loan_to_someone_else_is_refused_with_the_services_sentence(terminal, sip):
    lend(sip, "S0001", card="20260002")
    answer = terminal.send(checkout("S0001"))
    assert answer.fixed["ok"] == "0"
    assert answer.get("AF") == "Exemplaret är redan utlånat. Det måste återlämnas först."
    assert answer.get("AH") == ""


def test_with_the_sc_renewal_policy_a_copy_already_lent_to_the_patron_is_renewed(terminal, sip):
    lend(sip, "S0001", ago=10)
    refused = terminal.send(checkout("S0001"))
    assert refused.fixed["ok"] == "0"
    renewed = terminal.send(checkout("S0001", policy="Y"))
    assert renewed.fixed["ok"] == "1" and renewed.fixed["renewal_ok"] == "Y"
    assert Loan.objects.get().renewals == 1


def test_a_blocked_patron_is_refused_and_the_patron_status_says_why(terminal, sip):
    PatronBlock.objects.create(patron=patron(), reason="lost_card", created_at=NOW)
    answer = terminal.send(checkout("S0001"))
    assert answer.fixed["ok"] == "0"
    assert answer.get("AF").startswith("Lånekortet är spärrat")
    status = terminal.send(f"23006{DATE}AOUMEA|AA20260001|AC|AD1234|")
    assert status.fixed["patron_status"][:5] == "YYYYY"  # denied, and the card reported lost


def test_an_unknown_barcode_is_refused(terminal):
    answer = terminal.send(checkout("NOPE"))
    assert answer.fixed["ok"] == "0"
    assert "finns inte" in answer.get("AF")


# -- checkin -----------------------------------------------------------------------------


def test_a_checkin_ends_the_loan_and_says_shelve_it_here(terminal, sip):
    lend(sip, "S0001")
    answer = terminal.send(checkin("S0001"))
    assert answer.fixed["ok"] == "1" and answer.fixed["alert"] == "N"
    assert answer.get("AQ") == "Umeå stadsbibliotek"
    assert not answer.has("CV")
    assert Loan.objects.get().status == LoanStatus.RETURNED
    assert sip.item("S0001").status == ItemStatus.AVAILABLE


def test_a_copy_from_another_branch_is_routed_home_with_an_alert(terminal, sip):
    lend(sip, "S0002")
    answer = terminal.send(checkin("S0002"))
    assert answer.fixed["alert"] == "Y"
    assert answer.get("CV") == "04"
    assert answer.get("CT") == "vannas"
    assert answer.get("AF") == "Skicka hem till Vännäs bibliotek."


def test_a_copy_someone_waits_for_here_goes_to_the_hold_shelf(terminal, sip):
    lend(sip, "S0001", card="20260002")
    lend(sip, "S0002", card="20260002")  # no other copy to fill the hold
    services.place_hold(
        patron=patron(), record=sip.records["pippi"], pickup_branch=sip.world.umea, now=NOW
    )
    answer = terminal.send(checkin("S0001"))
    assert answer.fixed["alert"] == "Y"
    assert answer.get("CV") == "01"
    assert answer.get("CT") == "umea"
    assert not answer.has("CY")  # the terminal may not show who it is for
    assert Hold.objects.get().status == HoldStatus.READY


def test_a_sorter_allowed_to_may_see_the_card_of_the_patron_a_copy_is_held_for(terminal, sip):
    sip.terminal.shows_hold_patron = True
    sip.terminal.save()
    desk = Terminal()
    desk.login()
    lend(sip, "S0001", card="20260002")
    lend(sip, "S0002", card="20260002")
    services.place_hold(
        patron=patron(), record=sip.records["pippi"], pickup_branch=sip.world.vannas, now=NOW
    )
    answer = desk.send(checkin("S0001"))
    assert answer.get("CV") == "02"
    assert answer.get("CT") == "vannas"
    assert answer.get("CY") == "20260001"


def test_a_late_return_tells_the_fee(terminal, sip):
    lend(sip, "S0001", ago=40)
    answer = terminal.send(checkin("S0001"))
    assert answer.fixed["ok"] == "1"
    assert "Förseningsavgift" in answer.get("AF")
    assert Fee.objects.get().amount > 0


def test_an_unknown_copy_cannot_be_checked_in(terminal):
    answer = terminal.send(checkin("NOPE"))
    assert answer.fixed["ok"] == "0"


# -- item information, renew, renew all ------------------------------------------------------


def test_item_information_tells_status_due_date_and_queue(terminal, sip):
    lend(sip, "S0001", card="20260002")
    answer = terminal.send(f"17{DATE}AOUMEA|ABS0001|AC|")
    assert answer.fixed["circulation_status"] == "04"
    assert answer.get("AH") == "20260713    235959"
    assert answer.get("CF") == "0"
    assert answer.get("BG") == "umea"
    film = terminal.send(f"17{DATE}AOUMEA|ABS0004|AC|")
    assert film.fixed["circulation_status"] == "03"
    assert film.get("CK") == "006"


def test_renew_extends_a_loan_and_refuses_one_that_others_queue_for(terminal, sip):
    lend(sip, "S0001", ago=20)
    lend(sip, "S0003", ago=20)
    answer = terminal.send(f"29NN{DATE}{BLANK_DATE}AOUMEA|AA20260001|AD1234|ABS0001|AC|")
    assert answer.fixed["ok"] == "1" and answer.fixed["renewal_ok"] == "Y"
    services.place_hold(
        patron=patron("20260002"), record=sip.records["mio"], pickup_branch=sip.world.umea, now=NOW
    )
    refused = terminal.send(f"29NN{DATE}{BLANK_DATE}AOUMEA|AA20260001|AD1234|ABS0003|AC|")
    assert refused.fixed["ok"] == "0"
    assert "reserverat" in refused.get("AF")


def test_renew_all_renews_what_it_can_and_names_what_it_could_not(terminal, sip):
    lend(sip, "S0001", ago=20)
    lend(sip, "S0003", ago=20)
    services.place_hold(
        patron=patron("20260002"), record=sip.records["mio"], pickup_branch=sip.world.umea, now=NOW
    )
    answer = terminal.send(f"65{DATE}AOUMEA|AA20260001|AD1234|AC|")
    assert answer.fixed["ok"] == "1"
    assert answer.fixed["renewed_count"] == "0001"
    assert answer.fixed["unrenewed_count"] == "0001"
    assert answer.get_all("BM") == ["S0001"]
    assert answer.get_all("BN") == ["S0003"]


# -- patron information ------------------------------------------------------------------------


def test_patron_information_counts_every_list_and_lists_the_one_asked_for(terminal, sip):
    lend(sip, "S0001", ago=40)  # overdue
    lend(sip, "S0003")
    lend(sip, "S0002", card="20260002")
    services.place_hold(
        patron=patron(), record=sip.records["film"], pickup_branch=sip.world.umea, now=NOW
    )
    charged = terminal.send(f"63006{DATE}  Y       AOUMEA|AA20260001|AC|AD1234|")
    assert charged.get("AE") == "Tilda Testsson"
    assert charged.fixed["charged_items_count"] == "0002"
    assert charged.fixed["overdue_items_count"] == "0001"
    assert charged.fixed["unavailable_holds_count"] == "0001"
    assert sorted(charged.get_all("AU")) == ["S0001", "S0003"]
    assert not charged.has("AT")
    overdue = terminal.send(f"63006{DATE} Y        AOUMEA|AA20260001|AC|AD1234|BP1|BQ1|")
    assert overdue.get_all("AT") == ["S0001"]
    waiting = terminal.send(f"63006{DATE}     Y    AOUMEA|AA20260001|AC|AD1234|")
    assert waiting.get_all("CD") == ["Bröderna Lejonhjärta"]


def test_patron_information_without_the_pin_shows_nothing_personal(terminal, sip):
    lend(sip, "S0001")
    answer = terminal.send(f"63006{DATE}  Y       AOUMEA|AA20260001|AC|")
    assert answer.get("BL") == "Y"
    assert answer.get("AE") == ""
    assert answer.fixed["charged_items_count"] == "0000"
    assert not answer.has("AU") and not answer.has("BV")


# -- holds -------------------------------------------------------------------------------------


def test_a_hold_is_placed_moved_and_cancelled(terminal, sip):
    lend(sip, "S0001", card="20260002")
    lend(sip, "S0002", card="20260002")
    placed = terminal.send(f"15+{DATE}BY2|AOUMEA|AA20260001|AD1234|ABS0001|AC|")
    assert placed.fixed["ok"] == "1" and placed.fixed["available"] == "N"
    assert placed.get("BR") == "1"
    assert placed.get("BS") == "umea"
    hold = Hold.objects.get()
    assert hold.pickup_branch == sip.world.umea and hold.item is None
    moved = terminal.send(f"15*{DATE}BSvannas|AOUMEA|AA20260001|AD1234|ABS0001|AC|")
    assert moved.fixed["ok"] == "1"
    hold.refresh_from_db()
    assert hold.pickup_branch == sip.world.vannas
    cancelled = terminal.send(f"15-{DATE}AOUMEA|AA20260001|AD1234|ABS0001|AC|")
    assert cancelled.fixed["ok"] == "1"
    hold.refresh_from_db()
    assert hold.status == HoldStatus.CANCELLED


def test_a_second_hold_on_the_same_title_is_refused(terminal, sip):
    lend(sip, "S0001", card="20260002")
    lend(sip, "S0002", card="20260002")
    terminal.send(f"15+{DATE}AOUMEA|AA20260001|AD1234|ABS0001|AC|")
    again = terminal.send(f"15+{DATE}AOUMEA|AA20260001|AD1234|ABS0002|AC|")
    assert again.fixed["ok"] == "0"
    assert again.get("AF") == "Du har redan en reservation på den här titeln."


# -- fees, blocks, end session -----------------------------------------------------------------


def _two_fees(sip) -> list[Fee]:
    lend(sip, "S0001", ago=40)
    lend(sip, "S0003", ago=35)
    services.checkin(item=sip.item("S0001"), branch=sip.world.umea, now=NOW)
    services.checkin(item=sip.item("S0003"), branch=sip.world.umea, now=NOW)
    return list(Fee.objects.order_by("created_at", "id"))


def test_a_payment_is_spread_over_the_oldest_fees_first(terminal, sip):
    fees = _two_fees(sip)
    owed = selectors.outstanding_balance(patron())
    first = fees[0].amount
    answer = terminal.send(f"37{DATE}0400SEKBV{first + 1}|AOUMEA|AA20260001|AD1234|BKk-1|")
    assert answer.fixed["payment_accepted"] == "Y"
    assert answer.get("BK") == "k-1"
    assert selectors.outstanding_balance(patron()) == owed - first - 1
    for fee in fees:
        fee.refresh_from_db()
    assert fees[0].outstanding == 0 and fees[1].paid == Decimal("1.00")


def test_a_payment_larger_than_what_is_owed_is_refused_whole(terminal, sip):
    _two_fees(sip)
    owed = selectors.outstanding_balance(patron())
    answer = terminal.send(f"37{DATE}0400SEKBV{owed + 1}|AOUMEA|AA20260001|AD1234|")
    assert answer.fixed["payment_accepted"] == "N"
    assert selectors.outstanding_balance(patron()) == owed  # nothing half-paid


def test_a_payment_of_replacement_fees_is_refused_when_only_overdue_fees_are_owed(terminal, sip):
    _two_fees(sip)
    owed = selectors.outstanding_balance(patron())
    answer = terminal.send(f"37{DATE}0700SEKBV1.00|AOUMEA|AA20260001|AD1234|")
    assert answer.fixed["payment_accepted"] == "N"
    assert (
        terminal.send(f"37{DATE}0400SEKBV1.00|AOUMEA|AA20260001|AD1234|").fixed["payment_accepted"]
        == "Y"
    )
    assert selectors.outstanding_balance(patron()) == owed - 1


def test_a_payment_in_another_currency_is_refused(terminal, sip):
    _two_fees(sip)
    answer = terminal.send(f"37{DATE}0400EURBV1.00|AOUMEA|AA20260001|AD1234|")
    assert answer.fixed["payment_accepted"] == "N"


def test_block_patron_blocks_the_card_and_patron_enable_lifts_only_that_block(terminal, sip):
    PatronBlock.objects.create(patron=patron(), reason="staff", note="Desk", created_at=NOW)
    blocked = terminal.send(f"01Y{DATE}AOUMEA|ALManipulerade automaten|AA20260001|AC|")
    assert blocked.command == "24"
    assert blocked.fixed["patron_status"][0] == "Y"
    note = patron().blocks.filter(note__startswith="SIP2").get().note
    assert "Manipulerade automaten" in note and "sip-umea" in note
    terminal.send(f"25{DATE}AOUMEA|AA20260001|AD1234|")
    active = list(patron().blocks.filter(lifted_at__isnull=True).values_list("note", flat=True))
    assert active == ["Desk"]


def test_end_session_answers_yes(terminal):
    answer = terminal.send(f"35{DATE}AOUMEA|AA20260001|AC|AD1234|")
    assert answer.fixed["end_session"] == "Y"


def test_item_status_update_is_answered_as_not_supported(terminal):
    answer = terminal.send(f"19{DATE}AOUMEA|ABS0001|AC|CHx|")
    assert answer.command == "20" and answer.fixed["item_properties_ok"] == "0"
