"""Small steps the desk tests share: serve a patron, lend through the services."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from folkbib.circulation import services
from folkbib.circulation.tests.conftest import NOW


def serve(client: Any, patron: Any) -> Any:
    return client.post(reverse("staff:scan_card"), {"card": patron.card_number}, follow=True)


def scan_out(client: Any, barcode: str) -> Any:
    return client.post(reverse("staff:scan_item"), {"barcode": barcode}, follow=True)


def scan_in(client: Any, barcode: str) -> Any:
    return client.post(reverse("staff:checkin"), {"barcode": barcode}, follow=True)


def lend(item: Any, patron: Any, *, when: Any = NOW) -> Any:
    return services.checkout(patron=patron, item=item, branch=item.current_branch, now=when)


def text(response: Any) -> str:
    return response.content.decode()
