"""SIP2 handlers for the patron's account: patron status (23), patron information (63),
block patron (01), patron enable (25), end session (35) and fee paid (37).

Without a verified PIN (on a terminal that requires one) an answer says whether the
card is valid and what the patron status flags are, never the name, items or money.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.circulation import selectors as circulation_selectors
from folkbib.circulation import services
from folkbib.circulation.errors import CirculationError, FeeError
from folkbib.circulation.models import FeeKind, HoldStatus
from folkbib.patrons import selectors as patron_selectors
from folkbib.patrons import services as patron_services
from folkbib.patrons.models import BlockReason, Patron
from folkbib.protocols.sip2 import vocabulary
from folkbib.protocols.sip2.codec import Message
from folkbib.protocols.sip2.context import (
    DEFAULT_ITEMS,
    Context,
    PatronCheck,
    account_of,
    check_patron,
    personal_name,
)

#: Blocks a terminal set (01) begin their note with this; a terminal may lift only those.
BLOCK_NOTE_PREFIX = "SIP2"
CURRENCY = "SEK"


def _status_fixed(ctx: Context, check: PatronCheck) -> tuple[dict[str, str], list[str]]:
    """The patron status fixed fields, and the sentence saying why borrowing is refused."""
    fixed = {"language": ctx.language, "transaction_date": ctx.date}
    if check.patron is None:
        fixed["patron_status"] = vocabulary.UNKNOWN_PATRON_STATUS
        return fixed, [check.refusal]
    account = account_of(ctx, check.patron)
    fixed["patron_status"] = vocabulary.patron_status(account.standing)
    return fixed, [check.refusal or account.reason]


def _identity(ctx: Context, check: PatronCheck) -> list[tuple[str, str]]:
    name = personal_name(check.patron) if check.usable and check.patron else ""
    fields = [ctx.institution, ("AA", check.card), ("AE", name), ("BL", check.valid_patron)]
    return fields + check.password_fields()


def _money(ctx: Context, check: PatronCheck) -> list[tuple[str, str]]:
    if not check.usable or check.patron is None:
        return []
    owed = circulation_selectors.outstanding_balance(check.patron)
    return [("BH", CURRENCY), ("BV", vocabulary.money(owed))]


def patron_status(ctx: Context, request: Message) -> Message:
    """23 -> 24."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    fixed, sentences = _status_fixed(ctx, check)
    fields = _identity(ctx, check) + _money(ctx, check) + ctx.screen(*sentences)
    return Message("24", fixed, fields)


#: Summary positions of a patron information request (63), and the field each list goes in.
SUMMARY_FIELDS = ("AS", "AT", "AU", "AV", "BU", "CD")


def _window(request: Message) -> tuple[int, int]:
    """The 1-based range BP..BQ of the list asked for (both inclusive)."""
    start_text, end_text = request.get("BP").strip(), request.get("BQ").strip()
    start = int(start_text) if start_text.isdigit() and int(start_text) > 0 else 1
    end = int(end_text) if end_text.isdigit() else start + DEFAULT_ITEMS - 1
    return start, max(start - 1, min(end, start + DEFAULT_ITEMS - 1))


def _lists(ctx: Context, patron: Patron) -> dict[str, list[str]]:
    """Every item list of the patron information response, in full."""
    loans = list(circulation_selectors.active_loans(patron))
    holds = circulation_selectors.patron_holds(patron, today=ctx.today)
    fees = list(circulation_selectors.open_fees(patron))
    ready = [view.hold for view in holds if view.hold.status == HoldStatus.READY]
    waiting = [view.hold for view in holds if view.hold.status != HoldStatus.READY]
    kinds = dict(FeeKind.choices)
    return {
        # A ready hold is named by the copy on the shelf; one still waiting by its title.
        "AS": [h.allocated_item.barcode if h.allocated_item else h.record.title for h in ready],
        "AT": [loan.item.barcode for loan in loans if loan.due_date < ctx.today],
        "AU": [loan.item.barcode for loan in loans],
        # "<fee id> <amount> SEK <kind>: <what>", so an SC can pay one fee by its id (CG).
        "AV": [
            f"{fee.id} {vocabulary.money(fee.outstanding)} {CURRENCY} "
            f"{kinds.get(fee.kind, fee.kind)}: {fee.description}".strip()[:255]
            for fee in fees
        ],
        "BU": [],  # folkbib has no recalls
        "CD": [h.record.title[:255] for h in waiting],
    }


def patron_information(ctx: Context, request: Message) -> Message:
    """63 -> 64: the counts of every list, and the one list the summary asks for."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    fixed, sentences = _status_fixed(ctx, check)
    lists: dict[str, list[str]] = {code: [] for code in SUMMARY_FIELDS}
    fields = _identity(ctx, check)
    if check.usable and check.patron is not None:
        lists = _lists(ctx, check.patron)
        account = account_of(ctx, check.patron)
        fields.append(("CB", vocabulary.count4(account.max_loans)))
    names = (
        "hold_items_count",
        "overdue_items_count",
        "charged_items_count",
        "fine_items_count",
        "recall_items_count",
        "unavailable_holds_count",
    )
    for name, code in zip(names, SUMMARY_FIELDS, strict=True):
        fixed[name] = vocabulary.count4(len(lists[code]))
    fields += _money(ctx, check)
    summary = request.fixed["summary"]
    # The specification asks for one list at a time; the first Y wins.
    wanted = next((i for i, flag in enumerate(summary[:6]) if flag.upper() == "Y"), None)
    if wanted is not None:
        start, end = _window(request)
        code = SUMMARY_FIELDS[wanted]
        fields += [(code, value[:255]) for value in lists[code][start - 1 : end]]
    return Message("64", fixed, fields + ctx.screen(*sentences))


def block_patron(ctx: Context, request: Message) -> Message:
    """01 -> 24: the SC saw tampering or a forgotten card; the card is blocked at once.

    No PIN is needed (the machine, not the patron, asks). The block's note says which
    terminal set it and why, so staff can tell it from their own blocks.
    """
    check = check_patron(ctx, request.get("AA"), "")
    if check.patron is not None:
        retained = (
            _(" Kortet är kvar i automaten.") if request.fixed["card_retained"] == "Y" else ""
        )
        note = f"{BLOCK_NOTE_PREFIX} {ctx.terminal.username}: {request.get('AL')}{retained}"
        patron_services.block_patron(
            patron=check.patron, reason=BlockReason.STAFF, now=ctx.now, note=note[:500]
        )
    fixed, sentences = _status_fixed(ctx, check)
    return Message("24", fixed, _identity(ctx, check) + ctx.screen(*sentences))


def patron_enable(ctx: Context, request: Message) -> Message:
    """25 -> 26: lift the blocks terminals set (01); a librarian's blocks stay."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    if check.usable and check.patron is not None:
        for block in patron_selectors.active_blocks(check.patron).filter(
            note__startswith=f"{BLOCK_NOTE_PREFIX} "
        ):
            patron_services.lift_block(block=block, now=ctx.now)
    fixed, sentences = _status_fixed(ctx, check)
    return Message("26", fixed, _identity(ctx, check) + ctx.screen(*sentences))


def end_session(ctx: Context, request: Message) -> Message:
    """35 -> 36: the PIN given in this session is forgotten."""
    ctx.state.verified_card = None
    fields = [ctx.institution, ("AA", request.get("AA")), *ctx.screen(_("Välkommen åter!"))]
    return Message("36", {"end_session": "Y", "transaction_date": ctx.date}, fields)


def fee_paid(ctx: Context, request: Message) -> Message:
    """37 -> 38: a payment taken by the SC, against one fee (CG) or the oldest first.

    A fee type that names a kind of fee folkbib has (04 overdue, 07 replacement) pays
    only fees of that kind; 01 (other/unknown) and the rest pay any.

    All or nothing: the payment is spread over the fees in one transaction, and a sum
    larger than what is owed (or than the fee named) is refused whole.
    """
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    fields: list[tuple[str, str]] = [ctx.institution, ("AA", request.get("AA"))]
    if request.has("BK"):
        fields.append(("BK", request.get("BK")))
    fixed = {"payment_accepted": "N", "transaction_date": ctx.date}
    amount = vocabulary.parse_money(request.get("BV"))
    refusal = check.refusal
    currency = request.fixed["currency_type"].strip().upper()
    if not refusal and currency not in ("", CURRENCY):
        refusal = _("Betalning kan bara tas emot i kronor (SEK).")
    if not refusal and (amount is None or amount <= 0):
        refusal = _("Beloppet måste vara större än noll.")
    if refusal or check.patron is None or amount is None:
        return Message("38", fixed, fields + ctx.screen(refusal))
    try:
        _pay(
            ctx,
            check.patron,
            amount,
            fee_id=request.get("CG").strip(),
            kind=vocabulary.fee_kind(request.fixed["fee_type"]),
        )
    except CirculationError as error:
        return Message("38", fixed, fields + ctx.screen(error.message))
    fixed["payment_accepted"] = "Y"
    thanks = _("Tack! %(amount)s kr är betalt.") % {"amount": vocabulary.money(amount)}
    return Message("38", fixed, fields + ctx.notice(thanks))


@transaction.atomic
def _pay(ctx: Context, patron: Patron, amount: Decimal, *, fee_id: str, kind: str | None) -> None:
    fees = list(circulation_selectors.open_fees(patron))
    if kind is not None:  # e.g. fee type 04: only overdue fees
        fees = [fee for fee in fees if fee.kind == kind]
    if fee_id:
        fees = [fee for fee in fees if str(fee.id) == fee_id]
        if not fees:
            raise FeeError(_("Avgiften finns inte eller är redan betald."))
    owed = sum((fee.outstanding for fee in fees), Decimal("0"))
    if amount > owed:
        raise FeeError(
            _("Beloppet är större än det som återstår (%(left)s kr).")
            % {"left": vocabulary.money(owed)}
        )
    left = amount
    for fee in fees:
        if left <= 0:
            break
        part = min(left, fee.outstanding)
        services.pay_fee(fee=fee, amount=part, now=ctx.now, branch=ctx.terminal.branch)
        left -= part
