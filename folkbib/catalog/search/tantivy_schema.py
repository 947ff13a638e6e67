"""The tantivy index's fields, analyzers and documents (``tantivy_backend`` searches them).

Kept apart from the searching so that the import's writing process, which builds a
document's JSON for every record (``bulk_json``), and the schema it must match are read
in one place. Every change to a field or an analyzer bumps SCHEMA_VERSION.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import encode_basestring_ascii
from typing import Any

import tantivy

from folkbib.catalog.search.base import AVAILABLE_VALUE
from folkbib.catalog.search.documents import DocumentParts, Holding

# Bump when the schema or an analyzer changes: a new sub-directory starts empty and
# `folkbib reindex` fills it, so an old index is never read with a new schema.
SCHEMA_VERSION = 3

# Searchable text field -> (analyzer family, boost). Names are not stemmed ("Hans" is not "han").
TEXT_FIELDS: dict[str, tuple[str, float]] = {
    "title": ("sv", 4.0),
    "author": ("name", 3.0),
    "series": ("sv", 2.0),
    "subject": ("sv", 2.0),
    "other": ("sv", 0.5),
}
# Facet key -> fast field.
FACET_FIELDS = {
    "material_type": "f_material_type",
    "language": "f_language",
    "year": "year",
    "author": "f_author",
    "subject": "f_subject",
    "municipality": "f_municipality",
    "branch": "f_branch",
    "available": "f_available",
}
# The holdings facets (branch, municipality) are not counted from their multi-valued
# fields: tantivy reads a multi-valued fast field ~40 times slower per match than a
# single-valued one (at a million records, 43 vs 1 ms to count every record's branches).
# A record's branches are instead split into groups by a hash of the code, and each group
# is one single-valued field holding the record's branches of that group as one key (a
# JSON list, "[]" for none). A terms aggregation per group returns every key among the
# matches with its count, and a branch's count is the sum of the counts of the keys that
# hold it: a record counts once per branch, as in the multi-valued field. Few groups
# means many distinct keys (all 21 branches of the bench region in one field: 17,746
# keys to decode); eight kept the 281 bench queries at a few dozen keys per group.
# Municipalities the same way, in their own groups.
BRANCH_GROUPS = 8
MUNICIPALITY_GROUPS = 2
BRANCH_SET_FIELDS = tuple(f"f_branch_set{group}" for group in range(BRANCH_GROUPS))
MUNICIPALITY_SET_FIELDS = tuple(
    f"f_municipality_set{group}" for group in range(MUNICIPALITY_GROUPS)
)
SET_FIELDS = {"branch": BRANCH_SET_FIELDS, "municipality": MUNICIPALITY_SET_FIELDS}
_EMPTY_SET = "[]"
RAW_FIELDS = (
    "f_material_type",
    "f_language",
    "f_author",
    "f_subject",
    "f_municipality",
    "f_branch",
    "f_available_branch",
    "f_available",
    *BRANCH_SET_FIELDS,
    *MUNICIPALITY_SET_FIELDS,
)
FACET_VALUE_MAX = 200
# Every record is in one of SAMPLE_GROUPS groups (``sample_group``): see the
# backend's SAMPLED_FROM for what the groups are for.
_SAMPLE_BITS = 6
SAMPLE_GROUPS = 1 << _SAMPLE_BITS


# -- documents as JSON --------------------------------------------------------------------
#
# A bulk import writes a document's JSON straight from its ``DocumentParts``, its id and
# its holdings, without a SearchDocument in between: it runs in the one process that
# writes the database and the index. ``TantivyBackend._values`` is the same two parts of a
# SearchDocument. (Building the record's part in the import's worker processes instead
# cost them ~20-50 us per record for ~35 us saved here: no gain on two cores.)


def record_values(
    title: str,
    authors: list[str],
    responsibility: str,
    subjects: list[str],
    series: list[str],
    isbns: list[str],
    other: str,
    sort_key: str,
    year: int | None,
    material_type: str,
    languages: list[str],
    numbers: list[str],
) -> dict[str, Any]:
    """The fields that come from the record alone (``DocumentParts`` order)."""
    values: dict[str, Any] = {
        "isbn": [*isbns, *numbers] if numbers else isbns,
        "sort_key": sort_key,
        "f_material_type": material_type,
        "f_language": languages,
        "f_author": [a[:FACET_VALUE_MAX] for a in authors],
        "f_subject": [s[:FACET_VALUE_MAX] for s in subjects],
    }
    if year is not None:
        values["year"] = year
    for name, text in (
        ("title", [title]),
        ("author", [*authors, responsibility] if responsibility else authors),
        ("series", series),
        ("subject", subjects),
        ("other", [other]),
    ):
        text = [t for t in text if t]
        if text:
            values[name] = values[f"{name}_f"] = text
    return values


def holding_values(
    record_id: int,
    year: int | None,
    branches: list[str],
    municipalities: list[str],
    available_branches: list[str],
    *,
    available: bool,
) -> dict[str, Any]:
    """The fields that come from the record's id and holdings."""
    return {
        "record_id": record_id,
        "sample": sample_group(record_id),
        # SearchDocument.newest_key: newest first by year, then by id.
        "newest": ((year or 0) << 40) | (record_id & ((1 << 40) - 1)),
        "f_municipality": municipalities,
        "f_branch": branches,
        "f_available_branch": available_branches,
        "f_available": AVAILABLE_VALUE if available else "0",
        **set_keys(BRANCH_SET_FIELDS, branches),
        **set_keys(MUNICIPALITY_SET_FIELDS, municipalities),
    }


def sample_group(record_id: int) -> int:
    """The record's sample group, 0 to SAMPLE_GROUPS - 1: a mix of its id's bits.

    Not the id itself, nor its low bits: ids grow with cataloguing time, and a batch of
    one kind (a donation, a series) is catalogued together. Two multiplications and a
    shift (~0.5 us in Python, no hashing library), the same in every process and run.
    """
    mixed = (record_id * 0x9E3779B97F4A7C15) & _MASK64
    mixed = ((mixed ^ (mixed >> 32)) * 0xD6E8FEB86659FD93) & _MASK64
    return mixed >> (64 - _SAMPLE_BITS)


_MASK64 = (1 << 64) - 1


def set_keys(fields: tuple[str, ...], codes: Iterable[str]) -> dict[str, str]:
    """Each group's field -> the key of the codes in that group (see ``BRANCH_GROUPS``)."""
    return dict(_group_keys(fields, tuple(sorted(set(codes)))))


# Cached: a region's records hold a few thousand distinct sets of branches, and building
# the keys (~10 us a record) was 4% of a bulk import's one writing process.
@lru_cache(maxsize=16384)
def _group_keys(fields: tuple[str, ...], codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    groups: list[list[str]] = [[] for _field in fields]
    for code in codes:
        groups[_group(code, len(fields))].append(code)
    return tuple(
        (field, json.dumps(group) if group else _EMPTY_SET)
        for field, group in zip(fields, groups, strict=True)
    )


def _group(code: str, groups: int) -> int:
    # crc32, not hash(): the same in every process and every run.
    return zlib.crc32(code.encode()) % groups


@lru_cache(maxsize=8192)
def set_codes(key: str) -> tuple[str, ...]:
    """The codes a group key holds (decoded once: the same few keys come back often)."""
    return tuple(json.loads(key))


def record_json(parts: DocumentParts) -> str:
    """The record's own fields of its tantivy JSON, without the braces (see ``bulk_json``).

    ``json.dumps`` of the values ``TantivyBackend._values`` takes from the record alone.
    """
    return json.dumps(record_values(*parts))[1:-1]


def bulk_json(
    record_id: int, year: int | None, record_part: str, holdings: Iterable[Holding]
) -> str:
    """The tantivy JSON of a document: ``record_json``'s part with the id and holdings.

    Exactly ``TantivyBackend._to_json`` of the document ``assemble_document`` builds (a
    test compares them): branches and municipalities stripped, without empty ones or repeats, in
    holdings order; available if any holding is. Written out by hand, as ``json.dumps``
    would with its defaults: this runs in the one process that writes the database and
    the index, once per record of an import.
    """
    branches: dict[str, None] = {}
    municipalities: dict[str, None] = {}
    available_branches: dict[str, None] = {}
    available = False
    for holding in holdings:
        code = holding.branch_code.strip()
        if code:
            branches[code] = None
        municipality = holding.municipality_code.strip()
        if municipality:
            municipalities[municipality] = None
        if holding.available:
            available = True
            if code:
                available_branches[code] = None
    newest = ((year or 0) << 40) | (record_id & ((1 << 40) - 1))  # as holding_values
    return (
        f'{{"record_id": {record_id:d}, "sample": {sample_group(record_id):d}, '
        f'"newest": {newest:d}, '
        f'"f_municipality": {_json_strings(municipalities)}, '
        f'"f_branch": {_json_strings(branches)}, '
        f'"f_available_branch": {_json_strings(available_branches)}, '
        f'"f_available": {_AVAILABLE_JSON if available else _UNAVAILABLE_JSON}, '
        f"{_json_set_keys(BRANCH_SET_FIELDS, branches)}"
        f"{_json_set_keys(MUNICIPALITY_SET_FIELDS, municipalities)}{record_part}}}"
    )


_AVAILABLE_JSON = json.dumps(AVAILABLE_VALUE)
_UNAVAILABLE_JSON = json.dumps("0")


def _json_set_keys(fields: tuple[str, ...], codes: Iterable[str]) -> str:
    """``set_keys`` as the JSON members it makes, each followed by ", "."""
    return _json_group_keys(fields, tuple(sorted(set(codes))))


@lru_cache(maxsize=16384)
def _json_group_keys(fields: tuple[str, ...], codes: tuple[str, ...]) -> str:
    return "".join(
        f"{encode_basestring_ascii(field)}: {encode_basestring_ascii(key)}, "
        for field, key in _group_keys(fields, codes)
    )


def _json_strings(values: Iterable[str]) -> str:
    """``json.dumps(list(values))`` for strings."""
    return "[" + ", ".join(map(encode_basestring_ascii, values)) + "]"


def build_analyzers() -> dict[str, tantivy.TextAnalyzer]:
    def build(*, stem: bool, fold: bool) -> tantivy.TextAnalyzer:
        builder = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(60))
            .filter(tantivy.Filter.lowercase())
        )
        if stem:
            builder = builder.filter(tantivy.Filter.stemmer("swedish"))
        if fold:  # after stemming: the Swedish stemmer's suffixes contain å, ä, ö
            builder = builder.filter(tantivy.Filter.ascii_fold())
        return builder.build()

    return {
        "sv": build(stem=True, fold=False),
        "sv_fold": build(stem=True, fold=True),
        "name": build(stem=False, fold=False),
        "name_fold": build(stem=False, fold=True),
    }


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("record_id", indexed=True, fast=True)
    for name, (family, _boost) in TEXT_FIELDS.items():
        builder.add_text_field(name, tokenizer_name=family)
        builder.add_text_field(f"{name}_f", tokenizer_name=f"{family}_fold")
    builder.add_text_field("isbn", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("sort_key", tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_unsigned_field("newest", fast=True)
    builder.add_unsigned_field("sample", indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    for name in RAW_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    return builder.build()
