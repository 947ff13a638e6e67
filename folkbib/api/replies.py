"""The error replies most operations share, and the one shape of every error."""

from __future__ import annotations

from folkbib.api import shapes
from folkbib.api.declarations import Reply, Schema
from folkbib.api.http import ERROR_CODES

ERROR = shapes.shape(
    "Error",
    {
        "type": "object",
        "properties": {
            "error": {"type": "string", "enum": ERROR_CODES, "description": "machine-readable"},
            "message": {"type": "string", "description": "for the person, in their language"},
            "field": {"type": "string", "description": "the parameter or field at fault"},
            "reason": {
                "type": "string",
                "enum": ["queue", "limit", "not_active", "patron"],
                "description": "why a loan cannot be renewed",
            },
        },
        "required": ["error", "message"],
        "additionalProperties": False,
    },
)


def refusal(status: int, description: str, **headers: Schema) -> Reply:
    return Reply(status, description, ERROR, headers=headers)


BAD_PARAMETER = refusal(
    400, "A parameter or field does not match its declaration (`field` names it)"
)
NOT_FOUND = refusal(404, "No such thing (or not yours)")
UNAUTHORIZED = refusal(
    401,
    "No bearer token, or one that is unknown, revoked or expired",
    **{"WWW-Authenticate": {"schema": {"type": "string"}}},
)
CONFLICT = refusal(409, "Refused by the circulation rules (the code says which)")
FORBIDDEN = refusal(403, "The patron may not do this now (blocked, card expired, …)")
UNSUPPORTED_MEDIA_TYPE = refusal(415, "The body must be application/json")
TOO_LARGE = refusal(413, "The body is larger than 16 KiB")
