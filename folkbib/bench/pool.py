"""The parts of real records the generator recombines.

Read once from the MARC files the project ships (a few thousand records), with
pymarc; the generator itself then never touches pymarc again. Reusable fields
(subjects, genres, summaries) are kept already encoded as ISO 2709 bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pymarc

from folkbib.bench.iso2709 import EncodedField, data_field

SOURCE_SUFFIXES = (".mrc", ".marc", ".marcxml", ".xml")
_TRAILING_PUNCTUATION = re.compile(r"[\s/:;,.=]+$")
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Leader/06 of authority, holdings and community records: not bibliographic.
_NOT_BIBLIOGRAPHIC = set("zuvxyq")


def default_source_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "demo" / "data"


def source_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their MARC files, sorted so the pool (and output) is stable."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.iterdir()) if p.suffix.lower() in SOURCE_SUFFIXES)
        else:
            found.append(path)
    return found


def _read(path: Path) -> Iterator[pymarc.Record]:
    with path.open("rb") as handle:
        head = handle.read(200).lstrip()
    if head.startswith(b"<"):
        yield from (r for r in pymarc.parse_xml_to_array(str(path), strict=False) if r)
        return
    with path.open("rb") as handle:
        reader = pymarc.MARCReader(handle, to_unicode=True, force_utf8=False, permissive=True)
        yield from (r for r in reader if r is not None)


def _clean(text: str) -> str:
    return _TRAILING_PUNCTUATION.sub("", text).strip()


@dataclass
class SourcePool:
    """Components of real records, each list kept with its natural repetition (= frequency)."""

    records_read: int = 0
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, language)
    swedish_titles: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    title_words: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    forenames: list[str] = field(default_factory=list)
    subjects: list[EncodedField] = field(default_factory=list)
    swedish_subjects: list[EncodedField] = field(default_factory=list)
    genres: list[EncodedField] = field(default_factory=list)
    summaries: list[EncodedField] = field(default_factory=list)
    publishers: list[tuple[str, str]] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    deweys: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    def check(self) -> None:
        if not self.titles or not self.authors:
            raise ValueError(
                "the source files hold no usable bibliographic records (titles and authors)"
            )


def _subfields(f: pymarc.Field, codes: str) -> list[tuple[str, str]]:
    return [(sf.code, sf.value) for sf in f.subfields if sf.code in codes and sf.value]


def add_record(pool: SourcePool, record: pymarc.Record) -> None:
    leader = str(record.leader)
    if len(leader) < 8 or leader[6] in _NOT_BIBLIOGRAPHIC:
        return
    title_fields = record.get_fields("245")
    if not title_fields:
        return
    pool.records_read += 1
    f008 = record.get_fields("008")
    language = f008[0].data[35:38] if f008 and f008[0].data and len(f008[0].data) >= 38 else ""
    language = language if re.fullmatch(r"[a-z]{3}", language or "") else "und"
    pool.languages.append(language)

    t245 = title_fields[0]
    title = _clean(" ".join(t245.get_subfields("a")))
    if title:
        pool.titles.append((title, language))
        if language == "swe":
            pool.swedish_titles.append(title)
        pool.title_words.extend(w.lower() for w in _WORD.findall(title))
    subtitle = _clean(" ".join(t245.get_subfields("b")))
    if subtitle and len(subtitle) < 120:
        pool.subtitles.append(subtitle)

    for f in record.get_fields("100", "700"):
        name = _clean(" ".join(f.get_subfields("a")))
        if not name or f.indicator1 == "3":
            continue
        pool.authors.append(name)
        if "," in name:
            surname, _, forename = name.partition(",")
            pool.surnames.append(surname.strip())
            first = forename.strip().split(" ")[0]
            if len(first) > 1:
                pool.forenames.append(first)
    for f in record.get_fields("650"):
        encoded = data_field("650", f.indicator1 + f.indicator2, _subfields(f, "axyzv2"))
        (pool.swedish_subjects if f.get_subfields("2") == ["sao"] else pool.subjects).append(
            encoded
        )
    for f in record.get_fields("655"):
        pool.genres.append(data_field("655", f.indicator1 + f.indicator2, _subfields(f, "av2")))
    for f in record.get_fields("520"):
        text = " ".join(f.get_subfields("a"))
        if 40 <= len(text) <= 1500:
            pool.summaries.append(data_field("520", "  ", [("a", text)]))
    for f in record.get_fields("260", "264"):
        place = _clean(" ".join(f.get_subfields("a"))).strip("[]")
        name = _clean(" ".join(f.get_subfields("b"))).strip("[]")
        if name:
            pool.publishers.append((place, name))
    for f in record.get_fields("490", "830"):
        name = _clean(" ".join(f.get_subfields("a")))
        if name:
            pool.series.append(name)
    for f in record.get_fields("082"):
        value = " ".join(f.get_subfields("a")).strip()
        if value:
            pool.deweys.append(value)


def load_pool(paths: Iterable[Path]) -> SourcePool:
    pool = SourcePool()
    for path in source_files(paths):
        for record in _read(path):
            add_record(pool, record)
    pool.check()
    return pool
