"""Security hooks: loading users with session-version checks, and safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask

from zone_networks.extensions import db, login_manager


def is_safe_next(target: str | None) -> bool:
    """Whether `target` is a path on this site (no scheme, host, or protocol-relative tricks)."""
    if not target:
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def init_security(app: Flask) -> None:
    """Register the Flask-Login user loader that enforces session versions."""
    from zone_networks.accounts.models import User

    @login_manager.user_loader
    def _load_user(identifier: str) -> User | None:
        user_id, _, version = identifier.partition(":")
        if not user_id.isdigit() or not version.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_version != int(version):
            return None
        return user
