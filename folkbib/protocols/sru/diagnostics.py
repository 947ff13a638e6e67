"""SRU diagnostics (info:srw/diagnostic/1/N): the one error type of the SRU edge.

Numbers and messages follow the SRU diagnostics list (loc.gov/standards/sru/diagnostics).
Only the ones this server reports are named here; ``docs/protocols/sru.md`` lists when.
"""

from __future__ import annotations

BASE = "info:srw/diagnostic/1/"

MESSAGES = {
    1: "General system error",
    4: "Unsupported operation",
    5: "Unsupported version",
    6: "Unsupported parameter value",
    7: "Mandatory parameter not supplied",
    8: "Unsupported parameter",
    10: "Query syntax error",
    12: "Too many characters in query",
    13: "Invalid or unsupported use of parentheses",
    14: "Invalid or unsupported use of quotes",
    15: "Unsupported context set",
    16: "Unsupported index",
    18: "Unsupported combination of indexes",
    19: "Unsupported relation",
    20: "Unsupported relation modifier",
    22: "Unsupported combination of relation and index",
    24: "Unsupported combination of relation and term",
    27: "Empty term unsupported",
    28: "Masking character not supported",
    29: "Masked words too short",
    36: "Term in invalid format for index or relation",
    37: "Unsupported boolean operator",
    38: "Too many boolean operators in query",
    40: "Unsupported proximity relation",
    41: "Unsupported/malformed proximity distance",
    42: "Unsupported/malformed proximity unit",
    43: "Unsupported/malformed proximity ordering",
    46: "Unsupported boolean modifier",
    61: "First record position out of range",
    66: "Unknown schema for retrieval",
    64: "Record temporarily unavailable",
    71: "Unsupported record packing",
    72: "XPath retrieval unsupported",
    80: "Sort not supported",
    84: "Too many sort keys",
    90: "Unsupported direction",
    110: "Stylesheets not supported",
    120: "Response position out of range",
}


class SruDiagnostic(Exception):
    """A fatal diagnostic: the request cannot be answered with records."""

    def __init__(self, number: int, details: str = "", message: str = "") -> None:
        self.number = number
        self.details = details
        self.message = message or MESSAGES.get(number, "")
        super().__init__(f"{self.uri}: {self.message} ({details})")

    @property
    def uri(self) -> str:
        return f"{BASE}{self.number}"
