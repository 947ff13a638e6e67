"""Terminal accounts, and the demo region's self-check ``sip-umea``."""

from __future__ import annotations

import pytest

from folkbib.circulation.tests.conftest import NOW
from folkbib.consortium.models import Branch
from folkbib.demo.loader import load_demo
from folkbib.demo.tests.conftest import small_data_dir  # noqa: F401 (a fixture)
from folkbib.protocols.sip2.errors import UnknownTerminal
from folkbib.protocols.sip2.models import Sip2Terminal
from folkbib.protocols.sip2.services import authenticate_terminal, ensure_demo_terminal
from folkbib.protocols.sip2.tests.conftest import DATE, Terminal

pytestmark = pytest.mark.django_db


def test_a_terminal_password_is_stored_only_as_a_hash(sip):
    stored = Sip2Terminal.objects.get(username="sip-umea").password_hash
    assert "sip-umea" not in stored
    assert authenticate_terminal(username="sip-umea", password="sip-umea") == sip.terminal
    with pytest.raises(UnknownTerminal):
        authenticate_terminal(username="sip-umea", password="Sip-umea")


def test_defining_the_demo_terminal_twice_leaves_one_terminal(sip):
    ensure_demo_terminal(branch=sip.world.umea, now=NOW)
    ensure_demo_terminal(branch=sip.world.umea, now=NOW)
    assert Sip2Terminal.objects.filter(username="sip-umea").count() == 1


def test_in_the_demo_region_sip_umea_lends_at_umea_stadsbibliotek(db, small_data_dir):  # noqa: F811
    load_demo(now=NOW, data_dir=small_data_dir, patron_count=40, reindex=False)
    terminal = Sip2Terminal.objects.get(username="sip-umea")
    assert terminal.institution_id == "UMEA"
    assert terminal.branch == Branch.objects.get(name="Umeå stadsbibliotek")
    desk = Terminal()
    assert desk.login("sip-umea", "sip-umea").fixed["ok"] == "1"
    lent = desk.send(f"11NN{DATE}{' ' * 18}AOUMEA|AA10000001|AB30000001|AC|AD1234|")
    assert lent.fixed["ok"] == "1", lent.get("AF")
