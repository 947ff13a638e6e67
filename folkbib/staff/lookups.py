"""Finding what was scanned: an item by its barcode, a patron by card (patrons.selectors).

The catalogue has no "item by barcode" selector yet; this one is the desk's, and raises
a typed error the desk shows like any other.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.catalog.models import Item
from folkbib.core.errors import FolkbibError


class UnknownBarcode(FolkbibError):
    def __init__(self, barcode: str) -> None:
        super().__init__(
            _("Streckkoden %(barcode)s finns inte. Kontrollera numret och skanna igen.")
            % {"barcode": barcode}
        )


class NothingScanned(FolkbibError):
    def __init__(self) -> None:
        super().__init__(_("Skanna eller skriv en streckkod."))


def item_by_barcode(barcode: str) -> Item:
    """The item with ``barcode`` (spaces ignored), with its record."""
    value = "".join(barcode.split())
    if not value:
        raise NothingScanned()
    item = Item.objects.select_related("record").filter(barcode=value).first()
    if item is None:
        raise UnknownBarcode(value)
    return item
