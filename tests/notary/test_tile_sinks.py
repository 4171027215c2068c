"""Tile sinks against real storage: a directory, and a real S3 server (SeaweedFS on 127.0.0.1),
including an outage in the middle of publishing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogSettings
from exporter_desk.notary.tile_sinks import DirectorySink, S3Sink, TileSinkError
from exporter_desk.trustnet import Checkpoint, checkpoint_body, merkle, parse_proof
from exporter_desk.trustnet.tiles import (
    CHECKPOINT_PATH,
    HttpTileFetcher,
    TileReader,
    TileUnavailableError,
)
from tests.notary.helpers import Member, entry_bytes, free_port, new_key_and_csr
from tests.notary.s3server import WeedS3


def test_directory_sink_writes_files_where_the_urls_point(tmp_path: Path) -> None:
    sink = DirectorySink(tmp_path / "tiles")
    sink.put("tile/0/x001/234", b"\x01" * 32)
    sink.put(CHECKPOINT_PATH, b"note\n", mutable=True)
    assert (tmp_path / "tiles" / "tile" / "0" / "x001" / "234").read_bytes() == b"\x01" * 32
    assert sink.get(CHECKPOINT_PATH) == b"note\n"
    assert sink.get("tile/0/000") is None


def test_directory_sink_that_cannot_write_says_so(tmp_path: Path) -> None:
    (tmp_path / "tiles").write_text("a file where the folder should be")
    with pytest.raises(TileSinkError) as caught:
        DirectorySink(tmp_path / "tiles").put("tile/0/000", b"x")
    assert "checkpoint is held back" in caught.value.user_message


def test_s3_sink_refuses_an_endpoint_that_is_not_a_url() -> None:
    with pytest.raises(TileSinkError):
        S3Sink("ftp://127.0.0.1:1", "tiles")


def test_s3_upload_to_a_dead_endpoint_is_retried_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    sleeps: list[float] = []
    sink = S3Sink(
        f"http://127.0.0.1:{free_port()}",
        "tiles",
        attempts=3,
        backoff=0.1,
        timeout=1,
        sleep=sleeps.append,
    )
    with pytest.raises(TileSinkError, match="after 3 tries"):
        sink.put("tile/0/000", b"\x00" * 32)
    assert sleeps == [0.1, 0.2]


@pytest.mark.slow
def test_s3_sink_stores_objects_readable_over_plain_http(s3_server: WeedS3) -> None:
    bucket_url = s3_server.create_bucket("sink-roundtrip")
    sink = S3Sink(s3_server.url, "sink-roundtrip", prefix="logs/one")
    sink.put("tile/0/000.p/1", b"\x07" * 32)
    sink.put(CHECKPOINT_PATH, b"origin\n1\nroot\n", mutable=True)
    assert sink.get("tile/0/000.p/1") == b"\x07" * 32
    assert sink.get("tile/0/001") is None
    response = requests.get(f"{bucket_url}/logs/one/tile/0/000.p/1", timeout=5)
    assert response.status_code == 200 and response.content == b"\x07" * 32
    assert response.headers["Content-Type"] == "application/octet-stream"
    checkpoint = requests.get(f"{bucket_url}/logs/one/checkpoint", timeout=5)
    assert checkpoint.headers["Content-Type"].startswith("text/plain")


def _enrol(net: LocalNetwork) -> Member:
    key, csr = new_key_and_csr()
    enrolment = net.enrol("Outage Trading Ltd", "REG-S3", csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def _wait_for(check: object, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except TileUnavailableError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_s3_outage_delays_the_published_checkpoint_and_loses_nothing(
    s3_server: WeedS3, tmp_path: Path
) -> None:
    bucket_url = s3_server.create_bucket("outage")
    sink = S3Sink(s3_server.url, "outage", attempts=2, backoff=0.05, timeout=1)
    settings = LogSettings(tiles=sink, tiles_retry_delay=0.2)
    reader = TileReader(HttpTileFetcher(bucket_url, attempts=1, timeout=2), cache_tiles=16)
    with LocalNetwork(tmp_path / "net", origin="outage.test/log", settings=settings) as net:
        publisher = net.service.tiles
        assert publisher is not None
        member = _enrol(net)
        before = [
            net.submit(entry_bytes(member, f"A-{n}", b"a%d" % n), member.token) for n in range(260)
        ]
        _wait_for(lambda: reader.checkpoint() == net.checkpoint(), "tiles before the outage")
        published_before = publisher.published_size

        s3_server.stop()  # the outage
        during = [
            parse_proof(net.submit(entry_bytes(member, f"B-{n}", b"b%d" % n), member.token))
            for n in range(30)
        ]
        _wait_for(lambda: publisher.failures > 0, "a failed publishing round")
        assert publisher.published_size == published_before  # held back, not skipped
        assert all(r.index >= published_before for r in during)  # receipts kept coming

        s3_server.start()
        _wait_for(lambda: reader.checkpoint() == net.checkpoint(), "tiles after the outage")
        latest = Checkpoint.parse(checkpoint_body(net.checkpoint()))
        assert reader.root(latest.size) == latest.root_hash
        everything = reader.entries(0, latest.size, latest.size)
        for receipt in during:
            assert everything[receipt.index] == receipt.extra
            merkle.verify_inclusion(
                merkle.leaf_hash(receipt.extra),
                receipt.index,
                latest.size,
                reader.inclusion_proof(receipt.index, latest.size),
                latest.root_hash,
            )
        assert len(before) == 260 and len(everything) == latest.size


def test_serve_with_an_s3_endpoint_but_no_bucket_is_a_setup_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from exporter_desk.notary.cli import main

    code = main(["serve", "--data", str(tmp_path / "log"), "--tiles-s3", "http://127.0.0.1:1"])
    assert code == 1
    assert "--tiles-bucket" in capsys.readouterr().err
