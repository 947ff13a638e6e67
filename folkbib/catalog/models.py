"""The shared catalogue: bibliographic records (MARC21) and the items that stand on shelves."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch


class MaterialType(models.TextChoices):
    BOOK = "book", _("Bok")
    LARGE_PRINT = "large_print", _("Storstilsbok")
    EBOOK = "ebook", _("E-bok")
    AUDIOBOOK = "audiobook", _("Ljudbok")
    TALKING_BOOK = "talking_book", _("Talbok (DAISY)")
    FILM = "film", _("Film")
    MUSIC = "music", _("Musik")
    SCORE = "score", _("Noter")
    MAP = "map", _("Karta")
    MAGAZINE = "magazine", _("Tidskrift")
    GAME = "game", _("Spel")
    ELECTRONIC = "electronic", _("Elektronisk resurs")
    PICTURE = "picture", _("Bild")
    KIT = "kit", _("Kit")
    OTHER = "other", _("Övrigt")


class Record(models.Model):
    """A bibliographic record (post, titel).

    ``marc`` holds the full MARC21 record losslessly as ISO 2709 in UTF-8 (MARC-8
    input is converted on import); every other column is extracted from it by
    ``catalog.marc.mapping`` and can be rebuilt from it at any time.
    """

    marc = models.BinaryField()
    control_number = models.CharField(max_length=64, blank=True)  # 001
    control_number_identifier = models.CharField(max_length=64, blank=True)  # 003
    title = models.TextField()
    subtitle = models.TextField(blank=True)
    responsibility = models.TextField(blank=True)
    sort_title = models.CharField(max_length=255, blank=True, db_index=True)
    authors = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    genres = models.JSONField(default=list, blank=True)
    isbns = models.JSONField(default=list, blank=True)  # normalised ISBN-13 (and ISBN-10)
    issns = models.JSONField(default=list, blank=True)
    publisher = models.TextField(blank=True)
    year = models.IntegerField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=3, blank=True)  # 008/35-37 (or first 041)
    languages = models.JSONField(default=list, blank=True)
    material_type = models.CharField(
        max_length=20, choices=MaterialType.choices, default=MaterialType.BOOK, db_index=True
    )
    series = models.JSONField(default=list, blank=True)
    summary = models.TextField(blank=True)
    edition = models.TextField(blank=True)
    sab = models.CharField(max_length=100, blank=True)  # 084 $2 kssb
    dewey = models.CharField(max_length=100, blank=True)  # 082
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            # OAI-PMH pages through the catalogue in (updated_at, id) order from a cursor.
            models.Index(fields=["updated_at", "id"], name="catalog_record_updated"),
            # A record page's other editions: the first records of the same title in the
            # order shown (selectors.other_editions), read from the index without sorting
            # every record of a title that many editions share.
            models.Index(
                fields=["sort_title", "material_type", "-year", "id"],
                name="catalog_record_editions",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DeletedRecord(models.Model):
    """What is left of a deleted record: enough to tell harvesters it is gone, for good.

    OAI-PMH promises "persistent" deletions, so a tombstone is never removed. It keeps
    the record's id (which the database never hands out again), its 003+001, and the
    facts its set memberships were drawn from at the moment of deletion.
    """

    record_id = models.BigIntegerField(unique=True)
    control_number = models.CharField(max_length=64, blank=True)
    control_number_identifier = models.CharField(max_length=64, blank=True)
    material_type = models.CharField(max_length=20, choices=MaterialType.choices)
    # Codes of the municipalities whose branches owned a (not withdrawn or lost) item.
    municipalities = models.JSONField(default=list, blank=True)
    deleted_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["deleted_at", "record_id"], name="catalog_deleted_at")]

    def __str__(self) -> str:
        return f"deleted record {self.record_id}"


class IdentifierKind(models.TextChoices):
    CONTROL = "ctrl", "003+001"
    SYSTEM = "035", "035 $a"
    ISBN = "isbn", "ISBN"


class RecordIdentifier(models.Model):
    """Identifiers an import matches on (001+003, 035, ISBN) to update instead of duplicate."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=4, choices=IdentifierKind.choices)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"


class ItemStatus(models.TextChoices):
    AVAILABLE = "available", _("Tillgänglig")
    ON_LOAN = "on_loan", _("Utlånad")
    IN_TRANSIT = "in_transit", _("Under transport")
    ON_HOLD_SHELF = "on_hold_shelf", _("På hämthyllan")
    MISSING = "missing", _("Saknas")
    LOST = "lost", _("Förlorad")
    DAMAGED = "damaged", _("Skadad")
    WITHDRAWN = "withdrawn", _("Gallrad")


class Item(models.Model):
    """An item (exemplar); the barcode is unique across the whole region."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="items")
    barcode = models.CharField(max_length=32, unique=True)
    owning_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    current_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    shelf_mark = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=20, choices=ItemStatus.choices, default=ItemStatus.AVAILABLE
    )
    material_type = models.CharField(max_length=20, choices=MaterialType.choices, blank=True)
    price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
    rfid_tag_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # Denormalised from the active loan by circulation, so availability needs no join.
    due_back = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["record", "status"])]

    def __str__(self) -> str:
        return self.barcode


class IndexQueue(models.Model):
    """Records whose search document is stale; drained by whichever process holds the writer.

    Writes enqueue inside their transaction, so a crash never loses an update; the
    drain runs on commit and again from ``folkbib reindex --pending``.
    """

    record_id = models.BigIntegerField(unique=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"record {self.record_id}"


class SearchDocumentRow(models.Model):
    """The search document of one record, for the PostgreSQL search backend only.

    Written by ``catalog.search.postgres_backend``; its tsvector columns and GIN
    indexes exist on PostgreSQL only (migration 0002). Unused with tantivy.
    """

    record_id = models.BigIntegerField(primary_key=True)
    sort_key = models.TextField()
    newest = models.BigIntegerField()
    year = models.IntegerField(null=True)
    material_type = models.CharField(max_length=20)
    languages = models.JSONField(default=list)
    authors = models.JSONField(default=list)
    subjects = models.JSONField(default=list)
    municipalities = models.JSONField(default=list)
    branches = models.JSONField(default=list)
    available_branches = models.JSONField(default=list)
    isbns = models.JSONField(default=list)
    available = models.BooleanField(default=False)

    class Meta:
        db_table = "catalog_search_document"

    def __str__(self) -> str:
        return f"search document of record {self.record_id}"
