"""Finding what was scanned at the desk, as typed errors the desk shows like any other.

The lookups themselves are the catalogue's and the patrons' selectors.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.catalog import selectors
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
    item = selectors.item_by_barcode(barcode)
    if item is None:
        value = "".join(barcode.split())
        if not value:
            raise NothingScanned()
        raise UnknownBarcode(value)
    return item
