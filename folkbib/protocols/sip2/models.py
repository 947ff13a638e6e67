"""SIP2 terminal accounts: each self-check machine or sorter signs in as one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Branch


class Sip2Encoding(models.TextChoices):
    UTF8 = "utf-8", "UTF-8"
    CP850 = "cp850", "cp850 (DOS Latin 1)"


class Sip2Terminal(models.Model):
    """A terminal account (login 93: CN/CO), bound to the branch where the machine stands.

    Every checkout and checkin from the terminal happens at ``branch``; its screen
    messages are in ``language``; its bytes are in ``encoding``.
    """

    username = models.CharField(max_length=64, unique=True)
    password_hash = models.CharField(max_length=200, help_text=_("Django-lösenordshash"))
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    institution_id = models.CharField(max_length=64, help_text=_("SIP2 AO, t.ex. UMEA"))
    location_code = models.CharField(max_length=64, blank=True, help_text=_("SIP2 AN"))
    language = models.CharField(max_length=8, default="sv")
    encoding = models.CharField(
        max_length=10, choices=Sip2Encoding.choices, default=Sip2Encoding.UTF8
    )
    pin_required = models.BooleanField(
        default=True, help_text=_("låntagare anger sin PIN-kod innan de lånar eller betalar")
    )
    shows_hold_patron = models.BooleanField(
        default=False,
        help_text=_(
            "svaret vid återlämning innehåller kortnumret för den som exemplaret är reserverat åt"
        ),
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "SIP2 terminal"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.username
