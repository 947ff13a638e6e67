"""A fake engine for tests: valid WAV (silence as long as the text), and a call log."""

from __future__ import annotations

import io
import threading
import time
import wave

from folkbib.talking.speech.base import Prosody, SpeechEngine

SAMPLE_RATE = 22050


def silent_wav(seconds: float, sample_rate: int = SAMPLE_RATE) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(b"\x00\x00" * int(seconds * sample_rate))
    return buffer.getvalue()


class FakeEngine(SpeechEngine):
    """Records every synthesis in ``calls``; ``delay`` makes a race window for tests."""

    name = "fake"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: list[tuple[str, str, Prosody]] = []
        self._lock = threading.Lock()

    def identity(self) -> str:
        return "fake 1"

    def voices(self) -> set[str]:
        return {"sv", "en", "fi", "de", "fr"}

    def synthesize(self, ssml: str, *, voice: str, prosody: Prosody) -> bytes:
        with self._lock:
            self.calls.append((ssml, voice, prosody))
        if self.delay:
            time.sleep(self.delay)
        return silent_wav(max(0.1, len(ssml) / 400))
