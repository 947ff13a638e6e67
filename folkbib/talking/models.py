"""The kiosk registry: which talking-library kiosks exist, where, and in which language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch


class Kiosk(models.Model):
    """A library PC, tablet or phone station running the talking kiosk at a branch.

    The kiosk page is opened as ``/talking/?kiosk=<id>``; the branch is offered first as
    pickup branch and its language is the default until the listener chooses another.
    """

    name = models.CharField(_("namn"), max_length=100)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="kiosks", verbose_name=_("bibliotek")
    )
    default_language = models.CharField(
        _("standardspråk"),
        max_length=8,
        choices=[("sv", _("Svenska")), ("en", _("English"))],
        default="sv",
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosker")
        ordering = ["branch__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="talking_kiosk_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.branch.name})"


class KioskVisits(models.Model):
    """How many listeners opened a talking kiosk on a day at a branch: a count, nothing else.

    A listener is counted once per day per browser session, whoever they are; the
    branch is the kiosk's (none for a phone opening the page outside a library).
    """

    day = models.DateField()
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "branch"], name="talking_one_count_per_day", nulls_distinct=False
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.visits}"
