"""Security headers on every page, and a production configuration that passes check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_every_page_forbids_inline_script_and_framing(client):
    response = client.get(reverse("portal:accessibility"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    env = {
        **os.environ,
        "FOLKBIB_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-check" + "y" * 10,
        "ALLOWED_HOSTS": "bibliotek.example",
        "FOLKBIB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    run = [sys.executable, "-m", "folkbib.cli"]
    subprocess.run([*run, "migrate", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True)
    result = subprocess.run(
        [*run, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
