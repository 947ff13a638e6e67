"""PIN hashing with Django's password hashers; a PIN is never stored or logged in clear."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from folkbib.patrons.identity import validate_pin


def hash_pin(pin: str) -> str:
    """Validate the PIN's format and return its hash (the settings' default hasher, salted)."""
    return make_password(validate_pin(pin))


def rehash(pin: str) -> str:
    """A fresh hash of a PIN that already matched its old hash (hasher upgrade)."""
    return make_password(pin)


def pin_matches(
    pin: str, pin_hash: str, *, on_upgrade: Callable[[str], None] | None = None
) -> bool:
    """Whether ``pin`` matches ``pin_hash``, in constant time per hasher.

    ``on_upgrade`` receives the PIN when the stored hash uses an outdated hasher or
    iteration count, so the caller can store a fresh hash.
    """
    return check_password(pin, pin_hash, setter=on_upgrade)


def burn_hash_time(pin: str) -> None:
    """Spend the time of one hash check, for paths that have no hash to check against.

    An unknown card must take as long as a wrong PIN, or response times tell an attacker
    which card numbers exist.
    """
    make_password(pin)


def is_usable_hash(value: str) -> bool:
    """Whether ``value`` is a hash one of the configured hashers recognises."""
    try:
        identify_hasher(value)
    except ValueError:
        return False
    return True
