"""The visitor's address behind nginx or a load balancer.

Behind a proxy every request comes from the proxy's address, so the sign-in throttle
(patrons/throttle.py, 30 failures per address) would count every patron of the
region as one address and lock them all out together. The proxy says who its client
was in ``X-Forwarded-For``; that header is believed only from the proxies named in
``FOLKBIB_TRUSTED_PROXIES``, since anyone else can write it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> list[Network]:
    """``"10.0.0.5, 10.0.1.0/24"`` -> networks; raises ValueError on a bad entry."""
    return [ipaddress.ip_network(part.strip()) for part in text.split(",") if part.strip()]


def _trusted(address: str, proxies: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(remote: str, forwarded_for: str, proxies: Sequence[Network]) -> str:
    """The nearest address in the chain that is not one of our proxies.

    Read from the right: each proxy appends the address it was called from, so the
    entries left of the first untrusted one may have been made up by the client.
    """
    if not _trusted(remote, proxies):
        return remote
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a garbled chain: trust none of it
        if not _trusted(hop, proxies):
            return hop
    return remote


class TrustedProxyMiddleware:
    """Sets ``REMOTE_ADDR`` to the visitor's address when a trusted proxy forwarded it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = parse_networks(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.proxies:
            request.META["REMOTE_ADDR"] = client_address(
                str(request.META.get("REMOTE_ADDR", "")),
                str(request.META.get("HTTP_X_FORWARDED_FOR", "")),
                self.proxies,
            )
        return self.get_response(request)
