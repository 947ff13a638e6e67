from __future__ import annotations

from django.contrib import admin

from folkbib.protocols.sip2.models import Sip2Terminal


@admin.register(Sip2Terminal)
class Sip2TerminalAdmin(admin.ModelAdmin):
    list_display = ["username", "branch", "institution_id", "language", "encoding", "is_active"]
    list_filter = ["is_active", "encoding", "language"]
    search_fields = ["username", "institution_id"]
    # The hash is set with ``services.define_terminal`` (a password never goes in clear).
    readonly_fields = ["password_hash", "created_at"]
