"""Admin for the social library's configuration: the forum boards.

Daily moderation (reports, hiding, blocked words) happens on the moderation pages,
where every action is logged; it is deliberately not offered here.
"""

from __future__ import annotations

from django.contrib import admin

from folkbib.community.models import Board


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "position", "is_active"]
    list_editable = ["position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
