"""The rules matrix: define a rule for a scope, and the Swedish defaults of the demo."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import LoanRule
from folkbib.circulation.rules import SETTINGS
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import PatronCategory


@transaction.atomic
def define_rule(
    *,
    municipality: Municipality | None = None,
    branch: Branch | None = None,
    patron_category: PatronCategory | None = None,
    material_type: str = "",
    **settings: Any,
) -> LoanRule:
    """Create the rule for this scope or set exactly these settings on it.

    Settings not given are left empty (inherited from less specific rules). The scope
    is unique; the lookup here keeps it so on SQLite too, where NULLs are distinct.
    """
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise CirculationError(f"unknown rule settings: {', '.join(sorted(unknown))}")
    if branch is not None:
        municipality = branch.municipality
    values = {name: settings.get(name) for name in SETTINGS}
    rule, _created = LoanRule.objects.update_or_create(
        municipality=municipality,
        branch=branch,
        patron_category=patron_category,
        material_type=material_type,
        defaults=values,
    )
    return rule


def define_swedish_defaults(*, categories: dict[str, PatronCategory]) -> list[LoanRule]:
    """Books 28 days (14 when others queue), films 7, 3 renewals, no fees under 18.

    Adults pay 5 kr a day for a late item, at most 100 kr per loan, and cannot borrow
    from 100 kr owed; children and young people never pay and are never fee-blocked.
    """
    made = [
        define_rule(
            loan_days=28,
            loan_days_when_queued=14,
            renewals=3,
            max_loans=50,
            holds_allowed=True,
            hold_shelf_days=7,
            fee_per_day=Decimal("5.00"),
            fee_cap=Decimal("100.00"),
            block_threshold=Decimal("100.00"),
            lost_item_fee=Decimal("300.00"),
        ),
        define_rule(
            material_type="film", loan_days=7, loan_days_when_queued=7, max_loans_of_type=10
        ),
    ]
    for code in ("child", "youth"):
        if code in categories:
            made.append(
                define_rule(
                    patron_category=categories[code],
                    fee_per_day=Decimal("0.00"),
                    fee_cap=Decimal("0.00"),
                    block_threshold=Decimal("0.00"),
                    lost_item_fee=Decimal("0.00"),
                )
            )
    return made
