"""Staff routes for cataloguing; included by folkbib/staff/urls.py into the "staff" namespace."""

from django.urls import URLPattern, URLResolver, path

from folkbib.staff.views import lists
from folkbib.staff.views.cataloguing import cleanup, copy, editor, items

urlpatterns: list[URLPattern | URLResolver] = [
    path("katalog/", editor.home, name="cataloguing"),
    path("katalog/ny-post/", editor.new_record, name="record_new"),
    path("katalog/post/<int:record_id>/", editor.edit_record, name="record_edit"),
    path("katalog/post/<int:record_id>/exemplar/", items.add_items, name="record_add_items"),
    path("katalog/kopiera/", copy.copy_catalogue, name="copy_catalogue"),
    path("katalog/exemplar/andra/", items.bulk_items, name="items_bulk"),
    path("katalog/exemplar/gallra/", items.withdraw, name="item_withdraw"),
    path(
        "katalog/poster-utan-exemplar/",
        cleanup.records_without_items,
        name="records_without_items",
    ),
    path("katalog/isbn-dubbletter/", cleanup.isbn_duplicates, name="isbn_duplicates"),
    # The holds work lists beside the desk's pull list, hold shelf and transits.
    path("hamthylla/utgangna/", lists.expired_holds, name="expired_holds"),
]
