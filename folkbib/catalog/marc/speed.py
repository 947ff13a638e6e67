"""``python -m folkbib.catalog.marc.speed FILE...``: the codec's records/s on one core.

Times ``decode_raw``, ``extract_lean`` and ``parse_and_extract`` (the import
worker's per-record cost) on records already split into memory. Process time,
best of three, so other work on a busy machine skews it less; the end-to-end
import number is ``folkbib bench import``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from .mapping import extract_lean
from .reader import decode_raw, parse_and_extract
from .stream import RawRecord, split_records

T = TypeVar("T")


def records_per_second(function: Callable[[T], object], items: Sequence[T]) -> float:
    best = float("inf")
    for _ in range(3):
        rounds = 0
        started = time.process_time()
        while (elapsed := time.process_time() - started) < 0.5 or not rounds:
            for item in items:
                function(item)
            rounds += 1
        best = min(best, elapsed / rounds)
    return len(items) / best


def main(paths: Sequence[str]) -> None:
    for path in paths:
        raws = [item.raw for item in split_records(path) if isinstance(item, RawRecord)]
        leans = []
        for raw in raws:
            try:
                leans.append(decode_raw(raw)[0])
            except Exception:  # a broken record has nothing to extract
                continue
        decode = records_per_second(decode_raw, raws)
        extract = records_per_second(extract_lean, leans)
        both = records_per_second(parse_and_extract, raws)
        print(
            f"{path}: {len(raws):,} records; decode {decode:,.0f}/s, extract {extract:,.0f}/s, "
            f"parse_and_extract {both:,.0f}/s"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
