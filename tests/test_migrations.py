"""The schema comes from the migrations, and the migrations match the models."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from zone_networks import PROJECT_ROOT
from zone_networks.core.migrate import drift
from zone_networks.extensions import db as _db


def test_models_and_migrations_do_not_drift(db) -> None:
    assert drift() is None


def test_schema_was_built_by_alembic(db) -> None:
    tables = set(inspect(_db.engine).get_table_names())
    assert "alembic_version" in tables
    assert {"users", "zones", "networks", "memberships", "invitations", "audit_events"} <= tables


def test_migration_files_are_date_prefixed() -> None:
    versions = sorted(Path(PROJECT_ROOT / "migrations" / "versions").glob("*.py"))
    assert versions
    for path in versions:
        stamp = path.name.split("_")[:2]
        assert len(stamp[0]) == 8 and stamp[0].isdigit(), path.name
        assert len(stamp[1]) == 4 and stamp[1].isdigit(), path.name
