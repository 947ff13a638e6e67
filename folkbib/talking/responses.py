"""HTTP helpers shared by the kiosk and the REST API: choosing the audio format and the
listener's voice settings from a request, and answering with cached audio."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase

from folkbib.talking.services import Speech
from folkbib.talking.speech import FORMATS, AudioFormat, Prosody

# Media types a client may ask for, to our format names.
_ACCEPTED = {
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/wave": "wav",
    "audio/vnd.wave": "wav",
    "audio/ogg": "opus",
    "audio/opus": "opus",
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
}
DEFAULT_FORMAT = "wav"


class NotAcceptable(ValueError):
    pass


def negotiate_format(request: HttpRequest) -> AudioFormat:
    """``?format=`` first, then the ``Accept`` header (by q-value), else WAV.

    Raises ``NotAcceptable`` for an unknown ``?format=`` or an Accept header that
    admits no audio we make.
    """
    named = request.GET.get("format", "").strip().lower()
    if named:
        if named not in FORMATS:
            raise NotAcceptable(named)
        return FORMATS[named]
    header = request.headers.get("Accept", "").strip()
    if not header:
        return FORMATS[DEFAULT_FORMAT]
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        if media in _ACCEPTED:
            choices.append((quality, -position, _ACCEPTED[media]))
        elif media in {"*/*", "audio/*"}:
            choices.append((quality - 0.001, -position, DEFAULT_FORMAT))
    if not choices:
        raise NotAcceptable(header)
    return FORMATS[max(choices)[2]]


def prosody_from(params: dict[str, str] | None, default: Prosody | None = None) -> Prosody:
    """Rate, pitch and volume from query parameters (clamped; junk keeps the default)."""
    base = default or Prosody()
    values = {"rate": base.rate, "pitch": base.pitch, "volume": base.volume}
    for name in values:
        raw = (params or {}).get(name, "")
        if raw and raw.lstrip("-").isdigit():
            values[name] = int(raw)
    return Prosody.clamped(**values)


def audio_response(request: HttpRequest, speech: Speech, *, language: str) -> HttpResponseBase:
    """The cached audio file, with an ETag (the content hash) for cheap revalidation."""
    etag = f'"{speech.audio.key}"'
    if request.headers.get("If-None-Match", "") == etag:
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = FileResponse(
            speech.audio.path.open("rb"), content_type=speech.format.content_type
        )
        response["Content-Length"] = str(speech.audio.size)
    response["ETag"] = etag
    # The same URL says something else when availability changes: always revalidate.
    response["Cache-Control"] = "private, no-cache"
    response["Content-Language"] = language
    response["Vary"] = "Accept"
    return response
