"""Configuration read from environment variables.

Three environments: development (the default; `make run` and `make dev`),
testing (the pytest suite) and production. Production refuses to start
without SECRET_KEY and DATABASE_URL; the others generate a secret key into
instance/ on first use and default to SQLite in instance/.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """Raised when the service cannot start with the configuration it was given."""


def _instance_secret(instance_path: str) -> str:
    """Return the secret key kept in instance/, creating it on first run."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """Build the app's configuration from the environment plus explicit overrides."""
    env = overrides.get("ENV_NAME") or os.environ.get("ZONE_NETWORKS_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ZONE_NETWORKS_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    production = env == "production"

    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    database_url = overrides.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
    if production:
        missing = [name for name, value in (("SECRET_KEY", secret_key), ("DATABASE_URL", database_url)) if not value]
        if missing:
            raise ConfigError(f"Production needs {' and '.join(missing)} set in the environment.")
    if not secret_key:
        secret_key = _instance_secret(instance_path)
    if not database_url:
        database_url = f"sqlite:///{Path(instance_path) / 'zone_networks.db'}"

    redis_url = os.environ.get("REDIS_URL") or None
    config: dict[str, Any] = {
        "ENV_NAME": env,
        "TESTING": env == "testing",
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "SOCKETIO_ASYNC_MODE": os.environ.get("SOCKETIO_ASYNC_MODE", "threading"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production or _bool(os.environ.get("SESSION_COOKIE_SECURE"), False),
        "SESSION_COOKIE_NAME": "zn_session",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "SERVER_BASE_URL": os.environ.get("SERVER_BASE_URL", "http://127.0.0.1:5000"),
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": production,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _bool(os.environ.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per 5 minutes"),
        "MAIL_OUTBOX": os.environ.get("MAIL_OUTBOX", str(Path(instance_path) / "outbox")),
        "MAIL_SMTP_HOST": os.environ.get("MAIL_SMTP_HOST") or None,
        "MAIL_SMTP_PORT": int(os.environ.get("MAIL_SMTP_PORT", "587")),
        "MAIL_SMTP_USER": os.environ.get("MAIL_SMTP_USER") or None,
        "MAIL_SMTP_PASSWORD": os.environ.get("MAIL_SMTP_PASSWORD") or None,
        "MAIL_SMTP_STARTTLS": _bool(os.environ.get("MAIL_SMTP_STARTTLS"), True),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Zone Networks <no-reply@zone-networks.invalid>"),
        # Where people write to the secretariat (accessibility, privacy); shown on the information pages.
        "CONTACT_EMAIL": os.environ.get("CONTACT_EMAIL") or None,
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS", "14")),
        "PASSWORD_RESET_HOURS": int(os.environ.get("PASSWORD_RESET_HOURS", "2")),
        # Seconds between the web server's reminder rounds (meetings/scheduler.py); 0 turns the loop off.
        "REMINDERS_INTERVAL": float(os.environ.get("REMINDERS_INTERVAL", "300" if production else "0")),
        # Profile photos: the largest upload accepted, and where the re-encoded files are kept.
        "PHOTO_MAX_BYTES": int(os.environ.get("PHOTO_MAX_BYTES", str(5 * 1024 * 1024))),
        "PHOTO_FOLDER": os.environ.get("PHOTO_FOLDER") or str(Path(instance_path) / "photos"),
        "DATA_EXPORT_RATE_LIMIT": os.environ.get("DATA_EXPORT_RATE_LIMIT", "10 per hour"),
        # Document uploads (new documents and new versions) per signed-in person.
        "DOCUMENT_UPLOAD_RATE_LIMIT": os.environ.get("DOCUMENT_UPLOAD_RATE_LIMIT", "30 per hour"),
        # Searches (/search with words) per signed-in person, or per address when signed out.
        "SEARCH_RATE_LIMIT": os.environ.get("SEARCH_RATE_LIMIT", "60 per minute"),
        # Posts and new threads per person, over forms and the socket alike (discussions/limits.py).
        "POST_RATE_LIMIT": os.environ.get("POST_RATE_LIMIT", "20 per minute"),
        "DELETION_DAYS": int(os.environ.get("DELETION_DAYS", "30")),
        "PAPER_MAX_BYTES": int(os.environ.get("PAPER_MAX_BYTES", str(25 * 1024 * 1024))),
        # Uploaded files (documents, agenda papers), stored by content under UPLOADS_FOLDER (core/uploads.py).
        # PAPERS_FOLDER is its older name, still read as a fallback.
        "UPLOADS_FOLDER": (os.environ.get("UPLOADS_FOLDER") or os.environ.get("PAPERS_FOLDER")
                           or str(Path(instance_path) / "uploads")),
        "DOCUMENT_MAX_BYTES": int(os.environ.get("DOCUMENT_MAX_BYTES", str(25 * 1024 * 1024))),
        # How old an unreferenced upload (or an abandoned temporary file) must be before `flask uploads sweep`
        # removes it: longer than any upload takes to be stored and its row committed.
        "UPLOAD_SWEEP_GRACE_SECONDS": int(os.environ.get("UPLOAD_SWEEP_GRACE_SECONDS", "3600")),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        "LANGUAGES": ("en", "cy"),
        # How many reverse proxies sit in front of the app (their X-Forwarded-For/-Proto are trusted).
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", "0")),
        "FORCE_HTTPS": production and _bool(os.environ.get("FORCE_HTTPS"), False),
    }
    config.update(overrides)
    if "PAPERS_FOLDER" in overrides and "UPLOADS_FOLDER" not in overrides:
        config["UPLOADS_FOLDER"] = overrides["PAPERS_FOLDER"]  # the older name, given alone
    config["PAPERS_FOLDER"] = config["UPLOADS_FOLDER"]
    return config
