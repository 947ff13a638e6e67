"""The page frame's tags (``templates/base.html``).

``{% frame_part "name" value ... %}...{% endframe_part %}`` renders its contents once
per process and per values (``folkbib.core.fragments``) and from then on returns what
it rendered. The contents must be the same for everyone who sends those values: no
CSRF token, no return address, nothing of a person. A part holds no ``{% block %}``:
it hides its contents from the search for blocks every page of an ``{% extends %}``
makes (a walk of the frame's whole tree on every page).

``{% signed_in as name %}``: "1" when a patron is signed in, else "0" (which menu
link to show; every My page checks the session properly). Read from the session as a
dict: a template's ``request.session.folkbib_patron_id`` on a session without it cost
~50 µs (the template engine's ``dir()`` of the session to tell a missing key from a
missing attribute).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe

from folkbib.core import fragments
from folkbib.patrons.auth import SESSION_PATRON_ID

register = template.Library()


class FramePartNode(template.Node):
    child_nodelists = ()  # see the module's docstring: no blocks inside

    def __init__(self, name: str, values: list[FilterExpression], nodelist: NodeList) -> None:
        self.name = name
        self.values = values
        self.nodelist = nodelist

    def render(self, context: Any) -> SafeString:
        key = (self.name, *(str(value.resolve(context)) for value in self.values))
        # The contents are a template's output, escaped by it.
        return mark_safe(fragments.part(key, lambda: self.nodelist.render(context)))


@register.tag
def frame_part(parser: Parser, token: Token) -> FramePartNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted name, then its values")
    nodelist = parser.parse(("endframe_part",))
    parser.delete_first_token()
    values = [parser.compile_filter(bit) for bit in bits[2:]]
    return FramePartNode(bits[1][1:-1], values, nodelist)


@register.simple_tag(takes_context=True)
def signed_in(context: Any) -> str:
    request = context.get("request")
    session = getattr(request, "session", None)
    return "1" if session is not None and session.get(SESSION_PATRON_ID) else "0"
