"""Alembic environment: migrates the database the Zone Networks app is configured for."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from flask import has_app_context

from zone_networks.extensions import db

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _import_models() -> None:
    """Import every model module so the metadata is complete."""
    import zone_networks.models  # noqa: F401


# The full-text engine's parts are made by hand in the migration (FTS5 on SQLite, a
# generated tsvector on PostgreSQL) and are not in the models: the drift check skips them.
_ENGINE_TABLES = {"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize",
                  "search_fts_config", "search_fts_content"}


def _include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    if type_ == "table" and name in _ENGINE_TABLES:
        return False
    if type_ == "column" and name == "tsv" and getattr(getattr(obj, "table", None), "name", "") == "search_entries":
        return False
    return not (type_ == "index" and name == "ix_search_entries_tsv")


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=db.metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against the app's engine (creating an app if none is active)."""
    _import_models()
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    if has_app_context():
        engine = db.engine
        with engine.connect() as conn:
            _run(conn)
        return
    from zone_networks import create_app

    app = create_app()
    with app.app_context(), db.engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
run_migrations_online()
