"""A log server publishes its tree as tlog-tiles to a real S3 server (SeaweedFS on 127.0.0.1);
a counterparty verifies online from the bucket's URL alone, with the log's API switched off,
and still learns that the first original was superseded."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from exporter_desk.cli import main
from exporter_desk.domain import Charge, ChargeKind, DocumentKind, InvoiceId
from exporter_desk.notary.provision import create_invitation
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import join_network, open_network
from exporter_desk.services.trust import load_trust
from exporter_desk.services.verifying import NetworkOnlineChecker
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.trustnet import Checkpoint, checkpoint_body, format_descriptor
from exporter_desk.trustnet.tiles import HttpTileFetcher, TileReader, TileUnavailableError
from exporter_desk.verify import Result, verify_pdf
from tests.notary.s3server import WeedS3
from tests.notary.test_e2e import make_network

pytestmark = pytest.mark.slow


def _published_size(reader: TileReader) -> int:
    try:
        return Checkpoint.parse(checkpoint_body(reader.checkpoint())).size
    except TileUnavailableError:
        return -1


def test_verify_online_from_tiles_on_s3_without_the_api(s3_server: WeedS3, tmp_path: Path) -> None:
    bucket_url = s3_server.create_bucket("e2e-tiles")
    network = make_network(
        tmp_path / "net", "--tiles-s3", s3_server.url, "--tiles-bucket", "e2e-tiles"
    )
    network.start()
    try:
        data_dir = tmp_path / "desk"
        store = open_store(database_path(data_dir))
        seed_demo(store)
        keystore = KeyringKeystore()
        code = create_invitation(network.log_dir, name="Shanghai Huayang", registration_id="HY-1")
        join_network(data_dir, store, keystore, network.descriptor, code)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
        with open_network(data_dir, store, keystore) as connection:
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
        store.close()
        reader = TileReader(HttpTileFetcher(bucket_url))
        api_size = Checkpoint.parse(
            checkpoint_body(requests.get(f"{network.url}/v1/checkpoint", timeout=5).text)
        ).size
        deadline = time.monotonic() + 30
        while _published_size(reader) < api_size and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _published_size(reader) >= api_size
    finally:
        network.stop()  # from here on, only the bucket answers

    trust = load_trust(None, (network.descriptor,))
    online = NetworkOnlineChecker({}, tiles=[TileReader(HttpTileFetcher(bucket_url))])
    new = verify_pdf(Path(second.path), trust, online=online)
    old = verify_pdf(Path(first.path), trust, online=online)
    assert new.result is Result.AUTHENTIC, [c.reason_en for c in new.checks]
    assert any("Checked online" in c.reason_en for c in new.checks)
    assert old.result is Result.NOT_REGISTERED
    assert any("replaced this document" in c.reason_en for c in old.checks)

    # The same through the command line: the API in the descriptor is down, the tiles answer.
    descriptor = tmp_path / "network.json"
    descriptor.write_bytes(format_descriptor(network.descriptor))
    out = io.StringIO()
    code = main(
        [
            "--data", str(tmp_path / "verifier"), "verify", str(second.path), str(first.path),
            "--network", str(descriptor), "--online", "--tiles-url", bucket_url, "--json",
        ],
        out=out,
    )  # fmt: skip
    verdicts = json.loads(out.getvalue())
    assert code == 1  # the superseded one is not authentic
    assert [v["result"] for v in verdicts] == ["authentic", "not_registered"]
