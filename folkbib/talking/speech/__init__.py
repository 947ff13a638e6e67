"""Speech engines behind one small interface, and the encoders for WAV, Opus and MP3.

``get_engine()`` returns the configured engine: ``settings.SPEECH_ENGINE`` is "espeak"
(the default) or "fake" (tests), or a dotted path to a :class:`SpeechEngine` subclass.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from folkbib.talking.speech.base import FORMATS, AudioFormat, Prosody, SpeechEngine
from folkbib.talking.speech.encoding import encode
from folkbib.talking.speech.espeak import EspeakEngine
from folkbib.talking.speech.fake import FakeEngine

__all__ = [
    "FORMATS",
    "AudioFormat",
    "EspeakEngine",
    "FakeEngine",
    "Prosody",
    "SpeechEngine",
    "encode",
    "get_engine",
]


@functools.cache
def _engine(name: str) -> SpeechEngine:
    if name == "espeak":
        return EspeakEngine()
    if name == "fake":
        return FakeEngine()
    engine: SpeechEngine = import_string(name)()
    return engine


def get_engine() -> SpeechEngine:
    return _engine(settings.SPEECH_ENGINE)
