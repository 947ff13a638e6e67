"""Admin: categories are configuration; patrons are looked at here, changed through services.

The PIN hash and the personnummer are never shown.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from folkbib.patrons.models import Patron, PatronBlock, PatronCategory, RetiredCard


@admin.register(PatronCategory)
class PatronCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_child", "card_valid_years"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through ``patrons.services`` (hashing, card rules), not through forms."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RetiredCardInline(admin.TabularInline):
    model = RetiredCard
    extra = 0
    can_delete = False
    readonly_fields = ["card_number", "retired_at", "reason"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PatronBlockInline(admin.TabularInline):
    model = PatronBlock
    extra = 0
    can_delete = False
    readonly_fields = ["reason", "note", "created_at", "lifted_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Patron)
class PatronAdmin(ReadOnlyAdmin):
    list_display = ["card_number", "last_name", "first_name", "category", "home_branch"]
    list_filter = ["category", "home_branch__municipality", "home_branch"]
    search_fields = ["card_number", "last_name", "first_name", "email"]
    exclude = ["pin_hash", "personnummer"]
    inlines = [RetiredCardInline, PatronBlockInline]


@admin.register(RetiredCard)
class RetiredCardAdmin(ReadOnlyAdmin):
    list_display = ["card_number", "patron", "retired_at", "reason"]
    search_fields = ["card_number"]


@admin.register(PatronBlock)
class PatronBlockAdmin(ReadOnlyAdmin):
    list_display = ["patron", "reason", "created_at", "lifted_at"]
    list_filter = ["reason"]
