"""The one error a discussion service raises for bad input: a GOV.UK-style message and the field it is about."""

from __future__ import annotations


class PostError(ValueError):
    """A post, thread or reaction that cannot be stored as sent; `message` says why in plain English."""

    def __init__(self, message: str, field: str = "body") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
