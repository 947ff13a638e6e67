"""Admin for the region's configuration: municipalities, branches, hours, closed days."""

from __future__ import annotations

from django.contrib import admin

from folkbib.consortium.models import (
    Branch,
    BranchDistance,
    ClosedDay,
    Municipality,
    OpeningHours,
    Region,
    StaffProfile,
)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [MunicipalityInline]


class BranchInline(admin.TabularInline):
    model = Branch
    extra = 0
    fields = ["code", "name", "city", "is_mobile", "is_active"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    inlines = [BranchInline]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class BranchClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 0
    fields = ["date", "reason"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality", "city", "is_mobile", "is_active"]
    list_filter = ["municipality", "is_mobile", "is_active"]
    search_fields = ["code", "name", "city"]
    inlines = [OpeningHoursInline, BranchClosedDayInline]

    def save_formset(self, request, form, formset, change):
        # A branch's own closed day belongs to the branch's municipality as well.
        for obj in formset.save(commit=False):
            if isinstance(obj, ClosedDay):
                obj.municipality = form.instance.municipality
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ["date", "reason", "municipality", "branch"]
    list_filter = ["municipality", "branch"]
    date_hierarchy = "date"


@admin.register(BranchDistance)
class BranchDistanceAdmin(admin.ModelAdmin):
    list_display = ["from_branch", "to_branch", "kilometres", "transit_days"]
    list_filter = ["from_branch"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    # Day-to-day role changes belong in /personal/administration/personal/, which audits
    # them; this is for setting up the first administrator.
    list_display = ["user", "role", "branch", "municipality"]
    list_filter = ["role", "branch__municipality"]
    filter_horizontal = ["branches"]
