"""A small generated catalogue shared by the benchmark tests (built once per session)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from folkbib.bench.generator import generate
from folkbib.bench.pool import SourcePool, default_source_dir, load_pool


@pytest.fixture(scope="session")
def pool() -> SourcePool:
    return load_pool([default_source_dir()])


@pytest.fixture(scope="session")
def generated(pool: SourcePool) -> bytes:
    out = io.BytesIO()
    generate(pool, out=out, records=300, items=900, seed=1)
    return out.getvalue()


@pytest.fixture
def generated_file(generated: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "region-300.mrc"
    path.write_bytes(generated)
    return path
