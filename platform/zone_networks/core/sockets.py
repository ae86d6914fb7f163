"""Socket.IO connection gate: only signed-in, active people reach the /live namespace.

The socket shares the HTTP session cookie, so Flask-Login's user loader (with
its session-version check) decides here exactly as it does for a page: a
signed-out or revoked session is refused at `connect`. Features add their
events to the /live namespace (DESIGN.md section 5); the default namespace
is not used and refuses everyone.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from zone_networks.extensions import socketio

LIVE_NAMESPACE = "/live"


@socketio.on("connect", namespace=LIVE_NAMESPACE)
def connect_live(auth: Any = None) -> bool:
    """Accept the connection only for a signed-in, active person."""
    return bool(current_user.is_authenticated and current_user.is_active)


@socketio.on("connect")
def connect_default(auth: Any = None) -> bool:
    """Refuse the unused default namespace."""
    return False
