"""Kiosks and SIP2 terminals: registered from the staff pages, within scope, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.protocols.sip2 import services as sip2
from folkbib.protocols.sip2.errors import UnknownTerminal
from folkbib.protocols.sip2.models import Sip2Terminal
from folkbib.staff.tests.helpers import text
from folkbib.talking.models import Kiosk

pytestmark = pytest.mark.django_db


def sign_in(client: Any, role: str, **places: Any) -> Any:
    user = get_user_model().objects.create_user(username=f"u-{role}")
    consortium.assign_staff(user=user, role=role, **places)
    client.force_login(user)
    return user


TERMINAL = {
    "username": "sjalvservice-vannas",
    "institution_id": "VANNAS",
    "language": "sv",
    "encoding": "utf-8",
    "pin_required": "on",
    "is_active": "on",
}


def test_a_municipality_administrator_registers_a_kiosk_at_their_own_branch(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, branch=None, municipality=world.vannas_kommun)
    new = reverse("staff:admin_kiosk_new")
    form = {"name": "Talboksdatorn", "default_language": "sv", "is_active": "on"}
    client.post(new, form | {"branch": world.vannas.pk})
    kiosk = Kiosk.objects.get()
    assert kiosk.branch == world.vannas
    assert f"/talking/?kiosk={kiosk.pk}" in text(client.get(reverse("staff:admin_devices")))
    client.post(new, form | {"name": "Umeås", "branch": world.umea.pk})
    assert Kiosk.objects.count() == 1
    assert AuditEntry.objects.get().action == "kiosk.create"


def test_a_new_terminal_signs_in_and_a_later_edit_keeps_its_password(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, branch=world.vannas)
    client.post(
        reverse("staff:admin_terminal_new"),
        TERMINAL | {"branch": world.vannas.pk, "password": "hemligt-1"},
    )
    terminal = sip2.authenticate_terminal(username="sjalvservice-vannas", password="hemligt-1")
    assert terminal.branch == world.vannas and terminal.pin_required
    edit = reverse("staff:admin_terminal_edit", args=[terminal.pk])
    client.post(edit, TERMINAL | {"branch": world.vannas.pk, "language": "en"})
    terminal = sip2.authenticate_terminal(username="sjalvservice-vannas", password="hemligt-1")
    assert terminal.language == "en"
    client.post(edit, TERMINAL | {"branch": world.vannas.pk, "password": "nytt-2"})
    with pytest.raises(UnknownTerminal):
        sip2.authenticate_terminal(username="sjalvservice-vannas", password="hemligt-1")
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == ["sip2_terminal.create"] + ["sip2_terminal.update"] * 2
    assert all("hemligt" not in str(e.after) and "pbkdf2" not in str(e.after) for e in entries)
    assert entries[-1].after["password"] == "***"


def test_a_new_terminal_needs_a_password_and_another_municipalitys_is_out_of_reach(
    client: Any, world: Any
) -> None:
    sign_in(client, StaffRole.MUNICIPALITY_ADMIN, branch=world.vannas)
    client.post(reverse("staff:admin_terminal_new"), TERMINAL | {"branch": world.vannas.pk})
    assert not Sip2Terminal.objects.exists()
    theirs = sip2.define_terminal(
        username="umea-1", password="x", branch=world.umea, institution_id="UMEA", now=world.now
    )
    edit = reverse("staff:admin_terminal_edit", args=[theirs.pk])
    assert client.get(edit).status_code == 403
    assert "umea-1" not in text(client.get(reverse("staff:admin_devices")))
