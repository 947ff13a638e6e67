"""The configuration screens: each change lands, is audited, and stops at the own municipality."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.circulation.models import LoanRule
from folkbib.consortium import services as consortium
from folkbib.consortium.models import Branch, ClosedDay, OpeningHours, StaffProfile, StaffRole
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db


def sign_in(client: Any, role: str, *, branch: Any = None, municipality: Any = None) -> Any:
    user = get_user_model().objects.create_user(username=f"u-{role}", password="x")
    consortium.assign_staff(user=user, branch=branch, role=role, municipality=municipality)
    client.force_login(user)
    return user


def test_a_librarian_changes_their_branch_hours_and_the_audit_keeps_the_week_before(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.umea)
    url = reverse("staff:admin_branch_hours", args=[world.holmsund.pk])
    week = {f"day{d}": "10:00-18:00" for d in range(5)} | {"day5": "11:00-14:00", "day6": ""}
    response = client.post(url, week, follow=True)
    assert "Öppettiderna för" in text(response)
    saturday = OpeningHours.objects.get(branch=world.holmsund, weekday=5)
    assert (saturday.opens, saturday.closes) == (dt.time(11), dt.time(14))
    entry = AuditEntry.objects.get(action="branch.hours")
    assert entry.staff_name == "u-librarian"
    assert "5" not in entry.before and entry.after["5"] == ["11:00-14:00"]


def test_hours_that_close_before_they_open_are_refused_at_the_field(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.umea)
    url = reverse("staff:admin_branch_hours", args=[world.umea.pk])
    response = client.post(url, {"day0": "18:00-10:00"})
    assert response.status_code == 200
    assert "måste vara efter öppningstiden" in text(response)
    response = client.post(url, {"day1": "tio till sex"})
    assert "Skriv tiderna som 10:00-18:00" in text(response)
    assert not AuditEntry.objects.exists()


def test_a_librarian_may_not_touch_another_municipalitys_hours(client: Any, world: Any) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.umea)
    url = reverse("staff:admin_branch_hours", args=[world.vannas.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"day0": "08:00-09:00"}).status_code == 403
    assert not OpeningHours.objects.filter(branch=world.vannas, opens=dt.time(8)).exists()


def test_a_municipality_closes_all_its_branches_for_a_day_and_reopens_it(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, municipality=world.vannas_kommun)
    url = reverse("staff:admin_closed_days", args=[world.vannas_kommun.pk])
    response = client.post(url, {"date": "2026-08-14", "reason": "Personaldag"}, follow=True)
    assert "Personaldag" in text(response)
    day = ClosedDay.objects.get(municipality=world.vannas_kommun, date=dt.date(2026, 8, 14))
    assert day.branch is None
    remove = reverse("staff:admin_closed_day_remove", args=[world.vannas_kommun.pk, day.pk])
    client.post(remove)
    assert not ClosedDay.objects.filter(pk=day.pk).exists()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["closed_day.add", "closed_day.remove"]


def test_a_municipality_administrator_adds_a_branch_only_in_their_own_municipality(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, municipality=world.vannas_kommun)
    form = {"code": "pengsjo", "name": "Pengsjö bibliotek", "is_active": "on"}
    client.post(reverse("staff:admin_branch_new", args=[world.vannas_kommun.pk]), form)
    assert Branch.objects.get(code="pengsjo").municipality == world.vannas_kommun
    refused = client.post(
        reverse("staff:admin_branch_new", args=[world.umea_kommun.pk]),
        {**form, "code": "annat"},
    )
    assert refused.status_code == 403 and not Branch.objects.filter(code="annat").exists()
    assert AuditEntry.objects.get().after["name"] == "Pengsjö bibliotek"


def test_editing_a_branch_records_the_old_and_the_new_phone_number(client: Any, world: Any) -> None:
    sign_in(client, StaffRole.REGION_ADMIN)
    url = reverse("staff:admin_branch_edit", args=[world.vannas.pk])
    client.post(
        url,
        {"code": world.vannas.code, "name": world.vannas.name, "phone": "0935-140 00"}
        | {"is_active": "on", "accepts_holds": "on"},
    )
    entry = AuditEntry.objects.get(action="branch.update")
    assert (entry.before["phone"], entry.after["phone"]) == ("", "0935-140 00")


def test_a_librarian_sets_a_fee_rule_for_their_municipality_but_not_the_regions(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.umea)
    new = reverse("staff:admin_rule_new")
    client.post(
        new,
        {"municipality": world.umea_kommun.pk, "material_type": "film", "fee_per_day": "10"},
    )
    rule = LoanRule.objects.get(municipality=world.umea_kommun, material_type="film")
    assert rule.fee_per_day == Decimal("10.00") and rule.loan_days is None
    assert AuditEntry.objects.get(action="rule.create").municipality == world.umea_kommun
    region_row = LoanRule.objects.filter(municipality__isnull=True).first()
    assert region_row is not None
    assert client.get(reverse("staff:admin_rule_edit", args=[region_row.pk])).status_code == 403
    response = client.post(new, {"municipality": world.vannas_kommun.pk, "loan_days": "1"})
    assert response.status_code == 200  # the form again, with the municipality refused
    assert not LoanRule.objects.filter(municipality=world.vannas_kommun).exists()


def test_the_fees_page_says_children_pay_nothing_and_adults_five_kronor_a_day(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.umea)
    body = text(client.get(reverse("staff:admin_fees", args=[world.umea_kommun.pk])))
    assert re.search(rf"{world.child.name}, Bok</th>\s*<td>0,00 kr", body)
    assert re.search(rf"{world.adult.name}, Bok</th>\s*<td>5,00 kr</td>\s*<td>100,00 kr", body)


def test_a_municipality_administrator_makes_a_cataloguer_but_not_a_region_administrator(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, municipality=world.umea_kommun)
    colleague = get_user_model().objects.create_user(username="kalle")
    consortium.assign_staff(user=colleague, branch=world.holmsund)
    url = reverse("staff:admin_staff_edit", args=[colleague.pk])
    client.post(url, {"role": StaffRole.CATALOGUER, "branch": world.holmsund.pk})
    assert StaffProfile.objects.get(user=colleague).role == StaffRole.CATALOGUER
    client.post(url, {"role": StaffRole.REGION_ADMIN, "branch": world.holmsund.pk})
    assert StaffProfile.objects.get(user=colleague).role == StaffRole.CATALOGUER
    entry = AuditEntry.objects.get(action="staff.update")
    assert (entry.before["role"], entry.after["role"]) == ("librarian", "cataloguer")


def test_a_municipality_administrator_cannot_change_staff_of_another_municipality(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, municipality=world.umea_kommun)
    other = get_user_model().objects.create_user(username="vanja")
    consortium.assign_staff(user=other, branch=world.vannas)
    url = reverse("staff:admin_staff_edit", args=[other.pk])
    assert (
        client.post(url, {"role": StaffRole.MODERATOR, "branch": world.vannas.pk}).status_code
        == 403
    )
    assert "vanja" not in text(client.get(reverse("staff:admin_staff")))


def test_a_new_colleague_gets_an_account_that_can_sign_in_at_their_branches(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.REGION_ADMIN)
    client.post(
        reverse("staff:admin_staff_new"),
        {
            "username": "nybörjare",
            "first_name": "Nora",
            "last_name": "Nilsson",
            "password": "ett-långt-lösenord-42",
            "role": StaffRole.LIBRARIAN,
            "branch": world.umea.pk,
            "branches": [world.holmsund.pk],
        },
    )
    profile = StaffProfile.objects.get(user__username="nybörjare")
    assert {b.code for b in profile.branches.all()} == {"umea", "holmsund"}
    client.logout()
    assert client.login(username="nybörjare", password="ett-långt-lösenord-42")
    assert AuditEntry.objects.get(action="staff.assign").municipality == world.umea_kommun


def test_the_audit_log_shows_a_municipality_administrator_only_their_municipality(
    client: Any, world: Any
) -> None:
    admin = sign_in(client, StaffRole.REGION_ADMIN)
    client.post(
        reverse("staff:admin_closed_days", args=[world.umea_kommun.pk]),
        {"date": "2026-09-01", "reason": "Inventering i Umeå"},
    )
    client.post(
        reverse("staff:admin_closed_days", args=[world.vannas_kommun.pk]),
        {"date": "2026-09-02", "reason": "Inventering i Vännäs"},
    )
    body = text(client.get(reverse("staff:admin_audit")))
    assert "Inventering i Umeå" in body and "Inventering i Vännäs" in body
    assert admin.get_username() in body and "Ny stängd dag" in body
    client.logout()
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, municipality=world.vannas_kommun)
    body = text(client.get(reverse("staff:admin_audit")))
    assert "Inventering i Vännäs" in body and "Inventering i Umeå" not in body


def test_the_administration_lists_only_the_municipalities_in_scope(client: Any, world: Any) -> None:
    sign_in(client, StaffRole.LIBRARIAN, branch=world.vannas)
    body = text(client.get(reverse("staff:admin")))
    assert "Vännäs" in body and world.holmsund.name not in body


def test_the_staff_page_shows_the_permission_table_the_code_enforces(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.REGION_ADMIN)
    body = text(client.get(reverse("staff:admin_staff")))
    row = body[body.index("Ge personal roller och bibliotek") :]
    row = row[: row.index("</tr>")]
    # region admin, municipality admin, librarian, cataloguer, moderator
    assert re.findall(r"<td>(?:ja|<span[^>]*>nej</span>)</td>", row) == [
        "<td>ja</td>",
        "<td>ja</td>",
        '<td><span class="muted">nej</span></td>',
        '<td><span class="muted">nej</span></td>',
        '<td><span class="muted">nej</span></td>',
    ]
