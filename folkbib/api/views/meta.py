"""The API describing itself, and a JSON 404 for every path it does not have."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from folkbib.api import openapi
from folkbib.api.http import negotiate_language
from folkbib.api.http import not_found as not_found_reply


@require_safe
def openapi_document(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi.document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    with translation.override(negotiate_language(request.headers.get("Accept-Language", ""))):
        return not_found_reply(_("Det finns ingen sådan adress i API:t."))
