"""The pages run under their Content-Security-Policy without a single violation."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.catalogue import build_catalogue


@pytest.mark.browser
def test_the_public_pages_break_no_content_security_policy_rule(page, live_server):
    catalogue = build_catalogue()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ("/logga-in/", "/?q=barn", f"/post/{catalogue.pippi.pk}/", "/bladdra/", "/"):
        page.goto(live_server.url + path)
    page.focus("#q")
    page.keyboard.type("pip")
    page.wait_for_selector("#q-suggestions [role=option]")
    assert violations == []


@pytest.mark.browser
def test_an_inline_script_is_refused_by_the_policy(page, live_server):
    build_catalogue()
    page.goto(live_server.url + "/")
    ran = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener(
                'securitypolicyviolation', () => resolve(false), {once: true});
            const s = document.createElement('script');
            s.textContent = 'window.__inline_ran = true';
            document.body.appendChild(s);
            setTimeout(() => resolve(Boolean(window.__inline_ran)), 500);
        })"""
    )
    assert ran is False
