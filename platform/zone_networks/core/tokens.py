"""Single-use secret tokens: the raw token goes in a link, only its hash is stored."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """Return (raw token for the link, SHA-256 hex digest to store)."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    """Hash a raw token for storage and lookup."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
