"""AudioIndex over the API: the spoken description of an item or a record, as audio."""

from __future__ import annotations

from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _

from folkbib.api.declarations import API, Param, Reply, operation
from folkbib.api.http import LANGUAGES, Call, error, not_found
from folkbib.api.replies import BAD_PARAMETER, NOT_FOUND, refusal
from folkbib.api.views.catalogue import BARCODE, RECORD_ID
from folkbib.catalog.models import Item, Record
from folkbib.talking import descriptions, selectors
from folkbib.talking.errors import SpeechFailed, SpeechUnavailable
from folkbib.talking.responses import NotAcceptable, audio_response, negotiate_format, prosody_from
from folkbib.talking.services import speak

AUDIO_FORMATS = ("wav", "opus", "mp3")
AUDIO_PARAMS = (
    Param(
        "level",
        "How much to say: short (title, author), full (and summary), availability.",
        {"type": "string", "enum": list(descriptions.LEVELS), "default": "short"},
    ),
    Param(
        "format",
        "Audio format; otherwise chosen by the Accept header, else wav. Unknown: 406.",
        {"type": "string", "enum": list(AUDIO_FORMATS)},
        parsed=False,
    ),
    Param(
        "lang",
        "The language spoken.",
        {"type": "string", "enum": list(LANGUAGES), "default": "sv"},
    ),
    Param("rate", "Words per minute.", {"type": "integer", "minimum": 80, "maximum": 450}),
    Param("pitch", "Voice pitch.", {"type": "integer", "minimum": 0, "maximum": 99}),
    Param("volume", "Loudness in percent.", {"type": "integer", "minimum": 0, "maximum": 200}),
)
AUDIO_REPLIES = (
    Reply(
        200,
        "The spoken description (cached; revalidate with If-None-Match)",
        headers={"ETag": {"schema": {"type": "string"}}},
        content={t: {} for t in ("audio/wav", "audio/ogg; codecs=opus", "audio/mpeg")},
    ),
    Reply(304, "Not modified (If-None-Match)"),
    BAD_PARAMETER,
    NOT_FOUND,
    refusal(406, "not_acceptable: no audio format the client accepts"),
    refusal(500, "speech_failed: the speech engine failed"),
    refusal(503, "speech_unavailable: no speech engine is installed"),
)


def _spoken(call: Call, record: Record, item: Item | None) -> HttpResponseBase:
    request = call.request
    try:
        audio_format = negotiate_format(request)
    except NotAcceptable:
        return error(
            406, "not_acceptable", _("Formaten är wav, opus och mp3 (?format= eller Accept).")
        )
    prosody = prosody_from(request.GET.dict())
    language = call.params["lang"]
    with translation.override(language):
        utterance = descriptions.describe(record, call.params["level"], item=item)
        try:
            speech = speak(utterance, prosody=prosody, audio_format=audio_format)
        except SpeechUnavailable as failure:
            return error(503, "speech_unavailable", failure.message)
        except SpeechFailed as failure:
            return error(500, "speech_failed", failure.message)
    return audio_response(request, speech, language=language)


@operation(
    API.endpoint("/talking/items/{barcode}", BARCODE),
    "GET",
    summary="An item's spoken description",
    tag="talking",
    params=AUDIO_PARAMS,
    replies=AUDIO_REPLIES,
)
def talking_item(call: Call) -> HttpResponseBase:
    item = selectors.item_by_barcode(call.params["barcode"])
    if item is None:
        return not_found(_("Det finns inget exemplar med den streckkoden."))
    return _spoken(call, item.record, item)


@operation(
    API.endpoint("/talking/records/{id}", RECORD_ID),
    "GET",
    summary="A record's spoken description",
    tag="talking",
    params=AUDIO_PARAMS,
    replies=AUDIO_REPLIES,
)
def talking_record(call: Call) -> HttpResponseBase:
    record = Record.objects.filter(pk=call.params["id"]).first()
    if record is None:
        return not_found(_("Det finns ingen post med det id:t."))
    return _spoken(call, record, None)
