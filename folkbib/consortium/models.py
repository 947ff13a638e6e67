"""The region: municipalities that share one catalogue, and their branches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A member of the region (kommun): owns branches, rules and fees."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    code = models.CharField(max_length=16, unique=True, help_text=_("e.g. the SCB code 2480"))
    name = models.CharField(max_length=200)
    floating_collection = models.BooleanField(
        default=False,
        help_text=_(
            "a returned item stays at the branch of this municipality where it was returned "
            "instead of going home"
        ),
    )
    shares_patrons = models.BooleanField(
        default=True,
        help_text=_(
            "staff of the other municipalities may look up and edit this municipality's "
            "patrons (the desk serves every card regardless)"
        ),
    )

    class Meta:
        verbose_name_plural = "municipalities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    """A library (bibliotek, filial); a bookmobile counts as a branch."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="branches"
    )
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    street_address = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=16, blank=True)
    city = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    is_mobile = models.BooleanField(default=False, help_text=_("a bookmobile (bokbuss)"))
    is_active = models.BooleanField(default=True)
    accepts_holds = models.BooleanField(
        default=True, help_text=_("patrons may choose it as the pickup branch for holds")
    )

    class Meta:
        verbose_name_plural = "branches"
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """Regular weekly hours; a branch with no row for a weekday is closed that day."""

    branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(help_text=_("0 = Monday … 6 = Sunday"))
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["branch", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="weekday_0_to_6"
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens:%H:%M}-{self.closes:%H:%M}"


class ClosedDay(models.Model):
    """A day a branch (or, with no branch, every branch of a municipality) is closed."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="closed_days"
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, null=True, blank=True, related_name="closed_days"
    )
    date = models.DateField(db_index=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "branch", "date"], name="one_closed_day_entry"
            ),
            # NULLs are distinct in a plain unique constraint, so municipality-wide
            # days (branch empty) need their own partial constraint.
            models.UniqueConstraint(
                fields=["municipality", "date"],
                condition=models.Q(branch__isnull=True),
                name="one_municipal_closed_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.reason}"


class BranchDistance(models.Model):
    """Transport between two branches, used to route holds and transits."""

    from_branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+")
    to_branch = models.ForeignKey(Branch, on_delete=models.CASCADE, related_name="+")
    kilometres = models.PositiveIntegerField()
    transit_days = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_branch", "to_branch"], name="one_distance"),
        ]

    def __str__(self) -> str:
        return f"{self.from_branch_id} -> {self.to_branch_id}: {self.kilometres} km"


class StaffRole(models.TextChoices):
    """What a staff member may do; ``folkbib.staff.roles`` maps each role to permissions."""

    REGION_ADMIN = "region_admin", _("Regionadministratör")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Kommunadministratör")
    LIBRARIAN = "librarian", _("Bibliotekarie")
    CATALOGUER = "cataloguer", _("Katalogisatör")
    MODERATOR = "moderator", _("Moderator")


class StaffProfile(models.Model):
    """Where a staff user works and in what role; the desk defaults to ``branch``.

    ``branches`` are the libraries a librarian works at (``branch`` among them, the one
    the desk opens at). The user's municipality, which bounds what they may configure, is
    ``municipality`` when set (a municipality administrator need not stand at a desk),
    else that of ``branch``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    branches = models.ManyToManyField(Branch, blank=True, related_name="staff_members")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    role = models.CharField(max_length=20, choices=StaffRole.choices, default=StaffRole.LIBRARIAN)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class NoticeText(models.Model):
    """A municipality's own wording of one kind of notice in one language and channel.

    It replaces the standard text (``templates/notices/``) for patrons whose home branch
    is in the municipality. ``kind`` is a ``circulation.NoticeKind`` value and ``channel``
    ``"email"`` (e-mail and letters) or ``"sms"``; the body holds ``{placeholders}``
    (see ``circulation.notices.texts``), never template code.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="notice_texts"
    )
    kind = models.CharField(max_length=30)
    language = models.CharField(max_length=8)
    channel = models.CharField(max_length=10)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "language", "channel"], name="one_notice_text"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.kind} {self.language} {self.channel}"
