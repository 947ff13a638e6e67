from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from folkbib.demo.catalogue import DATA_DIR
from folkbib.demo.loader import load_demo
from folkbib.talking.tests.conftest import fake_engine, speech_cache  # noqa: F401

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
RECORD_TERMINATOR = b"\x1d"


@pytest.fixture
def demo_region(tmp_path: Path) -> None:
    """The demo region with a small catalogue (the first 70 records and two small files)."""
    data = tmp_path / "demo-data"
    data.mkdir()
    records = (DATA_DIR / "uva_001_2000.mrc").read_bytes().split(RECORD_TERMINATOR)[:70]
    (data / "uva_001_2000.mrc").write_bytes(RECORD_TERMINATOR.join(records) + RECORD_TERMINATOR)
    for name in ("libris_bib.mrc", "evergreen_rda_10.mrc"):
        (data / name).write_bytes((DATA_DIR / name).read_bytes())
    load_demo(now=NOW, data_dir=data, patron_count=40, reindex=False)
