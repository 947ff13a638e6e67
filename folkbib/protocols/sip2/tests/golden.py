"""Golden files: a missing or different expectation fails and shows what it would be.

``FOLKBIB_GOLDEN_WRITE=1`` writes the expectations instead (then review the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def compare(path: Path, actual: str) -> None:
    if os.environ.get("FOLKBIB_GOLDEN_WRITE") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no expectation {path.name}; it would be:\n{actual}")
    expected = path.read_text(encoding="utf-8")
    if expected != actual:
        pytest.fail(f"{path.name} differs; it would now be:\n{actual}")
