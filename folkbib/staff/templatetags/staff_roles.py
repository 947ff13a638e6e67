"""``{% if user|may:"config.hours" %}``: show a link only to those who may follow it."""

from __future__ import annotations

from typing import Any

from django import template

from folkbib.staff.roles import has_permission, role_of

register = template.Library()


@register.filter
def may(user: Any, permission: str) -> bool:
    return has_permission(user, permission)


@register.filter
def is_staff_role(user: Any) -> bool:
    """``{% if user|is_staff_role %}``: the staff menu is for staff, whatever their role."""
    return role_of(user) is not None
