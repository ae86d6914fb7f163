"""/healthz answers 200 when the database does, 503 when it cannot be reached."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from zone_networks import create_app


def test_healthy(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_check_is_not_rate_limited_and_sets_no_cookie(client) -> None:
    for _ in range(30):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "unreachable",
    [
        lambda tmp: f"sqlite:///{tmp / 'no-such-folder' / 'nested' / 'zone_networks.db'}",
        lambda tmp: f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/zone_networks_test?connect_timeout=2",
    ],
    ids=["sqlite-missing-folder", "postgresql-closed-port"],
)
def test_unreachable_database_is_503(tmp_path: Path, unreachable: Any, caplog) -> None:
    app = create_app({
        "ENV_NAME": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": unreachable(tmp_path),
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unavailable"}
    assert not (tmp_path / "no-such-folder").exists()
    assert "database unavailable" in caplog.text
