"""REST API v1: plain Django views. Only AudioIndex's audio so far, and the OpenAPI list.

Errors are JSON ``{"error": code, "message": text}`` with the matching status.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.views.decorators.http import require_GET

from folkbib.catalog.models import Item, Record
from folkbib.talking import descriptions, selectors
from folkbib.talking.errors import SpeechFailed, SpeechUnavailable
from folkbib.talking.responses import NotAcceptable, audio_response, negotiate_format, prosody_from
from folkbib.talking.services import speak

LANGUAGES = ("sv", "en")


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def _spoken(request: HttpRequest, record: Record, item: Item | None) -> HttpResponseBase:
    level = request.GET.get("level", "short")
    if level not in descriptions.LEVELS:
        return _error(400, "bad_level", f"level must be one of {', '.join(descriptions.LEVELS)}")
    language = request.GET.get("lang", "sv")
    if language not in LANGUAGES:
        return _error(400, "bad_language", f"lang must be one of {', '.join(LANGUAGES)}")
    try:
        audio_format = negotiate_format(request)
    except NotAcceptable:
        return _error(406, "not_acceptable", "formats: wav, opus, mp3 (?format= or Accept)")
    prosody = prosody_from(request.GET.dict())
    with translation.override(language):
        utterance = descriptions.describe(record, level, item=item)
        try:
            speech = speak(utterance, prosody=prosody, audio_format=audio_format)
        except SpeechUnavailable as error:
            return _error(503, "speech_unavailable", error.message)
        except SpeechFailed as error:
            return _error(500, "speech_failed", error.message)
    return audio_response(request, speech, language=language)


@require_GET
def talking_item(request: HttpRequest, barcode: str) -> HttpResponseBase:
    item = selectors.item_by_barcode(barcode)
    if item is None:
        return _error(404, "not_found", "no item with this barcode")
    return _spoken(request, item.record, item)


@require_GET
def talking_record(request: HttpRequest, record_id: int) -> HttpResponseBase:
    record = Record.objects.filter(pk=record_id).first()
    if record is None:
        return _error(404, "not_found", "no record with this id")
    return _spoken(request, record, None)


_AUDIO_PARAMETERS = [
    {"name": "level", "in": "query", "schema": {"enum": list(descriptions.LEVELS)}},
    {"name": "format", "in": "query", "schema": {"enum": ["wav", "opus", "mp3"]}},
    {"name": "lang", "in": "query", "schema": {"enum": list(LANGUAGES)}},
    {"name": "rate", "in": "query", "schema": {"type": "integer", "minimum": 80, "maximum": 450}},
    {"name": "pitch", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 99}},
    {"name": "volume", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 200}},
]
_AUDIO_RESPONSES = {
    "200": {
        "description": "The spoken description",
        "content": {t: {} for t in ("audio/wav", "audio/ogg; codecs=opus", "audio/mpeg")},
    },
    "304": {"description": "Not modified (If-None-Match)"},
    "404": {"description": "Unknown barcode or record"},
    "406": {"description": "No acceptable audio format"},
}


def _audio_operation(summary: str, name: str, schema: dict[str, str]) -> dict[str, object]:
    return {
        "get": {
            "summary": summary,
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": schema},
                *_AUDIO_PARAMETERS,
            ],
            "responses": _AUDIO_RESPONSES,
        }
    }


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "openapi": "3.1.0",
            "info": {"title": "folkbib", "version": "1"},
            "servers": [{"url": "/api/v1"}],
            "paths": {
                "/talking/items/{barcode}": _audio_operation(
                    "An item's spoken description", "barcode", {"type": "string"}
                ),
                "/talking/records/{id}": _audio_operation(
                    "A record's spoken description", "id", {"type": "integer"}
                ),
            },
        }
    )
