"""A self-check at Umeå stadsbibliotek in the circulation tests' small region.

    terminal  sip-umea / sip-umea at umea, institution UMEA (PIN required)
    patrons   Tilda Testsson 20260001 (PIN 1234), Olle Annansson 20260002 (PIN 4321)
    titles    "Pippi Långstrump": S0001 at umea, S0002 at vannas
              "Mio, min Mio":     S0003 at umea
              "Bröderna Lejonhjärta" (film): S0004 at holmsund

Barcodes and cards are fixed, so golden transcripts read the same in any test order.
``Terminal`` plays the self-check: it numbers and checksums what it sends and checks
every answer's checksum itself (the bytes, independently of the codec's parser).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connections

from folkbib.catalog.models import Item, Record
from folkbib.circulation.tests.conftest import NOW, World, build_world, needs_a_file_database
from folkbib.protocols.sip2 import codec
from folkbib.protocols.sip2.models import Sip2Terminal
from folkbib.protocols.sip2.server import ServerOptions, Sip2Server, answer
from folkbib.protocols.sip2.services import define_terminal
from folkbib.protocols.sip2.session import Session


@dataclass
class SipWorld:
    world: World
    terminal: Sip2Terminal
    records: dict[str, Record] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)

    def item(self, barcode: str) -> Item:
        return Item.objects.get(barcode=barcode)


def build_sip_world() -> SipWorld:
    world = build_world()
    terminal = define_terminal(
        username="sip-umea",
        password="sip-umea",
        branch=world.umea,
        institution_id="UMEA",
        location_code="umea",
        now=NOW,
    )
    world.patron(card_number="20260001", first_name="Tilda", last_name="Testsson", pin="1234")
    world.patron(card_number="20260002", first_name="Olle", last_name="Annansson", pin="4321")
    sip = SipWorld(world, terminal)
    pippi = world.record("Pippi Långstrump")
    mio = world.record("Mio, min Mio")
    film = world.record("Bröderna Lejonhjärta", material_type="film")
    sip.records = {"pippi": pippi, "mio": mio, "film": film}
    for barcode, record, branch in [
        ("S0001", pippi, world.umea),
        ("S0002", pippi, world.vannas),
        ("S0003", mio, world.umea),
        ("S0004", film, world.holmsund),
    ]:
        sip.items[barcode] = world.item(record, branch, barcode=barcode)
    return sip


@pytest.fixture
def sip(db: Any) -> SipWorld:
    return build_sip_world()


def verify_checksum(raw: bytes) -> None:
    """The answer's AZ makes its bytes sum to zero: checked here without the codec."""
    data = raw.rstrip(b"\r")
    assert data[-6:-4] == b"AZ", raw
    assert (sum(data[:-4]) + int(data[-4:], 16)) & 0xFFFF == 0, raw


class Terminal:
    """A self-check talking to a :class:`Session` directly (no socket)."""

    def __init__(self, *, now: dt.datetime = NOW, encoding: str = "utf-8") -> None:
        self.session = Session()
        self.now = now
        self.encoding = encoding
        self.sequence = -1
        self.sent: list[bytes] = []

    def frame(self, text: str) -> bytes:
        self.sequence = (self.sequence + 1) % 10
        data = f"{text}AY{self.sequence}AZ".encode(self.encoding)
        return data + codec.checksum(data).encode() + b"\r"

    def send_raw(self, raw: bytes) -> bytes:
        self.sent.append(raw)
        return self.session.respond(raw, now=self.now)

    def send(self, text: str) -> codec.Message:
        answer = self.send_raw(self.frame(text))
        verify_checksum(answer)
        return codec.parse(answer, encoding=self.encoding)

    def login(self, user: str = "sip-umea", password: str = "sip-umea") -> codec.Message:
        return self.send(f"9300CN{user}|CO{password}|CPumea|")


DATE = "20260615    120000"


@pytest.fixture
def terminal(sip: SipWorld) -> Terminal:
    desk = Terminal()
    assert desk.login().fixed["ok"] == "1"
    return desk


def _answer_and_close(session: Session, raw: bytes) -> bytes:
    """As in production, at the fixed test time; the connection closed so the test
    database can be dropped while the pool's threads still exist."""
    try:
        return answer(session, raw, now=NOW)
    finally:
        connections.close_all()


class Running:
    """A server on a free port, its event loop in a thread of its own."""

    def __init__(self, options: ServerOptions) -> None:
        self.server = Sip2Server(options, answer=_answer_and_close)
        self.loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(self.server.start())
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert started.wait(10)
        self.port = self.server.port

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def sip_tx(transactional_db: Any) -> SipWorld:
    needs_a_file_database()
    return build_sip_world()
