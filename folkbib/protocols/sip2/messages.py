"""Every message of SIP2 2.00 (3M Standard Interchange Protocol): its fixed fields and fields.

Pure data, no I/O. ``MESSAGES`` maps a two-digit command to its :class:`MessageSpec`:
the fixed-length fields in order (name, length), then the variable-length fields
(two-letter codes) in the order the specification prints them, each marked required
or optional. The codec (``codec.py``) parses and builds from this table alone.

Fields marked ``EXTENSION`` are not in 2.00 itself but in 3M's published extensions
that self-check and sorter vendors read (docs/protocols/sip2.md lists each choice).
"""

from __future__ import annotations

from dataclasses import dataclass

DATE = 18  # YYYYMMDDZZZZHHMMSS


@dataclass(frozen=True)
class MessageSpec:
    command: str
    name: str
    fixed: tuple[tuple[str, int], ...]
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    printed: tuple[str, ...] = ()  # every field code, in the order the spec prints them

    @property
    def fixed_length(self) -> int:
        return sum(length for _name, length in self.fixed)

    @property
    def field_order(self) -> dict[str, int]:
        """Position of each known field code, for building messages in the printed order."""
        return {code: i for i, code in enumerate(self.printed)}


#: Field codes of the 3M extensions folkbib sends in a checkin response (10).
EXTENSION = ("CV", "CT", "CY")


def _spec(
    command: str,
    name: str,
    fixed: tuple[tuple[str, int], ...],
    fields: str = "",
) -> MessageSpec:
    """``fields``: codes in printed order; a trailing ``?`` marks an optional field."""
    required: list[str] = []
    optional: list[str] = []
    for token in fields.split():
        (optional if token.endswith("?") else required).append(token.rstrip("?"))
    printed = tuple(token.rstrip("?") for token in fields.split())
    return MessageSpec(command, name, fixed, tuple(required), tuple(optional), printed)


_SPECS = [
    # -- requests: SC -> ACS -------------------------------------------------------
    _spec(
        "01",
        "Block Patron",
        (("card_retained", 1), ("transaction_date", DATE)),
        "AO AL AA AC",
    ),
    _spec(
        "09",
        "Checkin",
        (("no_block", 1), ("transaction_date", DATE), ("return_date", DATE)),
        "AP AO AB AC CH? BI?",
    ),
    _spec(
        "11",
        "Checkout",
        (
            ("sc_renewal_policy", 1),
            ("no_block", 1),
            ("transaction_date", DATE),
            ("nb_due_date", DATE),
        ),
        "AO AA AB AC CH? AD? BO? BI?",
    ),
    _spec(
        "15",
        "Hold",
        (("hold_mode", 1), ("transaction_date", DATE)),
        "BW? BS? BY? AO AA AD? AB? AJ? AC? BO?",
    ),
    _spec("17", "Item Information", (("transaction_date", DATE),), "AO AB AC?"),
    _spec("19", "Item Status Update", (("transaction_date", DATE),), "AO AB AC? CH"),
    _spec(
        "23",
        "Patron Status Request",
        (("language", 3), ("transaction_date", DATE)),
        "AO AA AC AD",
    ),
    _spec("25", "Patron Enable", (("transaction_date", DATE),), "AO AA AC? AD?"),
    _spec(
        "29",
        "Renew",
        (
            ("third_party_allowed", 1),
            ("no_block", 1),
            ("transaction_date", DATE),
            ("nb_due_date", DATE),
        ),
        "AO AA AD? AB? AJ? AC? CH? BO?",
    ),
    _spec("35", "End Patron Session", (("transaction_date", DATE),), "AO AA AC? AD?"),
    _spec(
        "37",
        "Fee Paid",
        (
            ("transaction_date", DATE),
            ("fee_type", 2),
            ("payment_type", 2),
            ("currency_type", 3),
        ),
        "BV AO AA AC? AD? CG? BK?",
    ),
    _spec(
        "63",
        "Patron Information",
        (("language", 3), ("transaction_date", DATE), ("summary", 10)),
        "AO AA AC? AD? BP? BQ?",
    ),
    _spec("65", "Renew All", (("transaction_date", DATE),), "AO AA AD? AC? BO?"),
    _spec(
        "93",
        "Login",
        (("uid_algorithm", 1), ("pwd_algorithm", 1)),
        "CN CO CP?",
    ),
    _spec("97", "Request ACS Resend", ()),
    _spec(
        "99",
        "SC Status",
        (("status_code", 1), ("max_print_width", 3), ("protocol_version", 4)),
    ),
    # -- responses: ACS -> SC ------------------------------------------------------
    _spec(
        "10",
        "Checkin Response",
        (
            ("ok", 1),
            ("resensitize", 1),
            ("magnetic_media", 1),
            ("alert", 1),
            ("transaction_date", DATE),
        ),
        "AO AB AQ AJ? CL? AA? CK? CH? CV? CT? CY? AF? AG?",
    ),
    _spec(
        "12",
        "Checkout Response",
        (
            ("ok", 1),
            ("renewal_ok", 1),
            ("magnetic_media", 1),
            ("desensitize", 1),
            ("transaction_date", DATE),
        ),
        "AO AA AB AJ AH BT? CI? BH? BV? CK? CH? BK? AF? AG?",
    ),
    _spec(
        "16",
        "Hold Response",
        (("ok", 1), ("available", 1), ("transaction_date", DATE)),
        "BW? BR? BS? AO AA AB? AJ? AF? AG?",
    ),
    _spec(
        "18",
        "Item Information Response",
        (
            ("circulation_status", 2),
            ("security_marker", 2),
            ("fee_type", 2),
            ("transaction_date", DATE),
        ),
        "CF? AH? CJ? CM? AB AJ BG? BH? BV? CK? AQ? AP? CH? AF? AG?",
    ),
    _spec(
        "20",
        "Item Status Update Response",
        (("item_properties_ok", 1), ("transaction_date", DATE)),
        "AB AJ? CH? AF? AG?",
    ),
    _spec(
        "24",
        "Patron Status Response",
        (("patron_status", 14), ("language", 3), ("transaction_date", DATE)),
        "AO AA AE BL? CQ? BH? BV? AF? AG?",
    ),
    _spec(
        "26",
        "Patron Enable Response",
        (("patron_status", 14), ("language", 3), ("transaction_date", DATE)),
        "AO AA AE BL? CQ? AF? AG?",
    ),
    _spec(
        "30",
        "Renew Response",
        (
            ("ok", 1),
            ("renewal_ok", 1),
            ("magnetic_media", 1),
            ("desensitize", 1),
            ("transaction_date", DATE),
        ),
        "AO AA AB AJ AH BT? CI? BH? BV? CK? CH? AF? AG?",
    ),
    _spec(
        "36",
        "End Session Response",
        (("end_session", 1), ("transaction_date", DATE)),
        "AO AA AF? AG?",
    ),
    _spec(
        "38",
        "Fee Paid Response",
        (("payment_accepted", 1), ("transaction_date", DATE)),
        "AO AA BK? AF? AG?",
    ),
    _spec(
        "64",
        "Patron Information Response",
        (
            ("patron_status", 14),
            ("language", 3),
            ("transaction_date", DATE),
            ("hold_items_count", 4),
            ("overdue_items_count", 4),
            ("charged_items_count", 4),
            ("fine_items_count", 4),
            ("recall_items_count", 4),
            ("unavailable_holds_count", 4),
        ),
        "AO AA AE BZ? CA? CB? BL? CQ? BH? BV? CC? AS? AT? AU? AV? BU? CD? BD? BE? BF? AF? AG?",
    ),
    _spec(
        "66",
        "Renew All Response",
        (
            ("ok", 1),
            ("renewed_count", 4),
            ("unrenewed_count", 4),
            ("transaction_date", DATE),
        ),
        "AO BM? BN? AF? AG?",
    ),
    _spec("94", "Login Response", (("ok", 1),)),
    _spec("96", "Request SC Resend", ()),
    _spec(
        "98",
        "ACS Status",
        (
            ("online_status", 1),
            ("checkin_ok", 1),
            ("checkout_ok", 1),
            ("acs_renewal_policy", 1),
            ("status_update_ok", 1),
            ("offline_ok", 1),
            ("timeout_period", 3),
            ("retries_allowed", 3),
            ("date_time_sync", DATE),
            ("protocol_version", 4),
        ),
        "AO AM? BX AN? AF? AG?",
    ),
]

MESSAGES: dict[str, MessageSpec] = {spec.command: spec for spec in _SPECS}

#: The request each response answers (and the other way round).
RESPONSE_TO = {
    "01": "24",
    "09": "10",
    "11": "12",
    "15": "16",
    "17": "18",
    "19": "20",
    "23": "24",
    "25": "26",
    "29": "30",
    "35": "36",
    "37": "38",
    "63": "64",
    "65": "66",
    "93": "94",
    "99": "98",
}

#: The order of the 16 Y/N positions of "supported messages" (BX) in an ACS Status.
SUPPORTED_MESSAGES_ORDER = (
    "23",  # patron status request
    "11",  # checkout
    "09",  # checkin
    "01",  # block patron
    "99",  # SC/ACS status
    "97",  # request SC/ACS resend
    "93",  # login
    "63",  # patron information
    "35",  # end patron session
    "37",  # fee paid
    "17",  # item information
    "19",  # item status update
    "25",  # patron enable
    "15",  # hold
    "29",  # renew
    "65",  # renew all
)
