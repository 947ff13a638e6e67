"""End to end with a SIP2 client we did not write: the ``Sip2`` package from PyPI.

Its own checksum check accepts almost anything, so every answer's checksum is
verified here over its bytes. It writes the checksum without leading zeros, which the
server accepts (docs/protocols/sip2.md).
"""

from __future__ import annotations

import logging

import pytest

from folkbib.circulation.models import Hold, Loan, LoanStatus
from folkbib.protocols.sip2.server import ServerOptions
from folkbib.protocols.sip2.tests.conftest import Running, verify_checksum

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client(sip_tx, tmp_path):
    from Sip2.sip2 import Sip2

    server = Running(ServerOptions(port=0, workers=4))
    sip = Sip2()
    sip.hostName = "127.0.0.1"
    sip.hostPort = server.port
    sip.tlsEnable = False
    sip.socketTimeout = 20
    sip.institutionId = "UMEA"
    sip.scLocation = "umea"
    sip.logfile_path = str(tmp_path)  # it logs to a file, by default in the working directory
    sip.loglevel = "WARNING"
    assert sip.connect()
    yield sip
    sip.disconnect()
    logging.getLogger("Sip2").handlers.clear()
    server.stop()


def ask(sip, request: str) -> str:
    response = sip.get_response(request)
    verify_checksum(response.encode(sip.hostEncoding))
    return response


def test_a_third_party_sip2_client_borrows_renews_reserves_and_returns(client, sip_tx):
    sip = client
    login = sip.sip_login_response(ask(sip, sip.sip_login_request("sip-umea", "sip-umea")))
    assert login["fixed"]["Ok"] == "1"
    status = sip.sip_sc_status_response(ask(sip, sip.sip_sc_status_request()))
    assert status["fixed"]["OnlineStatus"] == "Y"
    assert status["variable"]["AO"] == ["UMEA"]

    sip.patron, sip.patronpwd = "20260001", "1234"
    patron = sip.sip_patron_status_response(ask(sip, sip.sip_patron_status_request()))
    assert patron["variable"]["BL"] == ["Y"]
    assert patron["variable"]["CQ"] == ["Y"]
    assert patron["variable"]["AE"] == ["Tilda Testsson"]

    out = sip.sip_checkout_response(ask(sip, sip.sip_checkout_request("S0001")))
    assert out["fixed"]["Ok"] == "1"
    assert out["variable"]["AJ"] == ["Pippi Långstrump"]
    info = sip.sip_patron_information_response(
        ask(sip, sip.sip_patron_information_request("charged"))
    )
    assert info["variable"]["AU"] == ["S0001"]

    renewed = sip.sip_renew_response(ask(sip, sip.sip_renew_request(itemIdentifier="S0001")))
    assert renewed["fixed"]["Ok"] == "1"
    item = sip.sip_item_information_response(ask(sip, sip.sip_item_information_request("S0001")))
    assert item["fixed"]["CirculationStatus"] == "04"

    held = sip.sip_hold_response(
        ask(sip, sip.sip_hold_request("+", holdType=2, itemIdentifier="S0004"))
    )
    assert held["fixed"]["Ok"] == "1"
    assert Hold.objects.filter(patron__card_number="20260001").count() == 1

    back = sip.sip_checkin_response(ask(sip, sip.sip_checkin_request("S0001")))
    assert back["fixed"]["Ok"] == "1"
    ended = ask(sip, sip.sip_end_patron_session_request())
    assert ended.startswith("36Y")
    assert Loan.objects.get().status == LoanStatus.RETURNED
