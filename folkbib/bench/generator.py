"""Scale the real records to a region-sized catalogue (``folkbib bench generate``).

Every generated record recombines parts of real records (titles with a word
swapped, subtitles, authors, subjects, publishers, summaries) or, for the Swedish
majority, composes a title from Swedish vocabulary; years spread 1850-2026
(skewed to recent), material types as a Swedish public library holds them, a
synthetic ISBN-13 and Koha 952 holdings. Output is deterministic for a seed.

Invariants the tests and the import rely on: 001 is unique (``FBB`` + 8 digits)
with 003 ``FOLKBIB-BENCH``; every ISBN is a valid ISBN-13 in the 979-8 range,
unique per record; barcodes are unique; the item total is exactly ``items``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from folkbib.bench import swedish
from folkbib.bench.iso2709 import EncodedField, control_field, data_field, encode_record
from folkbib.bench.pool import SourcePool

CONTROL_NUMBER_IDENTIFIER = "FOLKBIB-BENCH"
BARCODE_BASE = 700_000_000
MAX_ITEMS_PER_RECORD = 10
# The day statuses are relative to; fixed so the output does not depend on the clock.
BASE_DATE = dt.date(2026, 1, 15)

# (material type, weight, leader/06-07, 008/23 form, 007) — weights of a public library.
MATERIALS: tuple[tuple[str, float, str, str, str], ...] = (
    ("book", 0.60, "am", " ", ""),
    ("large_print", 0.03, "am", "d", ""),
    ("ebook", 0.06, "am", "o", "cr||n|||||||||"),
    ("audiobook", 0.06, "im", " ", "sd|fsngnnmmned"),
    ("talking_book", 0.04, "im", " ", "sd|fsngnnmmned"),
    ("film", 0.07, "gm", " ", "vd|cvaizq"),
    ("music", 0.05, "jm", " ", "sd|fsngnnmmned"),
    ("magazine", 0.04, "as", " ", ""),
    ("score", 0.02, "cm", " ", ""),
    ("map", 0.01, "em", " ", ""),
    ("game", 0.02, "rm", " ", ""),
)
_ISBN_TYPES = {"book", "large_print", "ebook", "audiobook", "talking_book"}
_CARRIERS = {
    "audiobook": ("spoken word", "audio", "audio disc"),
    "talking_book": ("spoken word", "audio", "audio disc"),
    "film": ("two-dimensional moving image", "video", "videodisc"),
    "music": ("performed music", "audio", "audio disc"),
    "ebook": ("text", "computer", "online resource"),
}

# Items per branch follow the branch's size, read from its kind of opening hours.
_BRANCH_WEIGHTS = {"city": 8.0, "seat": 1.5, "town": 1.2, "district": 1.0, "village": 0.5}


def demo_branches() -> tuple[tuple[str, str, float], ...]:
    """(branch code, municipality SCB code, relative size) of the demo region's branches."""
    from folkbib.demo.region import BRANCHES

    return tuple((b.code, b.municipality, _BRANCH_WEIGHTS.get(b.hours, 0.6)) for b in BRANCHES)


def isbn13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def synthetic_isbn13(index: int) -> str:
    """A valid ISBN-13 in 979-8, unique for ``index`` < 10**8 (a bijective scramble)."""
    body = (index * 48271 + 13_579_113) % 100_000_000  # 48271 is coprime to 10**8
    first12 = f"9798{body:08d}"
    return first12 + isbn13_check_digit(first12)


def item_counts(rng: random.Random, records: int, items: int) -> array:
    """Items per record: Poisson-like around the mean, 0-10, summing exactly to ``items``."""
    if items > records * MAX_ITEMS_PER_RECORD:
        raise ValueError(f"at most {MAX_ITEMS_PER_RECORD} items per record")
    mean = items / records if records else 0.0
    counts = array("B", bytes(records))
    total = 0
    for i in range(records):
        # A sum of a few uniform draws is cheap and bell-shaped enough for holdings.
        n = round(mean * (rng.random() + rng.random() + rng.random()) * 2 / 3)
        n = min(MAX_ITEMS_PER_RECORD, n)
        counts[i] = n
        total += n
    while total != items:
        i = rng.randrange(records)
        if total > items and counts[i] > 0:
            counts[i] -= 1
            total -= 1
        elif total < items and counts[i] < MAX_ITEMS_PER_RECORD:
            counts[i] += 1
            total += 1
    return counts


@dataclass(frozen=True)
class GenerateSummary:
    records: int
    items: int
    bytes: int
    seconds: float


class RecordGenerator:
    def __init__(
        self, pool: SourcePool, *, seed: int, branches: Sequence[tuple[str, str, float]]
    ) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.next_barcode = BARCODE_BASE
        self.branch_codes = [code for code, _, _ in branches]
        self.branch_cum = list(itertools.accumulate(weight for _, _, weight in branches))
        self.material_cum = list(itertools.accumulate(m[1] for m in MATERIALS))
        self.year_span = 2026 - 1850
        self.fixed_003 = control_field("003", CONTROL_NUMBER_IDENTIFIER)
        self.fixed_005 = control_field("005", "20260115120000.0")
        self.fixed_040 = data_field("040", "  ", [("a", "FOLKBIB"), ("b", "swe")])
        self.sao_subjects = [
            (data_field("650", " 7", [("a", s), ("2", "sao")]), sab) for s, sab in swedish.SUBJECTS
        ] + [(f, "") for f in pool.swedish_subjects]

    # -- parts --------------------------------------------------------------
    def _swedish_title(self) -> str:
        rng = self.rng
        noun = rng.choice(swedish.NOUNS)
        compound = rng.choice(swedish.COMPOUND_HEADS) + rng.choice(swedish.NOUNS)
        title = rng.choice(swedish.TITLE_TEMPLATES).format(
            noun=noun,
            Noun=noun.capitalize(),
            Def=swedish.definite(noun).capitalize(),
            **{"def": swedish.definite(noun)},
            adj=rng.choice(swedish.ADJECTIVES),
            Adj=rng.choice(swedish.ADJECTIVES).capitalize(),
            place=rng.choice(swedish.PLACES),
            Place=rng.choice(swedish.PLACES),
            compound=compound,
            Compound=compound.capitalize(),
            verb=rng.choice(swedish.VERBS),
        )
        return title

    def _varied_title(self, title: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return title
        words = title.split(" ")
        if roll < 0.85 and len(words) > 1:
            i = rng.randrange(len(words))
            words[i] = rng.choice(self.pool.title_words)
            if i == 0:
                words[0] = words[0].capitalize()
            return " ".join(words)
        return f"{title} {rng.choice(self.pool.title_words)}"

    def _person(self, swedish_name: bool) -> str:
        rng = self.rng
        if swedish_name:
            if rng.random() < 0.85:
                return f"{rng.choice(swedish.SURNAMES)}, {rng.choice(swedish.FORENAMES)}"
            return rng.choice(self.pool.authors)
        if rng.random() < 0.55 or not self.pool.surnames:
            return rng.choice(self.pool.authors)
        return f"{rng.choice(self.pool.surnames)}, {rng.choice(self.pool.forenames)}"

    def _year(self) -> int:
        # Most of a public library's stock is recent; a long tail reaches back to 1850.
        return 2026 - min(self.year_span, int(self.year_span * self.rng.random() ** 2.2))

    def _summary(self, swedish_text: bool, year: int) -> EncodedField:
        rng = self.rng
        if not swedish_text and self.pool.summaries:
            return rng.choice(self.pool.summaries)
        sentences = rng.sample(swedish.SUMMARY_SENTENCES, 2)
        text = " ".join(
            s.format(
                noun=rng.choice(swedish.NOUNS),
                **{"def": swedish.definite(rng.choice(swedish.NOUNS))},
                place=rng.choice(swedish.PLACES),
                compound=rng.choice(swedish.COMPOUND_HEADS) + rng.choice(swedish.NOUNS),
                year=str(year - year % 100),
            )
            for s in sentences
        )
        return data_field("520", "  ", [("a", text)])

    def _holdings(self, count: int, shelf_mark: str, material: str) -> list[EncodedField]:
        rng = self.rng
        fields = []
        for _ in range(count):
            code = self.branch_codes[
                bisect.bisect(self.branch_cum, rng.random() * self.branch_cum[-1])
            ]
            barcode = str(self.next_barcode)
            self.next_barcode += 1
            roll = rng.random()
            subfields = [("a", code), ("b", code), ("o", shelf_mark), ("p", barcode)]
            if roll < 0.15:  # on loan: Koha exports the due date in $q
                due = BASE_DATE + dt.timedelta(days=rng.randrange(1, 29))
                subfields.append(("q", due.isoformat()))
            elif roll < 0.16:
                subfields.append(("1", "1"))  # lost
            elif roll < 0.165:
                subfields.append(("4", "1"))  # damaged
            subfields.append(("y", material))
            fields.append(data_field("952", "  ", subfields))
        return fields

    # -- one record ----------------------------------------------------------
    def record(self, index: int, item_count: int) -> bytes:
        rng = self.rng
        pool = self.pool
        material, _, leader67, form, f007 = MATERIALS[
            bisect.bisect(self.material_cum, rng.random() * self.material_cum[-1])
        ]
        is_swedish = rng.random() < 0.55
        if is_swedish:
            language = "swe"
            source = rng.choice(pool.swedish_titles) if pool.swedish_titles else ""
            title = source if source and rng.random() < 0.2 else self._swedish_title()
            subtitle = rng.choice(swedish.SUBTITLES) if rng.random() < 0.35 else ""
        else:
            base, language = rng.choice(pool.titles)
            title = self._varied_title(base)
            subtitle = rng.choice(pool.subtitles) if pool.subtitles and rng.random() < 0.3 else ""
        year = self._year()
        author = self._person(is_swedish)
        added = [self._person(is_swedish) for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))]

        f008 = [" "] * 40
        f008[0:6] = f"{year % 100:02d}0101"
        f008[6] = "s"
        f008[7:11] = str(year)
        f008[15:18] = "sw " if is_swedish else "xx "
        f008[23] = form
        if material == "game":
            f008[33] = "g"
        f008[35:38] = language
        f008[39] = "d"

        fields: list[EncodedField] = [
            control_field("001", f"FBB{index + 1:08d}"),
            self.fixed_003,
            self.fixed_005,
        ]
        if f007:
            fields.append(control_field("007", f007))
        fields.append(control_field("008", "".join(f008)))
        if material in _ISBN_TYPES and rng.random() < 0.92:
            fields.append(data_field("020", "  ", [("a", synthetic_isbn13(index))]))
        fields.append(self.fixed_040)
        subjects: list[EncodedField] = []
        if is_swedish:
            chosen = rng.sample(self.sao_subjects, rng.choice((1, 1, 2, 3)))
            subjects = [subject for subject, _ in chosen]
            # The first subject's SAB code places the book on the shelf.
            shelf = chosen[0][1] or "Hc"
            fields.append(data_field("084", "  ", [("a", shelf), ("2", "kssb/8")]))
        else:
            if pool.subjects:
                subjects = [rng.choice(pool.subjects) for _ in range(rng.choice((0, 1, 2, 3)))]
            shelf = rng.choice(pool.deweys) if pool.deweys else "Hc"
            fields.append(data_field("082", "04", [("a", shelf)]))
        fields.append(data_field("100", "1 ", [("a", author)]))
        surname, _, forename = author.partition(",")
        fields.append(
            data_field(
                "245",
                "10",
                [
                    ("a", title + (" :" if subtitle else " /")),
                    ("b", subtitle + " /" if subtitle else ""),
                    ("c", f"{forename.strip()} {surname.strip()}".strip()),
                ],
            )
        )
        if is_swedish:
            place, publisher = rng.choice(swedish.PUBLISHERS)
        else:
            place, publisher = rng.choice(pool.publishers) if pool.publishers else ("", "")
        fields.append(data_field("264", " 1", [("a", place), ("b", publisher), ("c", str(year))]))
        carrier = _CARRIERS.get(material)
        if carrier:
            fields.append(data_field("336", "  ", [("a", carrier[0]), ("2", "rdacontent")]))
            fields.append(data_field("337", "  ", [("a", carrier[1]), ("2", "rdamedia")]))
            fields.append(data_field("338", "  ", [("a", carrier[2]), ("2", "rdacarrier")]))
        if material == "talking_book":
            fields.append(data_field("347", "  ", [("a", "audio file"), ("b", "DAISY")]))
        if pool.series and rng.random() < 0.1:
            fields.append(data_field("490", "0 ", [("a", rng.choice(pool.series))]))
        if rng.random() < 0.3:
            fields.append(self._summary(is_swedish, year))
        fields.extend(subjects)
        if material == "talking_book":
            fields.append(data_field("655", " 7", [("a", "Talböcker"), ("2", "saogf")]))
        elif pool.genres and not is_swedish and rng.random() < 0.1:
            fields.append(rng.choice(pool.genres))
        for name in added:
            fields.append(data_field("700", "1 ", [("a", name)]))
        fields.extend(self._holdings(item_count, shelf[:20], material))
        return encode_record("n" + leader67 + " ", fields)


def generate(
    pool: SourcePool,
    *,
    out: BinaryIO,
    records: int,
    items: int,
    seed: int = 1,
    branches: Sequence[tuple[str, str, float]] | None = None,
) -> GenerateSummary:
    """Write ``records`` ISO 2709 records holding ``items`` 952 items in total to ``out``."""
    started = time.perf_counter()
    generator = RecordGenerator(pool, seed=seed, branches=branches or demo_branches())
    counts = item_counts(random.Random(seed * 7919 + 1), records, items)
    written = 0
    batch: list[bytes] = []
    for index in range(records):
        batch.append(generator.record(index, counts[index]))
        if len(batch) == 2000:
            chunk = b"".join(batch)
            out.write(chunk)
            written += len(chunk)
            batch.clear()
    chunk = b"".join(batch)
    out.write(chunk)
    written += len(chunk)
    return GenerateSummary(
        records=records, items=items, bytes=written, seconds=time.perf_counter() - started
    )
