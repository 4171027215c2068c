"""Fixtures of the notary tests: a fresh in-process network, and enrolled members."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography import x509

from exporter_desk.notary.local import LocalNetwork
from tests.notary.helpers import Member, new_key_and_csr


@pytest.fixture
def net(tmp_path: Path) -> Iterator[LocalNetwork]:
    with LocalNetwork(tmp_path / "network", origin="local.test/log") as network:
        yield network


@pytest.fixture
def enrol(net: LocalNetwork) -> Callable[..., Member]:
    """Enrol a company in ``net``; return its key, fingerprint, token and certificate."""
    counter = iter(range(1, 1000))

    def enrol_member(name: str | None = None) -> Member:
        number = next(counter)
        key, csr = new_key_and_csr()
        enrolment = net.enrol(name or f"Company {number} Ltd", f"REG-{number}", csr)
        certificate = x509.load_pem_x509_certificate(enrolment.certificate_pem.encode())
        assert certificate.public_key().public_numbers() == key.public_key().public_numbers()
        return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)

    return enrol_member
