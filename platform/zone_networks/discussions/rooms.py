"""Socket.IO room names, derived on the server only (a client never names a room)."""

from __future__ import annotations


def thread_room(thread_id: int) -> str:
    """The room of everyone viewing a thread."""
    return f"thread:{int(thread_id)}"


def network_room(network_id: int) -> str:
    """The room of a network's active members (thread activity, new challenges)."""
    return f"network:{int(network_id)}"


def user_room(user_id: int) -> str:
    """One person's own room (notifications, unread counts)."""
    return f"user:{int(user_id)}"
