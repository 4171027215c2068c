"""The notary's errors: setup problems for the operator, and API refusals for a client.

An :class:`ApiError` carries the HTTP status and a stable machine-readable ``code``; the HTTP
layer turns it into ``{"error": code, "message": user_message}``. ``str(error)`` stays technical.
"""

from __future__ import annotations

import math

from exporter_desk.errors import ExporterError

__all__ = [
    "ApiError",
    "NewerDatabaseError",
    "NotaryError",
    "SetupError",
    "bad_request",
    "invitation_invalid",
    "member_revoked",
    "not_found",
    "rate_limited",
    "receipt_pending",
    "too_large",
    "unavailable",
]

MAX_BODY_SIZE = 64 * 1024
"""No request body may be larger (413)."""


class NotaryError(ExporterError):
    """Root of the trust-network node's errors."""


class SetupError(NotaryError):
    """A data directory, key file or command-line setting is missing, invalid or in the way."""


class NewerDatabaseError(NotaryError):
    """The database was written by a newer version of the node: this one must not touch it."""

    def __init__(self, path: str, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            f"{path}: schema version {found}, this node knows up to {known}",
            user_message=f"The database {path} was written by a newer version of Exporter Desk "
            f"(schema version {found}; this version knows up to {known}). Nothing was changed. "
            "Run the newer version, or restore a backup made for this one.",
        )


class ApiError(NotaryError):
    """A request the node refuses; nothing was written.

    ``retry_after`` (seconds) is set for refusals that a client should retry later (429, 503).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        user_message: str | None = None,
        retry_after: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}", user_message=user_message or message)
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.headers = dict(headers or {})


# --- the refusals of the log API, by code -----------------------------------------------------


def invitation_invalid() -> ApiError:
    return ApiError(
        403,
        "invitation_invalid",
        "the invitation code is unknown, already used, or expired",
        user_message=(
            "This invitation code is not valid: it may have been mistyped, used already, or have "
            "expired. Ask the network operator for a new one."
        ),
    )


def key_already_enrolled(holder: str) -> ApiError:
    return ApiError(
        409,
        "key_already_enrolled",
        f"the certificate request's public key is already enrolled (member {holder})",
        user_message=(
            "This signing key is already enrolled in the trust network, under another "
            "invitation: one key can belong to one member only. Keep using the enrolment you "
            "have, or create a new key and certificate request for this invitation."
        ),
    )


def member_revoked() -> ApiError:
    return ApiError(
        403,
        "member_revoked",
        "the issuer's membership is revoked",
        user_message=(
            "Your company's membership of this trust network was revoked, so it cannot register "
            "documents. Contact the network operator."
        ),
    )


def unavailable(message: str) -> ApiError:
    return ApiError(
        503,
        "unavailable",
        message,
        user_message="The trust network is temporarily unavailable. Try again in a moment.",
        retry_after=2,
    )


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def too_large(limit: int = MAX_BODY_SIZE) -> ApiError:
    return ApiError(
        413,
        "too_large",
        f"the request body is larger than {limit} bytes",
        user_message="The request was too large and was refused.",
    )


def rate_limited(wait: float) -> ApiError:
    seconds = max(1, math.ceil(wait))
    return ApiError(
        429,
        "rate_limited",
        f"too many requests; retry after {seconds} s",
        user_message="Too many registrations at once. They will be retried automatically.",
        retry_after=seconds,
    )


def receipt_pending() -> ApiError:
    return ApiError(
        503,
        "receipt_pending",
        "the entry is not yet covered by a checkpoint that enough witnesses cosigned; "
        "submit the same entry again to get its receipt",
        user_message=(
            "The trust network accepted the document but its witnesses have not confirmed it yet. "
            "It will be retried automatically."
        ),
        retry_after=2,
    )
