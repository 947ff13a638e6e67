"""Staff routes for administration (configuration, roles, audit); included by
folkbib/staff/urls.py into the "staff" namespace, all under /personal/administration/."""

from django.urls import URLPattern, URLResolver, path

from folkbib.staff.views.configuration import audit, devices, notices, people, region, rules

A = "administration/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(A, region.index, name="admin"),
    path(f"{A}kommuner/ny/", region.municipality_new, name="admin_municipality_new"),
    path(f"{A}kommuner/<int:municipality_id>/", region.municipality, name="admin_municipality"),
    path(
        f"{A}kommuner/<int:municipality_id>/andra/",
        region.municipality_edit,
        name="admin_municipality_edit",
    ),
    path(
        f"{A}kommuner/<int:municipality_id>/nytt-bibliotek/",
        region.branch_new,
        name="admin_branch_new",
    ),
    path(
        f"{A}kommuner/<int:municipality_id>/stangda-dagar/",
        region.closed_days,
        name="admin_closed_days",
    ),
    path(
        f"{A}kommuner/<int:municipality_id>/stangda-dagar/<int:day_id>/ta-bort/",
        region.closed_day_remove,
        name="admin_closed_day_remove",
    ),
    path(f"{A}kommuner/<int:municipality_id>/avgifter/", rules.fees, name="admin_fees"),
    path(f"{A}bibliotek/<int:branch_id>/", region.branch_edit, name="admin_branch_edit"),
    path(
        f"{A}bibliotek/<int:branch_id>/oppettider/",
        region.branch_hours,
        name="admin_branch_hours",
    ),
    path(f"{A}lanevillkor/", rules.rule_list, name="admin_rules"),
    path(f"{A}lanevillkor/ny/", rules.rule_edit, name="admin_rule_new"),
    path(f"{A}lanevillkor/<int:rule_id>/", rules.rule_edit, name="admin_rule_edit"),
    path(f"{A}lanevillkor/<int:rule_id>/ta-bort/", rules.rule_remove, name="admin_rule_remove"),
    path(f"{A}personal/", people.staff_list, name="admin_staff"),
    path(f"{A}personal/ny/", people.staff_new, name="admin_staff_new"),
    path(f"{A}personal/<int:user_id>/", people.staff_edit, name="admin_staff_edit"),
    path(f"{A}logg/", audit.audit_log, name="admin_audit"),
    path(f"{A}meddelanden/", notices.notice_list, name="admin_notices"),
    path(f"{A}enheter/", devices.device_list, name="admin_devices"),
    path(f"{A}enheter/kiosk/ny/", devices.kiosk_edit, name="admin_kiosk_new"),
    path(f"{A}enheter/kiosk/<int:kiosk_id>/", devices.kiosk_edit, name="admin_kiosk_edit"),
    path(f"{A}enheter/sip2/ny/", devices.terminal_edit, name="admin_terminal_new"),
    path(f"{A}enheter/sip2/<int:terminal_id>/", devices.terminal_edit, name="admin_terminal_edit"),
    path(
        f"{A}kommuner/<int:municipality_id>/meddelanden/<str:kind>/<str:language>/<str:channel>/",
        notices.notice_edit,
        name="admin_notice_edit",
    ),
    path(
        f"{A}kommuner/<int:municipality_id>/meddelanden/<str:kind>/<str:language>/<str:channel>/"
        "aterstall/",
        notices.notice_reset,
        name="admin_notice_reset",
    ),
]
