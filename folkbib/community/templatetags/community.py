"""``{% record_community_block record %}``: the record page's community block.

A tag rather than view context so the record page only needs one line for it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from folkbib.catalog.models import Record
from folkbib.community import selectors
from folkbib.community.selectors import RecordCommunity
from folkbib.core import fragments
from folkbib.patrons.auth import session_patron
from folkbib.patrons.models import Patron

register = template.Library()

_BLOCK = "portal/community/_record_block.html"

# Stands for the login link's return address in the block kept by _nothing_yet_block:
# text no translation and no template has, which quote() leaves as it is.
_LOGIN_NEXT = "folkbib-login-next-3f9c"


@register.simple_tag(takes_context=True)
def record_community_block(context: Any, record: Record) -> SafeString:
    """The ratings, tags and reviews of ``record`` and, for a signed-in patron, their
    forms: ``templates/portal/community/_record_block.html`` with ``community``
    (``patron``, ``data``: a ``selectors.RecordCommunity``, ``login_next``: the login
    link's return address, this page, URL-encoded).

    What a visitor who is not signed in sees of a record nobody has rated, tagged or
    reviewed (most records) is the same on every such page but for that address: the
    template renders it once per language and process, and each page puts in its own
    address, unless it has messages to show.
    """
    request = context.get("request")
    patron = session_patron(request) if request is not None else None
    data = selectors.record_community(record, patron=patron)
    # As the urlencode filter has it: everything but letters, digits, "_.-~/" escaped.
    login_next = quote(request.get_full_path()) if request is not None else ""
    if patron is None and data.is_empty and not context.get("messages"):
        return mark_safe(_nothing_yet_block(get_language()).replace(_LOGIN_NEXT, login_next))
    block = context.template.engine.get_template(_BLOCK)
    with context.push(community=_community(patron, data, login_next)):
        return mark_safe(block.render(context))  # a template's output, escaped by it


def _nothing_yet_block(page_language: str) -> str:
    """The block of a record nobody has rated, tagged or reviewed, as a visitor who is
    not signed in sees it when there are no messages, in the page's language; kept
    with the page frame's parts (``folkbib.core.fragments``)."""

    def render() -> str:
        nothing = _community(None, RecordCommunity.nothing_yet(), _LOGIN_NEXT)
        return get_template(_BLOCK).render({"community": nothing})

    return fragments.part(("record-community-nothing-yet", page_language), render)


def _community(patron: Patron | None, data: RecordCommunity, login_next: str) -> dict[str, Any]:
    return {"patron": patron, "data": data, "login_next": login_next}


@register.filter
def star_range(value: object) -> range:
    """``{% for n in 5|star_range %}`` -> 1..5."""
    return range(1, int(value) + 1)  # type: ignore[call-overload]
