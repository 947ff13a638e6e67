"""Typed errors of the catalogue services (records and items).

    FolkbibError                     (folkbib.core.errors)
    └── CatalogError                 a catalogue write that cannot be done as asked
        ├── RecordNotFound           no record with that id (or matching identifier)
        ├── RecordInvalid            MARC that cannot become a record (no title, wrong type)
        ├── RecordInUse              a record that cannot be deleted: items out, holds, loan history
        ├── ItemError                an item write that cannot be done
        │   ├── DuplicateBarcode     the barcode already belongs to another item
        │   ├── DuplicateRfidTag     the RFID tag id already belongs to another item
        │   ├── UnknownBranch        no branch with that code
        │   └── ItemFieldInvalid     an item field that cannot be set (unknown field, bad value)
        └── ImportFileError          the import file as a whole cannot be read or written

The MARC codec's own errors (``folkbib.catalog.marc.errors``) describe why one
record's bytes cannot be read; the import reports those per record and goes on,
so they never surface as a ``CatalogError``. ``message`` is safe to show to staff.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.core.errors import FolkbibError


class CatalogError(FolkbibError):
    """Base of every catalogue business error."""


class RecordNotFound(CatalogError):
    pass


class RecordInvalid(CatalogError):
    pass


class RecordInUse(CatalogError):
    """The record still has items on loan, in transit or on the hold shelf, open holds,
    or items whose loan history circulation keeps."""


class ItemError(CatalogError):
    pass


class DuplicateBarcode(ItemError):
    def __init__(self, barcode: str) -> None:
        super().__init__(
            _("Streckkoden %(barcode)s används redan av ett annat exemplar.") % {"barcode": barcode}
        )
        self.barcode = barcode


class DuplicateRfidTag(ItemError):
    def __init__(self, tag_id: str) -> None:
        super().__init__(
            _("RFID-taggen %(tag)s används redan av ett annat exemplar.") % {"tag": tag_id}
        )
        self.tag_id = tag_id


class UnknownBranch(ItemError):
    def __init__(self, code: str) -> None:
        super().__init__(_("Det finns inget bibliotek med koden %(code)s.") % {"code": code})
        self.code = code


class ItemFieldInvalid(ItemError):
    pass


class ImportFileError(CatalogError):
    pass
