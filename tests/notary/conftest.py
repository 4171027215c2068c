"""Fixtures of the notary tests: a fresh in-process network on each storage back end (SQLite
and a throwaway PostgreSQL server), and enrolled members."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography import x509

from exporter_desk.notary.local import LocalNetwork
from tests.notary.helpers import Member, new_key_and_csr
from tests.notary.pgserver import NO_POSTGRES_ENV, PostgresServer, find_bin_dir


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session (127.0.0.1, random port), stopped at the end.

    Missing PostgreSQL fails the test (CI installs it); ``EXPORTER_DESK_NO_POSTGRES=1`` skips.
    """
    bin_dir = find_bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        if os.environ.get(NO_POSTGRES_ENV) == "1":
            pytest.skip(f"PostgreSQL is not installed ({NO_POSTGRES_ENV}=1)")
        pytest.fail(
            "PostgreSQL's initdb/pg_ctl were not found: install the 'postgresql' package, set "
            f"EXPORTER_DESK_PG_BIN, or set {NO_POSTGRES_ENV}=1 to skip the PostgreSQL tests"
        )
    server = PostgresServer(bin_dir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest) -> str | None:
    """The log's storage: None for the SQLite file, else a PostgreSQL database's URL."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("pg_database")
    return url


@pytest.fixture
def net(tmp_path: Path, database: str | None) -> Iterator[LocalNetwork]:
    with LocalNetwork(tmp_path / "network", origin="local.test/log", database=database) as network:
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
