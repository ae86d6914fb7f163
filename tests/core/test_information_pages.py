"""The footer's information pages: accessibility statement, privacy notice and cookies."""

from __future__ import annotations

import pytest

from tests.helpers import text_of


@pytest.mark.parametrize("url", ["/", "/zones", "/accessibility", "/privacy", "/cookies"])
def test_footer_links_to_every_information_page(client, url: str) -> None:
    body = text_of(client.get(url))
    footer = body.split('class="govuk-footer"')[1]
    for href, text in (("/accessibility", "Accessibility statement"), ("/privacy", "Privacy notice"),
                       ("/cookies", "Cookies")):
        assert f'href="{href}"' in footer
        assert text in footer


def test_accessibility_statement(client) -> None:
    response = client.get("/accessibility")
    assert response.status_code == 200
    body = text_of(response)
    assert "<title>Accessibility statement - Zone Networks</title>" in body
    assert "WCAG" in body and "2.2" in body and "AA" in body
    assert "axe-core" in body
    assert "keyboard" in body
    assert "zoom in up to 400% without" in body
    assert "%%" not in body
    assert "Reporting accessibility problems" in body
    assert "Enforcement procedure" in body
    assert "Equality and Human Rights Commission (EHRC)" in body
    assert "Equality Commission for Northern Ireland (ECNI)" in body
    assert 'href="https://www.equalityadvisoryservice.com/"' in body


def test_privacy_notice(client) -> None:
    response = client.get("/privacy")
    assert response.status_code == 200
    body = text_of(response)
    assert "<title>Privacy notice - Zone Networks</title>" in body
    for words in ("name, email address and job title", "organisation", "networks you belong to", "audit log",
                  "public task", "Article 6(1)(e)", "How long we keep it", "Your rights",
                  "Information Commissioner", "Contact us"):
        assert words in body, words


def test_cookies_page_lists_only_the_session_cookie(client) -> None:
    response = client.get("/cookies")
    assert response.status_code == 200
    body = text_of(response)
    assert "<title>Cookies - Zone Networks</title>" in body
    assert "zn_session" in body
    assert "cross-site request forgery" in body
    assert "language" in body
    assert "analytics" in body
    assert "do not show a cookie banner" in body
    assert "govuk-cookie-banner" not in body


def test_information_pages_set_no_cookies(client) -> None:
    for url in ("/accessibility", "/privacy", "/cookies"):
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url


def test_contact_email_is_shown_when_configured(app_config, database_url) -> None:
    from zone_networks import create_app

    app = create_app({**app_config, "CONTACT_EMAIL": "zones-secretariat@example.gov.uk"})
    body = text_of(app.test_client().get("/privacy"))
    assert 'href="mailto:zones-secretariat@example.gov.uk"' in body


def test_without_a_contact_email_the_pages_still_say_how_to_get_in_touch(client) -> None:
    body = text_of(client.get("/accessibility"))
    assert "mailto:" not in body
    assert "Contact the Industrial Strategy Zones Secretariat" in body


def test_the_session_cookie_is_the_only_cookie_even_after_signing_in(client, member) -> None:
    from tests.factories import TEST_PASSWORD
    from tests.helpers import submit

    names: set[str] = set()
    responses = [client.get("/?lang=en"), client.get("/login")]
    responses.append(submit(client, "/login", {"email": member.email, "password": TEST_PASSWORD}))
    responses += [client.get("/"), client.get("/zones/humber-freeport"), client.get("/account")]
    for response in responses:
        for header in response.headers.getlist("Set-Cookie"):
            names.add(header.split("=", 1)[0])
    assert responses[2].status_code == 302  # signed in
    assert names == {"zn_session"}
