"""Patrons and the one library card that is valid at every branch of the region."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch


class PatronCategory(models.Model):
    """adult, child, youth, staff, institution … — configurable per region."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=100)
    is_child = models.BooleanField(default=False, help_text=_("children never pay fees"))
    card_valid_years = models.PositiveSmallIntegerField(default=5)

    class Meta:
        verbose_name_plural = "patron categories"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("E-post")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("Brev")
    NONE = "none", _("Inga meddelanden")


class Patron(models.Model):
    """A borrower (låntagare). ``card_number`` is the one card, valid everywhere."""

    card_number = models.CharField(max_length=32, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    birth_date = models.DateField(null=True, blank=True)
    # Stored only when the patron gives it; compact form YYYYMMDDNNNN.
    personnummer = models.CharField(max_length=12, null=True, blank=True, unique=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    street_address = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=16, blank=True)
    city = models.CharField(max_length=100, blank=True)
    home_branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="patrons")
    category = models.ForeignKey(PatronCategory, on_delete=models.PROTECT, related_name="+")
    pin_hash = models.CharField(max_length=200, help_text=_("Django password hash; never clear"))
    card_expires = models.DateField()
    # Privacy choices: nothing about reading is kept unless the patron opts in.
    keep_loan_history = models.BooleanField(default=False)
    notice_channel = models.CharField(
        max_length=10, choices=NoticeChannel.choices, default=NoticeChannel.EMAIL
    )
    language = models.CharField(max_length=8, default="sv")
    preferred_pickup_branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the personal data was removed on request (GDPR); the row stays so that
    # paid fees and the desk's audit still point at something, but it names nobody.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.card_number})"


class RetiredCard(models.Model):
    """A card number that no longer works (lost, stolen, replaced); the account lives on."""

    card_number = models.CharField(max_length=32, unique=True)
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="retired_cards")
    retired_at = models.DateTimeField()
    reason = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.card_number


class BlockReason(models.TextChoices):
    LOST_CARD = "lost_card", _("Kortet anmält förlorat")
    FEES = "fees", _("Obetalda avgifter")
    OVERDUE = "overdue", _("Försenade lån")
    CARD_EXPIRED = "expired", _("Kortet har gått ut")
    STAFF = "staff", _("Spärrad av personal")


class PatronBlock(models.Model):
    """A reason a patron may not borrow; active while ``lifted_at`` is empty."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="blocks")
    reason = models.CharField(max_length=20, choices=BlockReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["patron", "lifted_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"


class LoginThrottle(models.Model):
    """Failed sign-ins counted per key ("card:10000001", "ip:192.0.2.1"), in the database.

    In the database, not in process memory, so every app process behind a load balancer
    sees the same count.
    """

    key = models.CharField(max_length=100, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
