"""The errors of the trust-network protocol: one root, one class per format or check.

``str(error)`` is technical (it names the value that failed); ``user_message`` says what the
failure means for the person looking at a document, and what they can do about it.
"""

from __future__ import annotations

from exporter_desk.errors import ExporterError

__all__ = [
    "CheckpointError",
    "EntryError",
    "NetworkUnavailableError",
    "NoteError",
    "PolicyError",
    "ProofError",
    "ReceiptError",
    "TrustnetError",
]


class TrustnetError(ExporterError):
    """Root of every trust-network protocol error; a caller may catch only this."""

    default_user_message = (
        "The trust-network data attached to this document could not be checked. "
        "Treat the document as not registered until the problem is resolved."
    )

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(
            message,
            user_message=user_message if user_message is not None else self.default_user_message,
        )


class ProofError(TrustnetError):
    """A Merkle inclusion or consistency proof is malformed or does not verify."""

    default_user_message = (
        "The proof that this record is part of the trust network's log does not check out. "
        "The receipt may have been altered, or it belongs to a different record or log."
    )


class NoteError(TrustnetError):
    """A signed note or key is malformed, or no trusted key has validly signed it."""

    default_user_message = (
        "A signature from the trust network is missing, invalid or made with a key you do not "
        "trust. The data may have been altered, or it comes from a network you have not "
        "imported."
    )


class CheckpointError(TrustnetError):
    """A checkpoint (the log's signed tree head) or a cosignature is malformed or misused."""

    default_user_message = (
        "The trust network's statement of its log (the checkpoint) is damaged or does not come "
        "from the expected log."
    )


class EntryError(TrustnetError):
    """A log entry is malformed, not canonical, or its issuer signature does not verify."""

    default_user_message = (
        "The registration record of this document is damaged or was not signed by its issuer. "
        "Do not rely on the registration."
    )


class ReceiptError(TrustnetError):
    """A receipt (tlog-proof) is malformed or does not meet the pinned network's trust policy."""

    default_user_message = (
        "The registration receipt of this document is damaged, comes from another network, or "
        "is not vouched for by enough independent witnesses. The registration cannot be "
        "confirmed."
    )


class QuorumError(ReceiptError):
    """Too few of the policy's witnesses cosigned the receipt's checkpoint."""


class OutdatedTrustRootError(QuorumError):
    """Too few pinned witnesses cosigned, but keys this verifier does not know did: the network
    has most likely rotated its witnesses, and the pinned descriptor is older than the receipt.

    Not a forgery verdict: the registration cannot be confirmed until the descriptor is
    refreshed (through the network's TUF trust root) or replaced by the operator's new one.
    ``unknown_signers`` names the keys that signed the checkpoint and are not pinned.
    """

    def __init__(
        self, message: str, *, unknown_signers: tuple[str, ...], user_message: str | None = None
    ) -> None:
        super().__init__(message, user_message=user_message)
        self.unknown_signers = unknown_signers


class PolicyError(TrustnetError):
    """A trust policy or network descriptor is malformed or inconsistent."""

    default_user_message = (
        "The trust-network settings (the network descriptor or its trust policy) are invalid. "
        "Import the descriptor again from the network operator."
    )


class NetworkUnavailableError(TrustnetError):
    """The network could not be reached or is busy; the registration waits and is retried."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(
            message,
            user_message="The trust network cannot be reached right now. The document waits "
            "in the outbox and is registered automatically when the network is back.",
        )
        self.retry_after = retry_after
