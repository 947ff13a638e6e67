"""The desk's nav shows how many questions wait for an answer in the user's inbox."""

from __future__ import annotations

from typing import Any

from django import template

from folkbib.community import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def open_question_count(context: Any) -> int:
    """One query per page; 0 for users without an inbox."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return selectors.open_question_count(request.user)
