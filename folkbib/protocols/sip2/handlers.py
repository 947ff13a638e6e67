"""SIP2 handlers for items: checkout (11), checkin (09), item information (17), renew (29),
renew all (65), hold (15), item status update (19), and the SC status (99).

Each takes the :class:`~folkbib.protocols.sip2.context.Context` and the parsed request
and returns the response :class:`~folkbib.protocols.sip2.codec.Message`. A typed
circulation error becomes ok=0 with its message on the screen and the receipt; the
service it came from rolled its transaction back, so nothing is left half-done.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.circulation import selectors as circulation_selectors
from folkbib.circulation import services
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    TransitReason,
)
from folkbib.circulation.services import Action
from folkbib.consortium.models import Branch
from folkbib.protocols.sip2 import vocabulary
from folkbib.protocols.sip2.codec import Message
from folkbib.protocols.sip2.context import (
    Context,
    PatronCheck,
    check_patron,
    find_item,
    item_reference,
    unknown_item,
)
from folkbib.protocols.sip2.messages import SUPPORTED_MESSAGES_ORDER

#: Requests folkbib answers with more than a refusal (BX of the ACS Status).
SUPPORTED = frozenset(SUPPORTED_MESSAGES_ORDER) - {"19"}


def sc_status(ctx: Context, request: Message) -> Message:
    """99 -> 98: online, what may be done, and the width the receipts are wrapped to."""
    width = request.fixed["max_print_width"].strip()
    if width.isdigit() and int(width) > 0:
        ctx.state.print_width = int(width)
    supported = "".join(vocabulary.yes(code in SUPPORTED) for code in SUPPORTED_MESSAGES_ORDER)
    return Message(
        "98",
        {
            "online_status": "Y",
            "checkin_ok": "Y",
            "checkout_ok": "Y",
            "acs_renewal_policy": "Y",
            "status_update_ok": "N",
            "offline_ok": "N",
            "timeout_period": "030",
            "retries_allowed": "003",
            "date_time_sync": ctx.date,
            "protocol_version": "2.00",
        },
        [
            ctx.institution,
            ("AM", ctx.terminal.branch.name),
            ("BX", supported),
            ("AN", ctx.terminal.location_code or ctx.terminal.branch.code),
        ],
    )


def _lending(ctx: Context, *, ok: bool, renewal: bool, desensitize: bool) -> dict[str, str]:
    """The fixed fields of a checkout (12) or renew (30) response."""
    return {
        "ok": "1" if ok else "0",
        "renewal_ok": vocabulary.yes(renewal),
        # folkbib keeps no "magnetic media" mark; books and discs are not magnetic.
        "magnetic_media": "N",
        "desensitize": vocabulary.yes(desensitize),
        "transaction_date": ctx.date,
    }


def _item_fields(item: Item | None, barcode: str) -> list[tuple[str, str]]:
    if item is None:
        return [("AB", barcode), ("AJ", "")]
    material = circulation_selectors.item_material(item)
    return [
        ("AB", item.barcode),
        ("AJ", item.record.title[:255]),
        ("CK", vocabulary.media_type(material)),
    ]


def _due_line(item: Item, due: object) -> str:
    return _("%(title)s: lämna tillbaka senast %(due)s.") % {
        "title": item.record.title,
        "due": due,
    }


def _refuse_lending(
    ctx: Context, command: str, request: Message, item: Item | None, reason: str
) -> Message:
    fields = [ctx.institution, ("AA", request.get("AA")), *_item_fields(item, request.get("AB"))]
    fields += [("AH", ""), *ctx.notice(reason)]
    return Message(command, _lending(ctx, ok=False, renewal=False, desensitize=False), fields)


def _active_loan(item: Item, check: PatronCheck) -> Loan | None:
    assert check.patron is not None
    return (
        Loan.objects.filter(item=item, patron=check.patron, status=LoanStatus.ACTIVE)
        .select_related("item__record")
        .defer("item__record__marc")
        .first()
    )


def checkout(ctx: Context, request: Message) -> Message:
    """11 -> 12. With the SC renewal policy Y, a copy already lent to this patron is renewed."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    barcode = request.get("AB")
    reference = item_reference(barcode)
    refusal = ""
    if request.get("BI") == "Y":
        refusal = _("Att ångra en återlämning stöds inte.")
    elif not check.usable:
        refusal = check.refusal
    elif reference is None:
        refusal = unknown_item()
    if refusal or reference is None or check.patron is None:
        return _refuse_lending(ctx, "12", request, find_item(barcode), refusal)
    renewed = False
    try:
        loan = None
        if request.fixed["sc_renewal_policy"] == "Y":
            loan = _active_loan(reference, check)
        if loan is not None:
            due = services.renew(loan=loan, now=ctx.now, branch=ctx.terminal.branch).due_date
            item = loan.item
            renewed = True
        else:
            result = services.checkout(
                patron=check.patron, item=reference, branch=ctx.terminal.branch, now=ctx.now
            )
            due, item = result.due_date, result.loan.item
    except CirculationError as error:
        return _refuse_lending(ctx, "12", request, find_item(barcode), error.message)
    fields = [ctx.institution, ("AA", check.card), *_item_fields(item, item.barcode)]
    fields += [("AH", vocabulary.sip_due(due)), *check.password_fields()]
    fields += ctx.notice(_due_line(item, due))
    return Message("12", _lending(ctx, ok=True, renewal=renewed, desensitize=True), fields)


def renew(ctx: Context, request: Message) -> Message:
    """29 -> 30: renew one copy the patron has on loan (named by its barcode, AB)."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    item = find_item(request.get("AB"))
    if not check.usable:
        return _refuse_lending(ctx, "30", request, item, check.refusal)
    if item is None:
        return _refuse_lending(ctx, "30", request, item, unknown_item())
    loan = _active_loan(item, check)
    if loan is None:
        return _refuse_lending(ctx, "30", request, item, _("Du har inte lånat det här exemplaret."))
    try:
        renewed = services.renew(loan=loan, now=ctx.now, branch=ctx.terminal.branch)
    except CirculationError as error:
        return _refuse_lending(ctx, "30", request, item, error.message)
    fields = [ctx.institution, ("AA", check.card), *_item_fields(item, item.barcode)]
    fields += [("AH", vocabulary.sip_due(renewed.due_date))]
    fields += ctx.notice(_due_line(item, renewed.due_date))
    return Message("30", _lending(ctx, ok=True, renewal=True, desensitize=True), fields)


def renew_all(ctx: Context, request: Message) -> Message:
    """65 -> 66: every loan is tried; each is renewed or refused on its own."""
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    fixed = {"ok": "0", "renewed_count": "0000", "unrenewed_count": "0000"}
    fixed["transaction_date"] = ctx.date
    if not check.usable:
        return Message("66", fixed, [ctx.institution, *ctx.screen(check.refusal)])
    assert check.patron is not None
    outcomes = services.renew_all(patron=check.patron, now=ctx.now, branch=ctx.terminal.branch)
    renewed = [o.loan.item.barcode for o in outcomes if o.error is None]
    refused = [o for o in outcomes if o.error is not None]
    fixed.update(
        ok="1",
        renewed_count=vocabulary.count4(len(renewed)),
        unrenewed_count=vocabulary.count4(len(refused)),
    )
    fields = [ctx.institution]
    fields += [("BM", barcode) for barcode in renewed]
    fields += [("BN", o.loan.item.barcode) for o in refused]
    summary = _("%(renewed)d lån omlånade, %(refused)d kunde inte lånas om.") % {
        "renewed": len(renewed),
        "refused": len(refused),
    }
    reasons = sorted({o.error.message for o in refused if o.error is not None})
    fields += ctx.notice(summary, *reasons)
    return Message("66", fixed, fields)


#: Alert type (CV, 3M extension) of a checkin's routing.
ALERT_HOLD_HERE = "01"
ALERT_HOLD_ELSEWHERE = "02"
ALERT_TRANSIT = "04"
ALERT_OTHER = "99"


def checkin(ctx: Context, request: Message) -> Message:
    """09 -> 10: the copy is back at the terminal's branch; the answer says where it goes.

    ``alert`` is Y whenever the copy must not simply go back on the shelf here; CV
    says why (hold here, hold elsewhere, send home, keep), CT names the branch (its
    code), CY the card of the patron it is held for if the terminal may show it.
    """
    barcode = request.get("AB")
    reference = item_reference(barcode)
    fixed = {"ok": "0", "resensitize": "N", "magnetic_media": "N", "alert": "N"}
    fixed["transaction_date"] = ctx.date
    refusal = ""
    if request.get("BI") == "Y":
        refusal = _("Att ångra ett utlån stöds inte.")
    elif reference is None:
        refusal = unknown_item()
    if refusal or reference is None:
        fields = [ctx.institution, ("AB", barcode), ("AQ", ""), *ctx.notice(refusal)]
        return Message("10", fixed, fields)
    try:
        result = services.checkin(item=reference, branch=ctx.terminal.branch, now=ctx.now)
    except CirculationError as error:
        item = find_item(barcode)
        home = item.owning_branch.name if item else ""
        fields = [ctx.institution, ("AB", barcode), ("AQ", home)]
        return Message("10", fixed, fields + ctx.notice(error.message))
    item = result.item  # locked and read by the service, with its record and home branch
    routing = result.routing
    fixed.update(ok="1", resensitize="Y", alert=vocabulary.yes(routing.action != Action.SHELVE))
    fields = [ctx.institution, ("AQ", item.owning_branch.name), *_item_fields(item, item.barcode)]
    if routing.action == Action.HOLD_SHELF:
        fields.append(("CV", ALERT_HOLD_HERE))
    elif routing.action == Action.TRANSIT:
        on_hold = routing.reason == TransitReason.HOLD
        fields.append(("CV", ALERT_HOLD_ELSEWHERE if on_hold else ALERT_TRANSIT))
    elif routing.action == Action.KEEP:
        fields.append(("CV", ALERT_OTHER))
    if routing.action != Action.SHELVE:
        fields.append(("CT", routing.destination.code))
    if routing.hold is not None and ctx.terminal.shows_hold_patron:
        fields.append(("CY", routing.hold.patron.card_number))
    sentences = [routing.message]
    if result.fee is not None and result.fee.outstanding > 0:
        sentences.append(
            _("Förseningsavgift: %(amount)s kr.") % {"amount": vocabulary.money(result.fee.amount)}
        )
    fields += ctx.screen(*sentences) + ctx.printed(item.record.title, *sentences)
    return Message("10", fixed, fields)


def item_information(ctx: Context, request: Message) -> Message:
    """17 -> 18: where the copy is, when it is due, how many wait for the title."""
    barcode = request.get("AB")
    item = find_item(barcode)
    fixed = {"circulation_status": vocabulary.OTHER, "security_marker": "00", "fee_type": "01"}
    fixed["transaction_date"] = ctx.date
    if item is None:
        return Message("18", fixed, [("AB", barcode), ("AJ", ""), *ctx.screen(unknown_item())])
    claimed = (
        item.status == ItemStatus.MISSING
        and Loan.objects.filter(item=item, status=LoanStatus.CLAIMS_RETURNED).exists()
    )
    fixed["circulation_status"] = vocabulary.circulation_status(
        item.status, claimed_returned=claimed
    )
    fields = [("CF", f"{circulation_selectors.queue_length(item.record_id)}")]
    if item.status == ItemStatus.ON_LOAN and item.due_back is not None:
        fields.append(("AH", vocabulary.sip_due(item.due_back)))
    if item.status == ItemStatus.ON_HOLD_SHELF:
        ready = Hold.objects.filter(allocated_item=item, status=HoldStatus.READY).first()
        if ready is not None and ready.pickup_by is not None:
            fields.append(("CM", vocabulary.sip_due(ready.pickup_by)))
    fields += _item_fields(item, item.barcode)
    fields += [
        ("BG", item.owning_branch.code),
        ("AQ", item.owning_branch.name),
        ("AP", item.current_branch.name),
        *ctx.screen(str(ItemStatus(item.status).label)),
    ]
    return Message("18", fixed, fields)


def item_status_update(ctx: Context, request: Message) -> Message:
    """19 -> 20: folkbib keeps no SC item properties; the answer says so (ok 0)."""
    fields = [
        ("AB", request.get("AB")),
        *ctx.screen(_("Ändring av exemplarets egenskaper stöds inte.")),
    ]
    return Message("20", {"item_properties_ok": "0", "transaction_date": ctx.date}, fields)


def _hold_target(request: Message) -> tuple[Record | None, Item | None]:
    """The title of a hold request: the copy's (AB), or a record id in the title field (AJ)."""
    item = find_item(request.get("AB"))
    if item is not None:
        return item.record, item
    title = request.get("AJ").strip()
    if title.isdigit():
        return Record.objects.filter(pk=int(title)).first(), None
    return None, None


def hold(ctx: Context, request: Message) -> Message:
    """15 -> 16: place (+), cancel (-) or move to another pickup branch (*) a hold.

    Hold type 3 ("specific copy") with a barcode holds that copy only; every other
    type holds the title (any copy in the region). BS is a pickup branch's code; without
    it the terminal's branch is the pickup branch.
    """
    check = check_patron(ctx, request.get("AA"), request.get("AD"))
    record, item = _hold_target(request)
    fixed = {"ok": "0", "available": "N", "transaction_date": ctx.date}
    fields: list[tuple[str, str]] = [ctx.institution, ("AA", request.get("AA"))]
    if request.has("AB"):
        fields.append(("AB", request.get("AB")))
    if record is not None:
        fields.append(("AJ", record.title[:255]))
    pickup_code = request.get("BS").strip()
    pickup = Branch.objects.filter(code=pickup_code).first() if pickup_code else ctx.terminal.branch
    mode = request.fixed["hold_mode"]
    refusal = check.refusal
    if not refusal and record is None:
        refusal = _("Titeln finns inte i katalogen.")
    if not refusal and pickup is None:
        refusal = _("Det finns inget bibliotek med koden %(code)s.") % {"code": pickup_code}
    if not refusal and mode not in "+-*":
        refusal = _("Okänd reservationsåtgärd.")
    if refusal or check.patron is None or record is None or pickup is None:
        return Message("16", fixed, fields + ctx.screen(refusal))
    try:
        if mode == "+":
            specific = item if request.get("BY") == "3" else None
            placed = services.place_hold(
                patron=check.patron, record=record, pickup_branch=pickup, now=ctx.now, item=specific
            )
            message = _("Reservationen är gjord.")
        else:
            active = Hold.objects.filter(
                patron=check.patron, record=record, status__in=ACTIVE_HOLD_STATUSES
            ).first()
            if active is None:
                return Message(
                    "16", fixed, fields + ctx.screen(_("Du har ingen reservation på titeln."))
                )
            if mode == "-":
                placed = services.cancel_hold(hold=active, now=ctx.now).hold
                message = _("Reservationen är avbokad.")
            else:
                placed = services.change_pickup_branch(hold=active, branch=pickup, now=ctx.now).hold
                message = _("Reservationen hämtas nu på %(branch)s.") % {"branch": pickup.name}
    except CirculationError as error:
        return Message("16", fixed, fields + ctx.screen(error.message))
    fixed["ok"] = "1"
    fixed["available"] = vocabulary.yes(placed.is_active and placed.allocated_item_id is not None)
    position = circulation_selectors.queue_position(placed)
    extra = [("BR", str(position))] if position is not None else []
    extra.append(("BS", placed.pickup_branch.code))
    return Message("16", fixed, fields + extra + ctx.screen(message))
