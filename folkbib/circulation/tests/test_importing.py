"""``folkbib import-circulation``: current loans, holds and fees from Koha's CSV exports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import selectors
from folkbib.circulation.models import CirculationEvent, Fee, Hold, HoldStatus, Loan
from folkbib.circulation.services.importing import import_circulation
from folkbib.circulation.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(kind, path, **options):
    return import_circulation(kind=kind, path=path, now=NOW, **options)


def test_current_loans_keep_their_due_dates_and_put_the_items_on_loan(tmp_path, world):
    patron = world.patron()
    item = world.item(world.record("Ronja rövardotter"), world.umea)
    path = write(
        tmp_path,
        "issues.csv",
        "cardnumber,barcode,branchcode,issuedate,date_due,renewals_count\n"
        f"{patron.card_number},{item.barcode},UMEA,2026-06-01 14:02:00,2026-06-29 23:59:00,1\n",
    )
    summary = run("loans", path, branch_codes={"UMEA": "umea"})
    assert (summary.created, summary.rejected) == (1, 0)
    loan = Loan.objects.get(item=item)
    assert (loan.patron, loan.branch, loan.due_date, loan.renewals) == (
        patron,
        world.umea,
        dt.date(2026, 6, 29),
        1,
    )
    assert loan.checked_out_at.date() == dt.date(2026, 6, 1)
    item.refresh_from_db()
    assert (item.status, item.due_back) == (ItemStatus.ON_LOAN, dt.date(2026, 6, 29))
    assert list(selectors.active_loans(patron)) == [loan]
    # A migrated loan is not a new loan: no statistics for it.
    assert not CirculationEvent.objects.exists()
    again = run("loans", path, branch_codes={"UMEA": "umea"})
    assert (again.created, again.existing) == (0, 1)


def test_a_loan_of_an_unknown_item_or_one_lent_to_someone_else_is_rejected(tmp_path, world):
    patron, other = world.patron(), world.patron()
    item = world.item(world.record("Mio"), world.umea)
    path = write(
        tmp_path,
        "issues.csv",
        "cardnumber,barcode,date_due\n"
        f"{patron.card_number},{item.barcode},2026-06-29\n"
        f"{other.card_number},{item.barcode},2026-06-29\n"
        f"{patron.card_number},99999999,2026-06-29\n"
        f"00000000,{item.barcode},2026-06-29\n",
    )
    summary = run("loans", path)
    assert (summary.created, summary.rejected) == (1, 3)
    reasons = [p.reason for p in summary.problems]
    assert reasons[0] == f"item {item.barcode} is already on loan to another patron"
    assert reasons[1] == "no item has barcode '99999999' (import the catalogue first)"
    assert reasons[2].startswith("Kortnumret finns inte")


def test_holds_keep_their_queue_order_and_are_found_by_barcode_or_control_number(tmp_path, world):
    first, second = world.patron(), world.patron()
    record = world.record("Bröderna Lejonhjärta")
    record.control_number = "4711"
    record.save()
    item = world.item(record, world.vannas)
    lent_to = world.patron()
    Loan.objects.create(
        item=item, patron=lent_to, branch=world.vannas, checked_out_at=NOW, due_date=NOW.date()
    )
    item.status = ItemStatus.ON_LOAN
    item.save()
    path = write(
        tmp_path,
        "reserves.csv",
        "cardnumber,biblionumber,barcode,branchcode,reservedate\n"
        f"{second.card_number},4711,,umea,2026-05-10\n"
        f"{first.card_number},,{item.barcode},vannas,2026-05-02\n"
        f"{first.card_number},4712,,umea,2026-05-02\n",
    )
    summary = run("holds", path)
    assert (summary.created, summary.rejected) == (2, 1)
    assert summary.problems[0].reason == "no record has control number (001) '4712'"
    queue = Hold.objects.filter(record=record).order_by("placed_at")
    assert [h.patron for h in queue] == [first, second]
    assert all(h.status == HoldStatus.WAITING for h in queue)
    assert run("holds", path).existing == 2


def test_fees_import_what_is_still_owed(tmp_path, world):
    patron = world.patron()
    item = world.item(world.record("Borta"), world.umea)
    path = write(
        tmp_path,
        "accountlines.csv",
        "cardnumber,amountoutstanding,debit_type_code,description,date,barcode,status\n"
        f'{patron.card_number},"12,50",OVERDUE,Försenad bok,2026-03-01,,RETURNED\n'
        f"{patron.card_number},150.00,LOST,Förlorad,2026-04-01,{item.barcode},\n"
        f"{patron.card_number},0.00,OVERDUE,Betald,2026-02-01,,\n"
        f"{patron.card_number},8.00,OVERDUE,Ute nu,2026-06-01,,UNRETURNED\n",
    )
    summary = run("fees", path)
    assert (summary.created, summary.rejected) == (2, 2)
    assert summary.problems[1].reason.startswith("a fine still growing on a loan that is out")
    assert selectors.outstanding_balance(patron) == Decimal("162.50")
    assert set(Fee.objects.values_list("kind", flat=True)) == {"overdue", "lost"}
    assert Fee.objects.get(kind="lost").item == item
    assert run("fees", path).existing == 2


def test_the_command_dry_runs_loans_without_saving(tmp_path, world):
    patron = world.patron()
    item = world.item(world.record("Mio"), world.umea)
    path = write(
        tmp_path,
        "issues.csv",
        f"cardnumber,barcode,date_due\n{patron.card_number},{item.barcode},2026-06-29\n",
    )
    out = StringIO()
    call_command(
        "import_circulation", "loans", str(path), "--dry-run", stdout=out, stderr=StringIO()
    )
    assert "DRY RUN (nothing saved): read 1 rows: loans would be created 1" in out.getvalue()
    assert not Loan.objects.exists()
