"""Where the demo's extra copies go (pure)."""

from __future__ import annotations

from folkbib.demo.catalogue import CITY_BRANCH, plan_extra_copies
from folkbib.demo.region import BRANCHES, distance_entries

WEIGHTS = [("umea-stad", 25), ("vindeln", 8), ("vannas", 8), ("hallnas", 2)]


def plan(**overrides):
    values = {
        "record_count": 200,
        "popular": {0, 1},
        "branch_weights": WEIGHTS,
        "first_barcode": 30000201,
    }
    values.update(overrides)
    return plan_extra_copies(**values)


def test_the_plan_is_the_same_every_time():
    assert plan() == plan()


def test_extra_copies_go_elsewhere_than_the_city_library_one_per_branch():
    plans = plan()
    assert CITY_BRANCH not in {p.branch_code for p in plans}
    per_record = {}
    for p in plans:
        per_record.setdefault(p.record_index, []).append(p.branch_code)
    assert {0, 1} <= set(per_record)  # popular records always get more copies
    assert sum(len(set(b)) == len(b) for b in per_record.values()) >= 0.95 * len(per_record)


def test_extra_barcodes_continue_without_gaps():
    plans = plan()
    assert [int(p.barcode) for p in plans] == list(range(30000201, 30000201 + len(plans)))


def test_the_distance_table_is_symmetric_and_covers_every_pair():
    table = {(e.from_code, e.to_code): e for e in distance_entries()}
    assert len(table) == len(BRANCHES) * (len(BRANCHES) - 1)
    for (a, b), entry in table.items():
        assert table[(b, a)].kilometres == entry.kilometres
        assert entry.kilometres >= 1
    assert table[("umea-stad", "vannas")].kilometres == 30
    assert table[("umea-stad", "vannas")].transit_days == 1
    assert table[("robertsfors", "nordmaling")].transit_days == 2
