"""core.urls.absolute_url: links for emails, from SERVER_BASE_URL, with or without a request."""

from __future__ import annotations

from zone_networks.core.urls import absolute_url


def test_outside_a_request_uses_the_configured_address(app) -> None:
    app.config["SERVER_BASE_URL"] = "https://zones.example.gov.uk/"
    with app.app_context():
        assert absolute_url("accounts.password_reset", token="abc") == "https://zones.example.gov.uk/password-reset/abc"
        assert absolute_url("accounts.login", next=None) == "https://zones.example.gov.uk/login"


def test_inside_a_request_ignores_the_request_host(app) -> None:
    app.config["SERVER_BASE_URL"] = "http://127.0.0.1:5000"
    with app.test_request_context("/", base_url="http://attacker.example"):
        assert absolute_url("accounts.login", next="/account") == "http://127.0.0.1:5000/login?next=/account"


def test_a_base_path_is_kept(app) -> None:
    app.config["SERVER_BASE_URL"] = "https://gov.example/zone-networks/"
    with app.app_context():
        assert absolute_url("accounts.account") == "https://gov.example/zone-networks/account"
