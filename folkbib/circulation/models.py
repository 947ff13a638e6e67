"""Circulation: the rules, loans, holds, transits, fees, anonymous statistics and notices.

Invariants the services keep (and the soak test checks):

- an item has at most one active loan (a partial unique constraint, so even a race
  between two processes ends with one loan and one ``IntegrityError``);
- an item is allocated to at most one active hold, and has at most one open transit;
- a patron has at most one active hold per title;
- ``Item.status`` agrees with these rows: ``on_loan`` with an active loan,
  ``in_transit`` with an open transit, ``on_hold_shelf`` with a ready hold.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from folkbib.catalog.models import Item, MaterialType, Record
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import Patron, PatronCategory


class LoanRule(models.Model):
    """One row of the rules matrix; empty fields inherit from less specific rows.

    Scope: municipality (and optionally one of its branches) × patron category ×
    material type, each empty for "any". A field left empty here is taken from the
    next most specific matching row; see ``circulation.rules.resolve`` for the order.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    patron_category = models.ForeignKey(
        PatronCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    material_type = models.CharField(max_length=20, choices=MaterialType.choices, blank=True)

    loan_days = models.PositiveSmallIntegerField(null=True, blank=True)
    loan_days_when_queued = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("loan period when others are queued for the title")
    )
    renewals = models.PositiveSmallIntegerField(null=True, blank=True)
    max_loans = models.PositiveSmallIntegerField(null=True, blank=True)
    max_loans_of_type = models.PositiveSmallIntegerField(null=True, blank=True)
    holds_allowed = models.BooleanField(null=True, blank=True)
    hold_shelf_days = models.PositiveSmallIntegerField(null=True, blank=True)
    fee_per_day = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    fee_cap = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    block_threshold = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text=_("blocked from (kr)")
    )
    lost_item_fee = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("charged for a lost item that has no price of its own"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "branch", "patron_category", "material_type"],
                name="one_rule_per_scope",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        parts = [
            str(self.branch or self.municipality or "region"),
            str(self.patron_category or "*"),
            self.material_type or "*",
        ]
        return " × ".join(parts)


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("Utlånad")
    RETURNED = "returned", _("Återlämnad")
    LOST = "lost", _("Förlorad")
    CLAIMS_RETURNED = "claims_returned", _("Uppges återlämnad")


class Loan(models.Model):
    """A loan. Once returned, ``patron`` is kept only if the patron opted in to history."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="loans")
    patron = models.ForeignKey(
        Patron, on_delete=models.SET_NULL, null=True, blank=True, related_name="loans"
    )
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=LoanStatus.choices, default=LoanStatus.ACTIVE)
    checked_out_at = models.DateTimeField()
    due_date = models.DateField()
    renewals = models.PositiveSmallIntegerField(default=0)
    last_renewed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    return_branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The overdue notice levels already sent (0-3), so a notice is never repeated.
    overdue_notices = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="active"), name="one_active_loan_per_item"
            ),
        ]
        indexes = [
            models.Index(fields=["patron", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"loan of {self.item_id} ({self.status})"


class HoldStatus(models.TextChoices):
    WAITING = "waiting", _("I kö")
    IN_TRANSIT = "in_transit", _("På väg till avhämtningsbiblioteket")
    READY = "ready", _("Kan hämtas")
    FULFILLED = "fulfilled", _("Utlånad")
    CANCELLED = "cancelled", _("Avbokad")
    EXPIRED = "expired", _("Inte hämtad")


ACTIVE_HOLD_STATUSES = (HoldStatus.WAITING, HoldStatus.IN_TRANSIT, HoldStatus.READY)


class Hold(models.Model):
    """A reservation of a title (any copy) or, with ``item``, of one copy.

    The queue of a title is its active holds ordered by ``priority`` (higher first,
    staff-settable) then ``placed_at``; positions are computed, never stored, so they
    are always contiguous. ``allocated_item`` is the copy meant for this hold: to be
    fetched from the shelf while waiting, on its way while in transit, on the hold
    shelf while ready.
    """

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="holds")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="holds")
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, null=True, blank=True, related_name="item_holds"
    )
    pickup_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=HoldStatus.choices, default=HoldStatus.WAITING)
    priority = models.SmallIntegerField(default=0)
    placed_at = models.DateTimeField()
    suspended = models.BooleanField(default=False)
    suspended_until = models.DateField(null=True, blank=True)
    allocated_item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ready_at = models.DateTimeField(null=True, blank=True)
    pickup_by = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patron", "record"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="one_active_hold_per_patron_and_title",
            ),
            models.UniqueConstraint(
                fields=["allocated_item"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="one_active_hold_per_allocated_item",
            ),
        ]
        indexes = [
            models.Index(fields=["record", "status"]),
            models.Index(fields=["patron", "status"]),
            models.Index(fields=["status", "pickup_by"]),
        ]

    def __str__(self) -> str:
        return f"hold {self.pk} on record {self.record_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_HOLD_STATUSES


class TransitReason(models.TextChoices):
    HOME = "home", _("Hem till ägande bibliotek")
    HOLD = "hold", _("Reservation")


class Transit(models.Model):
    """An item on its way between branches; open while ``arrived_at`` is empty."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="transits")
    from_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    to_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=10, choices=TransitReason.choices)
    hold = models.ForeignKey(
        Hold, on_delete=models.SET_NULL, null=True, blank=True, related_name="transits"
    )
    sent_at = models.DateTimeField()
    arrived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(arrived_at__isnull=True), name="one_open_transit"
            ),
        ]
        indexes = [models.Index(fields=["to_branch", "arrived_at"])]

    def __str__(self) -> str:
        return f"transit of {self.item_id} to {self.to_branch_id}"


class FeeKind(models.TextChoices):
    OVERDUE = "overdue", _("Förseningsavgift")
    LOST = "lost", _("Ersättning för förlorat exemplar")
    OTHER = "other", _("Övrig avgift")


class Fee(models.Model):
    """Money a patron owes; open while ``amount`` exceeds what was paid and waived."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="fees")
    loan = models.ForeignKey(
        Loan, on_delete=models.SET_NULL, null=True, blank=True, related_name="fees"
    )
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=FeeKind.choices)
    description = models.CharField(max_length=300, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    paid = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    waived = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Overdue fees grow daily until the loan closes; then the amount is final.
    is_final = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "kind"],
                condition=Q(loan__isnull=False),
                name="one_fee_per_loan_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["patron", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} kr"

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.paid - self.waived


class FeeTransactionKind(models.TextChoices):
    PAYMENT = "payment", _("Betalning")
    WAIVER = "waiver", _("Avskrivning")


class FeeTransaction(models.Model):
    """A payment or waiver against one fee, with who took it and where."""

    fee = models.ForeignKey(Fee, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(max_length=10, choices=FeeTransactionKind.choices)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    at = models.DateTimeField()
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} kr"


class EventKind(models.TextChoices):
    CHECKOUT = "checkout", _("Utlån")
    RENEWAL = "renewal", _("Omlån")
    CHECKIN = "checkin", _("Återlämning")
    HOLD_PLACED = "hold_placed", _("Reservation")
    HOLD_FILLED = "hold_filled", _("Reservation uppfylld")
    TRANSIT = "transit", _("Transport")


class CirculationEvent(models.Model):
    """Anonymous statistics, kept for everyone: no patron, no item, no time of day.

    Enough for loans and flows between municipalities (the basis of cost sharing):
    the day, where it happened, whose item it was, where the patron lives.
    """

    day = models.DateField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    owning_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+"
    )
    patron_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    patron_category = models.CharField(max_length=32, blank=True)
    material_type = models.CharField(max_length=20, blank=True)
    # Groups, not values (see ``reports.dimensions``): an age band, never a birth date;
    # a shelf class, never a shelf mark.
    age_group = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=3, blank=True)
    shelf_class = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [models.Index(fields=["day", "kind"])]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}"


class StatisticsSalt(models.Model):
    """The secret of one year's ``ActiveBorrower`` tokens; deleted once the year is reported.

    While it exists, a token can be recomputed from a patron id (so a second loan that
    year is not counted twice); once it is gone the year's tokens are random strings.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"salt {self.year}"


class ActiveBorrower(models.Model):
    """One patron who borrowed at least once in ``year``: a salted hash, nothing more.

    Counts "active borrowers" for the national statistics without keeping who read what:
    no loan, no title, no date; only the home municipality, for the per-municipality count.
    """

    year = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=64)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "token"], name="one_token_per_year"),
        ]

    def __str__(self) -> str:
        return f"active borrower {self.year}"


class StaffAction(models.Model):
    """Who did what, where and when at a desk; names the item or fee, never a reading."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    action = models.CharField(max_length=40)
    subject = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Påminnelse om återlämning")
    OVERDUE_1 = "overdue_1", _("Försenat lån (1:a påminnelsen)")
    OVERDUE_2 = "overdue_2", _("Försenat lån (2:a påminnelsen)")
    OVERDUE_3 = "overdue_3", _("Försenat lån (3:e påminnelsen)")
    HOLD_READY = "hold_ready", _("Reservation att hämta")
    HOLD_EXPIRED = "hold_expired", _("Reservation inte hämtad")
    CARD_EXPIRING = "card_expiring", _("Lånekortet går snart ut")
    LIBRARIAN_REPLY = "librarian_reply", _("Svar från biblioteket")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckades")
    SKIPPED = "skipped", _("Inget sätt att nå låntagaren")


class Notice(models.Model):
    """A message to a patron. ``key`` is unique, so the same notice is never made twice."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=10)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    # When a run last claimed it for sending (status ``sending``, or the failed attempt).
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} to {self.patron_id} ({self.status})"


class CoBorrowing(models.Model):
    """How often two titles were on loan to the same patron at once: a count, nothing more.

    Feeds "others also borrowed". No patron, no date: once counted, nobody can tell
    who borrowed what. ``record_a_id < record_b_id``; pairs below a minimum count are
    never shown, so a single reader cannot be recognised from a rare pair.
    """

    record_a = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_a", "record_b"], name="one_count_per_pair"),
            models.CheckConstraint(
                condition=Q(record_a__lt=models.F("record_b")), name="pair_in_order"
            ),
        ]
        indexes = [models.Index(fields=["record_b", "count"])]

    def __str__(self) -> str:
        return f"{self.record_a_id}+{self.record_b_id}: {self.count}"


class JobMark(models.Model):
    """How far a periodic job has got (a high-water mark), so each row is counted once."""

    name = models.CharField(max_length=50, unique=True)
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} until {self.until:%Y-%m-%d %H:%M}"
