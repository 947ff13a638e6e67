"""folkbib's words in SIP2's codes: item status, media type, fee type, language, dates.

Pure functions and tables; docs/protocols/sip2.md prints each mapping with its reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

# Circulation status (item information response, 18).
OTHER = "01"
AVAILABLE = "03"
CHARGED = "04"
WAITING_ON_HOLD_SHELF = "08"
IN_TRANSIT = "10"
CLAIMED_RETURNED = "11"
LOST = "12"
MISSING = "13"

CIRCULATION_STATUS = {
    "available": AVAILABLE,
    "on_loan": CHARGED,
    "in_transit": IN_TRANSIT,
    "on_hold_shelf": WAITING_ON_HOLD_SHELF,
    "missing": MISSING,
    "lost": LOST,
    # Damaged copies wait for repair and withdrawn ones are gone: neither has a code
    # of its own, so "other" (the self-check then sends the patron to the desk).
    "damaged": OTHER,
    "withdrawn": OTHER,
}


def circulation_status(item_status: str, *, claimed_returned: bool = False) -> str:
    if item_status == "missing" and claimed_returned:
        return CLAIMED_RETURNED
    return CIRCULATION_STATUS.get(item_status, OTHER)


# Media type (CK): 000 other, 001 book, 002 magazine, 003 bound journal, 004 audio
# tape, 005 video tape, 006 CD/CDROM, 007 diskette, 008 book with diskette, 009 book
# with CD, 010 book with audio tape.
MEDIA_TYPE = {
    "book": "001",
    "large_print": "001",
    "score": "001",
    "magazine": "002",
    # Audiobooks, talking books (DAISY), music, films and games are discs today.
    "audiobook": "006",
    "talking_book": "006",
    "music": "006",
    "film": "006",
    "game": "006",
    "electronic": "006",
}


def media_type(material_type: str) -> str:
    return MEDIA_TYPE.get(material_type, "000")


# Fee type (fixed field of 37 and 18, BT): 01 other/unknown, 02 administrative, 03
# damage, 04 overdue, 05 processing, 06 rental, 07 replacement, 08 computer access
# charge, 09 hold fee. folkbib's fee kinds are overdue, lost (a replacement) and other.
FEE_TYPE = {"overdue": "04", "lost": "07", "other": "01"}
OTHER_FEE_TYPE = "01"


def fee_type(kind: str) -> str:
    return FEE_TYPE.get(kind, OTHER_FEE_TYPE)


def fee_kind(code: str) -> str | None:
    """The folkbib fee kind a fee type names; None for "any" (01, or one folkbib lacks)."""
    for kind, value in FEE_TYPE.items():
        if value == code and code != OTHER_FEE_TYPE:
            return kind
    return None


# Language (fixed field of 23/24/63/64/26): the 2.00 table, for folkbib's languages.
LANGUAGE_CODE = {"en": "001", "sv": "006", "ar": "016"}
UNKNOWN_LANGUAGE = "000"


def language_code(language: str) -> str:
    return LANGUAGE_CODE.get(language, UNKNOWN_LANGUAGE)


def sip_datetime(moment: dt.datetime) -> str:
    """``YYYYMMDDZZZZHHMMSS`` in local time: the zone part blank, as the spec prefers."""
    return moment.strftime("%Y%m%d    %H%M%S")


def sip_due(day: dt.date) -> str:
    """A due date in the same 18-character form, at the end of that day."""
    return day.strftime("%Y%m%d    235959")


def money(amount: Decimal) -> str:
    """Amounts as SIP2 clients read them: a point and two decimals, no currency sign."""
    return f"{amount:.2f}"


def parse_money(value: str) -> Decimal | None:
    try:
        amount = Decimal(value.strip().replace(",", "."))
    except ArithmeticError:
        return None
    if not amount.is_finite():
        return None
    return amount


def yes(flag: bool) -> str:
    return "Y" if flag else "N"


def count4(value: int) -> str:
    """A four-digit count; what does not fit is shown as 9999."""
    return f"{min(value, 9999):04d}"


@dataclass(frozen=True)
class Standing:
    """What the patron status field (14 positions, ``Y`` = denied / true) says."""

    may_borrow: bool = True
    card_lost: bool = False
    too_many_charged: bool = False
    too_many_overdue: bool = False
    fees_over_limit: bool = False


def patron_status(standing: Standing) -> str:
    """The 14-character patron status; a space where folkbib has nothing to say.

    Positions: 0 charge, 1 renewal, 2 recall, 3 hold privileges denied, 4 card reported
    lost, 5 too many items charged, 6 too many overdue, 7 too many renewals, 8 too many
    claims of items returned, 9 too many lost, 10 excessive outstanding fines, 11
    excessive outstanding fees, 12 recall overdue, 13 too many items billed.
    """
    denied = "N" if standing.may_borrow else "Y"
    flags = [" "] * 14
    # Renewals and holds check the same standing as a checkout (one service rule).
    flags[0] = flags[1] = flags[3] = denied
    flags[2] = denied  # folkbib has no recalls; a patron who may not borrow may not recall
    flags[4] = "Y" if standing.card_lost else " "
    flags[5] = "Y" if standing.too_many_charged else " "
    flags[6] = "Y" if standing.too_many_overdue else " "
    flags[10] = flags[11] = "Y" if standing.fees_over_limit else " "
    return "".join(flags)


UNKNOWN_PATRON_STATUS = "YYYY" + " " * 10
