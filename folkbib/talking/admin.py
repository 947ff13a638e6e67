from django.contrib import admin

from folkbib.talking.models import Kiosk


@admin.register(Kiosk)
class KioskAdmin(admin.ModelAdmin):
    list_display = ["name", "branch", "default_language", "is_active"]
    list_filter = ["default_language", "is_active", "branch__municipality"]
    search_fields = ["name", "branch__name"]
    list_select_related = ["branch"]
