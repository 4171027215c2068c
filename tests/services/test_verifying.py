"""The verifying use cases both front ends share: the online checker and the saved report."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from exporter_desk.notary.local import LOCAL_API_URL
from exporter_desk.services.verifying import (
    ONLINE_ATTEMPTS,
    FileNotChecked,
    ReportItem,
    online_checker,
    save_report,
    verdicts_to_json,
    verify_files,
)
from exporter_desk.signing import CertificateAuthority
from exporter_desk.verify import CheckStatus, Result, Step, Trust, verify_pdf
from tests.verify._build import ACME, Issued, TestLog, draw_revision_one, issue


class Busy(ThreadingHTTPServer):
    """A network that answers every request "503 busy" and counts what it was asked."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.paths.append(self.path)
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


@pytest.fixture
def busy() -> Iterator[Busy]:
    server = Busy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def log(now: datetime) -> TestLog:
    return TestLog("services.test.example/log", CertificateAuthority.create("Member CA", now=now))


@pytest.fixture(scope="module")
def issued(log: TestLog, now: datetime) -> Issued:
    return issue(draw_revision_one("SRV-1"), log.ca.issue_credentials(ACME, now=now), log, when=now)


def test_no_checker_when_only_the_local_network_is_pinned(log: TestLog) -> None:
    local = replace(log.descriptor, api_url=LOCAL_API_URL)
    assert online_checker(Trust(networks=(local,))) is None
    assert online_checker(Trust()) is None


def test_the_checker_asks_the_pinned_network_a_bounded_number_of_times(
    busy: Busy, log: TestLog, issued: Issued, now: datetime
) -> None:
    trust = Trust(networks=(replace(log.descriptor, api_url=busy.url),))
    checker = online_checker(trust)
    assert checker is not None

    verdict = verify_pdf(issued.pdf, trust, now=now, online=checker)

    assert busy.paths == ["/v1/checkpoint"] * ONLINE_ATTEMPTS  # retried once, then given up
    assert verdict.result is Result.AUTHENTIC  # a busy network leaves the offline verdict
    assert verdict.check(Step.STATUS).status is CheckStatus.NOT_APPLICABLE


def test_the_saved_report_names_each_file_and_what_was_found(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    verdicts = verify_files([broken], Trust())
    items: list[ReportItem] = [*verdicts, FileNotChecked(tmp_path / "odd.pdf", "It broke.")]
    target = tmp_path / "reports" / "verification.json"

    save_report(target, items)

    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved[0]["file"] == str(broken) and saved[0]["result"] == "unreadable"
    assert saved[0]["checks"] == verdicts[0].verdict.to_json()["checks"]
    assert saved[1] == {"file": str(tmp_path / "odd.pdf"), "error": "It broke."}
    assert json.loads(verdicts_to_json(items)) == saved  # what `verify --json` prints
