"""The MARC editor: a cataloguer creates and changes records; problems are shown, not saved."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.catalog.marc import record_from_iso2709
from folkbib.catalog.models import Record
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.staff.tests.conftest import PASSWORD
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db

GOOD_008 = "261130s2024    sw            000 f swe  "


def make_cataloguer(world: Any, username: str = "katalogisatör") -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    consortium.assign_staff(user=user, branch=world.umea, role=StaffRole.CATALOGUER)
    return user


@pytest.fixture
def cataloguer(client: Any, world: Any) -> Any:
    client.force_login(make_cataloguer(world))
    return client


def editor_post(
    rows: list[tuple[str, str, str, str]],
    *,
    fixed: str = GOOD_008,
    action: str = "save",
    leader: str = "00000nam a2200000 i 4500",
    **choices: str,
) -> dict[str, str]:
    """What the editor's form posts: the leader, the 008 positions of a book, the rows."""
    data = {"leader": leader, "f008_layout": leader, "rows": str(len(rows)), "action": action}
    cuts = [0, 6, 7, 11, 15, 18, 22, 23, 24, 28, 29, 30, 31, 32, 33, 34, 35, 38, 39, 40]
    for start, end in itertools.pairwise(cuts):
        data[f"f008_{start:02d}"] = fixed[start:end]
    for index, (tag, ind1, ind2, content) in enumerate(rows):
        data.update(
            {
                f"tag_{index}": tag,
                f"ind1_{index}": ind1,
                f"ind2_{index}": ind2,
                f"content_{index}": content,
            }
        )
    data.update(choices)
    return data


BOOK = [
    ("020", "", "", "$a 9789113084909"),
    ("100", "1", "", "$a Lindgren, Astrid"),
    ("245", "1", "0", "$a Mio, min Mio / $c Astrid Lindgren"),
    ("264", "", "1", "$a Stockholm : $b Rabén & Sjögren, $c 2024"),
]


def test_a_cataloguer_creates_a_record_and_the_change_is_audited(cataloguer):
    response = cataloguer.post(reverse("staff:record_new"), editor_post(BOOK), follow=True)
    record = Record.objects.get()
    assert record.title == "Mio, min Mio"
    assert "Posten är skapad." in text(response)
    marc = record_from_iso2709(bytes(record.marc))
    assert marc["008"].data == GOOD_008
    assert tuple(marc["245"].indicators) == ("1", "0")
    entry = AuditEntry.objects.get()
    assert entry.action == "catalog.record_created" and entry.staff_name == "katalogisatör"
    assert entry.before is None and "=245  10$aMio, min Mio" in entry.after["marc"]


def test_a_record_with_problems_is_not_saved_and_each_problem_is_shown_at_its_field(
    cataloguer,
):
    rows = [*BOOK[:2], ("245", "4", "0", "$a Mio"), ("300", "", "", "212 sidor")]
    response = cataloguer.post(reverse("staff:record_new"), editor_post(rows, ldr_06="z"))
    body = text(response)
    assert response.status_code == 422
    assert not Record.objects.exists() and not AuditEntry.objects.exists()
    assert "Posten sparades inte." in body
    assert "4 fel att rätta" in body
    # Summary links lead to the inputs; the inputs are marked and described.
    assert 'href="#ldr_06"' in body and 'href="#ind1_2"' in body and 'href="#content_3"' in body
    assert (
        'id="ind1_2" name="ind1_2" value="4" autocomplete="off" spellcheck="false" '
        'aria-invalid="true" aria-describedby="problems_2"' in body
    )
    assert "Fält 245, indikator 1: ”4” är inte tillåtet" in body
    # Nothing was quietly repaired: what was typed comes back as typed.
    assert 'value="212 sidor"' in body
    assert "”z” – ogiltig kod" in body


def test_checking_shows_problems_without_saving(cataloguer):
    response = cataloguer.post(
        reverse("staff:record_new"), editor_post(BOOK, fixed=GOOD_008[:30], action="check")
    )
    assert response.status_code == 200
    assert "ska vara 40 tecken" in text(response)
    assert not Record.objects.exists()


def test_a_new_record_that_matches_an_existing_one_is_refused_with_a_link(cataloguer):
    cataloguer.post(reverse("staff:record_new"), editor_post(BOOK))
    existing = Record.objects.get()
    response = cataloguer.post(reverse("staff:record_new"), editor_post(BOOK))
    assert response.status_code == 409
    assert reverse("staff:record_edit", kwargs={"record_id": existing.pk}) in text(response)
    assert Record.objects.count() == 1


def test_editing_keeps_the_fields_and_audits_before_and_after(cataloguer):
    cataloguer.post(reverse("staff:record_new"), editor_post(BOOK))
    record = Record.objects.get()
    url = reverse("staff:record_edit", kwargs={"record_id": record.pk})
    page = text(cataloguer.get(url))
    assert 'value="$a Mio, min Mio / $c Astrid Lindgren"' in page
    changed = [*BOOK[:2], ("245", "1", "0", "$a Mio, min Mio! / $c Astrid Lindgren"), BOOK[3]]
    response = cataloguer.post(url, editor_post(changed, ldr_05="c"), follow=True)
    assert "Posten är sparad." in text(response)
    record.refresh_from_db()
    assert record.title == "Mio, min Mio!"
    entry = AuditEntry.objects.get(action="catalog.record_changed")
    assert "Mio, min Mio /" in entry.before["marc"] and "Mio, min Mio! /" in entry.after["marc"]


def test_the_008_helpers_follow_the_type_of_record(cataloguer):
    page = text(cataloguer.get(reverse("staff:record_new")))
    assert "Litterär form" in page and "Teknik" not in page
    video = editor_post(BOOK, action="more", ldr_06="g")
    page = text(cataloguer.post(reverse("staff:record_new"), video))
    assert "Typ av visuellt material" in page and "Litterär form" not in page


def test_finding_a_record_by_barcode_or_isbn_opens_the_editor(cataloguer, world):
    cataloguer.post(reverse("staff:record_new"), editor_post(BOOK))
    record = Record.objects.get()
    item = world.item(record, world.umea)
    home = reverse("staff:cataloguing")
    edit = reverse("staff:record_edit", kwargs={"record_id": record.pk})
    assert cataloguer.get(home, {"post": item.barcode})["Location"] == edit
    assert cataloguer.get(home, {"post": "978-91-1-308490-9"})["Location"] == edit
    assert "Ingen post hittades" in text(cataloguer.get(home, {"post": "nej"}))


def test_a_librarian_may_not_create_records(client, world, librarian):
    client.force_login(librarian)
    assert client.get(reverse("staff:record_new")).status_code == 403
    assert client.get(reverse("staff:cataloguing")).status_code == 200


def test_a_librarian_reads_a_record_but_cannot_change_it(client, world, librarian, cataloguer):
    cataloguer.post(reverse("staff:record_new"), editor_post(BOOK))
    record = Record.objects.get()
    client.force_login(librarian)
    url = reverse("staff:record_edit", kwargs={"record_id": record.pk})
    page = text(client.get(url))
    assert 'value="$a Mio, min Mio / $c Astrid Lindgren"' in page
    assert '<fieldset class="plain" disabled>' in page
    assert client.post(url, editor_post(BOOK)).status_code == 403
