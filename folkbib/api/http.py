"""The REST API's edge: from a declared operation to a Django view, and typed errors to JSON.

Every response that is not audio is JSON; every refusal is ``{"error": code, "message":
text}`` (plus ``field`` or ``reason`` where they help) with a fitting status. Messages
are in the language ``Accept-Language`` prefers among Swedish (the default) and English.

The API is authenticated by bearer tokens only: its views are exempt from CSRF, and
the portal's session cookie is never looked at, so a page on another site cannot make
a signed-in browser change anything through the API.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from folkbib.api import tokens
from folkbib.api.declarations import BadInput, Endpoint, Param
from folkbib.api.models import PatronToken
from folkbib.circulation import errors as circulation
from folkbib.core import clock
from folkbib.core.errors import FolkbibError, ValidationFailed
from folkbib.patrons import errors as patrons
from folkbib.patrons.models import Patron

LANGUAGES = ("sv", "en")
MAX_BODY_BYTES = 16 * 1024

#: Each typed error's machine-readable code and status; the nearest class in the MRO wins.
ERRORS: dict[type[FolkbibError], tuple[str, int]] = {
    patrons.UnknownCard: ("unknown_card", 401),
    patrons.CardRetired: ("card_retired", 401),
    patrons.WrongPin: ("wrong_pin", 401),
    patrons.CardExpired: ("card_expired", 403),
    patrons.TooManyAttempts: ("too_many_attempts", 429),
    patrons.AuthenticationFailed: ("authentication_failed", 401),
    circulation.PatronBlocked: ("patron_blocked", 403),
    circulation.CardNotValid: ("card_not_valid", 403),
    circulation.FeesOverThreshold: ("fees_over_threshold", 403),
    circulation.MaxLoansReached: ("max_loans_reached", 403),
    circulation.HoldsNotAllowed: ("holds_not_allowed", 403),
    circulation.PatronCannotBorrow: ("patron_cannot_borrow", 403),
    circulation.ItemNotLoanable: ("item_not_loanable", 409),
    circulation.ItemAlreadyOnLoan: ("item_already_on_loan", 409),
    circulation.ItemReservedForAnother: ("item_reserved_for_another", 409),
    circulation.ItemCannotCirculate: ("item_cannot_circulate", 409),
    circulation.NotRenewable: ("not_renewable", 409),
    circulation.DuplicateHold: ("duplicate_hold", 409),
    circulation.NoHoldableCopies: ("no_holdable_copies", 409),
    circulation.PickupBranchNotAllowed: ("pickup_branch_not_allowed", 422),
    circulation.AlreadyBorrowed: ("already_borrowed", 409),
    circulation.HoldStateError: ("hold_state_error", 409),
    circulation.HoldError: ("hold_error", 409),
    circulation.LoanStateError: ("loan_state_error", 409),
    circulation.FeeError: ("fee_error", 409),
    circulation.CirculationError: ("circulation_error", 409),
    ValidationFailed: ("validation_failed", 422),
    FolkbibError: ("refused", 422),
}
#: Codes the edge itself answers with (not from a domain error), by status.
EDGE_ERRORS: dict[str, int] = {
    "bad_parameter": 400,
    "bad_body": 400,
    "token_missing": 401,
    "token_invalid": 401,
    "history_not_kept": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "not_acceptable": 406,
    "body_too_large": 413,
    "unsupported_media_type": 415,
    "speech_failed": 500,
    "speech_unavailable": 503,
}
ERROR_CODES = sorted({code for code, _status in ERRORS.values()} | set(EDGE_ERRORS))


def error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    assert code in ERROR_CODES, code
    return _json({"error": code, "message": message, **extra}, status=status)


def _json(data: Any, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def ok(data: Any, *, status: int = 200) -> JsonResponse:
    return _json(data, status=status)


def code_of(failure: FolkbibError) -> tuple[str, int]:
    for cls in type(failure).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    raise AssertionError("FolkbibError is in ERRORS")  # pragma: no cover


def error_body(failure: FolkbibError) -> dict[str, Any]:
    """The JSON of a typed error, as it also appears inside "renew all" results."""
    code, _status = code_of(failure)
    body: dict[str, Any] = {"error": code, "message": failure.message}
    if isinstance(failure, circulation.NotRenewable):
        body["reason"] = failure.reason
    field = getattr(failure, "field", "")
    if field:
        body["field"] = field
    return body


def refusal(failure: FolkbibError) -> JsonResponse:
    _code, status = code_of(failure)
    return _json(error_body(failure), status=status)


def not_found(message: str | None = None) -> JsonResponse:
    return error(404, "not_found", message or _("Finns inte."))


# -- language ----------------------------------------------------------------------------

_LANGUAGE_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}|\*)(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([^\s,;]*))?"
)


def negotiate_language(header: str) -> str:
    """The best of Swedish and English for an ``Accept-Language`` header; Swedish if neither."""
    best, best_q = LANGUAGES[0], 0.0
    for part in header.split(",")[:20]:
        match = _LANGUAGE_RANGE.match(part)
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        language = match.group(1).lower()
        if language in LANGUAGES and quality > best_q:
            best, best_q = language, quality
    return best


# -- the call a handler gets -------------------------------------------------------------


@dataclasses.dataclass
class Call:
    request: HttpRequest
    params: dict[str, Any]
    now: dt.datetime
    language: str
    body: dict[str, Any] = dataclasses.field(default_factory=dict)
    token: PatronToken | None = None

    @property
    def patron(self) -> Patron:
        assert self.token is not None, "only for operations declared authenticated"
        return self.token.patron


def _bearer(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _unauthorized(code: str, message: str) -> JsonResponse:
    response = error(401, code, message)
    response["WWW-Authenticate"] = 'Bearer realm="folkbib"'
    return response


class _Refused(Exception):
    def __init__(self, response: JsonResponse) -> None:
        self.response = response


def _read_body(request: HttpRequest) -> Any:
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise _Refused(
            error(415, "unsupported_media_type", _("Skicka innehållet som application/json."))
        )
    too_large = _Refused(error(413, "body_too_large", _("Innehållet är för stort.")))
    try:
        declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared_length = 0
    if declared_length > MAX_BODY_BYTES:
        raise too_large  # before reading it
    try:
        raw = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(raw) > MAX_BODY_BYTES:
        raise too_large
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _Refused(error(400, "bad_body", _("Innehållet är inte giltig JSON."))) from None


def view_for(endpoint: Endpoint) -> Callable[..., HttpResponseBase]:
    """The Django view of one API path: dispatch by method, check input, translate errors."""

    @csrf_exempt
    def view(request: HttpRequest, **raw_path: str) -> HttpResponseBase:
        language = negotiate_language(request.headers.get("Accept-Language", ""))
        with translation.override(language):
            response = _dispatch(request, endpoint, raw_path, language)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Authorization"))
        return response

    view.__name__ = f"api_{endpoint.name}"
    return view


def _dispatch(
    request: HttpRequest, endpoint: Endpoint, raw_path: dict[str, str], language: str
) -> HttpResponseBase:
    method = "GET" if request.method == "HEAD" else str(request.method)
    operation = endpoint.operations.get(method)
    if operation is None:
        allowed = sorted(
            {*endpoint.operations, *(["HEAD"] if "GET" in endpoint.operations else [])}
        )
        response = error(
            405,
            "method_not_allowed",
            _("Metoden %(method)s går inte att använda här.") % {"method": request.method},
        )
        response["Allow"] = ", ".join(allowed)
        return response
    call = Call(request=request, params={}, now=clock.now(), language=language)
    try:
        if operation.authenticated:
            presented = _bearer(request)
            if presented is None:
                return _unauthorized("token_missing", _("Logga in: ange en bearer-token."))
            call.token = tokens.patron_for_token(presented, now=call.now)
            if call.token is None:
                return _unauthorized(
                    "token_invalid", _("Token är ogiltig eller har gått ut. Logga in igen.")
                )
        for param in endpoint.path_params:
            call.params[param.name] = param.parse([raw_path[param.name]])
        declared = {param.name for param in operation.params if param.location == "query"}
        for name in request.GET:
            if name not in declared:
                # Rather than silently ignoring a misspelt filter and answering something else.
                raise BadInput(name[:64], _("Okänd parameter: %(name)s.") % {"name": name[:64]})
        for param in operation.params:
            if param.location == "query" and param.parsed:
                call.params[param.name] = param.parse(request.GET.getlist(param.name))
        if operation.body is not None:
            call.body = operation.body.parse(_read_body(request))
        return operation.handler(call)
    except BadInput as bad:
        return error(400, "bad_parameter", bad.message, field=bad.field)
    except _Refused as refused:
        return refused.response
    except FolkbibError as failure:
        return refusal(failure)


# -- pagination --------------------------------------------------------------------------

MAX_PER_PAGE = 100
PAGE = Param(
    "page",
    "Page number, from 1.",
    {"type": "integer", "minimum": 1, "maximum": 500, "default": 1},
)
PER_PAGE = Param(
    "per_page",
    "Results per page.",
    {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20},
)


def page_of(items: Sequence[Any], call: Call) -> tuple[list[Any], int]:
    """The requested page of an in-memory list, and the total."""
    page, per_page = call.params["page"], call.params["per_page"]
    start = (page - 1) * per_page
    return list(items[start : start + per_page]), len(items)


def paginated(call: Call, data: dict[str, Any], *, total: int, max_page: int = 500) -> JsonResponse:
    """``data`` with the page numbers and total, and ``Link``/``X-Total-Count`` headers."""
    page, per_page = call.params["page"], call.params["per_page"]
    last = max(1, min(max_page, math.ceil(total / per_page)))
    response = ok({"total": total, "page": page, "per_page": per_page, **data})
    links = {"first": 1, "last": last}
    if page > 1:
        links["prev"] = min(page - 1, last)
    if page < last:
        links["next"] = page + 1
    request = call.request
    base = request.build_absolute_uri(request.path)

    def url(number: int) -> str:
        pairs = [
            (key, value) for key, values in request.GET.lists() if key != "page" for value in values
        ]
        return f"{base}?{urlencode([*pairs, ('page', str(number))])}"

    response["Link"] = ", ".join(f'<{url(number)}>; rel="{rel}"' for rel, number in links.items())
    response["X-Total-Count"] = str(total)
    return response
