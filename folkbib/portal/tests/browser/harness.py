"""Helpers for browser tests: choose the page language, run axe-core."""

from __future__ import annotations

import os
from pathlib import Path

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def use_language(page, live_server, language: str) -> None:
    """Choose the page language as the language switch would (Django's language cookie)."""
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def axe_violations(page, name: str = "") -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the current page (an empty list is a pass)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    shots = os.environ.get("FOLKBIB_SCREENSHOT_DIR")
    if shots and name:
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:200] for n in v["nodes"][:5]],
        }
        for v in results.response["violations"]
    ]
