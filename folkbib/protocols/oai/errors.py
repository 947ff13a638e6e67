"""The OAI-PMH error conditions (protocol section 3.6), one class per code.

    OaiError                     an <error code="..."> element instead of the verb's answer
    ├── BadVerb                  badVerb: no verb, an unknown verb, or the verb repeated
    ├── BadArgument              badArgument: unknown, repeated, missing or malformed arguments
    ├── BadResumptionToken       badResumptionToken: forged, expired or for another verb
    ├── CannotDisseminateFormat  cannotDisseminateFormat: a metadataPrefix we do not offer
    ├── IdDoesNotExist           idDoesNotExist: an identifier that is not (and was not) ours
    ├── NoRecordsMatch           noRecordsMatch: a list request that selects nothing
    ├── NoMetadataFormats        noMetadataFormats: an item with no MARC to disseminate
    └── NoSetHierarchy           noSetHierarchy: defined for completeness; we have sets

Messages are for the person reading a harvester's log, in English like the
protocol's own vocabulary (harvesters are machines run by technicians abroad too).
"""

from __future__ import annotations


class OaiError(Exception):
    code = ""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadVerb(OaiError):
    code = "badVerb"


class BadArgument(OaiError):
    code = "badArgument"


class BadResumptionToken(OaiError):
    code = "badResumptionToken"


class CannotDisseminateFormat(OaiError):
    code = "cannotDisseminateFormat"


class IdDoesNotExist(OaiError):
    code = "idDoesNotExist"


class NoRecordsMatch(OaiError):
    code = "noRecordsMatch"


class NoMetadataFormats(OaiError):
    code = "noMetadataFormats"


class NoSetHierarchy(OaiError):
    code = "noSetHierarchy"
