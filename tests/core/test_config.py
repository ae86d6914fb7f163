"""Configuration: production refuses to start without its secrets; development keeps a generated key."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from zone_networks import PROJECT_ROOT, create_app
from zone_networks.config import ConfigError, load_config


@pytest.fixture()
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No secret, database or environment name from the surroundings (CI sets DATABASE_URL)."""
    for name in ("SECRET_KEY", "DATABASE_URL", "ZONE_NETWORKS_ENV", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_refuses_to_start_without_secret_key_and_database_url(bare_environment) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY and DATABASE_URL"):
        create_app({"ENV_NAME": "production"})


def test_production_refuses_to_start_without_a_secret_key(bare_environment) -> None:
    bare_environment.setenv("DATABASE_URL", "postgresql+psycopg://zones@db.internal/zones")
    with pytest.raises(ConfigError, match="SECRET_KEY") as raised:
        create_app({"ENV_NAME": "production"})
    assert "DATABASE_URL" not in str(raised.value)


def test_production_refuses_to_start_without_a_database_url(bare_environment) -> None:
    bare_environment.setenv("SECRET_KEY", "a-long-random-production-secret")
    with pytest.raises(ConfigError, match="DATABASE_URL") as raised:
        create_app({"ENV_NAME": "production"})
    assert "SECRET_KEY" not in str(raised.value)


def test_production_chosen_by_environment_variable_also_refuses(bare_environment) -> None:
    bare_environment.setenv("ZONE_NETWORKS_ENV", "production")
    with pytest.raises(ConfigError):
        create_app()


def test_empty_values_count_as_missing(bare_environment) -> None:
    bare_environment.setenv("SECRET_KEY", "")
    bare_environment.setenv("DATABASE_URL", "")
    with pytest.raises(ConfigError, match="SECRET_KEY and DATABASE_URL"):
        create_app({"ENV_NAME": "production"})


def test_unknown_environment_is_refused(bare_environment) -> None:
    with pytest.raises(ConfigError, match="ZONE_NETWORKS_ENV"):
        create_app({"ENV_NAME": "staging"})


def test_production_with_both_starts_with_secure_settings(bare_environment, tmp_path: Path) -> None:
    bare_environment.setenv("SECRET_KEY", "a-long-random-production-secret")
    bare_environment.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    config = load_config(str(tmp_path / "instance"), {"ENV_NAME": "production"})
    assert config["SECRET_KEY"] == "a-long-random-production-secret"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["WTF_CSRF_SSL_STRICT"] is True
    assert config["TESTING"] is False
    # Production never invents a key of its own.
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_development_generates_a_private_secret_key_once_and_reuses_it(bare_environment, tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    first = load_config(str(instance), {"ENV_NAME": "development"})
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first["SECRET_KEY"]) == 64
    second = load_config(str(instance), {"ENV_NAME": "development"})
    assert second["SECRET_KEY"] == first["SECRET_KEY"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_each_instance_folder_gets_its_own_key(bare_environment, tmp_path: Path) -> None:
    one = load_config(str(tmp_path / "one"), {"ENV_NAME": "development"})
    two = load_config(str(tmp_path / "two"), {"ENV_NAME": "development"})
    assert one["SECRET_KEY"] != two["SECRET_KEY"]


def test_development_defaults_to_sqlite_in_the_instance_folder(bare_environment, tmp_path: Path) -> None:
    config = load_config(str(tmp_path), {"ENV_NAME": "development"})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'zone_networks.db'}"
    assert config["SESSION_COOKIE_SECURE"] is False


def test_a_secret_key_from_the_environment_wins_and_writes_no_file(bare_environment, tmp_path: Path) -> None:
    bare_environment.setenv("SECRET_KEY", "from-the-environment")
    config = load_config(str(tmp_path), {"ENV_NAME": "development"})
    assert config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_the_instance_folder_is_in_the_checkout_not_under_platform(app) -> None:
    assert Path(app.instance_path) == PROJECT_ROOT / "instance"
    assert Path(app.template_folder or "") == PROJECT_ROOT / "templates"
