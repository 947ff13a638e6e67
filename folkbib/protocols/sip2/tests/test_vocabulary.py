"""folkbib's words in SIP2 codes (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from folkbib.catalog.models import ItemStatus, MaterialType
from folkbib.protocols.sip2 import vocabulary


def test_every_item_status_has_a_circulation_status():
    codes = {status: vocabulary.circulation_status(status) for status in ItemStatus.values}
    assert codes["available"] == "03"
    assert codes["on_loan"] == "04"
    assert codes["on_hold_shelf"] == "08"
    assert codes["in_transit"] == "10"
    assert codes["lost"] == "12"
    assert codes["missing"] == "13"
    assert vocabulary.circulation_status("missing", claimed_returned=True) == "11"
    assert all(len(code) == 2 for code in codes.values())


def test_every_material_type_has_a_three_digit_media_type():
    for material in MaterialType.values:
        code = vocabulary.media_type(material)
        assert len(code) == 3 and 0 <= int(code) <= 10
    assert vocabulary.media_type("book") == "001"
    assert vocabulary.media_type("audiobook") == "006"
    assert vocabulary.media_type("kit") == "000"


def test_the_patron_status_has_fourteen_positions_and_says_who_may_not_borrow():
    assert vocabulary.patron_status(vocabulary.Standing()) == "NNNN" + " " * 10
    blocked = vocabulary.patron_status(
        vocabulary.Standing(may_borrow=False, card_lost=True, fees_over_limit=True)
    )
    assert len(blocked) == 14
    assert blocked[:5] == "YYYYY"
    assert blocked[10:12] == "YY"


def test_dates_and_amounts_are_written_as_sip2_clients_read_them():
    assert vocabulary.sip_datetime(dt.datetime(2026, 6, 15, 9, 5, 7)) == "20260615    090507"
    assert vocabulary.sip_due(dt.date(2026, 7, 13)) == "20260713    235959"
    assert vocabulary.money(Decimal("30")) == "30.00"
    assert vocabulary.parse_money("12,50") == Decimal("12.50")
    assert vocabulary.parse_money("abc") is None
    assert vocabulary.parse_money("NaN") is None
    assert vocabulary.count4(12) == "0012"
    assert vocabulary.count4(123456) == "9999"
    assert vocabulary.language_code("sv") == "006"
    assert vocabulary.language_code("ar") == "016"
    assert vocabulary.language_code("xx") == "000"


def test_fee_types_name_folkbibs_kinds_of_fee():
    assert vocabulary.fee_type("overdue") == "04"
    assert vocabulary.fee_type("lost") == "07"
    assert vocabulary.fee_type("other") == "01"
    assert vocabulary.fee_kind("04") == "overdue"
    assert vocabulary.fee_kind("07") == "lost"
    assert vocabulary.fee_kind("01") is None
    assert vocabulary.fee_kind("09") is None
