"""The one permission mechanism: model predicates, turned into HTTP answers here.

Models expose predicates such as ``network.can_manage(user)``; routes call
``require(predicate_result)`` which aborts with 404 (the default, for things a
user may not know exist) or 403 (for things they can see but not change).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from zone_networks.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


def require(allowed: bool, status: int = 404) -> None:
    """Abort with `status` unless `allowed` is true."""
    if not allowed:
        abort(status)


def secretariat_required(view: F) -> F:
    """Let only signed-in secretariat staff and admins reach a view; others get 404."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        require(current_user.is_staff)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
