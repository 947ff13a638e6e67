"""Test helpers every app's tests share (imported by tests only; needs pytest)."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest


def missing(reason: str) -> None:
    """Something the test needs is not on this machine: skip locally, fail in CI.

    With ``CI=true`` a missing database, browser, speech engine or tool is a failure:
    a skipped test there would prove nothing (``make test`` installs all of them).
    """
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """The path of the program ``name``; see ``missing`` for a machine without it."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is missing: run 'make test' (scripts/system-deps.sh installs it)")
        raise AssertionError("unreachable")
    return found


def model_fields(obj: Any) -> dict[str, Any]:
    """A model instance's loaded column values by attribute name (deferred ones left out)."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in obj.get_deferred_fields()
    }
