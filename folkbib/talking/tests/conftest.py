"""Fixtures of AudioIndex's tests: the fake and the real speech engine, a catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from folkbib.core.testing import require_tool
from folkbib.portal.tests.catalogue import Catalogue, build_catalogue
from folkbib.talking import speech
from folkbib.talking.speech import FakeEngine, SpeechEngine


@pytest.fixture
def speech_cache(settings, tmp_path):
    settings.SPEECH_CACHE_DIR = tmp_path / "speech-cache"
    return settings.SPEECH_CACHE_DIR


@pytest.fixture
def fake_engine(settings, speech_cache) -> Iterator[FakeEngine]:
    settings.SPEECH_ENGINE = "fake"
    speech._engine.cache_clear()
    engine = speech.get_engine()
    assert isinstance(engine, FakeEngine)
    yield engine
    speech._engine.cache_clear()


@pytest.fixture
def espeak(settings, speech_cache) -> Iterator[SpeechEngine]:
    require_tool("espeak-ng")
    require_tool("ffmpeg")
    settings.SPEECH_ENGINE = "espeak"
    speech._engine.cache_clear()
    yield speech.get_engine()
    speech._engine.cache_clear()


@pytest.fixture
def catalogue(db) -> Catalogue:
    return build_catalogue()
