"""The trust network the company registers with: the built-in local one, or a pinned remote one.

The local network (DESIGN.md section 6) lives in ``<data>/network`` and runs in process, so a
new user can issue and verify at once; its descriptor is pinned automatically and the company is
enrolled on first use. A remote network is one pinned descriptor plus the API token that
enrolment put in the keystore.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from exporter_desk.errors import ExporterError
from exporter_desk.notary.errors import ApiError
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.services import preferences
from exporter_desk.services.identity import (
    DEFAULT_PROFILE,
    Enrolment,
    company_party,
    enrol_identity,
)
from exporter_desk.services.trust import pin_network, pinned_networks
from exporter_desk.signing import Keystore, SecretNotFoundError, compute_certificate_fingerprint
from exporter_desk.store import Store
from exporter_desk.trustnet import NetworkDescriptor
from exporter_desk.trustnet.client import (
    HttpTransport,
    NetworkUnavailableError,
    RegistrationRefusedError,
    Transport,
    TrustnetClient,
)

__all__ = [
    "LOCAL_NETWORK",
    "NETWORK_SETTING",
    "Connection",
    "EnrolmentMismatchError",
    "LocalTransport",
    "NotEnrolledError",
    "UnknownNetworkError",
    "join_network",
    "open_network",
]

NETWORK_SETTING = preferences.NETWORK_ORIGIN
LOCAL_NETWORK = preferences.LOCAL_NETWORK


class NotEnrolledError(ExporterError):
    """The company has no API token for the chosen network."""


class UnknownNetworkError(ExporterError):
    """The chosen network is not pinned in this data folder."""


def _translate(error: ApiError) -> ExporterError:
    if error.status in (429, 503):
        return NetworkUnavailableError(str(error), retry_after=error.retry_after)
    return RegistrationRefusedError(error.status, error.code, error.user_message)


class LocalTransport:
    """The in-process local network as a :class:`Transport`."""

    def __init__(self, network: LocalNetwork) -> None:
        self._network = network

    def _call(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ApiError as exc:
            raise _translate(exc) from exc

    def submit(self, entry: bytes, token: str) -> str:
        return str(self._call(lambda: self._network.submit(entry, token)))

    def checkpoint(self) -> str:
        return str(self._call(self._network.checkpoint))

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        data = self._call(
            lambda: self._network.service.reads.consistency_proof(str(old_size), str(new_size))
        )
        return _decode(data["proof"])

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        data = self._call(
            lambda: self._network.service.reads.inclusion_proof(str(index), str(size))
        )
        return _decode(data["proof"])

    def entry(self, index: int) -> bytes:
        return bytes(self._call(lambda: self._network.service.reads.entry(str(index))))

    def entries(self, start: int, count: int) -> list[bytes]:
        data = self._call(lambda: self._network.service.reads.entries(str(start), str(count)))
        return _decode(data["entries"])

    def lookup(self, issuer: str, kind: str, number: str) -> dict[str, Any]:
        return dict(self._call(lambda: self._network.lookup(issuer, kind, number)))

    def member(self, fingerprint: str) -> dict[str, Any]:
        return dict(self._call(lambda: self._network.member(fingerprint)))


class KeystoreVault:
    """The local network's private keys (log, member CA, registrar, witness) in the keystore.

    They are stored like network tokens, under ``local-network:<file name>``; the server files
    they replace never exist, so no private key of the app sits in a plain file.
    """

    def __init__(self, keystore: Keystore, profile: str, root: Path) -> None:
        self._keystore = keystore
        self._profile = profile
        self._root = root

    def _name(self, path: Path) -> str:
        return f"local-network:{path.relative_to(self._root).as_posix()}"

    def exists(self, path: Path) -> bool:
        try:
            self._keystore.load_token(self._profile, self._name(path))
        except SecretNotFoundError:
            return False
        return True

    def write(self, path: Path, data: bytes) -> None:
        text = base64.b64encode(data).decode("ascii")
        self._keystore.store_token(self._profile, self._name(path), text)

    def read(self, path: Path, what: str) -> str:
        try:
            text = self._keystore.load_token(self._profile, self._name(path))
        except SecretNotFoundError as exc:
            raise LocalNetworkKeyMissingError(
                f"{what} of the local network is not in the keystore",
                user_message=f"The {what} of your local network is missing from the keystore "
                "(was the keyring reset?). Documents issued before still verify; to issue new "
                "ones, move the 'network' folder of the data folder aside and restart.",
            ) from exc
        return base64.b64decode(text).decode("utf-8")


class LocalNetworkKeyMissingError(ExporterError):
    """A key of the local network vanished from the keystore."""


def _decode(items: list[str]) -> list[bytes]:
    return [base64.b64decode(item) for item in items]


@dataclass
class Connection:
    """A network ready to register: its descriptor, a client, and the company's token."""

    descriptor: NetworkDescriptor
    client: TrustnetClient
    token: str
    closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def transport(self) -> Transport:
        return self.client.transport

    def close(self) -> None:
        for close in reversed(self.closers):
            close()
        self.closers.clear()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_member(
    store: Store, keystore: Keystore, profile: str, descriptor: NetworkDescriptor
) -> bool:
    """Whether the company's current certificate was issued by this network's member CA."""
    from exporter_desk.services.identity import load_credentials

    try:
        credentials = load_credentials(store, keystore, profile)
    except ExporterError:
        return False
    member_ca = descriptor.member_ca_certificate()
    return credentials.certificate.issuer == member_ca.subject and any(
        compute_certificate_fingerprint(ca) == compute_certificate_fingerprint(member_ca)
        for ca in credentials.chain
    )


def open_local_network(
    data_dir: Path, store: Store, keystore: Keystore, *, profile: str = DEFAULT_PROFILE
) -> Connection:
    """Open (creating on first use) the local network, pin it, and enrol the company."""
    root = data_dir / "network"
    network = LocalNetwork(root, vault=KeystoreVault(keystore, profile, root))
    try:
        descriptor = network.descriptor
        pin_network(data_dir, descriptor, source="local", detail=str(root))
        origin = descriptor.origin
        try:
            token = keystore.load_token(profile, origin)
        except SecretNotFoundError:
            token = ""
        if not token or not _is_member(store, keystore, profile, descriptor):
            party = company_party(store)

            def redeem(csr_pem: str) -> Enrolment:
                try:
                    result = network.enrol(party.name_en, party.registration_id or "-", csr_pem)
                except ApiError as exc:
                    raise _translate(exc) from exc
                return Enrolment(
                    certificate_pem=result.certificate_pem,
                    member_ca_pem=result.member_ca_pem,
                    api_token=result.api_token,
                )

            enrol_identity(store, keystore, origin, redeem, profile=profile)
            token = keystore.load_token(profile, origin)
    except BaseException:
        network.close()
        raise
    client = TrustnetClient(descriptor, LocalTransport(network))
    return Connection(descriptor=descriptor, client=client, token=token, closers=[network.close])


def open_network(
    data_dir: Path, store: Store, keystore: Keystore, *, profile: str = DEFAULT_PROFILE
) -> Connection:
    """The network chosen in Settings (the local network unless another is chosen).

    Raises:
        UnknownNetworkError: the chosen network is no longer pinned.
        NotEnrolledError: the company has not enrolled with it.
        NoCompanyError: (local network) no company profile to enrol yet.
    """
    origin = store.settings.get(NETWORK_SETTING, LOCAL_NETWORK) or LOCAL_NETWORK
    if origin == LOCAL_NETWORK:
        return open_local_network(data_dir, store, keystore, profile=profile)
    found = [d for d in pinned_networks(data_dir) if d.origin == origin]
    if not found:
        raise UnknownNetworkError(
            f"network {origin} is not pinned",
            user_message=f"The network {origin} chosen in Settings is no longer trusted here. "
            "Import its descriptor again, or choose the local network.",
        )
    try:
        token = keystore.load_token(profile, origin)
    except SecretNotFoundError as exc:
        raise NotEnrolledError(
            f"no token for {origin}",
            user_message=f"Your company is not enrolled with {origin} yet. Enrol with the "
            "invitation code the network operator sent you (Settings > Networks).",
        ) from exc
    transport = HttpTransport(found[0].api_url)
    return Connection(
        descriptor=found[0],
        client=TrustnetClient(found[0], transport),
        token=token,
        closers=[transport.close],
    )


class EnrolmentMismatchError(ExporterError):
    """The network answered an enrolment with a CA other than the one pinned."""


def join_network(
    data_dir: Path,
    store: Store,
    keystore: Keystore,
    descriptor: NetworkDescriptor,
    invitation: str,
    *,
    transport: HttpTransport | None = None,
    profile: str = DEFAULT_PROFILE,
) -> None:
    """Pin ``descriptor``, redeem the operator's invitation with a CSR for the company key, keep
    the member certificate and token, and make this network the one documents register with.

    Raises:
        RegistrationRefusedError: the invitation is invalid or used (the network's words).
        NetworkUnavailableError: the network cannot be reached; nothing changed.
        EnrolmentMismatchError: the certificate is not from the pinned member CA.
    """
    http = transport or HttpTransport(descriptor.api_url)
    pinned_ca = descriptor.member_ca_certificate()

    def redeem(csr_pem: str) -> Enrolment:
        answer = http.redeem_invitation(invitation.strip(), csr_pem)
        enrolment = Enrolment(
            certificate_pem=str(answer.get("certificate_pem", "")),
            member_ca_pem=str(answer.get("member_ca_pem", "")),
            api_token=str(answer.get("api_token", "")),
        )
        from cryptography import x509

        try:
            issued = x509.load_pem_x509_certificate(enrolment.certificate_pem.encode("ascii"))
            issued.verify_directly_issued_by(pinned_ca)
        except (ValueError, TypeError, UnicodeEncodeError) as exc:
            raise EnrolmentMismatchError(
                f"enrolment certificate not issued by the pinned CA: {exc}",
                user_message=f"{descriptor.origin} answered with a certificate its pinned member "
                "CA did not issue; nothing was changed. Check the network file with the operator.",
            ) from exc
        if not enrolment.api_token:
            raise EnrolmentMismatchError(
                "enrolment answer without a token",
                user_message=f"{descriptor.origin} did not send an API token; try again later.",
            )
        return replace(enrolment, member_ca_pem=descriptor.member_ca_pem)

    try:
        enrol_identity(store, keystore, descriptor.origin, redeem, profile=profile)
    finally:
        if transport is None:
            http.close()
    pin_network(data_dir, descriptor, source="invitation", detail=descriptor.api_url)
    store.settings.set(NETWORK_SETTING, descriptor.origin)
