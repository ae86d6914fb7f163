"""The app starts, renders the GOV.UK shell and the project layout stays sound."""

from __future__ import annotations

from zone_networks import PROJECT_ROOT


def test_platform_is_a_source_root_not_a_package() -> None:
    assert not (PROJECT_ROOT / "platform" / "__init__.py").exists()


def test_home_page_renders_govuk_shell(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "govuk-service-navigation" in body
    assert "govuk-phase-banner" in body
    assert "govuk-footer" in body
