"""Fixtures of the verify tests: a test PKI, a pinned test network with its log, and issued
documents built for real (see ``_build``)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter_desk.signing import (
    CertificateAuthority,
    SigningCredentials,
    export_certificate_pem,
)
from exporter_desk.verify import Trust
from tests.verify._build import ACME, OUTSIDER, ROGUE, Issued, TestLog, draw_revision_one, issue


@pytest.fixture(scope="session")
def now() -> datetime:
    # Real time (to the second): pdfsig checks certificates at the current time.
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="session")
def member_ca(now: datetime) -> CertificateAuthority:
    # A CRL URL, as a network CA publishes one (poppler 22.12 needs it to call a chain trusted).
    return CertificateAuthority.create(
        "Test Network Member CA",
        organization="Test Trust Network",
        now=now,
        crl_url="http://member-ca.test.invalid/ca.crl",
    )


@pytest.fixture(scope="session")
def acme(member_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    return member_ca.issue_credentials(ACME, now=now)


@pytest.fixture(scope="session")
def rogue(member_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    """Another member of the same network: valid, trusted, but not the issuer of ACME's papers."""
    return member_ca.issue_credentials(ROGUE, now=now)


@pytest.fixture(scope="session")
def outsider_ca(now: datetime) -> CertificateAuthority:
    return CertificateAuthority.create("Some Commercial CA", now=now)


@pytest.fixture(scope="session")
def outsider(outsider_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    return outsider_ca.issue_credentials(OUTSIDER, now=now)


@pytest.fixture(scope="session")
def log(member_ca: CertificateAuthority) -> TestLog:
    return TestLog("notary.test.example/log", member_ca)


@pytest.fixture(scope="session")
def trust(log: TestLog) -> Trust:
    return Trust(networks=(log.descriptor,))


@pytest.fixture(scope="session")
def revision_one() -> bytes:
    return draw_revision_one()


@pytest.fixture(scope="session")
def issued(revision_one: bytes, acme: SigningCredentials, log: TestLog, now: datetime) -> Issued:
    return issue(revision_one, acme, log, when=now)


@pytest.fixture(scope="session")
def nss_db(tmp_path_factory: pytest.TempPathFactory, member_ca: CertificateAuthority) -> str:
    if shutil.which("pdfsig") is None or shutil.which("certutil") is None:
        pytest.skip("poppler-utils and libnss3-tools are needed")
    directory: Path = tmp_path_factory.mktemp("nss")
    db = f"sql:{directory}"
    subprocess.run(["certutil", "-N", "-d", db, "--empty-password"], check=True)
    pem = directory / "ca.pem"
    pem.write_bytes(export_certificate_pem(member_ca.certificate))
    subprocess.run(
        ["certutil", "-A", "-d", db, "-n", "member-ca", "-t", "C,C,", "-i", str(pem)], check=True
    )
    return db
