"""What a verifier trusts and how hard it works: pinned networks and user CAs (:class:`Trust`),
the bounds on hostile input (:class:`Limits`), and the online status port (:class:`OnlineChecker`)
that the services layer implements with the trust-network client."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.trustnet import NetworkDescriptor, Receipt, ReceiptCheck
from exporter_desk.verify.errors import TrustSettingsError
from exporter_desk.verify.reasons import Reason, reason

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "OnlineChecker",
    "OnlineStatus",
    "Trust",
    "TrustRoot",
]

_MIB: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class TrustRoot:
    """One certificate that anchors signer chains, and who put it there (shown in the verdict,
    in English and Simplified Chinese)."""

    certificate: x509.Certificate
    der: bytes
    label: str
    label_zh: str
    reason: Reason
    """How a verdict names it (``anchor.network`` or ``anchor.ca``), rendered as ``label``."""


@dataclass(frozen=True, slots=True)
class Trust:
    """The pinned trust networks (their member CAs anchor signer certificates; their policies
    check receipts) and any CA certificates the user chose to trust besides.

    Build it once and reuse it: verifying many files with one ``Trust`` is the fast path.

    Raises:
        TrustSettingsError: a user CA is not a CA certificate.
    """

    networks: tuple[NetworkDescriptor, ...] = ()
    user_cas: tuple[x509.Certificate, ...] = ()
    roots: tuple[TrustRoot, ...] = field(init=False, repr=False, compare=False)
    # What the verifier derives from the roots once (pyHanko's trust manager): building it costs
    # more than a whole signature check of a small file.
    cache: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "networks", tuple(self.networks))
        object.__setattr__(self, "user_cas", tuple(self.user_cas))
        roots = [
            _root(network.member_ca_certificate(), reason("anchor.network", origin=network.origin))
            for network in self.networks
        ]
        for certificate in self.user_cas:
            subject = certificate.subject.rfc4514_string()
            if not _is_ca(certificate):
                raise TrustSettingsError(
                    f"user CA {subject} is not a CA certificate",
                    user_message=(
                        f"The certificate {subject} cannot be trusted as an issuer of signing "
                        "certificates: it is not a certificate authority (CA) certificate. Ask "
                        "its owner for their CA certificate instead."
                    ),
                )
            roots.append(_root(certificate, reason("anchor.ca", subject=subject)))
        object.__setattr__(self, "roots", tuple(roots))

    def networks_of(self, origin: str) -> tuple[NetworkDescriptor, ...]:
        """The pinned networks whose log is ``origin``."""
        return tuple(network for network in self.networks if network.origin == origin)


def _root(certificate: x509.Certificate, name: Reason) -> TrustRoot:
    der = certificate.public_bytes(Encoding.DER)
    return TrustRoot(certificate, der, name.en, name.zh, name)


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return bool(constraints.value.ca)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile file from exhausting time or memory.

    ``time_budget`` is wall-clock seconds for one file, checked between the steps of the plan and
    inside every loop over the file's objects; past it, the verdict is UNREADABLE. The other limits
    stop the work before it starts. ``clock`` is injectable for tests.

    Memory: pyHanko turns each byte it parses outside stream data into 50 to 170 bytes of Python
    objects, and one oversized token (a hex string, a number or a name) costs the most, so the
    bytes are screened before parsing: no hex string over ``max_hex_string`` characters, no
    number or name over ``max_token``. With the file at most ``max_file_size`` (an issued
    document is a few hundred kilobytes) and decoding bounded by ``max_stream_size`` and
    ``max_decoded_total``, one verification peaks at a few hundred megabytes; what the rest
    costs is measured by ``benchmarks/verify_memory_bench.py``.
    """

    max_file_size: int = 8 * _MIB
    time_budget: float = 3.0
    max_revisions: int = 16
    max_objects: int = 100_000
    max_pages: int = 5_000
    max_depth: int = 32
    max_stream_size: int = 8 * _MIB
    max_decoded_total: int = 32 * _MIB
    max_hex_string: int = 256 * 1024
    max_token: int = 4096
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)


DEFAULT_LIMITS: Final = Limits()


@dataclass(frozen=True, slots=True)
class OnlineStatus:
    """What the trust network says now, in a form the verifier can check itself.

    ``checkpoint`` is the log's latest signed checkpoint note (with witness cosignatures);
    ``consistency_proof`` leads from the receipt's checkpoint to it (RFC 9162). ``superseded_by``
    is the receipt of a later entry whose ``supersedes`` names this document's entry, and
    ``revocation`` the receipt of the log's ``revocation`` entry for the signer's certificate;
    each None when the network knows of none. The verifier checks every part against the pinned
    policy, so a lying or hijacked connection cannot make a document look better.
    """

    checkpoint: str
    consistency_proof: tuple[bytes, ...]
    superseded_by: Receipt | None = None
    revocation: Receipt | None = None


class OnlineChecker(Protocol):
    """The port through which step 9 asks the trust network for news (the services layer
    implements it with the network's HTTP client; tests with a fake).

    Contract: ``fetch_status`` does I/O only; it does not judge. It raises an
    :class:`~exporter_desk.errors.ExporterError` (or ``OSError``) when the network cannot be
    reached, and the verdict then stays "as of" the receipt's checkpoint.
    """

    def fetch_status(
        self, network: NetworkDescriptor, registration: ReceiptCheck
    ) -> OnlineStatus: ...
