"""Anonymous statistics computed from loans: which titles are borrowed together.

The job reads what the library knows anyway — who has what on loan right now — and
keeps only pair counts, so "others also borrowed" never needs a reading history.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F

from folkbib.circulation.models import CoBorrowing, JobMark, Loan, LoanStatus

MARK = "co-borrowing"
#: A loan is paired with the others a patron has out at most this many (a bulk borrower
#: such as a school class would otherwise flood the counts with unrelated pairs).
MAX_PARTNERS = 20


def _mark(now: dt.datetime) -> JobMark:
    mark = JobMark.objects.select_for_update().filter(name=MARK).first()
    if mark is None:
        try:
            with transaction.atomic():
                # First run: start from now; old loans were lent before anyone asked.
                JobMark.objects.create(name=MARK, until=now)
        except IntegrityError:
            pass
        mark = JobMark.objects.select_for_update().get(name=MARK)
    return mark


@transaction.atomic
def count_co_borrowing(*, now: dt.datetime) -> int:
    """Count the pairs made by loans since the last run; returns how many pairs grew.

    Each new loan is paired with the other titles its patron has on loan; the mark
    moves to ``now`` in the same transaction (under a row lock), so two runs at once
    count every loan exactly once.
    """
    mark = _mark(now)
    if mark.until >= now:
        return 0
    new = list(
        Loan.objects.filter(
            checked_out_at__gt=mark.until, checked_out_at__lte=now, patron__isnull=False
        ).values_list("patron_id", "item__record_id", "id")
    )
    pairs: Counter[tuple[int, int]] = Counter()
    patrons = {patron_id for patron_id, _record, _loan in new}
    out: dict[int, list[tuple[int, int]]] = {}
    for patron_id, record_id, loan_id in (
        Loan.objects.filter(patron_id__in=patrons, status=LoanStatus.ACTIVE)
        .order_by("-checked_out_at")
        .values_list("patron_id", "item__record_id", "id")
    ):
        out.setdefault(patron_id, []).append((record_id, loan_id))
    new_ids = {loan_id for _patron, _record, loan_id in new}
    for patron_id, record_id, loan_id in new:
        partners = [
            other
            for other, other_loan in out.get(patron_id, [])[: MAX_PARTNERS + 1]
            # Two new loans pair once: from the one with the larger id.
            if other != record_id and not (other_loan in new_ids and other_loan > loan_id)
        ]
        for other in set(partners):
            pairs[(min(record_id, other), max(record_id, other))] += 1
    for (a, b), n in pairs.items():
        updated = CoBorrowing.objects.filter(record_a_id=a, record_b_id=b).update(
            count=F("count") + n
        )
        if not updated:
            CoBorrowing.objects.create(record_a_id=a, record_b_id=b, count=n)
    mark.until = now
    mark.save(update_fields=["until"])
    return len(pairs)
