"""Absolute links for emails (password resets, invitations), built from SERVER_BASE_URL.

Emails must point at the service's public address, not at whatever Host header
a request happened to carry, and they are also sent from the command line
where there is no request at all; so links are built from configuration.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    """Return the full URL of `endpoint` (for example "accounts.password_reset") at SERVER_BASE_URL."""
    base = urlsplit(current_app.config["SERVER_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc,
        script_name=base.path.rstrip("/") or "/",
        url_scheme=base.scheme or "https",
    )
    return adapter.build(endpoint, {key: value for key, value in values.items() if value is not None},
                         force_external=True)
