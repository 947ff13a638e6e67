"""``{% record_community record as community %}`` for the record page's community block.

A tag rather than view context so the record page only needs one ``{% include %}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from folkbib.catalog.models import Record
from folkbib.community import selectors
from folkbib.patrons.auth import session_patron

register = template.Library()


@register.simple_tag(takes_context=True)
def record_community(context: Any, record: Record) -> dict[str, Any]:
    request = context.get("request")
    patron = session_patron(request) if request is not None else None
    return {"patron": patron, "data": selectors.record_community(record, patron=patron)}


@register.filter
def star_range(value: object) -> range:
    """``{% for n in 5|star_range %}`` -> 1..5."""
    return range(1, int(value) + 1)  # type: ignore[call-overload]
