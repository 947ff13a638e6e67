"""The region's reports, checked against numbers counted by hand from ``statistics_data``."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.circulation.reports import catalogue
from folkbib.circulation.reports.catalogue import Options
from folkbib.circulation.reports.queries import Scope
from folkbib.circulation.reports.tables import (
    fill_time_distribution,
    matrix,
    period_of,
    periods,
)
from folkbib.circulation.tests import statistics_data
from folkbib.talking import selectors as talking

pytestmark = pytest.mark.django_db

YEAR_2025 = Scope(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))


@pytest.fixture
def year(world):
    return statistics_data.load(world).world


def _table(tables, key):
    return next(table for table in tables if table.key == key)


def test_the_flow_matrix_counts_whose_items_each_municipalitys_residents_borrowed(year):
    loans = _table(catalogue.flows(Options(scope=YEAR_2025)), "loan-flows")
    assert loans.columns == (
        "Ägande kommun",
        "Umeå",
        "Vännäs",
        "Utanför regionen eller okänd",
        "Summa",
    )
    assert loans.rows == (
        ("Umeå", 2, 2, 0, 4),
        ("Vännäs", 1, 1, 1, 3),
        ("Summa", 3, 3, 1, 7),
    )


def test_the_transit_matrix_counts_transits_sent_in_the_period_between_every_pair(year):
    transits = _table(catalogue.flows(Options(scope=YEAR_2025)), "transit-flows")
    assert transits.columns[1:] == (
        "Holmsunds bibliotek",
        "Tavelsjö bibliotek",
        "Umeå stadsbibliotek",
        "Vännäs bibliotek",
        "Summa",
    )
    assert transits.rows == (
        ("Holmsunds bibliotek", 0, 0, 1, 0, 1),
        ("Tavelsjö bibliotek", 0, 0, 0, 0, 0),
        ("Umeå stadsbibliotek", 0, 0, 0, 2, 2),
        ("Vännäs bibliotek", 0, 0, 1, 0, 1),
        ("Summa", 0, 0, 2, 2, 4),
    )


def test_the_yearly_report_of_vannas_gives_the_national_statistics_figures(year):
    tables = catalogue.yearly(
        municipality=year.vannas_kommun,
        year=2025,
        kiosk_visits=talking.visits_by_day(
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 12, 31),
            municipality=year.vannas_kommun,
            branch=None,
        ),
    )
    assert _table(tables, "key-figures").rows == (
        ("Utlån (första lån)", 3),
        ("Omlån", 1),
        ("Utlån inklusive omlån", 4),
        ("Utlån av andra kommuners medier", 1),
        ("Egna medier utlånade i andra kommuner", 1),
        ("Aktiva låntagare (folkbokförda i kommunen)", 2),
        ("Bestånd 31 december (exemplar)", 3),
        ("Nyförvärv (exemplar)", 2),
        ("Reservationer", 1),
        ("Besökare i talboksdatorn", 10),
    )
    assert _table(tables, "by-material").rows == (("Bok", 2, 1, 2), ("Ljudbok", 1, 1, 1))
    assert _table(tables, "by-age").rows == (("0-12", 1), ("65+", 1), ("Okänd", 1))


def test_the_yearly_report_of_umea_counts_loans_at_all_of_its_branches(year):
    figures = _table(catalogue.yearly(municipality=year.umea_kommun, year=2025), "key-figures")
    assert figures.cell("Utlån (första lån)", "Antal") == 4
    assert figures.cell("Omlån", "Antal") == 1
    assert figures.cell("Utlån av andra kommuners medier", "Antal") == 1
    assert figures.cell("Egna medier utlånade i andra kommuner", "Antal") == 1
    assert figures.cell("Aktiva låntagare (folkbokförda i kommunen)", "Antal") == 3
    assert figures.cell("Besökare i talboksdatorn", "Antal") == 0


def test_activity_by_month_lists_every_month_and_adds_up_the_year_with_kiosk_visitors(year):
    visits = talking.visits_by_day(
        start=YEAR_2025.start, end=YEAR_2025.end, municipality=None, branch=None
    )
    (table,) = catalogue.activity(Options(scope=YEAR_2025, by="month", kiosk_visits=visits))
    assert table.columns[0] == "Månad"
    assert table.rows == (
        ("2025-01", 1, 0, 0, 0, 0, 0, 0),
        ("2025-02", 2, 1, 2, 0, 0, 0, 0),
        ("2025-03", 2, 0, 0, 0, 0, 0, 4),
        ("2025-04", 0, 1, 0, 0, 0, 0, 0),
        ("2025-05", 0, 0, 0, 1, 0, 0, 0),
        ("2025-06", 1, 0, 0, 0, 0, 0, 0),
        ("2025-07", 0, 0, 0, 0, 0, 0, 0),
        ("2025-08", 0, 0, 0, 0, 0, 0, 0),
        ("2025-09", 0, 0, 0, 0, 0, 0, 0),
        ("2025-10", 0, 0, 0, 0, 0, 0, 0),
        ("2025-11", 0, 0, 0, 0, 0, 0, 6),
        ("2025-12", 1, 0, 0, 0, 0, 0, 0),
        ("Summa", 7, 2, 2, 1, 0, 0, 10),
    )


def test_loans_by_language_name_the_languages_and_keep_every_kind(year):
    (table,) = catalogue.breakdown(Options(scope=YEAR_2025, dimension="language"))
    assert table.rows == (
        ("Svenska", 4, 1, 2, 1, 0),
        ("Engelska", 2, 1, 0, 0, 0),
        ("Finska", 1, 0, 0, 0, 0),
    )


def test_a_breakdown_by_branch_is_limited_to_the_chosen_municipality(year):
    scope = Scope(start=YEAR_2025.start, end=YEAR_2025.end, municipality=year.umea_kommun)
    (table,) = catalogue.breakdown(Options(scope=scope, dimension="branch"))
    assert [row[:2] for row in table.rows] == [
        ("Holmsunds bibliotek", 1),
        ("Umeå stadsbibliotek", 3),
    ]


def test_hold_waits_are_shown_in_buckets_with_the_median(year):
    (table,) = catalogue.holds(Options(scope=YEAR_2025))
    assert table.rows == (
        ("0-1", 1),
        ("2-3", 1),
        ("4-7", 2),
        ("8-14", 0),
        ("15-30", 0),
        ("31-60", 1),
        ("61-", 1),
    )
    assert table.notes == ("Median: 5 dagar",)


def test_collection_use_shows_turnover_and_the_items_nobody_borrowed_for_a_year(year):
    scope = Scope(start=YEAR_2025.start, end=YEAR_2025.end, municipality=year.vannas_kommun)
    turnover, unborrowed = catalogue.collection(Options(scope=scope, months=12))
    assert turnover.rows == (("Hc", 2, 2, 1.0), ("uHc", 1, 1, 1.0))
    assert unborrowed.title == "Inte utlånade sedan 2024-12-01"
    assert unborrowed.rows == (("Hc", 2, 0, 0.0), ("uHc", 1, 1, 100.0))


# -- the pure aggregations ------------------------------------------------------------------


def test_a_matrix_lists_every_row_and_column_even_with_no_loans_between_them():
    header, rows = matrix(
        [("a", "b", 2), ("x", "b", 5)],  # "x" is not a listed row: left out
        rows={"a": "A", "b": "B"},
        columns={"a": "A", "b": "B"},
        total="Summa",
    )
    assert header == ("", "A", "B", "Summa")
    assert rows == (("A", 0, 2, 2), ("B", 0, 0, 0), ("Summa", 0, 2, 2))


def test_periods_are_labelled_so_that_they_sort_in_time():
    day = dt.date(2025, 3, 7)
    assert [period_of(day, by) for by in ("day", "month", "year")] == [
        "2025-03-07",
        "2025-03",
        "2025",
    ]


def test_the_periods_of_a_span_run_across_month_and_year_ends():
    start, end = dt.date(2024, 12, 30), dt.date(2025, 2, 1)
    assert periods(start, end, "month") == ["2024-12", "2025-01", "2025-02"]
    assert periods(start, end, "year") == ["2024", "2025"]
    assert len(periods(start, end, "day")) == 34
    assert periods(dt.date(2025, 1, 31), dt.date(2025, 3, 1), "month") == [
        "2025-01",
        "2025-02",
        "2025-03",
    ]


def test_no_filled_holds_give_empty_buckets_and_no_median():
    buckets, median = fill_time_distribution([])
    assert median is None and all(n == 0 for _label, n in buckets)
