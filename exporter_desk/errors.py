"""The root of every error a user must understand.

Each error has two audiences: ``user_message`` says what happened and what to do (it is shown in
the GUI and the CLI, and it is translatable), while ``str(error)`` stays technical for logs.
Errors never subclass ``ValueError``: a stray ``except ValueError`` must not swallow a signature
or proof failure.
"""

from __future__ import annotations


class ExporterError(Exception):
    """Base of all errors that Exporter Desk reports to a person."""

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message if user_message is not None else message


__all__ = ["ExporterError"]
