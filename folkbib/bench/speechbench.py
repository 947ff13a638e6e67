"""``folkbib bench speech``: scan to first audio byte through the HTTP endpoint.

Over the demo region's real items (talking books and audiobooks first, then the other
hand-catalogued Swedish works), each barcode is requested as a scanner-driven kiosk or
app would: ``GET /api/v1/talking/items/<barcode>?level=short`` over real HTTP on the
loopback, served by Django's WSGI application in a threaded server in this process.
The time runs from sending the request to reading the first byte of the audio body.

* **uncached**: a fresh, empty audio cache, so every request synthesises;
* **cached**: the same requests again;
* **espeak-ng alone**: the same SSML through ``espeak-ng -m ... -w`` in the same run,
  the engine's own cost, which the uncached path cannot beat (the ratio says how much
  the HTTP, database, shaping and cache layers add).
"""

from __future__ import annotations

import http.client
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils import translation

from folkbib.bench.report import LatencySummary
from folkbib.catalog.models import Item, MaterialType
from folkbib.talking import descriptions, speech
from folkbib.talking.services import speech_key
from folkbib.talking.speech import FORMATS, Prosody

FIRST_DEMO_BARCODE = "30000001"


@dataclass(frozen=True)
class SpeechBench:
    barcodes: int
    audio_format: str
    uncached: LatencySummary
    cached: LatencySummary
    espeak: LatencySummary

    @property
    def ratio_p95(self) -> float:
        return self.uncached.p95 / self.espeak.p95


def demo_barcodes(count: int) -> list[str]:
    """One item of each demo record: talking books and audiobooks first, then the others.

    One per record, so no two requests share a description (and so a cache entry).
    """
    rows = (
        Item.objects.filter(barcode__gte=FIRST_DEMO_BARCODE)
        .order_by("barcode")
        .values_list("barcode", "record_id", "record__material_type")
    )
    spoken: list[str] = []
    other: list[str] = []
    seen: set[int] = set()
    for barcode, record_id, material in rows.iterator():
        if record_id in seen:
            continue
        seen.add(record_id)
        is_spoken = material in (MaterialType.TALKING_BOOK, MaterialType.AUDIOBOOK)
        (spoken if is_spoken else other).append(barcode)
        if len(spoken) >= count:
            break
    return (spoken + other)[:count]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _first_byte(connection: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    first = response.read(1)
    elapsed = time.perf_counter() - started
    response.read()
    if response.status != 200 or not first:
        raise RuntimeError(f"GET {path}: {response.status}")
    return elapsed


def _espeak_seconds(ssml: str, voice: str, out: Path) -> float:
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise RuntimeError("espeak-ng is not installed")
    started = time.perf_counter()
    subprocess.run(
        [binary, "-m", "-v", voice, "-s", "175", "-p", "50", "-a", "100", "-w", str(out)],
        input=ssml.encode(),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def run(*, count: int = 200, audio_format: str = "wav") -> SpeechBench:
    barcodes = demo_barcodes(count)
    if not barcodes:
        raise RuntimeError("no demo items: run `folkbib load-demo` first")
    with tempfile.TemporaryDirectory(prefix="speechbench-") as scratch:
        settings.SPEECH_CACHE_DIR = Path(scratch) / "cache"
        settings.SPEECH_ENGINE = "espeak"
        speech._engine.cache_clear()
        server = make_server(
            "127.0.0.1",
            0,
            get_wsgi_application(),
            server_class=_ThreadingServer,
            handler_class=_QuietHandler,
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=60)
            query = f"?level=short&format={audio_format}"
            # One warm-up request (imports, first database connection), on a record not timed.
            _first_byte(connection, f"/api/v1/talking/items/{barcodes[-1]}?level=full")
            uncached = [
                _first_byte(connection, f"/api/v1/talking/items/{code}{query}") for code in barcodes
            ]
            cached = [
                _first_byte(connection, f"/api/v1/talking/items/{code}{query}") for code in barcodes
            ]
            connection.close()
        finally:
            server.shutdown()
            server.server_close()
        engine = speech.get_engine()
        raw: list[float] = []
        items = Item.objects.select_related("record").in_bulk(barcodes, field_name="barcode")
        with translation.override("sv"):
            for code in barcodes:
                utterance = descriptions.short(items[code].record)
                _key, ssml, voice = speech_key(
                    utterance, prosody=Prosody(), audio_format=FORMATS["wav"], engine=engine
                )
                raw.append(_espeak_seconds(ssml, voice, Path(scratch) / "raw.wav"))
    return SpeechBench(
        barcodes=len(barcodes),
        audio_format=audio_format,
        uncached=LatencySummary.of(uncached),
        cached=LatencySummary.of(cached),
        espeak=LatencySummary.of(raw),
    )
