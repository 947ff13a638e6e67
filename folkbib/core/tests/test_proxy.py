"""Behind nginx the visitor's own address counts, not the proxy's (folkbib.core.proxy)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from folkbib.circulation.tests.conftest import world as world  # the shared test region
from folkbib.core.proxy import client_address, parse_networks

PROXIES = parse_networks("10.0.0.2, 10.0.1.0/24")


def test_a_trusted_proxy_names_the_visitor():
    assert client_address("10.0.0.2", "203.0.113.7", PROXIES) == "203.0.113.7"


def test_a_chain_of_our_own_proxies_is_walked_back_to_the_visitor():
    chain = "198.51.100.1, 203.0.113.7, 10.0.1.5"
    assert client_address("10.0.0.2", chain, PROXIES) == "203.0.113.7"


def test_a_visitor_cannot_name_another_address_without_going_through_a_proxy():
    assert client_address("203.0.113.7", "198.51.100.1", PROXIES) == "203.0.113.7"


def test_a_garbled_chain_leaves_the_proxy_address():
    assert client_address("10.0.0.2", "not-an-address", PROXIES) == "10.0.0.2"
    assert client_address("10.0.0.2", "", PROXIES) == "10.0.0.2"


def test_a_bad_proxy_setting_is_refused():
    with pytest.raises(ValueError):
        parse_networks("10.0.0.300")


@pytest.mark.django_db
def test_wrong_pins_from_one_visitor_behind_the_proxy_do_not_lock_out_the_others(
    client: Any, settings: Any, world: Any
):
    settings.TRUSTED_PROXIES = "127.0.0.1"
    patron = world.patron(pin="2468")
    login = reverse("portal:login")
    for attempt in range(31):  # past the per-address limit, on cards that do not exist
        client.post(
            login,
            {"card_number": f"9{attempt:05d}", "pin": "0000"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    locked = client.post(
        login,
        {"card_number": patron.card_number, "pin": "2468"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert "För många felaktiga försök" in locked.content.decode()

    other = client.post(
        login,
        {"card_number": patron.card_number, "pin": "2468"},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert other.status_code == 302
