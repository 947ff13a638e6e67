"""Bearer tokens of the REST API: what a patron's app holds instead of card and PIN."""

from __future__ import annotations

from django.db import models

from folkbib.patrons.models import Patron


class PatronToken(models.Model):
    """One signed-in app of a patron. Only the SHA-256 of the token is stored.

    The token itself is 256 random bits shown once, when it is issued; a copy of
    this table (a backup, a leaked dump) therefore opens no account. A plain hash
    without salt is enough for a random secret of that length (unlike a PIN).
    """

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    # Keyed hash of the card number and PIN hash when issued: a new PIN or a replaced
    # card ends every token, as it ends every portal session.
    credentials_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["patron", "expires_at"])]

    def __str__(self) -> str:
        return f"token of patron {self.patron_id} until {self.expires_at:%Y-%m-%d}"
