"""The posting rate limit (POST_RATE_LIMIT, default "20 per minute" per person), shared by forms and the socket.

One counter per person in the limiter's storage (memory, or Redis when
REDIS_URL is set, so every process counts together). The HTML routes and the
socket handlers both call `allow_post` once per attempt to post or to start a
thread; the key is the same as `limiter.limiter.hit(parse(...), "post", id)`.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from limits import parse

from zone_networks.extensions import limiter

DEFAULT_POST_RATE_LIMIT = "20 per minute"


def post_rate_limit() -> str:
    """The configured posting limit."""
    return str(current_app.config.get("POST_RATE_LIMIT") or DEFAULT_POST_RATE_LIMIT)


def allow_post(user: Any) -> bool:
    """Count one attempt by `user` to post; False when they are over the limit (nothing should be stored)."""
    if not limiter.enabled:
        return True
    return bool(limiter.limiter.hit(parse(post_rate_limit()), "post", str(user.id)))
