"""ISBN and ISSN candidates in 020/022 $a -> normalised numbers.

The results are exactly python-stdnum's (``isbn.compact``, ``is_valid``,
``to_isbn13``, ``to_isbn10``, ``issn.format``) for the strings the candidate
patterns below can match: ASCII digits, ``-``, space and a final ``X``. stdnum
itself costs ~10 us per ISBN (Unicode clean-up and exception-driven checks),
a tenth of a whole record's extraction; ``test_marc_fast_paths.py`` compares
the two on every candidate shape.
"""

from __future__ import annotations

import re
from operator import mul

ISBN_CANDIDATE = re.compile(r"[0-9][0-9\- ]{8,16}[0-9Xx]")
ISSN_CANDIDATE = re.compile(r"[0-9]{4}-?[0-9]{3}[0-9Xx]")


_WEIGHTS_10 = range(1, 10)


def _isbn10_check_digit(nine: str) -> str:
    check = sum(map(mul, _WEIGHTS_10, map(int, nine))) % 11
    return "X" if check == 10 else str(check)


def _ean_check_digit(twelve: str) -> str:
    total = sum(map(int, twelve[0::2])) + 3 * sum(map(int, twelve[1::2]))
    return str((10 - total) % 10)


def compact_isbn(candidate: str) -> str:
    """A matched candidate without separators, upper case, nine digits padded to ten."""
    number = candidate.replace(" ", "").replace("-", "").upper()
    return "0" + number if len(number) == 9 else number


def valid_isbn13(number: str) -> str | None:
    """The ISBN-13 form of a compact ten- or thirteen-character ISBN, None if it is invalid.

    Only every character but the last is known to be a digit (the candidate pattern).
    """
    if len(number) == 10:
        if _isbn10_check_digit(number[:9]) != number[9]:
            return None
        body = "978" + number[:9]
        return body + _ean_check_digit(body)
    if len(number) == 13:
        valid = (
            number[12] != "X"
            and _ean_check_digit(number[:12]) == number[12]
            and number[:3] in ("978", "979")
        )
        return number if valid else None
    return None


def isbn10(thirteen: str) -> str:
    """The ISBN-10 form of a valid ISBN-13 starting with 978."""
    return thirteen[3:12] + _isbn10_check_digit(thirteen[3:12])


def format_issn(candidate: str) -> str:
    """A matched ISSN candidate as NNNN-NNNC."""
    number = candidate.replace("-", "").upper()
    return number[:4] + "-" + number[4:]
