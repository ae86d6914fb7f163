"""Upload settings: UPLOADS_FOLDER (PAPERS_FOLDER is its older name), the document limit and the sweep grace."""

from __future__ import annotations

from pathlib import Path

import pytest

from zone_networks.config import load_config

BASE = {"ENV_NAME": "testing", "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}


@pytest.fixture()
def bare(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No upload settings from the surroundings."""
    for name in ("UPLOADS_FOLDER", "PAPERS_FOLDER", "DOCUMENT_MAX_BYTES", "UPLOAD_SWEEP_GRACE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_defaults(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = load_config(str(tmp_path), dict(BASE))
    assert config["UPLOADS_FOLDER"] == config["PAPERS_FOLDER"] == str(tmp_path / "uploads")
    assert config["DOCUMENT_MAX_BYTES"] == 25 * 1024 * 1024
    assert config["UPLOAD_SWEEP_GRACE_SECONDS"] == 3600


def test_from_the_environment(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bare.setenv("PAPERS_FOLDER", "/srv/papers")
    bare.setenv("DOCUMENT_MAX_BYTES", "1048576")
    bare.setenv("UPLOAD_SWEEP_GRACE_SECONDS", "60")
    config = load_config(str(tmp_path), dict(BASE))
    assert config["UPLOADS_FOLDER"] == config["PAPERS_FOLDER"] == "/srv/papers"  # the older name still works
    assert (config["DOCUMENT_MAX_BYTES"], config["UPLOAD_SWEEP_GRACE_SECONDS"]) == (1048576, 60)
    bare.setenv("UPLOADS_FOLDER", "/srv/uploads")
    assert load_config(str(tmp_path), dict(BASE))["UPLOADS_FOLDER"] == "/srv/uploads"


def test_overrides(bare: pytest.MonkeyPatch, tmp_path: Path) -> None:
    only_old = load_config(str(tmp_path), {**BASE, "PAPERS_FOLDER": "/a"})
    assert only_old["UPLOADS_FOLDER"] == only_old["PAPERS_FOLDER"] == "/a"
    both = load_config(str(tmp_path), {**BASE, "PAPERS_FOLDER": "/a", "UPLOADS_FOLDER": "/b"})
    assert both["UPLOADS_FOLDER"] == both["PAPERS_FOLDER"] == "/b"
