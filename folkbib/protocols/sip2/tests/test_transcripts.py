"""Whole conversations against golden transcripts: each request, and the exact answer.

A transcript's ``>`` lines are what the self-check sends (numbered and checksummed by
the test's terminal); the ``<`` lines are the answers, byte for byte (CR left out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.patrons.models import Patron
from folkbib.protocols.sip2.tests.conftest import SipWorld, Terminal
from folkbib.protocols.sip2.tests.golden import GOLDEN, compare

pytestmark = pytest.mark.django_db


def replay(path: Path, terminal: Terminal) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("<"):
            continue
        lines.append(line)
        if line.startswith("> "):
            answer = terminal.send_raw(terminal.frame(line[2:]))
            lines.append("< " + answer.decode(terminal.encoding).rstrip("\r"))
    return "\n".join(lines) + "\n"


def test_a_patron_at_the_self_check(sip: SipWorld):
    other = Patron.objects.get(card_number="20260002")
    services.checkout(
        patron=other, item=sip.item("S0002"), branch=sip.world.vannas, now=NOW - days(3)
    )
    path = GOLDEN / "transcripts" / "self_check.txt"
    compare(path, replay(path, Terminal()))


def test_the_returns_sorter(sip: SipWorld):
    tilda = Patron.objects.get(card_number="20260001")
    olle = Patron.objects.get(card_number="20260002")
    services.checkout(patron=tilda, item=sip.item("S0002"), branch=sip.world.vannas, now=NOW)
    services.checkout(patron=tilda, item=sip.item("S0003"), branch=sip.world.umea, now=NOW)
    services.place_hold(
        patron=olle, record=sip.records["mio"], pickup_branch=sip.world.umea, now=NOW
    )
    item = sip.item("S0004")
    item.status = ItemStatus.WITHDRAWN
    item.save()
    path = GOLDEN / "transcripts" / "sorter.txt"
    compare(path, replay(path, Terminal()))
