from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from folkbib.bench.generator import demo_branches
from folkbib.bench.region import ensure_branches
from folkbib.catalog.models import Item, Record
from folkbib.catalog.search import reindex_all
from folkbib.catalog.services import import_records

NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def tiny_region(generated_file):
    ensure_branches(branches=demo_branches())
    import_records(path=generated_file, now=NOW, workers=0)
    # The import indexes as each batch commits; inside a test transaction nothing commits.
    reindex_all()


@pytest.mark.django_db
def test_the_generated_file_imports_with_all_its_items(tiny_region):
    assert Record.objects.count() == 300
    assert Item.objects.count() == 900
    assert Record.objects.filter(control_number_identifier="FOLKBIB-BENCH").count() == 300


@pytest.mark.django_db
def test_bench_search_runs_the_query_set_and_prints_its_report(tiny_region):
    out = io.StringIO()
    call_command("bench", "search", "--rounds", "1", "--sample", "300", stdout=out)
    report = out.getvalue()
    assert "300 records" in report
    assert "selector (top 20 + total + facets + availability): p50" in report
    assert "ratio selector / engine: p50" in report
    last_line = report.strip().splitlines()[-1]
    assert last_line.startswith("| search ") and "cores" in last_line


@pytest.mark.django_db
def test_bench_counts_reports_records_items_and_indexed_documents(tiny_region):
    out = io.StringIO()
    call_command("bench", "counts", stdout=out)
    assert out.getvalue().strip() == '{"records": 300, "items": 900, "indexed": 300}'


@pytest.mark.django_db
def test_bench_lend_puts_items_on_loan_and_the_index_sees_it(tiny_region):
    from folkbib.catalog.selectors import SearchFilters, search

    available_before = search("", SearchFilters(available_now=True)).total
    call_command("bench", "lend", "--every", "3", stdout=io.StringIO())
    on_loan = Item.objects.filter(status="on_loan").count()
    assert on_loan == sum(1 for pk in Item.objects.values_list("id", flat=True) if pk % 3 == 0)
    assert search("", SearchFilters(available_now=True)).total < available_before


@pytest.mark.django_db(transaction=True)
def test_bench_lend_vacuums_the_tables_it_rewrote_on_postgresql():
    from django.db import connection, transaction

    from folkbib.bench.management.commands.bench import _vacuum_changed_tables

    assert _vacuum_changed_tables() is (connection.vendor == "postgresql")
    with transaction.atomic():  # VACUUM cannot run in a transaction: it is left out
        assert _vacuum_changed_tables() is False


@pytest.mark.django_db
def test_bench_circulation_times_checkouts_beside_the_raw_sql_and_keeps_the_invariants():
    out = io.StringIO()
    call_command(
        "bench",
        "circulation",
        *("--patrons", "30", "--items", "400", "--calls", "40", "--workers", "0"),
        stdout=out,
    )
    report = out.getvalue()
    assert "region: 30 patrons, 400 items" in report
    assert "checkout           p50" in report
    assert "raw INSERT+UPDATE  p50" in report
    assert "statements: checkout " in report
    assert "invariants after the latency runs: []" in report
