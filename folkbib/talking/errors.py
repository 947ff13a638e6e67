"""Typed errors of AudioIndex: why something cannot be found, decoded or spoken.

    FolkbibError                          (folkbib.core.errors)
    └── TalkingError
        ├── NothingFound                  no item or record for a scanned code
        ├── TagNotReadable                RFID tag data that no supported data model decodes
        └── SpeechFailed                  the speech engine or encoder failed
            └── SpeechUnavailable         the engine (or ffmpeg) is not installed

Every ``message`` can be shown and spoken to the listener as it stands.
"""

from __future__ import annotations

from folkbib.core.errors import FolkbibError


class TalkingError(FolkbibError):
    """Base of every AudioIndex error."""


class NothingFound(TalkingError):
    pass


class TagNotReadable(TalkingError):
    pass


class SpeechFailed(TalkingError):
    pass


class SpeechUnavailable(SpeechFailed):
    pass
