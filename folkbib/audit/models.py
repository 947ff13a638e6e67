"""The staff audit: who changed what, when, and what it was before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from folkbib.consortium.models import Municipality


class AuditEntry(models.Model):
    """One staff change. Written only by ``audit.services.record_change``; never edited.

    ``staff_name`` keeps the name when the account is later removed. ``municipality``
    is the one the change belongs to (empty for region-wide changes), so a municipality
    administrator reads their own part of the log.
    """

    at = models.DateTimeField()
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    staff_name = models.CharField(max_length=150)
    action = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40, blank=True)
    subject_label = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.staff_name} {self.action} {self.subject_label}"
