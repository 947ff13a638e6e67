"""AudioIndex's actions: speaking an utterance (through the shared cache), signing a
listener in with card and PIN, and reserving a title for them.

Reserving and signing in go through the same patrons and circulation services as the
portal and the desk, so the kiosk obeys exactly the same rules (and the same lock-out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from folkbib.catalog.models import Record
from folkbib.circulation import services as circulation
from folkbib.circulation.models import Hold
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.core.errors import FolkbibError
from folkbib.patrons import services as patron_services
from folkbib.patrons import throttle
from folkbib.patrons.errors import TooManyAttempts
from folkbib.patrons.models import Patron
from folkbib.talking import shaping
from folkbib.talking.cache import AudioCache, CachedAudio, cache_key, default_cache
from folkbib.talking.models import KioskVisits
from folkbib.talking.speech import AudioFormat, Prosody, SpeechEngine, encode, get_engine


@dataclass(frozen=True)
class Speech:
    """Spoken audio on disk (in the cache) and what it says."""

    audio: CachedAudio
    format: AudioFormat
    ssml: str
    voice: str


def speech_key(
    utterance: shaping.Utterance,
    *,
    prosody: Prosody,
    audio_format: AudioFormat,
    engine: SpeechEngine,
) -> tuple[str, str, str]:
    """(cache key, SSML, voice) of an utterance: every input that decides the sound."""
    voices = engine.voices()
    ssml = shaping.to_ssml(utterance, voices=voices)
    voice = utterance.language if utterance.language in voices else "en"
    key = cache_key(
        engine.name,
        engine.identity(),
        voice,
        str(prosody.rate),
        str(prosody.pitch),
        str(prosody.volume),
        audio_format.name,
        ssml,
    )
    return key, ssml, voice


def speak(
    utterance: shaping.Utterance,
    *,
    prosody: Prosody,
    audio_format: AudioFormat,
    engine: SpeechEngine | None = None,
    cache: AudioCache | None = None,
) -> Speech:
    """The audio of ``utterance``: from the cache, or synthesised once and cached.

    Concurrent calls for the same audio (in any process) synthesise it once; raises
    ``SpeechFailed`` (``SpeechUnavailable`` when the engine or encoder is missing).
    """
    engine = engine or get_engine()
    cache = cache or default_cache()
    key, ssml, voice = speech_key(
        utterance, prosody=prosody, audio_format=audio_format, engine=engine
    )

    def produce() -> bytes:
        return encode(engine.synthesize(ssml, voice=voice, prosody=prosody), audio_format)

    audio = cache.fetch(key, audio_format.extension, produce)
    return Speech(audio=audio, format=audio_format, ssml=ssml, voice=voice)


def sign_in(*, card_number: str, pin: str, address: str, now: dt.datetime) -> Patron:
    """The patron for card and PIN, counting failures against the card and the address.

    The same lock-out as the portal's sign-in (``patrons.throttle``): raises
    ``TooManyAttempts`` while locked, else the typed ``AuthenticationFailed``.
    """
    keys = [throttle.card_key(card_number), throttle.address_key(address)]
    throttle.check(keys, now=now)
    try:
        patron = patron_services.authenticate_patron(card_number=card_number, pin=pin, now=now)
    except FolkbibError as error:
        if not isinstance(error, TooManyAttempts):
            throttle.record_failure(keys, now=now)
        raise
    throttle.clear(keys[:1])
    return patron


def reserve(*, patron: Patron, record: Record, pickup_branch: Branch, now: dt.datetime) -> Hold:
    """Place a hold from the kiosk: circulation's ``place_hold`` with its rules and errors."""
    return circulation.place_hold(
        patron=patron, record=record, pickup_branch=pickup_branch, now=now
    )


@transaction.atomic
def count_visit(*, branch: Branch | None, now: dt.datetime) -> None:
    """Add one visitor to today's anonymous count for ``branch`` (statistics)."""
    day = local_date(now)
    counted = KioskVisits.objects.filter(day=day, branch=branch).update(visits=F("visits") + 1)
    if not counted:
        # The first visitor of the day: a row at 0 (another process may make it too).
        KioskVisits.objects.bulk_create(
            [KioskVisits(day=day, branch=branch, visits=0)], ignore_conflicts=True
        )
        KioskVisits.objects.filter(day=day, branch=branch).update(visits=F("visits") + 1)
