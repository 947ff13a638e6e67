"""The speech engine interface: SSML in, WAV out. Engines are swappable (a neural voice,
a cloud service); everything above this file only knows :class:`SpeechEngine`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

__all__ = ["FORMATS", "AudioFormat", "Prosody", "SpeechEngine"]


@dataclass(frozen=True)
class Prosody:
    """A listener's voice settings, clamped to what every engine can do.

    ``rate`` in words per minute (espeak-ng's scale, 80-450, 175 normal), ``pitch``
    0-99 (50 normal), ``volume`` 0-200 per cent (100 normal).
    """

    rate: int = 175
    pitch: int = 50
    volume: int = 100

    @classmethod
    def clamped(cls, *, rate: int = 175, pitch: int = 50, volume: int = 100) -> Prosody:
        return cls(
            rate=max(80, min(450, int(rate))),
            pitch=max(0, min(99, int(pitch))),
            volume=max(0, min(200, int(volume))),
        )


@dataclass(frozen=True)
class AudioFormat:
    name: str  # "wav", "opus", "mp3": the ?format= value
    content_type: str
    extension: str
    sample_rate: int  # of the delivered audio


FORMATS = {
    "wav": AudioFormat("wav", "audio/wav", "wav", 22050),
    "opus": AudioFormat("opus", "audio/ogg; codecs=opus", "opus", 48000),
    "mp3": AudioFormat("mp3", "audio/mpeg", "mp3", 22050),
}


class SpeechEngine(ABC):
    """Turns SSML into 16-bit mono WAV; stateless, safe to share between threads."""

    #: Part of every cache key: change it when the engine's output would change.
    name: str = ""

    @abstractmethod
    def identity(self) -> str:
        """Name and version, so a new engine version never serves stale audio."""

    @abstractmethod
    def voices(self) -> set[str]:
        """Language codes this engine can speak ("sv", "en", ...)."""

    @abstractmethod
    def synthesize(self, ssml: str, *, voice: str, prosody: Prosody) -> bytes:
        """WAV bytes of ``ssml`` read by ``voice``; raises ``SpeechFailed``."""
