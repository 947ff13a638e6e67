"""The audio cache: a repeated request costs nothing, concurrent ones synthesise once."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from folkbib.talking import services
from folkbib.talking.cache import AudioCache, cache_key
from folkbib.talking.shaping import Segment, Utterance
from folkbib.talking.speech import FORMATS, FakeEngine, Prosody

HELLO = Utterance("sv", (Segment("Röda rummet", "title"), Segment(", av Strindberg.")))


def test_a_second_request_synthesises_nothing(tmp_path):
    engine = FakeEngine()
    cache = AudioCache(tmp_path)
    first = services.speak(
        HELLO, prosody=Prosody(), audio_format=FORMATS["wav"], engine=engine, cache=cache
    )
    second = services.speak(
        HELLO, prosody=Prosody(), audio_format=FORMATS["wav"], engine=engine, cache=cache
    )
    assert len(engine.calls) == 1
    assert (first.audio.created, second.audio.created) == (True, False)
    assert first.audio.path == second.audio.path
    assert second.audio.path.read_bytes()[:4] == b"RIFF"


def test_every_voice_setting_is_part_of_the_key(tmp_path):
    engine = FakeEngine()
    cache = AudioCache(tmp_path)
    for prosody in (Prosody(), Prosody(rate=250), Prosody(pitch=70), Prosody(volume=150)):
        services.speak(
            HELLO, prosody=prosody, audio_format=FORMATS["wav"], engine=engine, cache=cache
        )
    services.speak(
        Utterance("en", HELLO.segments),
        prosody=Prosody(),
        audio_format=FORMATS["wav"],
        engine=engine,
        cache=cache,
    )
    assert len(engine.calls) == 5
    assert len({key for key in tmp_path.rglob("*.wav")}) == 5


def test_keys_do_not_collide_when_parts_shift():
    assert cache_key("ab", "c") != cache_key("a", "bc")


def test_concurrent_requests_in_threads_synthesise_once(tmp_path):
    engine = FakeEngine(delay=0.3)
    cache = AudioCache(tmp_path)
    results = []
    start = threading.Barrier(8)

    def ask() -> None:
        start.wait()
        results.append(
            services.speak(
                HELLO, prosody=Prosody(), audio_format=FORMATS["wav"], engine=engine, cache=cache
            )
        )

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(engine.calls) == 1
    assert sum(r.audio.created for r in results) == 1
    assert len({r.audio.path.read_bytes() for r in results}) == 1


class _CountingEngine(FakeEngine):
    """Counts syntheses in a file, so processes can be counted together."""

    def __init__(self, log: Path) -> None:
        super().__init__(delay=0.3)
        self.log = log

    def synthesize(self, ssml, *, voice, prosody):  # type: ignore[no-untyped-def]
        with self.log.open("a") as out:
            out.write("x")
        return super().synthesize(ssml, voice=voice, prosody=prosody)


def _ask_in_a_process(root: str, log: str, go_at: float) -> None:
    while time.time() < go_at:
        time.sleep(0.001)
    services.speak(
        HELLO,
        prosody=Prosody(),
        audio_format=FORMATS["wav"],
        engine=_CountingEngine(Path(log)),
        cache=AudioCache(Path(root)),
    )


def test_concurrent_requests_in_processes_synthesise_once(tmp_path):
    log = tmp_path / "syntheses.log"
    log.touch()
    context = multiprocessing.get_context("fork")
    go_at = time.time() + 1.0
    processes = [
        context.Process(target=_ask_in_a_process, args=(str(tmp_path / "cache"), str(log), go_at))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert log.read_text() == "x"
    assert len(list((tmp_path / "cache").rglob("*.wav"))) == 1


def test_a_failed_synthesis_leaves_no_file_and_the_next_request_tries_again(tmp_path):
    cache = AudioCache(tmp_path)

    def broken() -> bytes:
        raise RuntimeError("engine crashed")

    with pytest.raises(RuntimeError):
        cache.fetch("k" * 64, "wav", broken)
    assert cache.lookup("k" * 64, "wav") is None
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert cache.fetch("k" * 64, "wav", lambda: b"RIFF").created is True
