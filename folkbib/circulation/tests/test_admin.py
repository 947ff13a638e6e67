"""Region administrators edit the rules matrix in the admin; a scope exists once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.circulation.models import LoanRule

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_rule_and_cannot_add_the_same_scope_twice(world, admin_client):
    url = reverse("admin:circulation_loanrule_add")
    data = {"municipality": world.vannas_kommun.id, "material_type": "film", "loan_days": "5"}
    assert admin_client.post(url, data).status_code == 302
    assert (
        LoanRule.objects.get(municipality=world.vannas_kommun, material_type="film").loan_days == 5
    )
    again = admin_client.post(url, data)
    assert "Det finns redan en regel" in again.content.decode()
    assert admin_client.get(reverse("admin:circulation_loanrule_changelist")).status_code == 200


def test_a_branch_rule_must_name_the_branchs_own_municipality(world, admin_client):
    url = reverse("admin:circulation_loanrule_add")
    data = {"municipality": world.vannas_kommun.id, "branch": world.umea.id, "loan_days": "5"}
    assert "hör inte till" in admin_client.post(url, data).content.decode()
