"""The one error the challenge services raise for a change the rules do not allow."""

from __future__ import annotations


class ChallengeError(ValueError):
    """A challenge change the rules do not allow; `field` is the form field the message belongs to."""

    def __init__(self, message: str, field: str = "title") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
