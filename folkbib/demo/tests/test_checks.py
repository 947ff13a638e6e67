"""Production refuses to start with the demo secret key or demo accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from folkbib.demo.checks import check_production_has_no_demo_secrets

pytestmark = pytest.mark.django_db

REAL_KEY = "a-long-random-production-key-0123456789abcdefghijklmnopqrstuvwxyz"


def error_ids():
    return [error.id for error in check_production_has_no_demo_secrets()]


def test_production_with_the_demo_region_loaded_fails_the_check(loaded, settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY = REAL_KEY
    errors = check_production_has_no_demo_secrets()
    assert [e.id for e in errors] == ["folkbib.E002"]
    assert "bibliotekarie" in errors[0].msg and "card 10000001" in errors[0].msg
    assert "SIP2 terminal sip-umea" in errors[0].msg
    assert "1234" not in errors[0].msg and "demo-demo-demo" not in errors[0].msg


def test_the_demo_secret_key_fails_the_check_in_production(settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY = settings.DEMO_SECRET_KEY
    assert error_ids() == ["folkbib.E001"]


def test_an_admin_with_a_real_password_passes_the_check(settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY = REAL_KEY
    get_user_model().objects.create_superuser("admin", password="a real and long password")
    assert error_ids() == []


def test_outside_production_the_demo_is_fine(loaded, settings):
    settings.PRODUCTION = False
    assert error_ids() == []


def test_a_production_web_process_refuses_to_start_with_the_demo_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    from config.startup import refuse_demo_secrets_in_production

    settings.PRODUCTION = True
    settings.SECRET_KEY = settings.DEMO_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match=r"folkbib\.E001"):
        refuse_demo_secrets_in_production()
