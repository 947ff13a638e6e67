"""Staff routes for patrons; included by folkbib/staff/urls.py into the "staff" namespace.

Every name starts with ``patron`` (the menu marks "Låntagare" current by that).
"""

from django.urls import URLPattern, URLResolver, path

from folkbib.staff.views.patrons import accounts, changes, pages

urlpatterns: list[URLPattern | URLResolver] = [
    path("lantagare/", pages.search, name="patrons"),
    path("lantagare/ny/", changes.register, name="patron_register"),
    path("lantagare/<int:patron_id>/", pages.patron, name="patron"),
    path("lantagare/<int:patron_id>/andra/", changes.edit, name="patron_edit"),
    path("lantagare/<int:patron_id>/nytt-kort/", changes.new_card, name="patron_new_card"),
    path("lantagare/<int:patron_id>/kvitto/", pages.receipt, name="patron_receipt"),
    path("lantagare/<int:patron_id>/pin/", changes.new_pin, name="patron_new_pin"),
    path("lantagare/<int:patron_id>/sparra/", changes.block, name="patron_block"),
    path(
        "lantagare/<int:patron_id>/sparr/<int:block_id>/hav/",
        changes.lift,
        name="patron_lift_block",
    ),
    path("lantagare/<int:patron_id>/betjana/", pages.serve, name="patron_serve"),
    path("lantagare/<int:patron_id>/sla-ihop/", accounts.merge, name="patron_merge"),
    path("lantagare/<int:patron_id>/utdrag/", accounts.export, name="patron_export"),
    path("lantagare/<int:patron_id>/anonymisera/", accounts.anonymise, name="patron_anonymise"),
]
