"""Statistics pages: the reports as tables with charts, their downloads, and who sees what."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from folkbib.circulation.models import CirculationEvent, Transit
from folkbib.circulation.tests import statistics_data
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.fixture
def year(world):
    return statistics_data.load(world).world


def _user(world, role, username):
    user = get_user_model().objects.create_user(username=username, password="x")
    if role == StaffRole.MUNICIPALITY_ADMIN:
        consortium.assign_staff(user=user, branch=None, role=role, municipality=world.vannas_kommun)
    else:
        consortium.assign_staff(user=user, branch=world.umea, role=role)
    return user


def test_the_statistics_page_lists_the_reports_and_the_menu_links_to_it(desk, year):
    body = text(desk.get(reverse("staff:statistics")))
    assert '<a href="/personal/statistik/" aria-current="page">Statistik</a>' in body
    for slug in ("verksamhet", "fordelning", "floden", "reservationer", "bestand"):
        assert f'href="/personal/statistik/{slug}/"' in body
    assert "/personal/statistik/arsrapport/" not in body  # a librarian makes no yearly report


def test_the_flow_page_shows_the_matrix_as_a_table_with_shaded_cells(desk, year):
    response = desk.get(reverse("staff:statistics_flows"), YEAR)
    body = text(response)
    assert response.status_code == 200
    assert '<table class="desk-table report matrix">' in body
    assert '<th scope="row">Vännäs</th>' in body
    assert '<td class="number heat-4">2</td>' in body  # Umeå's items to Umeå's residents
    assert '<tr class="total">' in body


def test_a_report_draws_its_chart_beside_the_table_with_an_accessible_name(desk, year):
    body = text(desk.get(reverse("staff:statistics_breakdown"), {**YEAR, "dimension": "language"}))
    assert '<svg role="img" aria-labelledby="chart-1-name"' in body
    assert "Diagram: Verksamhet per språk, Utlån. Siffrorna står i tabellen." in body
    assert 'style="' not in body  # the CSP allows no inline style
    assert '<th scope="row">Svenska</th>' in body


def test_the_csv_download_holds_the_same_numbers_as_the_page(desk, year):
    response = desk.get(reverse("staff:statistics_flows"), {**YEAR, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="folkbib-floden-2025-01-01-2025-12-31.csv"' in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[1] == ["Ägande kommun", "Umeå", "Vännäs", "Utanför regionen eller okänd", "Summa"]
    assert rows[2:5] == [
        ["Umeå", "2", "2", "0", "4"],
        ["Vännäs", "1", "1", "1", "3"],
        ["Summa", "3", "3", "1", "7"],
    ]


def test_the_xlsx_download_has_a_sheet_per_table_with_numbers_as_numbers(desk, year):
    response = desk.get(reverse("staff:statistics_flows"), {**YEAR, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["loan-flows", "transit-flows"]
    sheet = book["loan-flows"]
    assert [cell.value for cell in sheet[4]] == ["Vännäs", 1, 1, 1, 3]


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(desk, year):
    response = desk.get(
        reverse("staff:statistics_activity"), {"start": "2025-12-31", "end": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "Slutdagen ligger före startdagen." in text(response)


def test_a_municipality_administrator_makes_the_yearly_report_of_their_own_municipality(
    client, year
):
    client.force_login(_user(year, StaffRole.MUNICIPALITY_ADMIN, "vannasadmin"))
    body = text(client.get(reverse("staff:statistics_yearly"), {"year": "2025"}))
    assert "Nyckeltal: Vännäs 2025" in body
    assert '<th scope="row">Aktiva låntagare (folkbokförda i kommunen)</th>' in body
    other = client.get(
        reverse("staff:statistics_yearly"), {"year": "2025", "municipality": year.umea_kommun.pk}
    )
    assert other.status_code == 400  # Umeå is not among the choices


def test_the_yearly_report_downloads_as_a_workbook_for_the_national_statistics(client, year):
    client.force_login(_user(year, StaffRole.MUNICIPALITY_ADMIN, "vannasadmin"))
    response = client.get(reverse("staff:statistics_yearly"), {"year": "2025", "format": "xlsx"})
    assert 'filename="folkbib-arsrapport-2460-2025.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["key-figures"]
    figures = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert figures["Utlån (första lån)"] == 3
    assert figures["Bestånd 31 december (exemplar)"] == 3
    assert figures["Aktiva låntagare (folkbokförda i kommunen)"] == 2


@pytest.mark.parametrize("role", [StaffRole.LIBRARIAN, StaffRole.CATALOGUER])
def test_a_librarian_or_cataloguer_may_see_statistics_but_not_make_the_yearly_report(
    client, year, role
):
    client.force_login(_user(year, role, "someone"))
    assert client.get(reverse("staff:statistics_holds"), YEAR).status_code == 200
    assert client.get(reverse("staff:statistics_yearly")).status_code == 403


def test_a_moderator_sees_no_statistics(client, year):
    client.force_login(_user(year, StaffRole.MODERATOR, "moderator"))
    assert client.get(reverse("staff:statistics")).status_code == 403


@pytest.mark.parametrize(
    "name", ["statistics_activity", "statistics_flows", "statistics_collection"]
)
def test_a_report_page_costs_the_same_queries_however_much_was_lent(
    desk, year, name, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as first:
        desk.get(reverse(f"staff:{name}"), YEAR)
    for row in [*CirculationEvent.objects.all(), *Transit.objects.all()]:
        row.pk = None  # the same year again, in new rows: twice the numbers
        row.save()
    with django_assert_num_queries(len(first)):
        response = desk.get(reverse(f"staff:{name}"), YEAR)
    assert response.status_code == 200


def test_a_branch_name_that_looks_like_a_formula_is_downloaded_as_text(desk, year):
    year.holmsund.name = '=HYPERLINK("http://example.org")'
    year.holmsund.save()
    response = desk.get(reverse("staff:statistics_flows"), {**YEAR, "format": "csv"})
    assert "'=HYPERLINK" in response.content.decode("utf-8")
    response = desk.get(reverse("staff:statistics_flows"), {**YEAR, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["transit-flows"]
    assert sheet["A3"].value.startswith("'=HYPERLINK")
