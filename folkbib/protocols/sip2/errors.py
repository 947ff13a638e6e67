"""Typed errors of the SIP2 edge.

    FolkbibError                          (folkbib.core.errors)
    └── Sip2Error
        └── UnknownTerminal               no active terminal with this name and password

Malformed bytes are not business errors: the pure codec raises its own
``codec.SipFormatError`` tree, answered with 96 (resend).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.core.errors import FolkbibError


class Sip2Error(FolkbibError):
    pass


class UnknownTerminal(Sip2Error):
    def __init__(self) -> None:
        super().__init__(_("Okänd terminal eller fel lösenord."))
