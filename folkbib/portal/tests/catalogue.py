"""A small, known catalogue for the portal's view and browser tests.

Three municipalities, four branches, a handful of real-looking titles and 23
filler children's books (so "barn" gives two pages of results), indexed with the
real search backend.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from folkbib.catalog.models import Item, ItemStatus, MaterialType, Record
from folkbib.catalog.search import reindex_all
from folkbib.consortium.models import Branch, Municipality, Region

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 12, 10)
FILLER_COUNT = 23


@dataclasses.dataclass
class Catalogue:
    pippi: Record
    lejonhjarta: Record
    emil: Record
    hobbit: Record
    branches: dict[str, Branch]

    @property
    def barn_total(self) -> int:
        """Records with the subject "Barn": Pippi, Bröderna Lejonhjärta and the fillers."""
        return 2 + FILLER_COUNT


def build_catalogue() -> Catalogue:
    region = Region.objects.create(code="umearegionen", name="Umeåregionen")
    umea = Municipality.objects.create(region=region, code="2480", name="Umeå")
    vindeln = Municipality.objects.create(region=region, code="2404", name="Vindeln")
    vannas = Municipality.objects.create(region=region, code="2460", name="Vännäs")
    branches = {
        code: Branch.objects.create(municipality=m, code=code, name=name, email=email)
        for code, m, name, email in [
            ("umea-stad", umea, "Umeå stadsbibliotek", "stadsbiblioteket@example.org"),
            ("holmsund", umea, "Holmsunds bibliotek", ""),
            ("vindeln", vindeln, "Vindelns bibliotek", "vindeln@example.org"),
            ("vannas", vannas, "Vännäs bibliotek", ""),
        ]
    }
    barcodes = iter(range(30000001, 30001000))

    def record(**fields: object) -> Record:
        fields.setdefault("language", "swe")
        return Record.objects.create(marc=b"", created_at=NOW, updated_at=NOW, **fields)

    def item(rec: Record, branch: str, status: str = ItemStatus.AVAILABLE, **extra: object):
        Item.objects.create(
            record=rec,
            barcode=str(next(barcodes)),
            owning_branch=branches[branch],
            current_branch=branches[branch],
            status=status,
            created_at=NOW,
            updated_at=NOW,
            **extra,
        )

    pippi = record(
        title="Pippi Långstrump",
        responsibility="Astrid Lindgren ; illustrationer av Ingrid Vang Nyman",
        sort_title="pippi långstrump",
        authors=["Lindgren, Astrid"],
        subjects=["Barn", "Humor"],
        isbns=["9789129657623"],
        publisher="Rabén & Sjögren",
        year=1945,
        edition="1. uppl.",
        series=["Pippi"],
        sab="Hcf",
        summary="Pippi bor ensam i Villa Villekulla med sin häst och sin apa.",
        material_type=MaterialType.BOOK,
    )
    item(pippi, "umea-stad", shelf_mark="Hcf Lindgren")
    item(pippi, "holmsund", shelf_mark="Hcf")
    item(pippi, "vindeln", shelf_mark="Hcf")
    item(pippi, "vannas", ItemStatus.ON_LOAN, shelf_mark="Hcf", due_back=DUE)

    lejonhjarta = record(
        title="Bröderna Lejonhjärta",
        sort_title="bröderna lejonhjärta",
        authors=["Lindgren, Astrid"],
        subjects=["Barn", "Bröder"],
        year=1973,
        material_type=MaterialType.BOOK,
    )
    item(lejonhjarta, "umea-stad", ItemStatus.ON_LOAN, due_back=DUE)

    emil = record(
        title="Emil i Lönneberga",
        sort_title="emil i lönneberga",
        authors=["Lindgren, Astrid"],
        year=2004,
        material_type=MaterialType.TALKING_BOOK,
    )
    item(emil, "vindeln", ItemStatus.IN_TRANSIT)

    hobbit = record(
        title="The hobbit",
        subtitle="or There and back again",
        sort_title="hobbit",
        authors=["Tolkien, J. R. R."],
        subjects=["Fantasy"],
        year=1937,
        language="eng",
        material_type=MaterialType.BOOK,
    )
    item(hobbit, "vannas", ItemStatus.ON_HOLD_SHELF, shelf_mark="Hce")

    for number in range(1, FILLER_COUNT + 1):
        filler = record(
            title=f"Sagor för barn {number}",
            sort_title=f"sagor för barn {number:02d}",
            authors=["Berättare, Anna"],
            subjects=["Barn"],
            year=1990 + number,
            material_type=MaterialType.BOOK,
        )
        item(filler, "holmsund")

    reindex_all()
    return Catalogue(pippi, lejonhjarta, emil, hobbit, branches)
