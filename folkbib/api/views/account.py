"""The patron's half of the API: sign in for a token, then loans, renewals and holds.

Every change goes through the circulation services, so an app obeys exactly the rules
of the desk and the portal, and a refusal is the service's own typed error. A patron
only reaches their own rows: each lookup is filtered by the token's patron, so another
patron's loan or hold id is a 404, never a 403 that would confirm it exists.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from folkbib.api import shapes, tokens
from folkbib.api.declarations import API, PLAIN_TEXT, Body, Param, Reply, Schema, operation
from folkbib.api.http import (
    PAGE,
    PER_PAGE,
    Call,
    error,
    error_body,
    not_found,
    ok,
    page_of,
    paginated,
    refusal,
)
from folkbib.api.replies import (
    BAD_PARAMETER,
    CONFLICT,
    FORBIDDEN,
    NOT_FOUND,
    TOO_LARGE,
    UNAUTHORIZED,
    UNSUPPORTED_MEDIA_TYPE,
)
from folkbib.api.replies import (
    refusal as refusal_reply,
)
from folkbib.api.views.catalogue import BRANCH_CODE, MAX_ID
from folkbib.catalog.models import Record
from folkbib.circulation import selectors as circulation
from folkbib.circulation import services
from folkbib.circulation.models import Hold, Loan, LoanStatus
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.patrons.errors import TooManyAttempts

_SECRET: Schema = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": PLAIN_TEXT}
_BODY_REPLIES = [BAD_PARAMETER, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE]

token = API.endpoint("/auth/token")


@operation(
    token,
    "POST",
    summary="Sign in with card number and PIN for a bearer token",
    tag="account",
    body=Body(
        "The library card and its PIN",
        {"card_number": _SECRET, "pin": _SECRET},
        required=("card_number", "pin"),
    ),
    replies=[
        Reply(201, "A token for `Authorization: Bearer …`; shown this once", shapes.TOKEN),
        *_BODY_REPLIES,
        refusal_reply(401, "unknown_card, card_retired or wrong_pin"),
        refusal_reply(403, "card_expired: right PIN, but the card must be renewed at a library"),
        refusal_reply(
            429,
            "too_many_attempts: the card or the address is locked out for a while",
            **{"Retry-After": {"description": "seconds", "schema": {"type": "string"}}},
        ),
    ],
)
def sign_in(call: Call) -> HttpResponseBase:
    card, address = call.body["card_number"], str(call.request.META.get("REMOTE_ADDR", ""))
    try:
        issued = tokens.sign_in(
            card_number=card, pin=call.body["pin"], address=address, now=call.now
        )
    except TooManyAttempts as locked:
        response = refusal(locked)
        seconds = tokens.retry_after_seconds(card_number=card, address=address, now=call.now)
        response["Retry-After"] = str(seconds)
        return response
    response = ok(
        {"token": issued.token, "token_type": "Bearer", "expires_at": issued.expires_at}, status=201
    )
    response["Cache-Control"] = "no-store"
    return response


@operation(
    token,
    "DELETE",
    summary="Sign out: the token stops working",
    tag="account",
    authenticated=True,
    replies=[Reply(204, "Signed out"), UNAUTHORIZED],
)
def sign_out(call: Call) -> HttpResponseBase:
    assert call.token is not None
    tokens.revoke_token(token=call.token, now=call.now)
    return HttpResponse(status=204)


@operation(
    API.endpoint("/me"),
    "GET",
    summary="The signed-in patron: card, choices, what is owed, counts",
    tag="account",
    authenticated=True,
    replies=[Reply(200, "The patron's own account", shapes.ME), UNAUTHORIZED],
)
def me(call: Call) -> HttpResponseBase:
    patron = call.patron
    today = local_date(call.now)
    return ok(
        shapes.me(
            patron,
            loans=list(circulation.active_loans(patron)),
            holds=circulation.patron_holds(patron, today=today),
            owed=circulation.outstanding_balance(patron),
            today=today,
        )
    )


LOANS = shapes.shape("LoanPage", shapes.list_of("loans", shapes.LOAN, paged=True))
PAGE_HEADERS: dict[str, Schema] = {
    "Link": {"description": "RFC 8288 first/last/prev/next", "schema": {"type": "string"}},
    "X-Total-Count": {"schema": {"type": "string"}},
}


@operation(
    API.endpoint("/me/loans"),
    "GET",
    summary="The patron's loans, soonest due first",
    tag="account",
    authenticated=True,
    params=[PAGE, PER_PAGE],
    replies=[
        Reply(200, "A page of active loans", LOANS, headers=PAGE_HEADERS),
        BAD_PARAMETER,
        UNAUTHORIZED,
    ],
)
def loans(call: Call) -> HttpResponseBase:
    today = local_date(call.now)
    everything = circulation.active_loans(call.patron)
    page = call.params["page"]
    per_page = call.params["per_page"]
    rows = everything[(page - 1) * per_page : page * per_page]
    return paginated(
        call, {"loans": [shapes.loan(row, today=today) for row in rows]}, total=everything.count()
    )


LOAN_ID = Param(
    "id", "The loan's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "path"
)


@operation(
    API.endpoint("/me/loans/{id}/renew", LOAN_ID),
    "POST",
    summary="Renew one loan",
    tag="account",
    authenticated=True,
    replies=[
        Reply(200, "The loan with its new due date", shapes.LOAN),
        BAD_PARAMETER,
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND,
        refusal_reply(409, "not_renewable (`reason`: queue, limit, not_active, patron)"),
    ],
)
def renew(call: Call) -> HttpResponseBase:
    lent = Loan.objects.filter(
        pk=call.params["id"], patron=call.patron, status=LoanStatus.ACTIVE
    ).first()
    if lent is None:
        return not_found(_("Du har inget sådant lån."))
    services.renew(loan=lent, now=call.now)
    renewed = circulation.active_loans(call.patron).get(pk=lent.pk)
    return ok(shapes.loan(renewed, today=local_date(call.now)))


RENEWALS = shapes.shape(
    "Renewals",
    shapes.list_of(
        "results",
        shapes.obj(
            {
                "loan": shapes.LOAN,
                "renewed": shapes.BOOLEAN,
                "error": shapes.nullable(shapes.ref("Error")),
            }
        ),
    ),
)


@operation(
    API.endpoint("/me/loans/renew-all"),
    "POST",
    summary="Try to renew every loan; each succeeds or fails alone",
    tag="account",
    authenticated=True,
    replies=[Reply(200, "One result per loan", RENEWALS), UNAUTHORIZED],
)
def renew_all(call: Call) -> HttpResponseBase:
    today = local_date(call.now)
    outcomes = services.renew_all(patron=call.patron, now=call.now)
    fresh = {row.pk: row for row in circulation.active_loans(call.patron)}
    results = []
    for outcome in outcomes:
        row = fresh.get(outcome.loan.pk)
        if row is None:  # returned meanwhile by someone at a desk
            continue
        results.append(
            {
                "loan": shapes.loan(row, today=today),
                "renewed": outcome.error is None,
                "error": None if outcome.error is None else error_body(outcome.error),
            }
        )
    return ok({"results": results})


HISTORY = shapes.shape("PastLoanPage", shapes.list_of("loans", shapes.PAST_LOAN, paged=True))


@operation(
    API.endpoint("/me/history"),
    "GET",
    summary="What the patron has borrowed before — only if they chose to keep it",
    tag="account",
    authenticated=True,
    params=[PAGE, PER_PAGE],
    replies=[
        Reply(200, "A page of returned loans, latest first", HISTORY, headers=PAGE_HEADERS),
        BAD_PARAMETER,
        UNAUTHORIZED,
        refusal_reply(403, "history_not_kept: the patron has not chosen to keep a history"),
    ],
)
def history(call: Call) -> HttpResponseBase:
    if not call.patron.keep_loan_history:
        return error(
            403,
            "history_not_kept",
            _("Du har inte valt att spara din lånehistorik. Du kan välja det under Mina sidor."),
        )
    everything = circulation.loan_history(call.patron)
    page, per_page = call.params["page"], call.params["per_page"]
    rows = everything[(page - 1) * per_page : page * per_page]
    return paginated(
        call, {"loans": [shapes.past_loan(row) for row in rows]}, total=everything.count()
    )


holds_endpoint = API.endpoint("/me/holds")
HOLDS = shapes.shape("HoldPage", shapes.list_of("holds", shapes.HOLD, paged=True))


@operation(
    holds_endpoint,
    "GET",
    summary="The patron's holds with their place in the queue",
    tag="account",
    authenticated=True,
    params=[PAGE, PER_PAGE],
    replies=[
        Reply(200, "A page of active holds", HOLDS, headers=PAGE_HEADERS),
        BAD_PARAMETER,
        UNAUTHORIZED,
    ],
)
def holds(call: Call) -> HttpResponseBase:
    views = circulation.patron_holds(call.patron, today=local_date(call.now))
    rows, total = page_of(views, call)
    return paginated(call, {"holds": [shapes.hold(view.hold, view) for view in rows]}, total=total)


def _with_queue(call: Call, hold: Hold) -> dict[str, object]:
    views = circulation.patron_holds(call.patron, today=local_date(call.now))
    view = next((v for v in views if v.hold.pk == hold.pk), None)
    return shapes.hold(view.hold if view else hold, view)


@operation(
    holds_endpoint,
    "POST",
    summary="Reserve a title for pickup at a branch",
    tag="account",
    authenticated=True,
    body=Body(
        "The title and, if not the patron's preferred or home branch, where to pick it up",
        {
            "record_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            "pickup_branch": BRANCH_CODE,
        },
        required=("record_id",),
    ),
    replies=[
        Reply(201, "The hold, with its place in the queue", shapes.HOLD),
        *_BODY_REPLIES,
        UNAUTHORIZED,
        FORBIDDEN,
        refusal_reply(404, "No record with that id, or no branch with that code (`field`)"),
        CONFLICT,
        refusal_reply(422, "pickup_branch_not_allowed: the branch takes no holds"),
    ],
)
def place_hold(call: Call) -> HttpResponseBase:
    patron = call.patron
    record = Record.objects.defer("marc").filter(pk=call.body["record_id"]).first()
    if record is None:
        return error(404, "not_found", _("Det finns ingen post med det id:t."), field="record_id")
    code = call.body.get("pickup_branch")
    branch_id = patron.preferred_pickup_branch_id or patron.home_branch_id
    pickup = (
        Branch.objects.filter(pk=branch_id) if code is None else Branch.objects.filter(code=code)
    ).first()
    if pickup is None:
        return error(
            404, "not_found", _("Det finns inget bibliotek med den koden."), field="pickup_branch"
        )
    placed = services.place_hold(patron=patron, record=record, pickup_branch=pickup, now=call.now)
    return ok(_with_queue(call, placed), status=201)


HOLD_ID = Param(
    "id", "The hold's id.", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "path"
)


@operation(
    API.endpoint("/me/holds/{id}", HOLD_ID),
    "DELETE",
    summary="Cancel a hold",
    tag="account",
    authenticated=True,
    replies=[
        Reply(200, "The hold, now cancelled", shapes.HOLD),
        BAD_PARAMETER,
        UNAUTHORIZED,
        NOT_FOUND,
        refusal_reply(409, "hold_state_error: the hold has already ended"),
    ],
)
def cancel_hold(call: Call) -> HttpResponseBase:
    own = Hold.objects.filter(pk=call.params["id"], patron=call.patron).first()
    if own is None:
        return not_found(_("Du har ingen sådan reservation."))
    outcome = services.cancel_hold(hold=own, now=call.now)
    return ok(shapes.hold(outcome.hold))
