"""Staff changes to the rules matrix (loan periods, renewals, fees), each audited.

``matrix.define_rule`` is the set-up path; here a librarian or administrator edits one
row with the scope and settings a form gave, and the audit keeps the row before and
after. Who may touch which municipality's rows is the caller's check (``staff.roles``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.audit.services import record_change, save_audited, snapshot
from folkbib.circulation.errors import CirculationError, RuleScopeTaken
from folkbib.circulation.models import LoanRule
from folkbib.circulation.rules import SETTINGS
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import PatronCategory

SCOPE_FIELDS = ("municipality", "branch", "patron_category", "material_type")
RULE_FIELDS = SCOPE_FIELDS + SETTINGS


@transaction.atomic
def save_rule(
    *,
    staff: Any,
    rule: LoanRule | None,
    municipality: Municipality | None,
    branch: Branch | None,
    patron_category: PatronCategory | None,
    material_type: str,
    settings: Mapping[str, Any],
    now: dt.datetime,
) -> LoanRule:
    """Create a row (``rule`` None) or give ``rule`` this scope and exactly these settings.

    A setting left None is inherited from less specific rows. A branch implies its
    municipality. Raises :class:`RuleScopeTaken` when another row has the same scope.
    """
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise CirculationError(f"unknown rule settings: {', '.join(sorted(unknown))}")
    if branch is not None:
        municipality = branch.municipality
    clash = LoanRule.objects.filter(
        municipality=municipality,
        branch=branch,
        patron_category=patron_category,
        material_type=material_type,
    )
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise RuleScopeTaken(_("Det finns redan en rad för just den här kombinationen; ändra den."))
    scope = {
        "municipality": municipality,
        "branch": branch,
        "patron_category": patron_category,
        "material_type": material_type,
    }
    return save_audited(
        staff=staff,
        instance=rule or LoanRule(),
        fields=RULE_FIELDS,
        values=scope | {name: settings.get(name) for name in SETTINGS},
        action="rule",
        now=now,
    )


@transaction.atomic
def remove_rule(*, staff: Any, rule: LoanRule, now: dt.datetime) -> None:
    """Delete a row; what it set is inherited from less specific rows from now on."""
    record_change(
        staff=staff,
        action="rule.remove",
        subject=rule,
        before=snapshot(rule, RULE_FIELDS),
        after=None,
        now=now,
        municipality=rule.municipality_id,
    )
    rule.delete()
