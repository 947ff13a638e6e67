"""WAV to Opus or MP3 through ffmpeg (a Debian package, installed by make run / make test)."""

from __future__ import annotations

import functools
import shutil
import subprocess

from django.utils.translation import gettext as _

from folkbib.talking.errors import SpeechFailed, SpeechUnavailable
from folkbib.talking.speech.base import AudioFormat

TIMEOUT_SECONDS = 30

_CODEC_ARGS = {
    # Opus runs at 48 kHz inside; 24 kbit/s mono is transparent for speech.
    "opus": ["-c:a", "libopus", "-b:a", "24k", "-application", "voip", "-f", "ogg"],
    # MP3 keeps the engine's 22.05 kHz (an MPEG-2 rate every player knows).
    "mp3": ["-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3"],
}


@functools.cache
def _ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def encode(wav: bytes, audio_format: AudioFormat) -> bytes:
    """``wav`` in ``audio_format`` (WAV is returned as it is)."""
    if audio_format.name == "wav":
        return wav
    path = _ffmpeg()
    if path is None:
        raise SpeechUnavailable(_("Ljudkodaren ffmpeg är inte installerad."))
    command = [path, "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "wav", "-i", "pipe:0"]
    command += ["-ac", "1", *_CODEC_ARGS[audio_format.name], "pipe:1"]
    try:
        result = subprocess.run(command, input=wav, capture_output=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise SpeechFailed(_("Ljudet kunde inte kodas.")) from error
    if result.returncode != 0 or not result.stdout:
        raise SpeechFailed(_("Ljudet kunde inte kodas."))
    return result.stdout
