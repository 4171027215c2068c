"""A company joins a real trust network (log and witness servers on 127.0.0.1), issues, and a
counterparty verifies offline and then online, where a superseded original shows up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import Charge, ChargeKind, DocumentKind, InvoiceId
from exporter_desk.notary.provision import create_invitation
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import join_network, open_network
from exporter_desk.services.trust import load_trust
from exporter_desk.services.verifying import online_checker
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.trustnet.client import RegistrationRefusedError
from exporter_desk.verify import Result, verify_pdf
from tests.notary.test_e2e import Network, make_network

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    net = make_network(tmp_path_factory.mktemp("remote"))
    net.start()
    try:
        yield net
    finally:
        net.stop()


def test_join_issue_supersede_and_verify_online(network: Network, tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    store = open_store(database_path(data_dir))
    seed_demo(store)
    keystore = KeyringKeystore()
    with pytest.raises(RegistrationRefusedError):
        join_network(data_dir, store, keystore, network.descriptor, "not-an-invitation")
    code = create_invitation(network.log_dir, name="Shanghai Huayang", registration_id="HY-1")
    join_network(data_dir, store, keystore, network.descriptor, code)

    now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
    with open_network(data_dir, store, keystore) as connection:
        assert connection.descriptor.origin == network.descriptor.origin
        first = issue_document(
            store, keystore, data_dir, connection, DocumentKind.COMMERCIAL_INVOICE, 1, now=now
        )
        invoice = store.invoices.get(InvoiceId(1))
        store.invoices.save(
            replace(invoice, charges=(Charge(ChargeKind.DISCOUNT, Decimal("50.00")),))
        )
        second = issue_document(
            store,
            keystore,
            data_dir,
            connection,
            DocumentKind.COMMERCIAL_INVOICE,
            1,
            now=now + dt.timedelta(minutes=1),
            supersede=True,
        )

    # A counterparty who only has the descriptor.
    trust = load_trust(None, (network.descriptor,))
    assert verify_pdf(Path(first.path), trust).result is Result.AUTHENTIC
    online = online_checker(trust)  # what the GUI and `verify --online` use
    assert online is not None
    old = verify_pdf(Path(first.path), trust, online=online)
    new = verify_pdf(Path(second.path), trust, online=online)
    assert new.result is Result.AUTHENTIC, [c.reason_en for c in new.checks]
    assert old.result is not Result.AUTHENTIC
    assert any(c.code == "status.superseded" for c in old.checks)
    store.close()
