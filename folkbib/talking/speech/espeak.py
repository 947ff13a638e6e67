"""espeak-ng, the default engine: a Debian package, a voice for every language it knows.

One process per synthesis (``espeak-ng -m`` reads SSML from stdin, ``-w`` writes a WAV
file with a correct header). ~10-20 ms for a sentence on an idle core; the cache above
makes a repeated sentence free.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile

from django.utils.translation import gettext as _

from folkbib.talking.errors import SpeechFailed, SpeechUnavailable
from folkbib.talking.speech.base import Prosody, SpeechEngine

BINARY = "espeak-ng"
TIMEOUT_SECONDS = 30


@functools.cache
def _binary() -> str | None:
    return shutil.which(BINARY)


@functools.cache
def _version(path: str) -> str:
    out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    return out.stdout.strip().split("  ")[0]


@functools.cache
def _voices(path: str) -> frozenset[str]:
    out = subprocess.run([path, "--voices"], capture_output=True, text=True, timeout=10)
    languages = set()
    for line in out.stdout.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 2:
            languages.add(fields[1])
            languages.add(fields[1].split("-")[0])
    return frozenset(languages)


def available() -> bool:
    return _binary() is not None


class EspeakEngine(SpeechEngine):
    name = "espeak-ng"

    def _path(self) -> str:
        path = _binary()
        if path is None:
            raise SpeechUnavailable(_("Talsyntesen espeak-ng är inte installerad."))
        return path

    def identity(self) -> str:
        return _version(self._path())

    def voices(self) -> set[str]:
        return set(_voices(self._path()))

    def synthesize(self, ssml: str, *, voice: str, prosody: Prosody) -> bytes:
        path = self._path()
        fd, wav_path = tempfile.mkstemp(suffix=".wav", prefix="espeak-")
        os.close(fd)
        try:
            command = [
                path,
                "-m",  # SSML
                "-v",
                voice,
                "-s",
                str(prosody.rate),
                "-p",
                str(prosody.pitch),
                "-a",
                str(prosody.volume),
                "-w",
                wav_path,
            ]
            try:
                result = subprocess.run(
                    command,
                    input=ssml.encode("utf-8"),
                    capture_output=True,
                    timeout=TIMEOUT_SECONDS,
                    check=False,
                )
            except subprocess.TimeoutExpired as error:
                raise SpeechFailed(_("Talsyntesen svarade inte.")) from error
            with open(wav_path, "rb") as produced:
                audio = produced.read()
            if result.returncode != 0 or len(audio) <= 44:
                raise SpeechFailed(_("Talsyntesen kunde inte läsa texten."))
            return audio
        finally:
            os.unlink(wav_path)
