"""A municipality words its own notices; its patrons get them, everyone else the standard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.circulation.models import NoticeKind
from folkbib.circulation.notices import texts
from folkbib.circulation.notices.rendering import render
from folkbib.consortium import services as consortium
from folkbib.consortium.models import NoticeText, StaffRole
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db

READY = {"title": "Mio, min Mio", "author": "", "branch": "Vännäs bibliotek"}


def ready_context() -> dict[str, Any]:
    return READY | {"pickup_by": dt.date(2026, 6, 22)}


def admin_of(client: Any, municipality: Any) -> Any:
    user = get_user_model().objects.create_user(username="kommunadmin")
    consortium.assign_staff(
        user=user, branch=None, role=StaffRole.MUNICIPALITY_ADMIN, municipality=municipality
    )
    client.force_login(user)
    return user


def test_placeholders_are_filled_and_an_unknown_one_stays_as_written() -> None:
    filled = texts.fill(
        "Hej {first_name}! {title} väntar till {pickup_by}. {titel}",
        {"first_name": "Anna", "title": "Mio", "pickup_by": dt.date(2026, 6, 22)},
        language="sv",
    )
    assert filled == "Hej Anna! Mio väntar till 22 juni 2026. {titel}"


def test_a_municipalitys_own_text_reaches_its_patrons_and_no_one_elses(
    client: Any, world: Any
) -> None:
    admin_of(client, world.vannas_kommun)
    url = reverse(
        "staff:admin_notice_edit",
        args=[world.vannas_kommun.pk, NoticeKind.HOLD_READY, "sv", "email"],
    )
    response = client.post(
        url,
        {"subject": "Hämta {title}", "body": "Hej {first_name}, {title} finns på {branch}."},
        follow=True,
    )
    assert "Den egna texten är sparad." in text(response)
    in_vannas = world.patron(home=world.vannas, first_name="Vera")
    in_umea = world.patron(home=world.umea, first_name="Ulla")
    ours = render(NoticeKind.HOLD_READY, patron=in_vannas, channel="email", context=ready_context())
    theirs = render(NoticeKind.HOLD_READY, patron=in_umea, channel="email", context=ready_context())
    assert ours.subject == "Hämta Mio, min Mio"
    assert ours.body == "Hej Vera, Mio, min Mio finns på Vännäs bibliotek."
    assert "Vera" not in theirs.body and theirs.subject == "Din reservation kan hämtas"
    entry = AuditEntry.objects.get(action="notice_text.set")
    assert entry.before is None and entry.after["body"].startswith("Hej {first_name}")


def test_the_english_and_sms_texts_are_separate_from_the_swedish_e_mail(
    client: Any, world: Any
) -> None:
    admin_of(client, world.vannas_kommun)
    args = [world.vannas_kommun.pk, NoticeKind.HOLD_READY, "en", "sms"]
    client.post(reverse("staff:admin_notice_edit", args=args), {"body": "{title} is ready."})
    patron = world.patron(home=world.vannas)
    swedish = render(NoticeKind.HOLD_READY, patron=patron, channel="email", context=ready_context())
    assert "is ready" not in swedish.body
    patron.language = "en"
    english_sms = render(
        NoticeKind.HOLD_READY, patron=patron, channel="sms", context=ready_context()
    )
    assert english_sms.body == "Mio, min Mio is ready."


def test_resetting_brings_back_the_standard_text(client: Any, world: Any) -> None:
    admin_of(client, world.vannas_kommun)
    args = [world.vannas_kommun.pk, NoticeKind.DUE_SOON, "sv", "email"]
    client.post(reverse("staff:admin_notice_edit", args=args), {"body": "Egen"})
    client.post(reverse("staff:admin_notice_reset", args=args))
    assert not NoticeText.objects.exists()
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "notice_text.set",
        "notice_text.reset",
    ]


def test_the_edit_page_shows_the_standard_text_and_refuses_another_municipality(
    client: Any, world: Any
) -> None:
    admin_of(client, world.vannas_kommun)
    own = reverse(
        "staff:admin_notice_edit", args=[world.vannas_kommun.pk, NoticeKind.HOLD_READY, "sv", "sms"]
    )
    assert "Pippi Långstrump" in text(client.get(own))
    other = reverse(
        "staff:admin_notice_edit", args=[world.umea_kommun.pk, NoticeKind.HOLD_READY, "sv", "sms"]
    )
    assert client.post(other, {"body": "x"}).status_code == 403
    assert not NoticeText.objects.exists()
