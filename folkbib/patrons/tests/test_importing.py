"""``folkbib import-patrons``: a Koha borrowers export becomes folkbib patrons."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from folkbib.core.csv_import import ImportFileProblem
from folkbib.patrons import services
from folkbib.patrons.errors import WrongPin
from folkbib.patrons.importing import import_patrons
from folkbib.patrons.models import Patron
from folkbib.patrons.tests.conftest import NOW

pytestmark = pytest.mark.django_db

HEADER = (
    "borrowernumber,cardnumber,surname,firstname,dateofbirth,email,phone,mobile,"
    "address,zipcode,city,branchcode,categorycode,dateexpiry,lang\n"
)
ANNA = (
    "1,10000001,Lindqvist,Anna,1981-12-18,anna@example.org,,070-1234567,"
    "Storgatan 1,90325,Umeå,UMEA,PT,2027-01-31,sv-SE\n"
)
BO = "2,10000002,Ek,Bo,0000-00-00,,090-123,,,,,UMEA,J,,\n"


@pytest.fixture
def koha(branch, adult):
    services.define_category(code="child", name="Barn", is_child=True)
    return {
        "branch_codes": {"UMEA": branch.code},
        "category_codes": {"PT": "adult", "J": "child"},
    }


def write(tmp_path, text, name="borrowers.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_a_koha_borrowers_export_becomes_patrons(tmp_path, koha):
    summary = import_patrons(path=write(tmp_path, HEADER + ANNA + BO), now=NOW, **koha)
    assert (summary.read, summary.created, summary.rejected) == (2, 2, 0)
    anna = Patron.objects.get(card_number="10000001")
    assert (anna.first_name, anna.last_name, anna.birth_date) == (
        "Anna",
        "Lindqvist",
        dt.date(1981, 12, 18),
    )
    assert (anna.phone, anna.city, anna.card_expires) == (
        "070-1234567",
        "Umeå",
        dt.date(2027, 1, 31),
    )
    assert anna.category.code == "adult" and anna.notice_channel == "email"
    bo = Patron.objects.get(card_number="10000002")
    assert bo.category.code == "child" and bo.birth_date is None
    # Phone taken from the second column when the first is empty; reached by SMS.
    assert bo.phone == "090-123" and bo.notice_channel == "sms"


def test_an_imported_patron_has_no_pin_anyone_knows_until_one_is_set(tmp_path, koha):
    import_patrons(path=write(tmp_path, HEADER + ANNA), now=NOW, **koha)
    with pytest.raises(WrongPin):
        services.authenticate_patron(card_number="10000001", pin="0000", now=NOW)
    patron = Patron.objects.get(card_number="10000001")
    services.change_pin(patron=patron, new_pin="2468", now=NOW)
    assert services.authenticate_patron(card_number="10000001", pin="2468", now=NOW) == patron


def test_bad_rows_go_to_the_rejects_file_with_their_line_and_the_rest_imports(tmp_path, koha):
    rows = [
        ANNA,
        "3,12,Kort,Karl,,k@example.org,,,,,,UMEA,PT,,\n",
        "4,10000004,Berg,Eva,,e@example.org,,,,,,NOWHERE,PT,,\n",
        '5,10000005,"Nilsson, ""Nisse""",Nils,1970-13-01,n@example.org,,,,,,UMEA,PT,,\n',
        "6,10000006,,Tom,,t@example.org,,,,,,UMEA,PT,,\n",
        BO,
    ]
    path = write(tmp_path, HEADER + "".join(rows))
    summary = import_patrons(path=path, now=NOW, **koha)
    assert (summary.created, summary.rejected) == (2, 4)
    assert summary.rejects_path == tmp_path / "borrowers.csv.rejects.csv"
    rejects = summary.rejects_path.read_text(encoding="utf-8").splitlines()
    assert rejects[0] == HEADER.strip()
    assert (
        rejects[3] == '5,10000005,"Nilsson, ""Nisse""",Nils,1970-13-01,n@example.org,,,,,,UMEA,PT,,'
    )
    log = (tmp_path / "borrowers.csv.rejects.txt").read_text(encoding="utf-8").splitlines()
    assert log[0].startswith("line 3\tcard_number '12': Kortnumret måste bestå av 4 till 32")
    assert log[1] == "line 4\tunknown branch code 'NOWHERE'"
    assert log[2] == "line 5\tbirth_date is not a date (YYYY-MM-DD): '1970-13-01'"
    assert log[3] == "line 6\tlast_name is empty (column surname)"


def test_the_fixed_rejects_file_imports_and_the_same_file_twice_creates_nothing(tmp_path, koha):
    path = write(tmp_path, HEADER + ANNA + "4,10000004,Berg,Eva,,e@example.org,,,,,,NOWHERE,PT,,\n")
    import_patrons(path=path, now=NOW, **koha)
    again = import_patrons(path=path, now=NOW, **koha)
    assert (again.created, again.existing, again.rejected) == (0, 1, 1)
    fixed = path.with_name("fixed.csv")
    fixed.write_text(
        (tmp_path / "borrowers.csv.rejects.csv").read_text().replace("NOWHERE", "UMEA")
    )
    assert import_patrons(path=fixed, now=NOW, **koha).created == 1
    assert Patron.objects.count() == 2


def test_a_dry_run_reports_the_same_but_saves_nothing(tmp_path, koha):
    path = write(tmp_path, HEADER + ANNA + BO + "4,10000004,Berg,Eva,,,,,,,,NOWHERE,PT,,\n")
    summary = import_patrons(path=path, now=NOW, dry_run=True, **koha)
    assert (summary.created, summary.rejected, summary.dry_run) == (2, 1, True)
    assert summary.rejects_path is not None and summary.rejects_path.exists()
    assert not Patron.objects.exists()


def test_a_personnummer_column_can_be_mapped_and_is_checked(tmp_path, koha):
    text = "kort;efternamn;fornamn;pnr;bibliotek;kategori;epost\n"
    text += "10000001;Åberg;Åsa;811218-9876;UMEA;PT;a@example.org\n"
    text += "10000002;Öst;Olle;811218-9875;UMEA;PT;o@example.org\n"
    path = write(tmp_path, text, encoding="latin-1")
    mapping = {
        "card_number": "kort",
        "last_name": "efternamn",
        "first_name": "fornamn",
        "personnummer": "pnr",
        "home_branch": "bibliotek",
        "category": "kategori",
        "email": "epost",
    }
    summary = import_patrons(path=path, now=NOW, mapping=mapping, encoding="latin-1", **koha)
    assert (summary.created, summary.rejected) == (1, 1)
    asa = Patron.objects.get()
    assert (asa.last_name, asa.personnummer) == ("Åberg", "198112189876")
    assert "kontrollsiffra" in summary.problems[0].reason


def test_a_file_without_the_needed_columns_is_refused_before_any_row(tmp_path, koha):
    path = write(tmp_path, "cardnumber,name\n10000001,Anna\n")
    with pytest.raises(ImportFileProblem) as error:
        import_patrons(path=path, now=NOW, **koha)
    assert "first_name (column firstname)" in error.value.message


def test_the_command_reports_counts_and_where_the_rejects_are(tmp_path, koha, branch):
    path = write(tmp_path, HEADER + ANNA + "4,10000004,Berg,Eva,,,,,,,,NOWHERE,PT,,\n")
    out, err = StringIO(), StringIO()
    call_command(
        "import_patrons",
        str(path),
        "--dry-run",
        f"--branch-map=UMEA={branch.code}",
        "--category-map=PT=adult",
        stdout=out,
        stderr=err,
    )
    assert "DRY RUN (nothing saved): read 2 rows: patrons would be created 1" in out.getvalue()
    assert "rejected 1" in out.getvalue() and "borrowers.csv.rejects.csv" in out.getvalue()
    assert "line 3: unknown branch code 'NOWHERE'" in err.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_patrons", str(tmp_path / "missing.csv"))


def test_possible_duplicates_are_noted_in_the_log_for_staff_to_merge(tmp_path, koha, register):
    register(
        card_number="10000050",
        first_name="Anna",
        last_name="Lindqvist",
        birth_date=dt.date(1981, 12, 18),
    )
    twin = ANNA.replace("1,10000001,", "7,10000007,")
    path = write(tmp_path, HEADER + ANNA + BO + twin)
    summary = import_patrons(path=path, now=NOW, report_duplicates=True, **koha)
    assert (summary.created, summary.rejected, summary.noted) == (3, 0, 2)
    log = (tmp_path / "borrowers.csv.rejects.txt").read_text(encoding="utf-8").splitlines()
    assert log == [
        "line 2\tnote: card 10000001 may be the same person as card 10000050",
        "line 4\tnote: card 10000007 may be the same person as card 10000050, 10000001",
    ]
    assert summary.rejects_path is None
