"""Errors the program shows to a person: every message is Vietnamese and complete."""
from __future__ import annotations


class VanphongError(Exception):
    """Base of every expected failure; ``str(e)`` is the message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(VanphongError):
    """Bad input; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class PermissionDenied(VanphongError):
    pass


class NotFound(VanphongError):
    pass


class LoginError(VanphongError):
    pass
