"""The real engine and encoders: espeak-ng speaks Swedish and English, ffmpeg encodes."""

from __future__ import annotations

import pytest

from folkbib.talking import services
from folkbib.talking.shaping import Segment, Utterance
from folkbib.talking.speech import FORMATS, Prosody, encode
from folkbib.talking.tests.audio import probe

SWEDISH = Utterance("sv", (Segment("Röda rummet", "title"), Segment(", av August Strindberg.")))
ENGLISH = Utterance("en", (Segment("The hobbit", "title"), Segment(", by J R R Tolkien.")))


def test_espeak_has_the_swedish_and_english_voices(espeak):
    assert {"sv", "en"} <= espeak.voices()
    assert espeak.identity().startswith("eSpeak NG")


@pytest.mark.parametrize("utterance", [SWEDISH, ENGLISH], ids=["sv", "en"])
def test_espeak_speaks_a_sentence_as_valid_wav(espeak, utterance):
    spoken = services.speak(utterance, prosody=Prosody(), audio_format=FORMATS["wav"])
    info = probe(spoken.audio.path.read_bytes())
    assert info["codec"] == "pcm_s16le"
    assert info["sample_rate"] == 22050
    assert info["channels"] == 1
    assert 0.5 < float(info["duration"]) < 10  # type: ignore[arg-type]


def test_a_faster_rate_makes_shorter_audio(espeak):
    normal = services.speak(SWEDISH, prosody=Prosody(), audio_format=FORMATS["wav"])
    fast = services.speak(SWEDISH, prosody=Prosody(rate=350), audio_format=FORMATS["wav"])
    assert (
        probe(fast.audio.path.read_bytes())["duration"]
        < probe(normal.audio.path.read_bytes())["duration"]
    )


def test_a_title_in_another_language_switches_voice_and_still_speaks(espeak):
    mixed = Utterance("sv", (Segment("The hobbit", "title", "eng"), Segment(", av Tolkien.")))
    spoken = services.speak(mixed, prosody=Prosody(), audio_format=FORMATS["wav"])
    assert '<voice xml:lang="en">' in spoken.ssml
    assert float(probe(spoken.audio.path.read_bytes())["duration"]) > 0.5  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "codec", "rate"), [("opus", "opus", 48000), ("mp3", "mp3", 22050)]
)
def test_ffmpeg_encodes_opus_and_mp3(espeak, name, codec, rate):
    wav = espeak.synthesize('<speak xml:lang="sv">Hej</speak>', voice="sv", prosody=Prosody())
    info = probe(encode(wav, FORMATS[name]))
    assert (info["codec"], info["sample_rate"]) == (codec, rate)
