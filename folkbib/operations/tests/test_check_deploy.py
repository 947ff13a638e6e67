"""folkbib check-deploy: a configuration fit for the public passes; each gap is named."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from folkbib.demo import people


@pytest.fixture
def production(settings, fake_engine):
    """What docs/operations.md asks a region to set."""
    settings.DEBUG = False
    settings.PRODUCTION = True
    settings.SECRET_KEY = "kq3!v9Zr#Lm2xT8@pW5nE1yB7^cH4sJ6&dF0gU-aR+oI*eQ(tY)wK"
    settings.ALLOWED_HOSTS = ["bibliotek.umea.example"]
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.umea.example"
    settings.DEFAULT_FROM_EMAIL = "bibliotek@umea.example"
    return settings


def check_deploy() -> str:
    out = io.StringIO()
    call_command("check_deploy", stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_production_configuration_is_ready_to_deploy(production):
    assert "Ready to deploy." in check_deploy()


@pytest.mark.django_db
def test_a_development_configuration_is_refused_with_every_gap_named(settings, fake_engine):
    settings.DEBUG = True  # as after cloning (the test runner turns it off)
    with pytest.raises(CommandError) as refused:
        check_deploy()
    text = str(refused.value)
    for gap in ("folkbib.E101", "folkbib.E102", "folkbib.E103", "folkbib.E104", "folkbib.E106"):
        assert gap in text
    assert "security.W004" in text  # and Django's own: no HSTS


@pytest.mark.django_db
def test_a_demo_account_with_its_published_password_is_refused(production):
    get_user_model().objects.create_user(
        username=people.DEMO_STAFF_USERNAMES[0], password=people.DEMO_STAFF_PASSWORD
    )
    with pytest.raises(CommandError, match=r"folkbib\.E002"):
        check_deploy()


@pytest.mark.django_db
def test_mail_that_cannot_reach_patrons_is_refused(production):
    production.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    production.DEFAULT_FROM_EMAIL = "bibliotek@localhost"
    with pytest.raises(CommandError) as refused:
        check_deploy()
    assert "folkbib.E106" in str(refused.value) and "folkbib.E108" in str(refused.value)


@pytest.mark.django_db
def test_a_search_index_that_cannot_open_stops_a_deployment(production, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    production.SEARCH_INDEX_DIR = blocker / "index"
    with pytest.raises(CommandError, match="search_index"):
        check_deploy()
