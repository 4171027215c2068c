"""The company's signing identity: its key (in the keystore), certificate and company party.

Only public material goes to the database (the certificate and its chain, in settings); the
private key and the network API tokens stay in the keystore (the OS keyring by default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.domain import Party, PartyId, PartyRole
from exporter_desk.errors import ExporterError
from exporter_desk.services import preferences
from exporter_desk.signing import (
    CompanyIdentity,
    Keystore,
    SigningCredentials,
    build_csr,
    create_self_signed_certificate,
    generate_signing_key,
    import_pkcs12,
    load_certificates_pem,
)
from exporter_desk.store import Store

__all__ = [
    "CERTIFICATE_SETTING",
    "COMPANY_SETTING",
    "DEFAULT_PROFILE",
    "Enrolment",
    "NoCompanyError",
    "NoSigningIdentityError",
    "company_identity",
    "company_party",
    "create_self_signed_identity",
    "enrol_identity",
    "has_signing_identity",
    "import_identity",
    "load_credentials",
    "set_company_party",
]

DEFAULT_PROFILE = "default"
COMPANY_SETTING = preferences.COMPANY_PARTY
CERTIFICATE_SETTING = preferences.SIGNING_CERTIFICATE_CHAIN


class NoCompanyError(ExporterError):
    """No company profile has been set up yet."""


class NoSigningIdentityError(ExporterError):
    """There is no signing key or certificate yet."""


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a network hands back when it enrols the company."""

    certificate_pem: str
    member_ca_pem: str
    api_token: str


def set_company_party(store: Store, party_id: PartyId) -> None:
    store.parties.get(party_id)  # raises NotFoundError for an unknown id
    store.settings.set(COMPANY_SETTING, str(int(party_id)))


def company_party(store: Store) -> Party:
    """The company this data folder belongs to: the chosen party, else the first exporter.

    Raises:
        NoCompanyError: when neither exists.
    """
    chosen = store.settings.get(COMPANY_SETTING)
    if chosen is not None:
        return store.parties.get(PartyId(int(chosen)))
    for party in store.parties.list(0, 1000):
        if PartyRole.EXPORTER in party.roles:
            return party
    raise NoCompanyError(
        "no company party",
        user_message="Set up your company first (Settings > Company): its name, address and "
        "registration id go on every document.",
    )


def company_identity(party: Party) -> CompanyIdentity:
    return CompanyIdentity(
        name=party.name_en, country=party.country, registration_id=party.registration_id
    )


def has_signing_identity(store: Store, keystore: Keystore, profile: str = DEFAULT_PROFILE) -> bool:
    return store.settings.get(CERTIFICATE_SETTING) is not None and keystore.has_signing_key(profile)


def load_credentials(
    store: Store, keystore: Keystore, profile: str = DEFAULT_PROFILE
) -> SigningCredentials:
    """The key from the keystore with the certificate chain from the database.

    Raises:
        NoSigningIdentityError: when either is missing.
        KeystoreError: when the keystore cannot be read.
    """
    chain_pem = store.settings.get(CERTIFICATE_SETTING)
    if chain_pem is None or not keystore.has_signing_key(profile):
        raise NoSigningIdentityError(
            "no signing identity",
            user_message="There is no signing key yet. Create one or import your certificate "
            "(.p12/.pfx) in Settings > Keys and certificates.",
        )
    certificates = load_certificates_pem(chain_pem.encode("ascii"))
    key = keystore.load_signing_key(profile)
    return SigningCredentials(key=key, certificate=certificates[0], chain=tuple(certificates[1:]))


def _save(
    store: Store, keystore: Keystore, profile: str, credentials: SigningCredentials
) -> SigningCredentials:
    chain = (credentials.certificate, *credentials.chain)
    pem = "".join(cert.public_bytes(Encoding.PEM).decode("ascii") for cert in chain)
    keystore.store_signing_key(profile, credentials.key)
    store.settings.set(CERTIFICATE_SETTING, pem)
    return credentials


def create_self_signed_identity(
    store: Store,
    keystore: Keystore,
    *,
    profile: str = DEFAULT_PROFILE,
    now: dt.datetime | None = None,
) -> SigningCredentials:
    """A new P-256 key and a self-signed certificate for the company (before enrolment)."""
    identity = company_identity(company_party(store))
    key = generate_signing_key()
    certificate = create_self_signed_certificate(identity, key, now=now)
    return _save(store, keystore, profile, SigningCredentials(key=key, certificate=certificate))


def import_identity(
    store: Store, keystore: Keystore, data: bytes, password: str, *, profile: str = DEFAULT_PROFILE
) -> SigningCredentials:
    """Import a commercial CA's PKCS#12 (.p12/.pfx) certificate and key.

    Raises:
        CredentialError: wrong password, not a PKCS#12, no key, unsupported key type.
    """
    return _save(store, keystore, profile, import_pkcs12(data, password))


def enrol_identity(
    store: Store,
    keystore: Keystore,
    network_origin: str,
    redeem: Callable[[str], Enrolment],
    *,
    profile: str = DEFAULT_PROFILE,
) -> SigningCredentials:
    """Enrol with a network: send a CSR for the company key (generated if there is none),
    keep the member certificate the network's CA issues, and put the API token in the keystore.

    ``redeem(csr_pem)`` performs the network call (an invitation code is bound in by the caller).
    """
    identity = company_identity(company_party(store))
    key = (
        keystore.load_signing_key(profile)
        if keystore.has_signing_key(profile)
        else generate_signing_key()
    )
    csr_pem = build_csr(identity, key).public_bytes(Encoding.PEM).decode("ascii")
    enrolment = redeem(csr_pem)
    certificate = x509.load_pem_x509_certificate(enrolment.certificate_pem.encode("ascii"))
    member_ca = x509.load_pem_x509_certificate(enrolment.member_ca_pem.encode("ascii"))
    credentials = SigningCredentials(key=key, certificate=certificate, chain=(member_ca,))
    keystore.store_token(profile, network_origin, enrolment.api_token)
    return _save(store, keystore, profile, credentials)
