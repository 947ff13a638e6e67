from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from folkbib.demo.catalogue import DATA_DIR
from folkbib.demo.loader import load_demo

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
RECORD_TERMINATOR = b"\x1d"


def first_records(source: Path, count: int) -> bytes:
    """The first ``count`` records of an ISO 2709 file, byte for byte."""
    records = source.read_bytes().split(RECORD_TERMINATOR)[:count]
    return RECORD_TERMINATOR.join(records) + RECORD_TERMINATOR


@pytest.fixture
def small_data_dir(tmp_path) -> Path:
    """109 real demo records (MARC-8 and UTF-8, Swedish among them): enough for 100 items."""
    data = tmp_path / "demo-data"
    data.mkdir()
    (data / "uva_001_2000.mrc").write_bytes(first_records(DATA_DIR / "uva_001_2000.mrc", 70))
    for name in ("libris_bib.mrc", "evergreen_rda_10.mrc"):
        (data / name).write_bytes((DATA_DIR / name).read_bytes())
    return data


@pytest.fixture
def load(small_data_dir):
    def load(**options):
        values = {"now": NOW, "data_dir": small_data_dir, "patron_count": 40}
        values.update(options)
        return load_demo(**values)

    return load


@pytest.fixture
def loaded(db, load):
    return load()
