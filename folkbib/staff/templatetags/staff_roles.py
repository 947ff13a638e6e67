"""``{% if user|may:"config.hours" %}``: show a link only to those who may follow it."""

from __future__ import annotations

from typing import Any

from django import template

from folkbib.staff.roles import has_permission

register = template.Library()


@register.filter
def may(user: Any, permission: str) -> bool:
    return has_permission(user, permission)
