"""The set-up assistant's use cases: save the company, give it a signing key, register with a
network, and remember that the assistant was done. The GUI runs each on a worker.

Imports of the signing and network machinery are made when a function is first called, so
that asking whether set-up is needed (at every start) stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from exporter_desk.domain import Party, PartyId
from exporter_desk.services import preferences
from exporter_desk.store import Store

if TYPE_CHECKING:
    from exporter_desk.signing import Keystore, SigningCredentials

__all__ = [
    "create_signing_key",
    "dismiss_setup",
    "import_signing_key",
    "needs_setup",
    "save_company",
    "use_local_network",
]


def needs_setup(store: Store) -> bool:
    """Whether to offer the assistant: no company yet, and it was never finished or skipped."""
    if store.settings.get(preferences.SETUP_DISMISSED) == "1":
        return False
    return store.settings.get(preferences.COMPANY_PARTY) is None


def dismiss_setup(store: Store) -> None:
    """The assistant was finished or skipped: it does not open by itself again."""
    store.settings.set(preferences.SETUP_DISMISSED, "1")


def save_company(store: Store, party: Party) -> Party:
    """Save ``party`` as our company (the exporter on every document), in one transaction:
    the party and the setting that names it are both saved, or neither.

    Raises:
        ValidationError: the party has problems (``party.problems()``).
        NotFoundError: ``party.id`` names a party that no longer exists.
    """
    from exporter_desk.services.identity import set_company_party

    with store.transaction():
        saved = store.parties.save(party)
        assert saved.id is not None  # a saved party has its id
        set_company_party(store, PartyId(int(saved.id)))
    return saved


def create_signing_key(store: Store, keystore: Keystore) -> SigningCredentials:
    """A new P-256 key in the keystore and a self-signed certificate for the company
    (``identity.create_self_signed_identity``); a network's CA certifies it on enrolment.

    Raises:
        NoCompanyError: set up the company first.
        KeystoreError: the keystore cannot be written.
    """
    from exporter_desk.services.identity import create_self_signed_identity

    return create_self_signed_identity(store, keystore)


def import_signing_key(
    store: Store, keystore: Keystore, data: bytes, password: str
) -> SigningCredentials:
    """The company's certificate and key from a commercial CA's .p12 / .pfx file.

    Raises:
        CredentialError: a wrong password, not a PKCS#12 file, no key, an unsupported key.
    """
    from exporter_desk.services.identity import import_identity

    return import_identity(store, keystore, data, password)


def use_local_network(data_dir: Path, store: Store, keystore: Keystore) -> str:
    """Set up the built-in local network, enrol the company with it and register documents
    with it from now on; returns its origin. Network work: run it where the other network
    jobs run (one at a time), with a store connection of that thread.

    Raises:
        NoCompanyError: set up the company first.
        KeystoreError: the network's or the company's keys cannot be kept.
    """
    from exporter_desk.services.network import open_local_network

    with open_local_network(data_dir, store, keystore) as network:
        origin = network.descriptor.origin
    store.settings.set(preferences.NETWORK_ORIGIN, preferences.LOCAL_NETWORK)
    return origin
