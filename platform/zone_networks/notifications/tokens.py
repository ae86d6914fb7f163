"""Signed unsubscribe tokens: who (user id) and what (kind), so an email link works without signing in.

The token is signed with SECRET_KEY (itsdangerous, its own salt) and expires;
it can only set that one person's preference for that one kind to "never".
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from zone_networks.notifications.models import KINDS

SALT = "zone-networks.notifications.unsubscribe"
MAX_AGE = 180 * 24 * 3600  # an old email's link still works for about six months


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(user_id: int, kind: str) -> str:
    """A token that stops emails of `kind` for the person `user_id`."""
    return _serializer().dumps({"u": user_id, "k": kind})


def read_unsubscribe_token(token: str, max_age: int = MAX_AGE) -> tuple[int, str] | None:
    """(user id, kind) from a valid token, or None if it is tampered with, malformed or expired."""
    try:
        data = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or kind not in KINDS:
        return None
    return user_id, str(kind)
